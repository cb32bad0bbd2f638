package dev.winnow.train.data;

import dev.winnow.WinnowException;
import dev.winnow.io.DelimitedReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The classes of a dataset whose labels are strings (the CSV and text readers): the distinct labels of the
 * training split, sorted numerically when all are numbers and as strings otherwise; a label's class is its
 * position in that order, so the same training file gives the same classes on every run.
 */
final class LabelClasses {
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    private LabelClasses(List<String> names) {
        this.names = List.copyOf(names);
        for (int c = 0; c < names.size(); c++) {
            index.put(names.get(c), c);
        }
    }

    /** The classes of the training split's labels. */
    static LabelClasses of(Collection<String> trainingLabels) {
        boolean numeric = trainingLabels.stream().allMatch(LabelClasses::isNumber);
        TreeSet<String> distinct = new TreeSet<>(numeric
                ? Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                : Comparator.<String>naturalOrder());
        distinct.addAll(trainingLabels);
        return new LabelClasses(new ArrayList<>(distinct));
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The class names, in class order. */
    List<String> names() {
        return names;
    }

    int size() {
        return names.size();
    }

    /** The class of {@code label}, read at {@code file:line}; a label the training split lacks is an error there. */
    int classOf(String label, Path file, int line) {
        Integer y = index.get(label);
        if (y == null) {
            throw new WinnowException(file + ":" + line + ": label '" + WinnowException.shown(label)
                    + "' does not occur in the training split");
        }
        return y;
    }
}
