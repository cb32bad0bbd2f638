package dev.winnow.select;

import java.util.Arrays;

/**
 * {@code moderate} inside one class (Xia et al. 2023, "Moderate Coreset: A Universal Method of Data Selection for
 * Real-world Data-efficient Deep Learning"): the examples whose distance to the class's median feature vector is
 * neither small (prototypes) nor large (outliers, often mislabelled).
 *
 * <p>m = the coordinate-wise median of the class's features (with an even count, the mean of the two middle
 * values, in double); d² = {@link Features#distance2} from each example to m; the class sorted by d² ascending,
 * ties by random key, then id; the q examples at ranks ⌊(N_c − q)/2⌋ … ⌊(N_c − q)/2⌋ + q − 1 are kept.
 */
final class ModerateSelection {
    private ModerateSelection() {
    }

    /** Marks in {@code kept} the {@code q} moderate examples of the class whose rows are {@code rows}. */
    static void select(Features f, int[] rows, int q, FeatureSelector.Order order, boolean[] kept) {
        int len = rows.length;
        double[] median = median(f, rows);
        double[] d2 = new double[len];
        for (int j = 0; j < len; j++) {
            d2[j] = f.distance2(rows[j], median);
        }
        Integer[] rank = new Integer[len];
        for (int j = 0; j < len; j++) {
            rank[j] = j;
        }
        Arrays.sort(rank, (a, b) -> {
            int c = Double.compare(d2[a], d2[b]);
            return c != 0 ? c : order.compare(rows[a], rows[b]);
        });
        int start = (len - q) / 2;
        for (int r = start; r < start + q; r++) {
            kept[rows[rank[r]]] = true;
        }
    }

    /** The coordinate-wise median of the rows {@code rows} of {@code f}, in double. */
    static double[] median(Features f, int[] rows) {
        int len = rows.length;
        int dim = f.dim();
        double[] m = new double[dim];
        float[] col = new float[len];
        for (int t = 0; t < dim; t++) {
            for (int j = 0; j < len; j++) {
                col[j] = f.get(rows[j], t) + 0.0f; // -0 as 0
            }
            Arrays.sort(col);
            m[t] = (len & 1) == 1 ? col[len / 2] : ((double) col[len / 2 - 1] + (double) col[len / 2]) / 2.0;
        }
        return m;
    }
}
