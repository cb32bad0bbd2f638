package dev.winnow.bench;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.ScoreTable;
import dev.winnow.select.Budget;
import dev.winnow.select.FeatureSelector;
import dev.winnow.select.Features;
import dev.winnow.select.KeepList;
import dev.winnow.select.SelectOptions;
import dev.winnow.select.Strategy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How fast greedy k-center is ({@code kcenter}, {@link FeatureSelector}) against the plain algorithm measured in
 * the same run: the plain greedy computes the distance of every example to every new centre, k passes of N
 * distances, so its cost is k times one pass; the baseline times such passes (the same distance formula over the
 * same rows) and multiplies. The report gives k-center's wall seconds, the plain estimate and their ratio.
 * Goal: N = 60,000, D = 128, k = 18,000 in at most 30 s on 2 cores.
 *
 * <p>Features: a dynamics store's {@code features.npy} run 0 ({@code --store DIR}), or synthetic ones
 * ({@code clustered}: 10 classes of 30 blobs each in a random 16-dimensional subspace plus small noise in all D,
 * the shape of a trained network's penultimate layer; {@code gaussian}: i.i.d. normal, the worst case, where no
 * distance bound prunes anything).
 *
 * <pre>
 * java -cp winnow-cli/target/winnow.jar dev.winnow.bench.KCenterBench clustered|gaussian|DIR [N] [D] [k] [reps]
 * </pre>
 */
public final class KCenterBench {
    private KCenterBench() {
    }

    /** Medians of the timed repetitions. */
    public record Result(String data, int n, int dim, int k, double kcenterSeconds, double kcenterCpuSeconds,
                         double plainSeconds, double plainCpuSeconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s N=%d D=%d k=%d: kcenter %.2f s wall, %.2f s CPU | plain greedy "
                    + "(k passes of N distances, measured per pass) %.1f s wall, %.1f s CPU | ratio %.4f wall, "
                    + "%.4f CPU (kcenter / plain)", data, n, dim, k, kcenterSeconds, kcenterCpuSeconds, plainSeconds,
                    plainCpuSeconds, kcenterSeconds / plainSeconds, kcenterCpuSeconds / plainCpuSeconds);
        }
    }

    /** CPU seconds of all live threads of this JVM (the selection's helper threads included). */
    private static double cpu() {
        java.lang.management.ThreadMXBean b = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : b.getAllThreadIds()) {
            long t = b.getThreadCpuTime(id);
            if (t > 0) {
                sum += t;
            }
        }
        return sum / 1e9;
    }

    /** Synthetic features: {@code clustered} or {@code gaussian}, N × D from {@code seed}. */
    public static Features synthetic(String kind, int n, int dim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * dim];
        if (kind.equals("gaussian")) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) gaussian(r);
            }
            return new Features(v, n, dim, "gaussian");
        }
        int sub = 16;
        int blobs = 300;
        double[][] basis = new double[sub][dim];
        for (double[] b : basis) {
            for (int t = 0; t < dim; t++) {
                b[t] = gaussian(r) / Math.sqrt(dim);
            }
        }
        double[][] centre = new double[blobs][sub];
        for (int b = 0; b < blobs; b++) {
            for (int s = 0; s < sub; s++) {
                centre[b][s] = 4 * gaussian(r) + (b / 30) * 3.0;
            }
        }
        for (int i = 0; i < n; i++) {
            int b = r.nextInt(blobs);
            double[] z = new double[sub];
            for (int s = 0; s < sub; s++) {
                z[s] = centre[b][s] + gaussian(r);
            }
            for (int t = 0; t < dim; t++) {
                double x = 0.05 * gaussian(r);
                for (int s = 0; s < sub; s++) {
                    x += z[s] * basis[s][t];
                }
                v[i * dim + t] = (float) Math.max(0, x); // ReLU features
            }
        }
        return new Features(v, n, dim, "clustered");
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }

    /** Times k-center ({@code reps} rounds after one warm-up) and {@code passes} plain passes. */
    public static Result run(String data, Features f, int k, int reps, PrintWriter log) {
        int n = f.size();
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        ScoreTable t = new ScoreTable(ids, new int[n], new float[n]);
        SelectOptions o = SelectOptions.of(Strategy.KCENTER, new Budget.Count(k), 1);
        double[] kc = new double[reps];
        double[] kcCpu = new double[reps];
        for (int round = 0; round <= reps; round++) {
            double c0 = cpu();
            long t0 = System.nanoTime();
            KeepList kept = FeatureSelector.select(t, f, o);
            double s = (System.nanoTime() - t0) / 1e9;
            double c = cpu() - c0;
            log.printf(Locale.ROOT, "%s %d: kcenter kept %d in %.2f s wall, %.2f s CPU%n",
                    round == 0 ? "warm-up" : "round", round, kept.size(), s, c);
            if (round > 0) {
                kc[round - 1] = s;
                kcCpu[round - 1] = c;
            }
        }
        // the plain algorithm's pass: the distance of every example to one centre, minimum kept
        int passes = 20;
        double[] mind = new double[n];
        java.util.Arrays.fill(mind, Double.POSITIVE_INFINITY);
        double[] pass = new double[passes];
        double[] passCpu = new double[passes];
        for (int p = 0; p < passes; p++) {
            int c = (int) ((p * 7919L) % n);
            double c0 = cpu();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                double d = f.distance2(i, c);
                if (d < mind[i]) {
                    mind[i] = d;
                }
            }
            pass[p] = (System.nanoTime() - t0) / 1e9;
            passCpu[p] = cpu() - c0;
        }
        return new Result(data, n, f.dim(), k, Bench.median(kc), Bench.median(kcCpu), Bench.median(pass) * k,
                Bench.median(passCpu) * k);
    }

    public static void main(String[] args) {
        String data = args.length > 0 ? args[0] : "clustered";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        int dim = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 18_000;
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        Features f = data.equals("clustered") || data.equals("gaussian") ? synthetic(data, n, dim, 20261130L)
                : Features.fromStore(DynamicsStore.open(Path.of(data)), 0);
        PrintWriter err = new PrintWriter(System.err, true);
        System.out.println(run(data, f, k, reps, err));
    }
}
