package dev.winnow.cli.study;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Signal;
import dev.winnow.policy.EpochPlan;
import dev.winnow.policy.FixedPolicy;
import dev.winnow.study.StudyData;
import dev.winnow.study.StudyEngine;
import dev.winnow.study.StudySpec;
import dev.winnow.study.results.RunRecord;
import dev.winnow.train.CurvePoint;
import dev.winnow.train.OptimizerKind;
import dev.winnow.train.ProxyTrainer;
import dev.winnow.train.RecordOptions;
import dev.winnow.train.Recorder;
import dev.winnow.train.Threads;
import dev.winnow.train.TrainConfig;
import dev.winnow.train.TrainResult;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.Datasets;
import dev.winnow.train.model.ModelSpec;

import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The study engine of {@code winnow study} and {@code winnow demo}: datasets, proxy recording and target
 * training from {@code winnow-train} (DJL + PyTorch). A session reads the dataset once and keeps it; the
 * proxy and every target train on it with the seed's training labels, and the targets are evaluated on its
 * test split after the epochs the spec's {@code eval-every} names (the learning curve).
 */
public final class DjlStudyEngine implements StudyEngine {
    /** Checks the target and proxy models against the zoo and the kind of data the spec names, without loading it. */
    @Override
    public void check(StudySpec spec) {
        ModelCheck.check(spec);
    }

    @Override
    public StudyEngine.Session open(StudySpec spec) {
        // before the engine loads: one PyTorch thread per two cores (spinning OpenMP threads on shared
        // cores slow training by large factors; see Threads); -Dai.djl.pytorch.num_threads overrides
        Threads.configure(null);
        DataBundle b = Datasets.load(spec.data());
        if (spec.limit() > 0) {
            b = b.limit(spec.limit());
        }
        if (b.test() == null || b.test().size() == 0) {
            throw new WinnowException(spec.data() + ": a study needs a test split to evaluate on");
        }
        warmUp(spec, b);
        return new DjlSession(spec, new BundleStudyData(b, spec.data()));
    }

    /**
     * Loads the native engine and trains the target model for a few steps, untimed, so that the first timed run
     * (full training) does not pay for loading and compiling what every later run finds ready: without it, full
     * training looked a few seconds costlier than it is and pruning cheaper.
     */
    private static void warmUp(StudySpec spec, DataBundle b) {
        DataBundle small = new DataBundle(b.name(), b.description(), b.train(),
                b.test().head(Math.min(16, b.test().size())), b.classes(), b.classNames(), b.vocabularySize());
        int[] first = IntStream.range(0, Math.min(b.train().size(), 4 * spec.batchSize())).toArray();
        try (ProxyTrainer t = new ProxyTrainer(small, config(spec, 1, 0), 0)) {
            t.train(new FixedPolicy(b.train().size(), EpochPlan.of(first), "warm-up"), List.of());
        }
    }

    /** The target's training: the spec's model, optimizer and batch size, evaluated as {@code eval-every} says. */
    static TrainConfig config(StudySpec spec, int epochs, long seed) {
        return builder(spec, ModelSpec.of(spec.model()), epochs, seed).optEvalEvery(spec.evalEvery()).build();
    }

    /** A proxy run's training: {@code proxy-model} with {@code proxy-hidden} where given, otherwise as the target. */
    static TrainConfig proxyConfig(StudySpec spec, long seed) {
        ModelSpec m = ModelSpec.of(spec.proxyModel());
        if (!spec.proxyHidden().isEmpty()) {
            m = m.withHidden(spec.proxyHidden());
        }
        return builder(spec, m, spec.proxyEpochs(), seed).build();
    }

    private static TrainConfig.Builder builder(StudySpec spec, ModelSpec model, int epochs, long seed) {
        return TrainConfig.builder()
                .setModel(model)
                .optOptimizer(spec.optimizer().equals("adam") ? OptimizerKind.ADAM : OptimizerKind.SGD)
                .optLearningRate((float) spec.lr())
                .optEpochs(epochs)
                .optBatchSize(spec.batchSize())
                .optSeed(seed);
    }

