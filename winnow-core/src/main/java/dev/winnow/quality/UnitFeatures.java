package dev.winnow.quality;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.npy.NpyArray;

import java.nio.FloatBuffer;

/**
 * The features of one run of a store, each row scaled to unit L2 norm, so that the cosine similarity of two
 * examples is their dot product and their squared Euclidean distance is 2 − 2·cosine. Row-major N × D floats.
 * A row with a NaN or an infinity, or a row of zeros (no direction), is refused with one line naming the file
 * and the example id: a similarity with it means nothing.
 *
 * @param n    N, the number of rows
 * @param d    D, the feature dimension
 * @param rows N × D values, row-major, each row of norm 1
 */
public record UnitFeatures(int n, int d, float[] rows) {
    public UnitFeatures {
        if (n < 1 || d < 1 || rows.length != (long) n * d) {
            throw new IllegalArgumentException("features: " + rows.length + " values for " + n + " × " + d);
        }
    }

    /**
     * The store's {@code features.npy} (runs × N × D) after checking that it holds run {@code run}: fails with one
     * line when the store has no features, and with an {@link IllegalArgumentException} (a usage error) when
     * {@code run} is out of range. Shared with the search on Spark, which reads the same file in slices.
     */
    public static NpyArray featuresOf(DynamicsStore store, int run) {
        NpyArray f = store.features().orElseThrow(() -> new WinnowException(store.dir()
                + ": no features.npy (the penultimate-layer features of each run); record them with "
                + "winnow train --features, or winnow import --features"));
        if (run < 0 || run >= f.dim(0)) {
            throw new IllegalArgumentException("--feature-run " + run + ": the store holds features of runs 0.."
                    + (f.dim(0) - 1));
        }
        return f;
    }

    /** Run {@code run} of the store's {@code features.npy}, normalised; fails when the store has none. */
    public static UnitFeatures of(DynamicsStore store, int run) {
        NpyArray f = featuresOf(store, run);
        int n = store.examples();
        long dl = f.dim(2);
        if ((long) n * dl > Integer.MAX_VALUE - 8) {
            throw new WinnowException(f.path() + ": N·D = " + n * dl + " values per run, more than one array holds");
        }
        int d = (int) dl;
        float[] h = new float[n * d];
        int chunk = Math.max(1, (1 << 22) / d);
        for (int i0 = 0; i0 < n; i0 += chunk) {
            int m = Math.min(chunk, n - i0);
            FloatBuffer b = f.floats(((long) run * n + i0) * d, m * d);
            b.get(h, i0 * d, m * d);
        }
        return normalise(h, n, d, store.ids(), f.path().toString());
    }

    /**
     * Normalises {@code h} (N × D, row-major) in place. {@code ids} and {@code source} name a bad row in the
     * message.
     */
    public static UnitFeatures normalise(float[] h, int n, int d, long[] ids, String source) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * d;
            for (int j = 0; j < d; j++) {
                float v = h[o + j];
                if (!Float.isFinite(v)) {
                    throw new WinnowException(source + ": feature " + j + " of example id " + ids[i] + " is " + v
                            + " (features must be finite)");
                }
                s += (double) v * v;
            }
            if (s == 0) {
                throw new WinnowException(source + ": the features of example id " + ids[i]
                        + " are all zero, so its cosine similarity is undefined");
            }
            float inv = (float) (1 / Math.sqrt(s));
            for (int j = 0; j < d; j++) {
                h[o + j] *= inv;
            }
        }
        return new UnitFeatures(n, d, h);
    }

    /** The dot product of rows i and j (their cosine similarity), in float with four running sums. */
    public float dot(int i, int j) {
        return Vectors.dot(rows, i * d, rows, j * d, d);
    }
}
