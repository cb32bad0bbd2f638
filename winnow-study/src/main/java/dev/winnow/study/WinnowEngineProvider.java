package dev.winnow.study;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Signal;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.policy.FixedPolicy;
import dev.winnow.policy.FullPolicy;
import dev.winnow.policy.StepLimitedPolicy;
import dev.winnow.train.OptimizerKind;
import dev.winnow.train.ProxyTrainer;
import dev.winnow.train.RecordOptions;
import dev.winnow.train.Recorder;
import dev.winnow.train.TrainConfig;
import dev.winnow.train.Threads;
import dev.winnow.train.TrainResult;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.Datasets;
import dev.winnow.train.data.Examples;
import dev.winnow.train.model.ModelSpec;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * The real study engine: datasets, proxy recording and target training from {@code winnow-train}
 * (DJL + PyTorch), scores from {@code dev.winnow.score}, selection from {@code dev.winnow.select}.
 */
public final class WinnowEngineProvider implements StudyEngine.Provider {
    @Override
    public StudyEngine create(StudySpec spec) {
        // before the engine loads: one PyTorch thread per two cores (spinning OpenMP threads on shared
        // cores slow training by large factors; see Threads); -Dai.djl.pytorch.num_threads overrides
        Threads.configure(null);
        return new StudyEngine(WinnowEngineProvider::load, WinnowEngineProvider::recordProxy,
                CoreScoring.scorer(), CoreScoring.selector(), WinnowEngineProvider::train);
    }

    /** A loaded dataset: the bundle (train limited) seen as {@link StudyData}. */
    static final class BundleData implements StudyData {
        final DataBundle bundle;
        final String spec;

        BundleData(DataBundle bundle, String spec) {
            this.bundle = bundle;
            this.spec = spec;
        }

        @Override
        public String name() {
            return spec;
        }

        @Override
        public int size() {
            return bundle.train().size();
        }

        @Override
        public int classes() {
            return bundle.classes();
        }

        @Override
        public int[] labels() {
            return bundle.train().labels().clone();
        }

        @Override
        public long[] ids() {
            return bundle.train().ids().clone();
        }

        @Override
        public List<String> classNames() {
            return bundle.classNames();
        }

        @Override
        public int[] imageShape() {
            if (bundle.isText()) {
                return null;
            }
            long[] s = bundle.train().exampleShape();
            long prod = 1;
            for (long v : s) {
                prod *= v;
            }
            if (s.length >= 2) {
                return new int[] {(int) s[s.length - 2], (int) s[s.length - 1]};
            }
            int side = (int) Math.round(Math.sqrt(prod));
            return side * side == prod ? new int[] {side, side} : null;
        }

        /** The sentence of a text example, as the dataset reader kept it when it parsed the TSV. */
        @Override
        public String text(int index) {
            return bundle.train().text(index);
        }

        @Override
        public float[] image(int index) {
            float[] px = bundle.train().row(index).clone();
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float v : px) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (lo < 0 || hi > 1) { // standardised pixels: map back to [0, 1] for display
                for (int i = 0; i < px.length; i++) {
                    px[i] = hi > lo ? (px[i] - lo) / (hi - lo) : 0;
                }
            }
            return px;
        }

        private int[] cachedLabels;
        private DataBundle cached;

        /** The bundle with these training labels and no test split (cached for the last labels array). */
        synchronized DataBundle relabelled(int[] trainLabels) {
            if (cachedLabels != trainLabels) {
                cached = with(trainLabels, emptyTest());
                cachedLabels = trainLabels;
            }
            return cached;
        }

        /** The bundle with these training labels, and the given test split. */
        DataBundle with(int[] trainLabels, Examples test) {
            Examples t = bundle.train();
            Examples relabelled = t.isText() ? Examples.tokens(t.ids(), trainLabels, tokens(t))
                    : Examples.dense(t.ids(), trainLabels, dense(t), t.exampleShape());
            return new DataBundle(bundle.name(), bundle.description(), relabelled, test, bundle.classes(),
                    bundle.classNames(), bundle.vocabularySize());
        }

        Examples emptyTest() {
            Examples t = bundle.train();
            return t.isText() ? Examples.tokens(new long[0], new int[0], new int[0][])
                    : Examples.dense(new long[0], new int[0], new float[0], t.exampleShape());
        }

        private static float[] dense(Examples t) {
            int w = t.width();
            float[] x = new float[t.size() * w];
            for (int i = 0; i < t.size(); i++) {
                System.arraycopy(t.row(i), 0, x, i * w, w);
            }
            return x;
        }

