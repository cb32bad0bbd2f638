package dev.winnow.select;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * {@code d2}: difficulty and diversity by message passing on a k-nearest-neighbour graph of the features
 * (Maharana, Yadav &amp; Bansal 2023, "D2 Pruning: Message Passing for Balancing Diversity and Difficulty in Data
 * Pruning"). Inside one group (the whole table, or one class when class-balanced), with K = min(neighbours, N_g − 1):
 * <ol>
 *   <li>Graph: each example's K nearest others by {@link Features#distance2} (ties by key, then id); an edge's
 *       length is the Euclidean distance d = √d²; δ = the median of the positive edge lengths of the group (1 when
 *       there is none). Distances enter only as d/δ, so {@code gamma} means the same for any scale of features.</li>
 *   <li>Difficulty: s = the scores min-max scaled to [0, 1] over the group (all 1 when they are all equal).</li>
 *   <li>Forward: g_i = s_i + Σ_{j ∈ kNN(i)} w_ij s_j, with w_ij = exp(−γ d_ij / δ) (StrictMath, summed in
 *       neighbour order): an example is worth more when its neighbourhood is hard too.</li>
 *   <li>Reverse, q times: keep the example with the largest g (ties by key, then id); each not-yet-kept j in
 *       its kNN list loses w_ij · g_i, so the next picks come from elsewhere.</li>
 * </ol>
 * One γ serves both passes (the paper tunes γ_f and γ_r apart; its reference code fixes γ_f = 1 on raw distances).
 * The graph costs N_g² distances per group: per class it is small; over a whole large table it dominates.
 */
final class D2Pruning {
    private D2Pruning() {
    }

    /** Marks in {@code kept} the {@code q} examples d2 picks among {@code rows}, whose scores are {@code scores}. */
    static void select(Features f, int[] rows, int q, float[] scores, int neighbours, double gamma,
                       FeatureSelector.Order order, boolean[] kept) {
        int len = rows.length;
        int k = Math.min(neighbours, len - 1);
        int[] nbr = new int[len * k];
        double[] nd = new double[len * k];
        IntStream.range(0, len).parallel().forEach(i -> nearest(f, rows, i, k, order, nbr, nd));
        for (int e = 0; e < nd.length; e++) {
            nd[e] = Math.sqrt(nd[e]);
        }
        double delta = medianPositive(nd);
        double[] w = new double[nd.length];
        for (int e = 0; e < nd.length; e++) {
            w[e] = StrictMath.exp(-gamma * nd[e] / delta);
        }
        double[] s = scaled(scores, rows);
        double[] g = new double[len];
        for (int i = 0; i < len; i++) {
            double sum = s[i];
            for (int r = 0; r < k; r++) {
                sum += w[i * k + r] * s[nbr[i * k + r]];
            }
            g[i] = sum;
        }
        Heap heap = new Heap(g, rows, order);
        boolean[] taken = new boolean[len];
        for (int t = 0; t < q; t++) {
            int i = heap.pollBest();
            taken[i] = true;
            kept[rows[i]] = true;
            for (int r = 0; r < k; r++) {
                int j = nbr[i * k + r];
                if (!taken[j]) {
                    g[j] -= w[i * k + r] * g[i];
                    heap.changed(j);
                }
            }
        }
    }

    /** The k nearest others of local example i: nbr and squared distances in rank order. */
    private static void nearest(Features f, int[] rows, int i, int k, FeatureSelector.Order order, int[] nbr,
                                double[] nd) {
        if (k == 0) {
            return;
        }
        int base = i * k;
        int filled = 0;
        for (int j = 0; j < rows.length; j++) {
            if (j == i) {
                continue;
            }
            double d = f.distance2(rows[i], rows[j]);
            if (filled == k && !closer(d, j, nd[base + k - 1], nbr[base + k - 1], rows, order)) {
                continue;
            }
            int at = filled == k ? k - 1 : filled++;
            while (at > 0 && closer(d, j, nd[base + at - 1], nbr[base + at - 1], rows, order)) {
                nd[base + at] = nd[base + at - 1];
                nbr[base + at] = nbr[base + at - 1];
                at--;
            }
            nd[base + at] = d;
            nbr[base + at] = j;
        }
    }

    private static boolean closer(double d, int j, double d2, int j2, int[] rows, FeatureSelector.Order order) {
        int c = Double.compare(d, d2);
        return c < 0 || (c == 0 && order.compare(rows[j], rows[j2]) < 0);
    }

    /** The median of the positive values (mean of the two middle ones for an even count); 1 when none is positive. */
    static double medianPositive(double[] v) {
        double[] p = Arrays.stream(v).filter(x -> x > 0).sorted().toArray();
        if (p.length == 0) {
            return 1.0;
        }
        int m = p.length / 2;
        return (p.length & 1) == 1 ? p[m] : (p[m - 1] + p[m]) / 2.0;
    }

    /** The group's scores min-max scaled to [0, 1] in double; all 1 when they are equal. */
    static double[] scaled(float[] scores, int[] rows) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int r : rows) {
            lo = Math.min(lo, scores[r]);
            hi = Math.max(hi, scores[r]);
        }
        double[] s = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            s[j] = hi == lo ? 1.0 : ((double) scores[rows[j]] - lo) / (hi - lo);
        }
        return s;
    }

    /** A binary max-heap of local examples by (g descending, key, id) with changed keys fixed in place. */
    private static final class Heap {
        private final double[] g;
        private final int[] rows;
        private final FeatureSelector.Order order;
        private final int[] heap;
        private final int[] pos;
        private int size;

        Heap(double[] g, int[] rows, FeatureSelector.Order order) {
            this.g = g;
            this.rows = rows;
            this.order = order;
            this.size = g.length;
            this.heap = new int[size];
            this.pos = new int[size];
            for (int i = 0; i < size; i++) {
                heap[i] = i;
                pos[i] = i;
            }
            for (int p = size / 2 - 1; p >= 0; p--) {
                down(p);
            }
        }

        private boolean above(int a, int b) {
            int c = Double.compare(g[a], g[b]);
            return c > 0 || (c == 0 && order.compare(rows[a], rows[b]) < 0);
        }

        int pollBest() {
            int best = heap[0];
            size--;
            if (size > 0) {
                move(heap[size], 0);
                down(0);
            }
            pos[best] = -1;
            return best;
        }

        /** Example i's g changed: sift it into place. */
        void changed(int i) {
            int p = pos[i];
            if (p >= 0) {
                down(p);
                up(pos[i]);
            }
        }

        private void move(int i, int p) {
            heap[p] = i;
            pos[i] = p;
        }

        private void down(int p) {
            int i = heap[p];
            while (true) {
                int c = 2 * p + 1;
                if (c >= size) {
                    break;
                }
                if (c + 1 < size && above(heap[c + 1], heap[c])) {
                    c++;
                }
                if (!above(heap[c], i)) {
                    break;
                }
                move(heap[c], p);
                p = c;
            }
            move(i, p);
        }

        private void up(int p) {
            int i = heap[p];
            while (p > 0) {
                int parent = (p - 1) / 2;
                if (!above(i, heap[parent])) {
                    break;
                }
                move(heap[parent], p);
                p = parent;
            }
            move(i, p);
        }
    }
}
