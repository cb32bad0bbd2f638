package dev.winnow.bench;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;
import dev.winnow.io.AtomicFiles;
import dev.winnow.score.Score;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;

import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How close the scores come to the cost of just reading their data. Writes a synthetic store (one run,
 * T presentation observations, 10% of examples skipped per observation as a dynamic policy would) to
 * a temporary folder, then times {@code el2n@T}, {@code forgetting} and {@code aum} against a plain loop
 * that sums the same memory-mapped rows in the same JVM, after warm-up, as the median of several
 * repetitions, and prints the ratio per score (the goal is at most 3×).
 *
 * <p>Run (default N = 1,000,000, T = 20, 9 repetitions; needs about 250 MB in the temp folder):
 * <pre>
 * ./winnow bench scores [--examples N] [--observations T] [--reps R]
 * java -Xmx2g -cp winnow-cli/target/winnow.jar dev.winnow.bench.ScoreBench [N] [T] [reps]
 * </pre>
 * Not a test: timings depend on the machine and its load.
 */
public final class ScoreBench {
    private static volatile double sink;

    private ScoreBench() {
    }

    /** One line of the result: median milliseconds of the score and of the plain read, and their ratio. */
    public record Result(String score, int rowsRead, double scoreMillis, double baselineMillis) {
        public double ratio() {
            return scoreMillis / baselineMillis;
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int t = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        run(n, t, reps, new PrintWriter(System.out, true));
    }

    /** Builds the store, runs the benchmark, prints a table to {@code out}, removes the store. */
    public static List<Result> run(int n, int t, int reps, PrintWriter out) {
        Path tmp = Bench.tempDir();
        try {
            long w0 = System.nanoTime();
            Path dir = writeStore(tmp.resolve("store"), n, t);
            out.printf("synthetic store N=%,d T=%d (1 run, presentations, 10%% NaN) written in %.1f s to %s%n",
                    n, t, (System.nanoTime() - w0) / 1e9, dir);
            DynamicsStore store = DynamicsStore.open(dir);
            List<Result> results = new ArrayList<>();
            results.add(time(store, "el2n@" + t, "el2n", new int[] {t - 1}, reps));
            int[] all = new int[t];
            Arrays.setAll(all, i -> i);
            results.add(time(store, "forgetting", "correct", all, reps));
            results.add(time(store, "aum", "logit_margin", all, reps));
            out.printf("%-12s %5s %12s %14s %7s%n", "score", "rows", "score ms", "plain-read ms", "ratio");
            for (Result r : results) {
                out.printf("%-12s %5d %12.1f %14.1f %6.2fx%n", r.score(), r.rowsRead(), r.scoreMillis(),
                        r.baselineMillis(), r.ratio());
            }
            out.printf("(median of %d after %d warm-up rounds; plain read = bulk FloatBuffer.get of the same rows + sum)%n",
                    reps, Math.max(3, reps / 2));
            out.flush();
            return results;
        } finally {
            AtomicFiles.deleteQuietly(tmp);
        }
    }

    private static Result time(DynamicsStore store, String spec, String signal, int[] rows, int reps) {
        Score score = ScoreSpec.parse(spec).create(ScoreOptions.defaults());
        float[] buf = new float[store.examples()];
        int warm = Math.max(3, reps / 2);
        double[] s = new double[reps];
        double[] b = new double[reps];
        for (int i = 0; i < warm + reps; i++) {
            long t0 = System.nanoTime();
            sink += plainRead(store, signal, rows, buf);
            long t1 = System.nanoTime();
            float[] v = score.compute(store);
            long t2 = System.nanoTime();
            sink += v[v.length / 2];
            if (i >= warm) {
                b[i - warm] = (t1 - t0) / 1e6;
                s[i - warm] = (t2 - t1) / 1e6;
            }
        }
        return new Result(spec, rows.length, Bench.median(s), Bench.median(b));
    }

    /** The floor: read the same memory-mapped rows in bulk and sum them. */
    static double plainRead(DynamicsStore store, String signal, int[] rows, float[] buf) {
        double total = 0;
        for (int t : rows) {
            FloatBuffer fb = store.signal(signal, t);
            fb.get(buf);
            float acc = 0;
            for (float x : buf) {
                acc += x == x ? x : 0;
            }
            total += acc;
        }
        return total;
    }

    private static Path writeStore(Path dir, int n, int t) {
        SplittableRandom rnd = new SplittableRandom(42);
        try (DynamicsWriter w = DynamicsWriter.create(dir, n, 10,
                EnumSet.of(Signal.EL2N, Signal.CORRECT, Signal.LOGIT_MARGIN), false, false)) {
            int[] labels = new int[n];
            Arrays.setAll(labels, i -> rnd.nextInt(10));
            w.labels(labels);
            float[] el2n = new float[n];
            float[] correct = new float[n];
            float[] margin = new float[n];
            Map<Signal, float[]> rows = new EnumMap<>(Signal.class);
            rows.put(Signal.EL2N, el2n);
            rows.put(Signal.CORRECT, correct);
            rows.put(Signal.LOGIT_MARGIN, margin);
            for (int e = 1; e <= t; e++) {
                double learned = (double) e / t;
                for (int i = 0; i < n; i++) {
                    if (rnd.nextInt(10) == 0) {
                        el2n[i] = correct[i] = margin[i] = Float.NaN;
                        continue;
                    }
                    boolean ok = rnd.nextDouble() < learned;
                    correct[i] = ok ? 1 : 0;
                    margin[i] = (float) (ok ? rnd.nextDouble() * 5 : -rnd.nextDouble() * 5);
                    el2n[i] = (float) (rnd.nextDouble() * Math.sqrt(2));
                }
                w.observeSignals(new Observation(0, e, ObservationKind.PRESENTATION), rows, null);
            }
            return w.commit();
        }
    }
}
