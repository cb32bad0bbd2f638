package dev.winnow.spark;

import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Which k-means partitions a unit row must be searched in so that no pair within distance r is lost, whatever
 * the centres are. Each row is a <em>member</em> of its nearest centre's partition, and a <em>visitor</em> of
 * every other partition A whose bisecting hyperplane with its own partition B it lies within r of:
 * s(y) = (‖y − c_A‖² − ‖y − c_B‖²) / (2‖c_A − c_B‖) ≤ r. Proof that this loses nothing: s is affine in y with a
 * gradient of norm 1, so s(y) ≤ s(x) + ‖y − x‖; a member x of A has s(x) ≤ 0 (it is nearer c_A), so a pair
 * within r has s(y) ≤ r and y visits A, where it meets x. (The cruder triangle bound ‖y − c_A‖ ≤ ‖y − c_B‖ + 2r
 * is implied by it and would send more visitors.) Distances are computed in double from the float rows, so a
 * slack of {@value #SLACK} covers their rounding; two centres closer than {@value #CLOSE} are treated as one
 * place (always visited), where the division would magnify rounding.
 */
final class ClusterCover implements Serializable {
    private static final long serialVersionUID = 1L;
    static final double SLACK = 1e-6;
    static final double CLOSE = 1e-6;

    private final int k;
    private final int d;
    private final double[] centres;
    private final double[] norms;
    private final double[] between;
    private final double radius;

    /** {@code centres}: K × D row-major; {@code radius}: r, the largest distance a searched pair can have. */
    ClusterCover(double[] centres, int d, double radius) {
        this.k = centres.length / d;
        this.d = d;
        this.centres = centres;
        this.radius = radius;
        norms = new double[k];
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += centres[c * d + j] * centres[c * d + j];
            }
            norms[c] = s;
        }
        between = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double x = centres[a * d + j] - centres[b * d + j];
                    s += x * x;
                }
                between[a * k + b] = Math.sqrt(s);
            }
        }
    }

    /** K, the number of partitions. */
    int k() {
        return k;
    }

    /**
     * A row in a partition: its index, whether it is a member (else a visitor), its distance to the partition's
     * centre and its values.
     */
    record Entry(int index, boolean member, double distance, float[] values) implements Serializable {
    }

    /** The row's entries: as a member of its nearest partition (ties to the smaller one), then its visits. */
    List<Tuple2<Integer, Entry>> entries(UnitRow y) {
        float[] v = y.values();
        double yy = 0;
        for (float x : v) {
            yy += (double) x * x;
        }
        double[] dist2 = new double[k];
        int own = 0;
        for (int c = 0; c < k; c++) {
            double dot = 0;
            int o = c * d;
            for (int j = 0; j < d; j++) {
                dot += v[j] * centres[o + j];
            }
            dist2[c] = Math.max(0, yy - 2 * dot + norms[c]);
            if (dist2[c] < dist2[own]) {
                own = c;
            }
        }
        List<Tuple2<Integer, Entry>> out = new ArrayList<>(2);
        out.add(new Tuple2<>(own, new Entry(y.index(), true, Math.sqrt(dist2[own]), v)));
        for (int a = 0; a < k; a++) {
            if (a == own) {
                continue;
            }
            double gap = between[a * k + own];
            if (gap < CLOSE || (dist2[a] - dist2[own]) / (2 * gap) <= radius + SLACK) {
                out.add(new Tuple2<>(a, new Entry(y.index(), false, Math.sqrt(dist2[a]), v)));
            }
        }
        return out;
    }
}
