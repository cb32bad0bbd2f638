package dev.winnow.quality;

import dev.winnow.WinnowException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Label issues by confident learning (Northcutt, Jiang &amp; Chuang 2021, "Confident Learning: Estimating
 * Uncertainty in Dataset Labels"), from predicted probabilities p (N × C) and the given labels:
 * <ol>
 *   <li>per-class threshold t_j = mean of p_j over the examples labelled j;</li>
 *   <li>confident joint C[k][j]: each example labelled k whose set {j : p_j ≥ t_j} is not empty is counted
 *       under (k, the j of that set with the largest p_j; ties to the smaller j);</li>
 *   <li>calibrated: row k scaled to sum to n_k, the number labelled k (a row with no count puts all n_k on
 *       the diagonal), then rounded so the row keeps its total (floor each, the remaining units to the
 *       largest fractional parts, ties to the smaller j);</li>
 *   <li>the estimated number of label issues is the sum of the calibrated joint off its diagonal, and in cell
 *       (k, j ≠ k) the examples labelled k with the n_kj largest margins p_j − p_k are flagged (prune by noise
 *       rate; ties by index); an example flagged in several cells suggests the j with the largest p_j.</li>
 * </ol>
 * Flagged examples are ranked by their self-confidence p_given, lowest first (ties by index). A class that no
 * example carries has no threshold and is never a suggested class; a class with a single example is refused
 * (one example cannot set a threshold worth the name).
 */
public final class ConfidentLearning {
    private ConfidentLearning() {
    }

    /**
     * What confident learning found.
     *
     * @param thresholds      t_j (NaN for a class no example carries)
     * @param confidentJoint  C[k][j] before calibration
     * @param calibrated      the calibrated, rounded joint; its off-diagonal cells are the issue estimates
     * @param estimatedIssues the sum of {@code calibrated} off its diagonal
     * @param flagged         indices of the flagged examples, lowest self-confidence first
     * @param suggested       the class each flagged example probably belongs to (parallel to {@code flagged})
     * @param quality         self-confidence p_given of every example (index order)
     */
    public record Result(double[] thresholds, long[][] confidentJoint, long[][] calibrated, long estimatedIssues,
                         int[] flagged, int[] suggested, float[] quality) {
    }

    /**
     * Runs confident learning on {@code p} (N × C, row-major, each row a distribution) and {@code labels}.
     * {@code source} names the inputs in a message, {@code ids} the examples.
     */
    public static Result find(float[] p, int[] labels, int c, long[] ids, String source) {
        int n = labels.length;
        if (p.length != (long) n * c) {
            throw new IllegalArgumentException(p.length + " probabilities for " + n + " examples of " + c + " classes");
        }
        long[] count = new long[c];
        double[] sum = new double[c];
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            for (int j = 0; j < c; j++) {
                if (!Float.isFinite(p[i * c + j])) {
                    throw new WinnowException(source + ": the probabilities of example id " + ids[i]
                            + " are not finite (was it never observed?)");
                }
            }
            count[y]++;
            sum[y] += p[i * c + y];
        }
        for (int j = 0; j < c; j++) {
            if (count[j] == 1) {
                throw new WinnowException(source + ": class " + j + " has a single example (id "
                        + ids[firstOf(labels, j)] + "); confident learning needs at least two per class to set its threshold");
            }
        }
        double[] t = new double[c];
        for (int j = 0; j < c; j++) {
            t[j] = count[j] == 0 ? Double.NaN : sum[j] / count[j];
        }
        long[][] joint = new long[c][c];
        for (int i = 0; i < n; i++) {
            int best = confidentClass(p, i, c, t);
            if (best >= 0) {
                joint[labels[i]][best]++;
            }
        }
        long[][] cal = calibrate(joint, count);
        long issues = 0;
        for (int k = 0; k < c; k++) {
            for (int j = 0; j < c; j++) {
                issues += k == j ? 0 : cal[k][j];
            }
        }
        int[] suggested = new int[n];
        Arrays.fill(suggested, -1);
        List<List<Integer>> byLabel = new ArrayList<>();
        for (int k = 0; k < c; k++) {
            byLabel.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            byLabel.get(labels[i]).add(i);
        }
        for (int k = 0; k < c; k++) {
            for (int j = 0; j < c; j++) {
                long m = j == k ? 0 : Math.min(cal[k][j], byLabel.get(k).size());
                if (m == 0) {
                    continue;
                }
                final int jj = j;
                final int kk = k;
                List<Integer> cell = new ArrayList<>(byLabel.get(k));
                cell.sort(Comparator.comparingDouble((Integer i) -> -((double) p[i * c + jj] - p[i * c + kk]))
                        .thenComparingInt(i -> i));
                for (int r = 0; r < m; r++) {
                    int i = cell.get(r);
                    if (suggested[i] < 0 || p[i * c + j] > p[i * c + suggested[i]]) {
                        suggested[i] = j;
                    }
                }
            }
        }
        float[] quality = new float[n];
        for (int i = 0; i < n; i++) {
            quality[i] = p[i * c + labels[i]];
        }
        Integer[] flaggedBoxed = java.util.stream.IntStream.range(0, n).filter(i -> suggested[i] >= 0).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> quality[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
        int[] flagged = new int[flaggedBoxed.length];
        int[] sugg = new int[flaggedBoxed.length];
        for (int r = 0; r < flagged.length; r++) {
            flagged[r] = flaggedBoxed[r];
            sugg[r] = suggested[flagged[r]];
        }
        return new Result(t, joint, cal, issues, flagged, sugg, quality);
    }

    /** The class j with p_j ≥ t_j and the largest p_j (ties to the smaller j); −1 when none reaches its threshold. */
    static int confidentClass(float[] p, int i, int c, double[] t) {
        int best = -1;
        for (int j = 0; j < c; j++) {
            double v = p[i * c + j];
            if (!Double.isNaN(t[j]) && v >= t[j] && (best < 0 || v > p[i * c + best])) {
                best = j;
            }
        }
        return best;
    }

    /** Rows scaled to the label counts, rounded keeping each row's total. */
    static long[][] calibrate(long[][] joint, long[] labelCounts) {
        int c = joint.length;
        long[][] out = new long[c][c];
        for (int k = 0; k < c; k++) {
            long row = 0;
            for (long v : joint[k]) {
                row += v;
            }
            if (row == 0) {
                out[k][k] = labelCounts[k];
                continue;
            }
            double[] scaled = new double[c];
            long floors = 0;
            for (int j = 0; j < c; j++) {
                scaled[j] = (double) joint[k][j] * labelCounts[k] / row;
                out[k][j] = (long) Math.floor(scaled[j]);
                floors += out[k][j];
            }
            Integer[] order = new Integer[c];
            for (int j = 0; j < c; j++) {
                order[j] = j;
            }
            final int kk = k;
            Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -(scaled[j] - out[kk][j]))
                    .thenComparingInt(j -> j));
            for (long u = labelCounts[k] - floors, r = 0; u > 0; u--, r++) {
                out[k][order[(int) r]]++;
            }
        }
        return out;
    }

    private static int firstOf(int[] labels, int j) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == j) {
                return i;
            }
        }
        return -1;
    }
}
