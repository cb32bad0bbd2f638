package dev.winnow.study;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;
import dev.winnow.random.RandomKey;
import dev.winnow.select.KeepList;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small world for tests that does real arithmetic: synthetic 8×8 "images" of C classes (a class
 * pattern plus noise, some examples much noisier), multinomial logistic regression trained by minibatch
 * SGD as proxy and target, scores computed from the recorded dynamics, and the selection rules of
 * DESIGN.md for random / hard / easy / window / calibrated.
 */
public final class SoftmaxWorld implements StudyData {
    static final int SIDE = 8;
    static final int D = SIDE * SIDE;

    final int n;
    final int classes;
    final float[][] x;
    final int[] y;
    final long[] ids;
    final float[][] testX;
    final int[] testY;
    final AtomicInteger trainings = new AtomicInteger();
    final AtomicInteger proxies = new AtomicInteger();

    SoftmaxWorld(int n, int classes, long seed) {
        this.n = n;
        this.classes = classes;
        Random r = new Random(seed);
        float[][] proto = new float[classes][D];
        for (int c = 0; c < classes; c++) {
            for (int d = 0; d < D; d++) {
                proto[c][d] = r.nextFloat() < 0.35 ? 0.9f : 0.1f;
            }
        }
        x = new float[n][];
        y = new int[n];
        ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 1000 + i;
            y[i] = i % classes;
            x[i] = sample(proto[y[i]], r, i % 7 == 0 ? 0.45 : 0.15);
        }
        int nt = 400;
        testX = new float[nt][];
        testY = new int[nt];
        for (int i = 0; i < nt; i++) {
            testY[i] = i % classes;
            testX[i] = sample(proto[testY[i]], r, 0.25);
        }
    }

    private static float[] sample(float[] proto, Random r, double noise) {
        float[] v = new float[D];
        for (int d = 0; d < D; d++) {
            v[d] = (float) Math.max(0, Math.min(1, proto[d] + r.nextGaussian() * noise));
        }
        return v;
    }

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int[] labels() {
        return y.clone();
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    @Override
    public List<String> classNames() {
        List<String> l = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            l.add("class" + c);
        }
        return l;
    }

    @Override
    public int[] imageShape() {
        return new int[] {SIDE, SIDE};
    }

    @Override
    public float[] image(int index) {
        return x[index].clone();
    }

    /** Multinomial logistic regression, W [C × (D+1)] with the bias last. */
    final class Model {
        final double[][] w = new double[classes][D + 1];
        long forward;
        long backward;

        void logits(float[] v, double[] z) {
            for (int c = 0; c < classes; c++) {
                double s = w[c][D];
                for (int d = 0; d < D; d++) {
                    s += w[c][d] * v[d];
                }
                z[c] = s;
            }
        }

        /** One epoch of SGD over {@code idx} (in a seeded order), weighted; returns steps taken. */
        long epoch(int[] idx, float[] weights, int[] labels, int batch, double lr, Random r, long stepBudget) {
            return epoch(idx, weights, labels, batch, lr, r, stepBudget, null);
        }

        /** As above; {@code presented} (N × C, or null) receives the logits of each example as it trains. */
        long epoch(int[] idx, float[] weights, int[] labels, int batch, double lr, Random r, long stepBudget,
                   float[] presented) {
            int[] order = new int[idx.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double[] z = new double[classes];
            long steps = 0;
            for (int s = 0; s < order.length && (stepBudget == 0 || steps < stepBudget); s += batch) {
                double[][] g = new double[classes][D + 1];
                int e = Math.min(order.length, s + batch);
                for (int b = s; b < e; b++) {
                    int pos = order[b];
                    int i = idx[pos];
                    float wt = weights == null ? 1f : weights[pos];
                    logits(x[i], z);
                    forward++;
                    backward++;
                    if (presented != null) {
                        for (int c = 0; c < classes; c++) {
                            presented[i * classes + c] = (float) z[c];
                        }
                    }
                    double[] p = softmax(z);
                    for (int c = 0; c < classes; c++) {
                        double d = (p[c] - (c == labels[i] ? 1 : 0)) * wt;
                        for (int k = 0; k < D; k++) {
                            g[c][k] += d * x[i][k];
                        }
                        g[c][D] += d;
                    }
                }
                for (int c = 0; c < classes; c++) {
                    for (int k = 0; k <= D; k++) {
                        w[c][k] -= lr * g[c][k] / (e - s);
                    }
                }
                steps++;
            }
            return steps;
        }

        double accuracy(float[][] xs, int[] ys) {
            double[] z = new double[classes];
            int ok = 0;
            for (int i = 0; i < xs.length; i++) {
                logits(xs[i], z);
                forward++;
                int arg = 0;
                for (int c = 1; c < classes; c++) {
                    if (z[c] > z[arg]) {
                        arg = c;
                    }
                }
                ok += arg == ys[i] ? 1 : 0;
            }
            return (double) ok / xs.length;
        }
    }

    static double[] softmax(double[] z) {
        double m = Arrays.stream(z).max().orElse(0);
        double[] p = new double[z.length];
        double s = 0;
        for (int c = 0; c < z.length; c++) {
            p[c] = Math.exp(z[c] - m);
            s += p[c];
        }
        for (int c = 0; c < z.length; c++) {
            p[c] /= s;
        }
        return p;
    }

    // ------------------------------------------------------------------------------ engine pieces

    StudyEngine engine() {
        return new StudyEngine(spec -> this, this::recordProxy, this::score, SoftmaxWorld::select, this::train);
    }

    StudyEngine.Cost recordProxy(StudyData data, int[] labels, StudySpec spec, long seed, Path store) {
        proxies.incrementAndGet();
        long t0 = System.nanoTime();
        long fwd = 0;
        long bwd = 0;
        try (DynamicsWriter w = DynamicsWriter.create(store, n, classes,
                EnumSet.of(Signal.LOSS, Signal.CORRECT, Signal.EL2N, Signal.LOGIT_MARGIN), false, false)) {
            w.labels(labels).ids(ids);
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            for (int run = 0; run < spec.proxyRuns(); run++) {
                Model m = new Model();
                Random r = new Random(seed * 31 + run);
                for (int e = 1; e <= spec.proxyEpochs(); e++) {
                    float[] presented = new float[n * classes];
                    Arrays.fill(presented, Float.NaN);
                    m.epoch(all, null, labels, spec.batchSize(), spec.lr(), r, 0, presented);
                    w.observe(new Observation(run, e, ObservationKind.PRESENTATION), presented, null, labels);
                    float[] logits = new float[n * classes];
                    double[] z = new double[classes];
                    for (int i = 0; i < n; i++) {
                        m.logits(x[i], z);
                        m.forward++;
                        for (int c = 0; c < classes; c++) {
                            logits[i * classes + c] = (float) z[c];
                        }
                    }
                    w.observe(new Observation(run, e, ObservationKind.CHECKPOINT), logits, null, labels);
                }
                fwd += m.forward;
                bwd += m.backward;
            }
            w.commit();
        }
        return new StudyEngine.Cost((System.nanoTime() - t0) / 1e9, fwd, bwd);
    }

    float[] score(String spec, DynamicsStore store, long seed) {
        int t = store.observations().size();
        float[] out = new float[store.examples()];
        if (spec.startsWith("el2n@")) {
            int epoch = Integer.parseInt(spec.substring(5));
            int rows = 0;
            for (int o = 0; o < t; o++) {
                if (store.observations().get(o).epoch() == epoch) {
                    FloatBuffer b = store.signal("el2n", o);
                    for (int i = 0; i < out.length; i++) {
                        out[i] += b.get(i);
                    }
                    rows++;
                }
            }
            if (rows == 0) {
                throw new IllegalArgumentException("no epoch " + epoch);
            }
            for (int i = 0; i < out.length; i++) {
                out[i] /= rows;
            }
        } else if (spec.equals("aum")) {
            for (int o = 0; o < t; o++) {
                FloatBuffer b = store.signal("logit_margin", o);
                for (int i = 0; i < out.length; i++) {
                    out[i] -= b.get(i) / t;
                }
            }
        } else if (spec.equals("forgetting")) {
            for (int o = 1; o < t; o++) {
                if (store.observations().get(o).run() != store.observations().get(o - 1).run()) {
                    continue;
                }
                FloatBuffer a = store.signal("correct", o - 1);
                FloatBuffer b = store.signal("correct", o);
                for (int i = 0; i < out.length; i++) {
                    if (a.get(i) == 1 && b.get(i) == 0) {
                        out[i]++;
                    }
                }
            }
        } else {
            throw new IllegalArgumentException("unknown score " + spec);
        }
        return out;
    }

    static KeepList select(MethodSpec m, float[] s, int[] labels, long[] ids, double keep, long seed) {
        int n = ids.length;
        int k = Math.max(1, (int) Math.floor(keep * n));
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            key[i] = RandomKey.key(seed, ids[i]);
        }
        Integer[] byKey = order(n, (a, b) -> Long.compareUnsigned(key[a], key[b]));
        Integer[] hardFirst = s == null ? null : order(n, (a, b) -> {
            int c = Float.compare(s[b], s[a]);
            return c != 0 ? c : Long.compareUnsigned(key[a], key[b]);
        });
        List<Integer> chosen = new ArrayList<>();
        float[] wOf = new float[n];
        Arrays.fill(wOf, 1f);
        switch (m.strategy()) {
            case "random" -> chosen.addAll(Arrays.asList(byKey).subList(0, k));
            case "hard" -> chosen.addAll(Arrays.asList(hardFirst).subList(0, k));
            case "easy" -> {
                for (int j = 0; j < k; j++) {
                    chosen.add(hardFirst[n - 1 - j]);
                }
            }
            case "window" -> {
                int off = (int) Math.floor(m.params().get(0) * n);
                chosen.addAll(Arrays.asList(hardFirst).subList(off, Math.min(n, off + k)));
            }
            case "calibrated" -> {
                int ks = (int) Math.floor(m.params().get(0) * k);
                boolean[] taken = new boolean[n];
                for (int j = 0; j < ks; j++) {
                    chosen.add(hardFirst[j]);
                    taken[hardFirst[j]] = true;
                }
                int kr = k - ks;
                for (int j = 0, got = 0; got < kr; j++) {
                    if (!taken[byKey[j]]) {
                        chosen.add(byKey[j]);
                        wOf[byKey[j]] = (float) (n - ks) / kr;
                        got++;
                    }
                }
            }
            default -> throw new IllegalArgumentException("the test selector has no " + m.strategy());
        }
        chosen.sort((a, b) -> Long.compare(ids[a], ids[b]));
        long[] out = new long[chosen.size()];
        double[] w = new double[chosen.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = ids[chosen.get(j)];
            w[j] = wOf[chosen.get(j)];
        }
        return KeepList.given("the test world's selection", out, w);
    }

    private static Integer[] order(int n, java.util.Comparator<Integer> c) {
        Integer[] o = new Integer[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        Arrays.sort(o, c);
        return o;
    }

    StudyEngine.TrainOutcome train(StudyEngine.TrainRequest r) {
        if (r.policy() != null) {
            throw new UnsupportedOperationException("the test world trains no dynamic policies");
        }
        trainings.incrementAndGet();
        long[] keptIds = r.keep().ids();
        int[] idx = new int[keptIds.length];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = (int) (keptIds[j] - 1000);
        }
        Model m = new Model();
        Random rnd = new Random(r.seed());
        long t0 = System.nanoTime();
        long steps = 0;
        for (int e = 0; e < r.epochs() && (r.maxSteps() == 0 || steps < r.maxSteps()); e++) {
            steps += m.epoch(idx, r.keep().lossWeights(), r.trainLabels(), r.spec().batchSize(), r.spec().lr(), rnd,
                    r.maxSteps() == 0 ? 0 : r.maxSteps() - steps);
        }
        double tt = (System.nanoTime() - t0) / 1e9;
        long f = m.forward;
        long b = m.backward;
        long t1 = System.nanoTime();
        double acc = m.accuracy(testX, testY);
        return new StudyEngine.TrainOutcome(acc, tt, (System.nanoTime() - t1) / 1e9, f, b, m.forward - f, steps);
    }
}
