package dev.winnow.select;

import dev.winnow.WinnowException;

import java.util.Arrays;

/**
 * The examples grouped by class, classes in ascending label order: what {@code --class-balanced} runs the
 * strategy on, one group per class. Built by a counting sort when the labels are small, else by sorting the
 * distinct labels.
 */
final class ClassPartition {
    /** The distinct labels, ascending. */
    final int[] labels;
    /** The size of each class, in label order. */
    final int[] sizes;
    /** Where each class starts in {@link #members}. */
    final int[] start;
    /** The example rows, class by class, each class in row order. */
    final int[] members;

    private ClassPartition(int[] labels, int[] sizes, int[] start, int[] members) {
        this.labels = labels;
        this.sizes = sizes;
        this.start = start;
        this.members = members;
    }

    static ClassPartition of(int[] y) {
        int n = y.length;
        int max = 0;
        for (int v : y) {
            if (v < 0) {
                throw new WinnowException("negative class label " + v);
            }
            max = Math.max(max, v);
        }
        int[] slot = new int[n];
        int[] distinct;
        if (max < (1 << 24)) {
            int[] count = new int[max + 1];
            for (int v : y) {
                count[v]++;
            }
            int c = 0;
            for (int cnt : count) {
                if (cnt > 0) {
                    c++;
                }
            }
            distinct = new int[c];
            int[] slotOf = count; // reuse: label -> slot
            c = 0;
            for (int v = 0; v <= max; v++) {
                if (count[v] > 0) {
                    distinct[c] = v;
                    slotOf[v] = c++;
                } else {
                    slotOf[v] = -1;
                }
            }
            for (int i = 0; i < n; i++) {
                slot[i] = slotOf[y[i]];
            }
        } else {
            int[] sorted = y.clone();
            Arrays.sort(sorted);
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[c++] = sorted[i];
                }
            }
            distinct = Arrays.copyOf(sorted, c);
            for (int i = 0; i < n; i++) {
                slot[i] = Arrays.binarySearch(distinct, y[i]);
            }
        }
        int c = distinct.length;
        int[] sizes = new int[c];
        for (int s : slot) {
            sizes[s]++;
        }
        int[] start = new int[c];
        for (int j = 1; j < c; j++) {
            start[j] = start[j - 1] + sizes[j - 1];
        }
        int[] fill = start.clone();
        int[] members = new int[n];
        for (int i = 0; i < n; i++) {
            members[fill[slot[i]]++] = i;
        }
        return new ClassPartition(distinct, sizes, start, members);
    }
}
