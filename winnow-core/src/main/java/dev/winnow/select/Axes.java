package dev.winnow.select;

/**
 * The first principal axes of a set of feature rows, by power iteration from fixed starting vectors (so the same
 * rows give the same axes): what {@link KCenterGreedy} projects centres on to rule most of them out with one
 * subtraction. Any unit vector gives a valid bound; principal axes give the tightest cheap ones.
 */
final class Axes {
    private static final int ITERATIONS = 12;

    private Axes() {
    }

    /**
     * {@code count} orthonormal directions of the {@code n} rows of {@code x} (each of length 1 in double, or all
     * zeros where the rows span fewer directions).
     */
    static double[][] principal(float[] x, int n, int dim, int count) {
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < dim; t++) {
                mean[t] += x[i * dim + t];
            }
        }
        for (int t = 0; t < dim; t++) {
            mean[t] /= n;
        }
        // at most 4096 rows, evenly spaced, suffice to find the axes
        int step = Math.max(1, n / 4096);
        double[][] axes = new double[count][];
        for (int c = 0; c < count; c++) {
            double[] v = new double[dim];
            for (int t = 0; t < dim; t++) {
                v[t] = ((t * 31 + c * 17) % 7) - 3 + 0.5; // a fixed start, not orthogonal to typical axes
            }
            for (int it = 0; it < ITERATIONS; it++) {
                orthogonalise(v, axes, c);
                normalise(v);
                double[] w = new double[dim];
                for (int i = 0; i < n; i += step) {
                    double p = 0;
                    for (int t = 0; t < dim; t++) {
                        p += (x[i * dim + t] - mean[t]) * v[t];
                    }
                    for (int t = 0; t < dim; t++) {
                        w[t] += p * (x[i * dim + t] - mean[t]);
                    }
                }
                v = w;
            }
            // twice, so that the axes are orthonormal to rounding; a direction the data no longer spans is dropped
            // (all zeros: it bounds nothing, but a wrong unit vector would overstate the bound)
            double before = norm(v);
            orthogonalise(v, axes, c);
            orthogonalise(v, axes, c);
            if (!(norm(v) > 1e-6 * before)) {
                java.util.Arrays.fill(v, 0);
            } else {
                normalise(v);
            }
            axes[c] = v;
        }
        return axes;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a * a;
        }
        return Math.sqrt(s);
    }

    private static void orthogonalise(double[] v, double[][] axes, int before) {
        for (int c = 0; c < before; c++) {
            double p = 0;
            for (int t = 0; t < v.length; t++) {
                p += v[t] * axes[c][t];
            }
            for (int t = 0; t < v.length; t++) {
                v[t] -= p * axes[c][t];
            }
        }
    }

    private static void normalise(double[] v) {
        double norm = norm(v);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            java.util.Arrays.fill(v, 0); // degenerate: the zero vector bounds nothing and so is always safe
            return;
        }
        for (int t = 0; t < v.length; t++) {
            v[t] /= norm;
        }
    }

    /** The dot product of {@code axis} with the row of {@code x} from {@code offset}, in double. */
    static double dot(double[] axis, float[] x, int offset) {
        double p = 0;
        for (int t = 0; t < axis.length; t++) {
            p += axis[t] * x[offset + t];
        }
        return p;
    }
}
