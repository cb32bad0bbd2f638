package dev.winnow.select;

import java.util.Arrays;

/** Per-class quotas for {@code class-balanced} selection. */
public final class Quotas {
    private Quotas() {
    }

    /**
     * Splits {@code k} over classes in proportion to their sizes by largest remainder:
     * {@code q_c = floor(k * N_c / N)}, then the {@code k - sum q_c} leftover go one each to the classes
     * with the largest remainders {@code k * N_c mod N}, ties to the smaller class label.
     *
     * @param k     total budget, 0 &lt;= k &lt;= N
     * @param sizes class sizes in ascending order of class label (all positive)
     * @return the quota of each class, same order, summing to k
     */
    public static int[] largestRemainder(int k, int[] sizes) {
        long total = 0;
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("class sizes must be positive");
            }
            total += s;
        }
        if (k < 0 || k > total) {
            throw new IllegalArgumentException("k = " + k + " outside [0, " + total + "]");
        }
        int c = sizes.length;
        int[] q = new int[c];
        long[] order = new long[c];
        long given = 0;
        for (int i = 0; i < c; i++) {
            long prod = (long) k * sizes[i];
            q[i] = (int) (prod / total);
            long rem = prod % total;
            given += q[i];
            // ascending order of (remainder descending, label ascending)
            order[i] = ((total - 1 - rem) << 32) | i;
        }
        int leftover = (int) (k - given);
        if (leftover > 0) {
            Arrays.sort(order);
            for (int j = 0; j < leftover; j++) {
                q[(int) (order[j] & 0xFFFFFFFFL)]++;
            }
        }
        return q;
    }
}
