package dev.winnow.score;

import java.util.Arrays;

/** Per-example mean of values that may be NaN (left out), in double precision; O(N) memory. */
final class RunMean {
    private final double[] sum;
    private final int[] count;

    RunMean(int n) {
        sum = new double[n];
        count = new int[n];
    }

    void reset() {
        Arrays.fill(sum, 0);
        Arrays.fill(count, 0);
    }

    /** Adds {@code v[i]} to example i's mean, unless it is NaN. */
    void add(float[] v) {
        double[] s = sum;
        int[] c = count;
        for (int i = 0; i < s.length; i++) {
            float x = v[i];
            if (x == x) {
                s[i] += x;
                c[i]++;
            }
        }
    }

    /** The mean of each example, NaN where nothing was added; written into {@code out} and returned. */
    float[] mean(float[] out) {
        for (int i = 0; i < sum.length; i++) {
            out[i] = count[i] == 0 ? Float.NaN : (float) (sum[i] / count[i]);
        }
        return out;
    }

    float[] mean() {
        return mean(new float[sum.length]);
    }
}
