package dev.winnow.select;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.npy.NpyArray;

import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * The features h (the input of the last layer) of N examples, one row of D floats per example in the order of
 * the store (and of the {@link dev.winnow.io.ScoreTable} the selection reads with them): what the feature
 * strategies {@code moderate}, {@code kcenter} and {@code d2} select on. Every value is finite, checked on
 * construction.
 *
 * <p>Distances are squared Euclidean distances computed in double by {@link #distance2}, one fixed formula
 * ({@link SquaredDistance}, docs/selection.md), so that every strategy and every engine compares the same numbers.
 * Features of different runs live in different spaces: a selection reads one run ({@link #fromStore}), never an
 * average.
 */
public final class Features {
    private final float[] values;
    private final int n;
    private final int dim;
    private final String source;

    /**
     * Features of {@code n} examples, {@code dim} each, row-major in {@code values} (which it keeps, not copies);
     * {@code source} names them in messages (a file, {@code run 0 of DIR}).
     *
     * @throws WinnowException naming the source and the row when a value is NaN or infinite
     */
    public Features(float[] values, int n, int dim, String source) {
        this.source = Objects.requireNonNull(source, "source");
        if (n < 1 || dim < 1) {
            throw new WinnowException(source + ": no features (" + n + " examples of dimension " + dim + ")");
        }
        if (values.length != (long) n * dim) {
            throw new IllegalArgumentException(source + ": " + values.length + " values for " + n + " × " + dim);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new WinnowException(source + ": the features of the example at row " + (i / dim + 1)
                        + " hold " + values[i] + " (coordinate " + i % dim + "); selection needs finite features");
            }
        }
        this.values = values;
        this.n = n;
        this.dim = dim;
    }

    /**
     * The features of run {@code run} of {@code store} ({@code features.npy} [R, N, D]). A store without
     * features, or a value that is NaN or infinite, is a {@link WinnowException} naming the file (the data
     * fail); a run the store does not have is an {@link IllegalArgumentException} (a usage error).
     */
    public static Features fromStore(DynamicsStore store, int run) {
        NpyArray a = store.features().orElseThrow(() -> new WinnowException(store.dir().resolve("features.npy")
                + ": missing; feature strategies (moderate, kcenter, d2) need the features the recorder writes "
                + "(winnow train --features, or winnow import --features)"));
        int runs = Math.toIntExact(a.dim(0));
        if (run < 0 || run >= runs) {
            throw new IllegalArgumentException("--feature-run " + run + ": " + a.path() + " holds "
                    + (runs == 1 ? "run 0 only" : "runs 0 to " + (runs - 1)));
        }
        int n = Math.toIntExact(a.dim(1));
        int d = Math.toIntExact(a.dim(2));
        long count = (long) n * d;
        if (count > Integer.MAX_VALUE - 8) {
            throw new WinnowException(a.path() + ": " + n + " × " + d + " features do not fit one selection "
                    + "(at most 2^31 values)");
        }
        float[] v = new float[(int) count];
        // in windows of whole rows, each far below the 2 GiB a mapping can hold
        int rowsPerWindow = Math.max(1, (1 << 26) / d);
        for (int r0 = 0; r0 < n; r0 += rowsPerWindow) {
            int rows = Math.min(rowsPerWindow, n - r0);
            FloatBuffer fb = a.floats(((long) run * n + r0) * d, rows * d);
            fb.get(v, r0 * d, rows * d);
        }
        return new Features(v, n, d, a.path() + " (run " + run + ")");
    }

    /** N, the number of examples. */
    public int size() {
        return n;
    }

    /** D, the dimension of a feature vector. */
    public int dim() {
        return dim;
    }

    /** What the features are, for messages: a file and run. */
    public String source() {
        return source;
    }

    /** Coordinate {@code j} of example row {@code i}. */
    public float get(int i, int j) {
        return values[i * dim + j];
    }

    /** The row-major values (shared, not copied). */
    float[] values() {
        return values;
    }

    /**
     * The squared Euclidean distance of rows {@code i} and {@code j}, in double, by the one fixed formula of
     * {@link SquaredDistance} (docs/selection.md).
     */
    public double distance2(int i, int j) {
        return SquaredDistance.of(values, i * dim, values, j * dim, dim);
    }

    /** The same formula from a double point {@code y} (a class median) to row {@code i}. */
    double distance2(int i, double[] y) {
        return SquaredDistance.of(values, i * dim, y, dim);
    }
}
