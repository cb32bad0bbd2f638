package dev.winnow.study;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;
import dev.winnow.policy.EpochPlan;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.study.results.RunRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small world for tests that does real arithmetic: synthetic 8×8 "images" of C classes (a class
 * pattern plus noise, some examples much noisier), and multinomial logistic regression trained by minibatch
 * SGD as proxy (recording its dynamics) and as target (driven by an {@link EpochPolicy}, as the training
 * loop of {@code winnow-train} is). As a {@link StudyEngine} it lets the study's tests, and the command
 * line's, run whole studies in a second; scores and selection are the core's, as in every study.
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

        /**
         * One epoch of SGD over {@code idx} (in a seeded order), weighted; returns steps taken. {@code presented}
         * (N × C, or null) receives the logits of each example as it trains; {@code observer} (or null) the
         * per-example losses of each batch, as a training loop feeds a dynamic policy.
         */
        long epoch(int[] idx, float[] weights, int[] labels, int batch, double lr, Random r, float[] presented,
                   EpochPolicy observer) {
            int[] order = EpochPlan.shuffledPositions(idx.length, r::nextInt);
            double[] z = new double[classes];
            long steps = 0;
            for (int s = 0; s < order.length; s += batch) {
                double[][] g = new double[classes][D + 1];
                int e = Math.min(order.length, s + batch);
                int[] seen = new int[e - s];
                float[] losses = new float[e - s];
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
                    seen[b - s] = i;
                    losses[b - s] = loss(p, labels[i]);
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
                if (observer != null) {
                    observer.observe(seen, losses);
                }
                steps++;
            }
            return steps;
        }

        /** The losses of every training example, forward only (a dynamic policy's refresh pass). */
        float[] losses(int[] labels) {
            double[] z = new double[classes];
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                logits(x[i], z);
                forward++;
                out[i] = loss(softmax(z), labels[i]);
            }
            return out;
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

    static float loss(double[] p, int label) {
        return (float) -Math.log(Math.max(p[label], 1e-30));
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

    // ------------------------------------------------------------------------------ engine

    /** This world as a study engine: every session studies this world's data. */
    StudyEngine engine() {
        return new Engine(this);
    }

    /**
     * A study engine: this world's {@link #check}, and sessions of {@code world}, or where that is null of a
     * fresh world of 300 examples in 4 classes per study of data {@code synthetic}.
     */
    private record Engine(SoftmaxWorld world) implements StudyEngine {
        @Override
        public void check(StudySpec spec) {
            SoftmaxWorld.check(spec);
        }

        @Override
        public StudyEngine.Session open(StudySpec spec) {
            if (world != null) {
                return world.new Session(spec);
            }
            if (!spec.data().equals("synthetic")) {
                throw new WinnowException("the test engine only knows data 'synthetic'");
            }
            return new SoftmaxWorld(300, 4, 11).new Session(spec);
        }
    }

    /** The one model of this world. */
    static final String MODEL = "softmax";

    /** The engine's check: its one model, which has no hidden layers, is the target's and the proxy's. */
    static void check(StudySpec spec) {
        for (String[] m : new String[][] {{"model", spec.model()}, {"proxy-model", spec.proxyModel()}}) {
            if (!m[1].equals(MODEL)) {
                throw new IllegalArgumentException(m[0] + ": '" + m[1] + "' is not a model of the synthetic engine (" + MODEL + ")");
            }
        }
        if (!spec.proxyHidden().isEmpty()) {
            throw new IllegalArgumentException("proxy-hidden: " + MODEL + " has no hidden layers");
        }
    }

    /**
     * The engine the command line's tests use: for data {@code synthetic}, a fresh world of 300 examples in
     * 4 classes per study.
     */
    public static StudyEngine syntheticEngine() {
        return new Engine(null);
    }

    /** A study of this world: proxies and targets trained with the spec's batch size and learning rate. */
    final class Session implements StudyEngine.Session {
        private final StudySpec spec;

        Session(StudySpec spec) {
            this.spec = spec;
        }

        @Override
        public StudyData data() {
            return SoftmaxWorld.this;
        }

        @Override
        public StudyEngine.Cost recordProxy(StudyEngine.ProxyRun run) {
            return SoftmaxWorld.this.recordProxy(run, spec);
        }

        @Override
        public StudyEngine.TrainOutcome train(StudyEngine.TargetRun run) {
            return SoftmaxWorld.this.train(spec, run);
        }
    }

    /**
     * Each proxy run trains on its policy's plans (all examples, or the proxy-limit share) and records the
     * presentations it trained on and a checkpoint of every example after each epoch, with the logits, and the
     * inputs as its features.
     */
    StudyEngine.Cost recordProxy(StudyEngine.ProxyRun p, StudySpec spec) {
        proxies.incrementAndGet();
        int[] labels = p.trainLabels();
        long t0 = System.nanoTime();
        long fwd = 0;
        long bwd = 0;
        try (DynamicsWriter w = DynamicsWriter.create(p.store(), n, classes,
                EnumSet.of(Signal.LOSS, Signal.CORRECT, Signal.EL2N, Signal.LOGIT_MARGIN, Signal.P_TRUE), true, false)) {
            w.labels(labels).ids(ids);
            for (int run = 0; run < spec.proxyRuns(); run++) {
                Model m = new Model();
                Random r = new Random(p.seed() * 31 + run);
                p.policy().onRunStart(spec.proxyEpochs());
                for (int e = 1; e <= spec.proxyEpochs(); e++) {
                    EpochPlan plan = p.policy().plan(e, spec.proxyEpochs());
                    float[] presented = new float[n * classes];
                    Arrays.fill(presented, Float.NaN);
                    m.epoch(plan.indices(), plan.weights(), labels, spec.batchSize(), spec.lr(), r, presented, null);
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
                if (p.features()) {
                    // the model's features are its inputs (logistic regression has no hidden layer)
                    float[] h = new float[n * D];
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(x[i], 0, h, i * D, D);
                    }
                    w.features(run, h, D);
                }
            }
            w.commit();
        }
        return new StudyEngine.Cost((System.nanoTime() - t0) / 1e9, fwd, bwd);
    }

    /**
     * Trains a fresh model as the loop of {@code winnow-train} does: per epoch a refresh pass if wanted, then the
     * plan, then a test evaluation where the spec's {@code eval-every} asks for one (timed and counted apart).
     */
    StudyEngine.TrainOutcome train(StudySpec spec, StudyEngine.TargetRun r) {
        trainings.incrementAndGet();
        EpochPolicy policy = r.policy();
        policy.onRunStart(r.epochs());
        Model m = new Model();
        Random rnd = new Random(r.seed());
        long steps = 0;
        double trainSeconds = 0;
        double evalSeconds = 0;
        long evalForward = 0;
        double acc = Double.NaN;
        List<RunRecord.CurvePoint> curve = new ArrayList<>();
        for (int e = 1; e <= r.epochs(); e++) {
            long t0 = System.nanoTime();
            if (policy.wantsRefreshPass(e)) {
                policy.observe(EpochPlan.all(n).indices(), m.losses(r.trainLabels()));
            }
            EpochPlan plan = policy.plan(e, r.epochs());
            steps += m.epoch(plan.indices(), plan.weights(), r.trainLabels(), spec.batchSize(), spec.lr(), rnd, null, policy);
            trainSeconds += (System.nanoTime() - t0) / 1e9;
            if (spec.evaluatesAfter(e, r.epochs())) {
                long t1 = System.nanoTime();
                long f = m.forward;
                acc = m.accuracy(testX, testY);
                evalForward += m.forward - f;
                evalSeconds += (System.nanoTime() - t1) / 1e9;
                curve.add(new RunRecord.CurvePoint(e, acc, trainSeconds, m.backward));
            }
        }
        return new StudyEngine.TrainOutcome(acc, trainSeconds, evalSeconds, m.forward - evalForward, m.backward,
                evalForward, steps, curve);
    }
}
