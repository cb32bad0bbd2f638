package dev.winnow.spark;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.npy.NpyArray;
import dev.winnow.quality.UnitFeatures;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One run of a store's {@code features.npy}, read by the executors: each task maps its slice of rows and
 * scales them to unit norm with the core's own code, so the rows are the floats {@code winnow duplicates}
 * compares. The store's folder must be readable at the same path by every executor (local mode, or a file
 * system the cluster shares). A bad row is refused with the core's message (the file and the example id).
 */
final class SparkFeatures implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Values per task slice (4 MiB of floats). */
    private static final int SLICE_VALUES = 1 << 20;

    private final String path;
    private final int run;
    private final int n;
    private final int d;

    private SparkFeatures(String path, int run, int n, int d) {
        this.path = path;
        this.run = run;
        this.n = n;
        this.d = d;
    }

    /** Run {@code run} of the store's features; checked by {@link UnitFeatures#featuresOf}. */
    static SparkFeatures of(DynamicsStore store, int run) {
        NpyArray f = UnitFeatures.featuresOf(store, run);
        return new SparkFeatures(f.path().toString(), run, store.examples(), Math.toIntExact(f.dim(2)));
    }

    /** N, the number of rows. */
    int n() {
        return n;
    }

    /** D, the feature dimension. */
    int d() {
        return d;
    }

    /** A slice of rows: the first row's index and the slice's ids (for the messages about bad rows). */
    private record Slice(int start, long[] ids) implements Serializable {
    }

    /** Every row, unit-scaled, in slices of about {@value #SLICE_VALUES} values (one task each). */
    JavaRDD<UnitRow> rows(JavaSparkContext sc, long[] ids) {
        int per = Math.max(1, SLICE_VALUES / d);
        List<Slice> slices = new ArrayList<>();
        for (int i = 0; i < n; i += per) {
            slices.add(new Slice(i, Arrays.copyOfRange(ids, i, Math.min(n, i + per))));
        }
        return sc.parallelize(slices, slices.size()).flatMap(s -> read(s).iterator());
    }

    private List<UnitRow> read(Slice s) {
        int m = s.ids().length;
        float[] h = new float[m * d];
        NpyArray.open(Path.of(path)).floats(((long) run * n + s.start()) * d, m * d).get(h);
        UnitFeatures.normalise(h, m, d, s.ids(), path);
        List<UnitRow> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            out.add(new UnitRow(s.start() + i, Arrays.copyOfRange(h, i * d, (i + 1) * d)));
        }
        return out;
    }
}