    /** One study's data, loaded once, and its trainings. */
    static final class DjlSession implements StudyEngine.Session {
        private final StudySpec spec;
        private final BundleStudyData data;

        DjlSession(StudySpec spec, BundleStudyData data) {
            this.spec = spec;
            this.data = data;
        }

        @Override
        public StudyData data() {
            return data;
        }

        /**
         * {@code proxyRuns} runs of the proxy model on the run's policy (every example, or the proxy-limit share),
         * recording every signal at every epoch: the presentations it trained on and a checkpoint pass over all
         * training examples, counted as the recorder's forward examples; with the logits of every observation and
         * each run's features after its last epoch when the run asks for them (feature strategies select on the
         * features; cleaning reads the logits for confident learning and the features for near-duplicates).
         */
        @Override
        public Cost recordProxy(ProxyRun run) {
            int[] trainLabels = run.trainLabels();
            DataBundle bundle = data.relabelled(trainLabels);
            long t0 = System.nanoTime();
            long fwd = 0;
            long bwd = 0;
            TreeSet<Integer> all = new TreeSet<>();
            for (int e = 1; e <= spec.proxyEpochs(); e++) {
                all.add(e);
            }
            try (DynamicsWriter w = DynamicsWriter.create(run.store(), bundle.train().size(), bundle.classes(),
                    EnumSet.allOf(Signal.class), run.features(), false)) {
                w.labels(trainLabels).ids(bundle.train().ids());
                Recorder rec = new Recorder(w, new RecordOptions(all, run.features(), run.features(), false),
                        bundle.train());
                for (int r = 0; r < spec.proxyRuns(); r++) {
                    try (ProxyTrainer t = new ProxyTrainer(bundle, proxyConfig(spec, run.seed() * 1000 + r), r)) {
                        TrainResult res = t.train(run.policy(), List.of(rec));
                        fwd += res.examplesForward() + res.recordForward() + res.evalForward();
                        bwd += res.examplesBackward() + res.recordBackward();
                    }
                }
                w.provenance("tool", "winnow-study");
                w.provenance("dataset", spec.data());
                w.provenance("model", spec.proxyModel());
                if (!spec.proxyHidden().isEmpty()) {
                    w.provenance("hidden", spec.proxyHidden().toString());
                }
                w.provenance("trained_on", run.policy().name());
                w.provenance("seed", run.seed());
                w.provenance("label_noise", spec.labelNoise());
                w.commit();
            }
            return new Cost((System.nanoTime() - t0) / 1e9, fwd, bwd);
        }

        /**
         * Trains a fresh target under the run's policy, evaluating it on the test split after the epochs
         * {@code eval-every} names and the last. A dynamic policy's refresh passes count as training forward
         * examples, and their time as training time; the evaluations' time is evaluation.
         */
        @Override
        public TrainOutcome train(TargetRun run) {
            DataBundle bundle = data.relabelledWithTest(run.trainLabels());
            int batch = spec.batchSize();
            try (ProxyTrainer t = new ProxyTrainer(bundle, config(spec, run.epochs(), run.seed()), 0)) {
                TrainResult res = t.train(run.policy(), List.of());
                long steps = 0;
                for (var e : res.epochs()) {
                    steps += (e.examplesBackward() + batch - 1) / batch;
                }
                double evalSecs = res.evaluationSeconds();
                List<RunRecord.CurvePoint> curve = res.curve().stream().map(DjlSession::point).toList();
                return new TrainOutcome(res.finalTestAccuracy(), res.phaseSeconds().get("total") - evalSecs, evalSecs,
                        res.examplesForward() + res.forwardOnly(), res.examplesBackward(), res.evalForward(), steps, curve);
            }
        }

        private static RunRecord.CurvePoint point(CurvePoint p) {
            return new RunRecord.CurvePoint(p.epoch(), p.testAccuracy(), p.seconds(), p.backwardExamples());
        }
    }
}
