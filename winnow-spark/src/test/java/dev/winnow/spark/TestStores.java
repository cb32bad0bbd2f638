package dev.winnow.spark;

import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.SplittableRandom;

/**
 * Synthetic dynamics stores that exercise every rule the scores have: several runs, presentations and
 * checkpoints (a run without checkpoints in some epochs, an epoch with two presentations), examples a
 * dynamic policy skipped (NaN), checkpoint NaN that falls back to the presentation, and logits on a
 * coarse grid so that scores tie often (ties break by the random key, then the id).
 */
final class TestStores {
    private TestStores() {
    }

    private static Path sharedStore;
    private static Path sharedParquet;
    private static Path sharedWide;

    /** The store the equality tests share (3,000 examples), written once per test JVM. */
    static synchronized Path sharedStore() {
        if (sharedStore == null) {
            try {
                Path dir = java.nio.file.Files.createTempDirectory("winnow-spark-test");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> dev.winnow.io.AtomicFiles.deleteQuietly(dir)));
                sharedStore = write(dir.resolve("store"), 3000, 5);
                sharedParquet = dir.resolve("dyn.parquet");
                ParquetExport.export(sharedStore, sharedParquet, false, s -> { });
                sharedWide = dir.resolve("dyn-wide.parquet");
                WideExport.export(sharedStore, sharedWide, false, s -> { });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return sharedStore;
    }

    /** {@link #sharedStore} exported to Parquet. */
    static synchronized Path sharedParquet() {
        sharedStore();
        return sharedParquet;
    }

    /** {@link #sharedStore} exported to the wide Parquet layout. */
    static synchronized Path sharedWideParquet() {
        sharedStore();
        return sharedWide;
    }

    /** A store of {@code n} examples and 5 classes under {@code dir}; ids are scattered, not 0..N−1. */
    static Path write(Path dir, int n, long seed) {
        int classes = 5;
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] labels = new int[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(10) < 4 ? 0 : rnd.nextInt(classes); // class 0 larger
            ids[i] = (long) i * 7919L % 1_000_003L - 500_000L + (i % 3 == 0 ? 1L << 40 : 0L);
        }
        try (DynamicsWriter w = DynamicsWriter.create(dir, n, classes, EnumSet.allOf(Signal.class), false, true)) {
            w.labels(labels).ids(ids);
            for (int run = 0; run < 2; run++) {
                for (int epoch = 1; epoch <= 4; epoch++) {
                    int presentations = epoch == 2 && run == 0 ? 2 : 1;
                    for (int p = 0; p < presentations; p++) {
                        w.observe(new Observation(run, epoch, ObservationKind.PRESENTATION),
                                logits(rnd, labels, classes, epoch, 0.15), h2(rnd, n), labels);
                    }
                    boolean checkpoint = run == 0 || epoch % 2 == 0;
                    if (checkpoint) {
                        w.observe(new Observation(run, epoch, ObservationKind.CHECKPOINT),
                                logits(rnd, labels, classes, epoch, 0.05), h2(rnd, n), labels);
                    }
                }
            }
            w.commit();
        }
        return dir;
    }

    /** Logits on a 0.5 grid that drift towards the label with the epoch; a fraction {@code skip} NaN. */
    private static float[] logits(SplittableRandom rnd, int[] labels, int classes, int epoch, double skip) {
        int n = labels.length;
        float[] z = new float[n * classes];
        for (int i = 0; i < n; i++) {
            // every 97th example is never picked by the (imagined) dynamic policy: NaN everywhere
            boolean skipped = rnd.nextDouble() < skip || i % 97 == 5;
            for (int c = 0; c < classes; c++) {
                float v = rnd.nextInt(7) * 0.5f - 1.5f + (c == labels[i] ? 0.25f * epoch : 0f);
                z[i * classes + c] = skipped ? Float.NaN : v;
            }
        }
        return z;
    }

    private static float[] h2(SplittableRandom rnd, int n) {
        float[] h = new float[n];
        for (int i = 0; i < n; i++) {
            h[i] = rnd.nextInt(4);
        }
        return h;
    }
}
