package dev.winnow.quality;

import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Outliers in feature space: each example's Euclidean distance from the mean of its class's unit features
 * (the class centre), and the examples ranked farthest first (ties by index). The distance lies in [0, 2].
 *
 * @param distance the distance of each example (index order)
 * @param order    example indices, farthest first
 */
public record Outliers(double[] distance, int[] order) {
    /** The distances of rows {@code f} labelled {@code labels} from their class centres, over {@code c} classes. */
    public static Outliers of(UnitFeatures f, int[] labels, int c) {
        int n = f.n();
        int d = f.d();
        double[] centre = new double[c * d];
        int[] count = new int[c];
        float[] rows = f.rows();
        for (int i = 0; i < n; i++) {
            count[labels[i]]++;
            for (int j = 0; j < d; j++) {
                centre[labels[i] * d + j] += rows[i * d + j];
            }
        }
        for (int k = 0; k < c; k++) {
            for (int j = 0; j < d; j++) {
                centre[k * d + j] /= Math.max(1, count[k]);
            }
        }
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double x = rows[i * d + j] - centre[labels[i] * d + j];
                s += x * x;
            }
            dist[i] = Math.sqrt(s);
        }
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -dist[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        return new Outliers(dist, order);
    }

    /** The CSV {@code id,label,distance}, farthest first. */
    public String csv(long[] ids, int[] labels) {
        StringBuilder sb = new StringBuilder("id,label,distance\n");
        for (int i : order) {
            sb.append(ids[i]).append(',').append(labels[i]).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", distance[i])).append('\n');
        }
        return sb.toString();
    }
}