        private static int[][] tokens(Examples t) {
            int[][] x = new int[t.size()][];
            for (int i = 0; i < t.size(); i++) {
                x[i] = t.tokensOf(i);
            }
            return x;
        }
    }

    static StudyData load(StudySpec spec) {
        DataBundle b = Datasets.load(spec.data());
        if (spec.limit() > 0) {
            b = b.limit(spec.limit());
        }
        if (b.test() == null || b.test().size() == 0) {
            throw new WinnowException(spec.data() + ": a study needs a test split to evaluate on");
        }
        BundleData d = new BundleData(b, spec.data());
        // load the native engine and build a model once, so the first timed run does not pay for it
        try (ProxyTrainer t = new ProxyTrainer(b, config(spec, 1, 0), 0)) {
            t.accuracy(b.test().head(Math.min(16, b.test().size())));
        }
        return d;
    }

    static TrainConfig config(StudySpec spec, int epochs, long seed) {
        return TrainConfig.builder()
                .setModel(ModelSpec.of(spec.model()))
                .optOptimizer(spec.optimizer().equals("adam") ? OptimizerKind.ADAM : OptimizerKind.SGD)
                .optLearningRate((float) spec.lr())
                .optEpochs(epochs)
                .optBatchSize(spec.batchSize())
                .optSeed(seed)
                .build();
    }

    static StudyEngine.Cost recordProxy(StudyData data, int[] trainLabels, StudySpec spec, long seed, Path store) {
        BundleData d = (BundleData) data;
        DataBundle bundle = d.relabelled(trainLabels);
        long t0 = System.nanoTime();
        long fwd = 0;
        long bwd = 0;
        TreeSet<Integer> all = new TreeSet<>();
        for (int e = 1; e <= spec.proxyEpochs(); e++) {
            all.add(e);
        }
        try (DynamicsWriter w = DynamicsWriter.create(store, bundle.train().size(), bundle.classes(),
                EnumSet.allOf(Signal.class), false, false)) {
            w.labels(trainLabels).ids(bundle.train().ids());
            Recorder rec = new Recorder(w, new RecordOptions(all, false, false, false), bundle.train());
            for (int r = 0; r < spec.proxyRuns(); r++) {
                try (ProxyTrainer t = new ProxyTrainer(bundle, config(spec, spec.proxyEpochs(), seed * 1000 + r), r)) {
                    TrainResult res = t.train(new FullPolicy(bundle.train().size()), List.of(rec));
                    fwd += res.examplesForward() + res.recordForward() + res.evalForward();
                    bwd += res.examplesBackward() + res.recordBackward();
                }
            }
            w.provenance("tool", "winnow-study");
            w.provenance("dataset", spec.data());
            w.provenance("model", spec.model());
            w.provenance("seed", seed);
            w.provenance("label_noise", spec.labelNoise());
            w.commit();
        }
        return new StudyEngine.Cost((System.nanoTime() - t0) / 1e9, fwd, bwd);
    }

    static StudyEngine.TrainOutcome train(StudyEngine.TrainRequest r) {
        BundleData d = (BundleData) r.data();
        DataBundle bundle = d.relabelled(r.trainLabels());
        if (r.policy() != null) {
            return trainDynamic(r, d, bundle);
        }
        int batch = r.spec().batchSize();
        int epochs = r.epochs();
        EpochPolicy plan = FixedPolicy.of(r.keep(), bundle.train().ids());
        if (r.maxSteps() > 0) {
            // the step budget ends inside the last epoch: a seeded share of the keep-list
            plan = new StepLimitedPolicy(plan, batch, r.maxSteps(), r.seed());
        }
        try (ProxyTrainer t = new ProxyTrainer(bundle, config(r.spec(), epochs, r.seed()), 0)) {
            TrainResult res = t.train(plan, List.of());
            long t1 = System.nanoTime();
            double acc = t.accuracy(d.bundle.test());
            double evalSecs = (System.nanoTime() - t1) / 1e9;
            double trainSecs = res.phaseSeconds().get("total");
            long steps = 0;
            for (var e : res.epochs()) {
                steps += (e.examplesBackward() + batch - 1) / batch;
            }
            return new StudyEngine.TrainOutcome(acc, trainSecs, evalSecs, res.examplesForward(), res.examplesBackward(),
                    d.bundle.test().size(), steps);
        }
    }

    /**
     * Training driven by a core dynamic policy: it picks each epoch's examples (and weights) from the losses it
     * saw, with a forward-only refresh pass over all examples where it wants one. The refresh passes are
     * counted as training forward examples, and their time as training time.
     */
    static StudyEngine.TrainOutcome trainDynamic(StudyEngine.TrainRequest r, BundleData d, DataBundle bundle) {
        int n = bundle.train().size();
        EpochPolicy plan = r.policy().build(n, r.seed());
        try (ProxyTrainer t = new ProxyTrainer(bundle, config(r.spec(), r.epochs(), r.seed()), 0)) {
            TrainResult res = t.train(plan, List.of());
            long t1 = System.nanoTime();
            double acc = t.accuracy(d.bundle.test());
            double evalSecs = (System.nanoTime() - t1) / 1e9;
            long steps = 0;
            for (var e : res.epochs()) {
                steps += (e.examplesBackward() + r.spec().batchSize() - 1) / r.spec().batchSize();
            }
            return new StudyEngine.TrainOutcome(acc, res.phaseSeconds().get("total"), evalSecs,
                    res.examplesForward() + res.forwardOnly(), res.examplesBackward(), d.bundle.test().size(), steps);
        }
    }
}
