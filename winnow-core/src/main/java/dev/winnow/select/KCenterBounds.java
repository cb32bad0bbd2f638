package dev.winnow.select;

/**
 * The lower bounds of {@link KCenterGreedy}'s blocked search, on row-major arrays, that rule a centre or a member
 * out before its exact distance ({@link SquaredDistance#below}) is computed. Each is a true lower bound of
 * {@link SquaredDistance} (or carries the caller's relative margin), so a test that says "too far" never drops a
 * member the exact distance would have moved.
 */
final class KCenterBounds {
    private KCenterBounds() {
    }

    /**
     * The squared length of the difference of two points' coordinates along the first {@code axes} principal axes
     * (from offsets {@code a} of {@code p} and {@code b} of {@code q}): a lower bound of their squared distance (the
     * axes are orthonormal, so this is the squared length of a projection).
     */
    static double projected2(double[] p, int a, double[] q, int b, int axes) {
        double s = 0;
        for (int k = 0; k < axes; k++) {
            double d = p[a + k] - q[b + k];
            s += d * d;
        }
        return s;
    }

    /**
     * Whether the rows of {@code c} at offsets {@code pa} and {@code pt} are at squared distance above
     * {@code bound}, by a float sum of squares in blocks of 16 coordinates that stops once it passes the bound
     * (the bound's margin covers float rounding).
     */
    static boolean floatAbove(float[] c, int pa, int pt, int dim, double bound) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        while (i + 16 <= dim) {
            for (int e = i + 16; i < e; i += 4) {
                float d0 = c[pa + i] - c[pt + i];
                float d1 = c[pa + i + 1] - c[pt + i + 1];
                float d2 = c[pa + i + 2] - c[pt + i + 2];
                float d3 = c[pa + i + 3] - c[pt + i + 3];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            if ((s0 + s1) + (s2 + s3) > bound) {
                return true;
            }
        }
        for (; i < dim; i++) {
            float d = c[pa + i] - c[pt + i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3) > bound;
    }
}
