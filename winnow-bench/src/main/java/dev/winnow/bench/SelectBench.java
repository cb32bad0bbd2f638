package dev.winnow.bench;

import dev.winnow.io.ScoreTable;
import dev.winnow.select.Budget;
import dev.winnow.select.SelectOptions;
import dev.winnow.select.KeepList;
import dev.winnow.select.Selector;
import dev.winnow.select.Strategy;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How fast selection is against one {@code Arrays.sort} of the scores, measured in the same JVM run:
 * N random float scores (uniform in [0, 1)) with ids 0..N-1 and 10 classes; {@code hard} and
 * {@code stratified} (50 bins) at keep 0.3. Each repetition times, in turn, a sort of a fresh copy of
 * the scores (the copy is not timed), a {@code hard} and a {@code stratified} selection (everything from
 * the table to the {@link KeepList}, key computation and final id sort included); the report gives the
 * medians and their ratios to the sort. Goal: both ratios at most 1.
 *
 * <pre>
 * WINNOW_JAVA_OPTS=-Xmx4g ./winnow bench select [--examples N] [--reps R]
 * java -Xmx4g -cp winnow-cli/target/winnow.jar dev.winnow.bench.SelectBench [N] [repetitions]
 * </pre>
 */
public final class SelectBench {
    private static volatile long sink;

    private SelectBench() {
    }

    /** Medians in milliseconds. */
    public record Result(int n, int repetitions, double sortMs, double hardMs, double stratifiedMs,
                         double hardRoundRatio, double stratifiedRoundRatio) {
        /** Median hard time over median sort time. */
        public double hardRatio() {
            return hardMs / sortMs;
        }

        /** Median stratified time over median sort time. */
        public double stratifiedRatio() {
            return stratifiedMs / sortMs;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "N=%d, keep 0.3, median of %d: Arrays.sort %.1f ms | hard %.1f ms (%.2fx sort) | "
                            + "stratified %.1f ms (%.2fx sort); median of per-round ratios: hard %.2fx, "
                            + "stratified %.2fx",
                    n, repetitions, sortMs, hardMs, hardRatio(), stratifiedMs, stratifiedRatio(), hardRoundRatio,
                    stratifiedRoundRatio);
        }
    }

    /** The benchmark table: N uniform scores, ids 0..N-1, labels 0..9, from {@code seed}. */
    public static ScoreTable table(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] ids = new long[n];
        int[] labels = new int[n];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            labels[i] = r.nextInt(10);
            scores[i] = (float) r.nextDouble();
        }
        return new ScoreTable(ids, labels, scores);
    }

    /** Runs {@code warmup} untimed and {@code reps} timed rounds; progress on {@code log} (may be null). */
    public static Result run(int n, int warmup, int reps, PrintWriter log) {
        ScoreTable t = table(n, 20240601L);
        SelectOptions hard = SelectOptions.of(Strategy.HARD, new Budget.Fraction(0.3), 1);
        SelectOptions strat = SelectOptions.of(Strategy.STRATIFIED, new Budget.Fraction(0.3), 1);
        double[] sort = new double[reps];
        double[] h = new double[reps];
        double[] s = new double[reps];
        for (int round = 0; round < warmup + reps; round++) {
            float[] copy = t.scores().clone();
            long t0 = System.nanoTime();
            Arrays.sort(copy);
            long t1 = System.nanoTime();
            KeepList a = Selector.select(t, hard);
            long t2 = System.nanoTime();
            KeepList b = Selector.select(t, strat);
            long t3 = System.nanoTime();
            sink += Float.floatToRawIntBits(copy[n / 2]) + a.size() + b.size();
            if (round >= warmup) {
                int i = round - warmup;
                sort[i] = (t1 - t0) / 1e6;
                h[i] = (t2 - t1) / 1e6;
                s[i] = (t3 - t2) / 1e6;
            }
            if (log != null) {
                log.printf(java.util.Locale.ROOT, "%s %d: sort %.1f ms, hard %.1f ms, stratified %.1f ms%n",
                        round < warmup ? "warm-up" : "round", round < warmup ? round + 1 : round - warmup + 1,
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
                log.flush();
            }
        }
        double[] hr = new double[reps];
        double[] sr = new double[reps];
        for (int i = 0; i < reps; i++) {
            hr[i] = h[i] / sort[i];
            sr[i] = s[i] / sort[i];
        }
        return new Result(n, reps, Bench.median(sort), Bench.median(h), Bench.median(s), Bench.median(hr),
                Bench.median(sr));
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        PrintWriter err = new PrintWriter(System.err, true);
        Result r = run(n, 3, reps, err);
        System.out.println(r);
    }
}
