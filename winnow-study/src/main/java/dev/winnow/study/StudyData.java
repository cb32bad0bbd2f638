package dev.winnow.study;

import java.util.List;

/**
 * The training set of a study as the runner and the report see it: N examples in index order with their
 * ids and (clean) labels, and, for the report's example grids, their pixels or text.
 */
public interface StudyData {
    /** The dataset spec it was loaded from, e.g. {@code fashion-mnist}. */
    String name();

    /** N, the number of training examples. */
    int size();

    /** C, the number of classes. */
    int classes();

    /** The class of each training example, index order (before any label noise). */
    int[] labels();

    /** The id of each training example, index order (the ids the dynamics store and keep-lists use). */
    long[] ids();

    /** Names of the classes, or an empty list. */
    default List<String> classNames() {
        return List.of();
    }

    /** {@code {height, width}} of a grayscale image example, or {@code null} when the data are not images. */
    default int[] imageShape() {
        return null;
    }

    /** Pixels of example {@code index}, row-major, each in [0, 1]; only when {@link #imageShape()} is set. */
    default float[] image(int index) {
        throw new UnsupportedOperationException("not image data");
    }

    /** Text of example {@code index}, or {@code null} when the data are not text. */
    default String text(int index) {
        return null;
    }
}
