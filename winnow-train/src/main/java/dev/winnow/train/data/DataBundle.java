package dev.winnow.train.data;

import java.util.List;

/**
 * A dataset ready for training: the train and test splits, the number of classes, the class names
 * (index = label) and, for text, the vocabulary size (token ids are in [0, vocabularySize), 0 = padding).
 * {@code description} is the provenance line recorded in manifests and metrics.
 */
public record DataBundle(String name, String description, Examples train, Examples test, int classes,
                         List<String> classNames, int vocabularySize) {
    public DataBundle {
        if (classes < 2) {
            throw new dev.winnow.WinnowException(name + ": needs at least two classes, found " + classes);
        }
        if (train.size() == 0) {
            throw new dev.winnow.WinnowException(name + ": the training split is empty");
        }
        classNames = List.copyOf(classNames);
    }

    public boolean isText() {
        return train.isText();
    }

    /** The same data with only the first {@code n} training examples (ids keep their values). */
    public DataBundle limit(int n) {
        if (n <= 0) {
            throw new dev.winnow.WinnowException("--limit must be positive, got " + n);
        }
        return n >= train.size() ? this
                : new DataBundle(name, description + ", first " + n + " training examples", train.head(n), test,
                        classes, classNames, vocabularySize);
    }
}
