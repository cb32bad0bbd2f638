package dev.winnow.select;

/**
 * The squared Euclidean distance of the feature strategies (docs/selection.md, "Distance"), written once: computed
 * in double from float32 rows, coordinate t adds {@code ((double) x_t − (double) y_t)²} to lane {@code t mod 4},
 * and d² = {@code (lane0 + lane1) + (lane2 + lane3)}. This exact order is part of the contract, so that every
 * strategy and every engine compares the same numbers. Rows are read from row-major arrays at given offsets.
 */
public final class SquaredDistance {
    private SquaredDistance() {
    }

    /** d² of the {@code dim} values of {@code x} from offset {@code a} and of {@code y} from offset {@code b}. */
    public static double of(float[] x, int a, float[] y, int b, int dim) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < dim; t += 4) {
            double d0 = (double) x[a + t] - (double) y[b + t];
            double d1 = (double) x[a + t + 1] - (double) y[b + t + 1];
            double d2 = (double) x[a + t + 2] - (double) y[b + t + 2];
            double d3 = (double) x[a + t + 3] - (double) y[b + t + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; t < dim; t++) {
            double d = (double) x[a + t] - (double) y[b + t];
            switch (t & 3) {
                case 0 -> s0 += d * d;
                case 1 -> s1 += d * d;
                case 2 -> s2 += d * d;
                default -> s3 += d * d;
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The same formula from the row of {@code x} at offset {@code a} to a double point {@code y} (a class median). */
    public static double of(float[] x, int a, double[] y, int dim) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < dim; t += 4) {
            double d0 = (double) x[a + t] - y[t];
            double d1 = (double) x[a + t + 1] - y[t + 1];
            double d2 = (double) x[a + t + 2] - y[t + 2];
            double d3 = (double) x[a + t + 3] - y[t + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; t < dim; t++) {
            double d = (double) x[a + t] - y[t];
            switch (t & 3) {
                case 0 -> s0 += d * d;
                case 1 -> s1 += d * d;
                case 2 -> s2 += d * d;
                default -> s3 += d * d;
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@link #of(float[], int, float[], int, int)}, exactly, when it is below {@code limit}; otherwise some value
     * ≥ limit (it stops early). The lanes are summed in blocks of 16 coordinates, and after each block their partial
     * sums, combined as the full formula combines them, are compared with the limit: rounded addition is monotone,
     * so once they reach it the full sum does too.
     */
    public static double below(float[] x, int a, float[] y, int b, int dim, double limit) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        while (t + 3 < dim) {
            int end = Math.min(dim - 3, t + 16);
            for (; t < end; t += 4) {
                double d0 = (double) x[a + t] - (double) y[b + t];
                double d1 = (double) x[a + t + 1] - (double) y[b + t + 1];
                double d2 = (double) x[a + t + 2] - (double) y[b + t + 2];
                double d3 = (double) x[a + t + 3] - (double) y[b + t + 3];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            if ((s0 + s1) + (s2 + s3) >= limit) {
                return Double.POSITIVE_INFINITY;
            }
        }
        for (; t < dim; t++) {
            double d = (double) x[a + t] - (double) y[b + t];
            switch (t & 3) {
                case 0 -> s0 += d * d;
                case 1 -> s1 += d * d;
                case 2 -> s2 += d * d;
                default -> s3 += d * d;
            }
        }
        return (s0 + s1) + (s2 + s3);
    }
}
