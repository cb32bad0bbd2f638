package dev.winnow.cli.study;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Signal;
import dev.winnow.policy.FullPolicy;
import dev.winnow.study.StudyData;
import dev.winnow.study.StudyEngine;
import dev.winnow.study.StudySpec;
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

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * The study engine of {@code winnow study} and {@code winnow demo}: datasets, proxy recording and target
 * training from {@code winnow-train} (DJL + PyTorch). A session reads the dataset once and keeps it; the
 * proxy and every target train on it with the seed's training labels and are evaluated on its test split.
 */
public final class DjlStudyEngine implements StudyEngine {
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
        // load the native engine and build a model once, so the first timed run does not pay for it
        try (ProxyTrainer t = new ProxyTrainer(b, config(spec, 1, 0), 0)) {
            t.accuracy(b.test().head(Math.min(16, b.test().size())));
        }
        return new DjlSession(spec, new BundleStudyData(b, spec.data()));
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

        /** {@code proxyRuns} runs of the target model on every example, recording every signal at every epoch. */
        @Override
        public Cost recordProxy(int[] trainLabels, long seed, Path store) {
            DataBundle bundle = data.relabelled(trainLabels);
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
            return new Cost((System.nanoTime() - t0) / 1e9, fwd, bwd);
        }

        /**
         * Trains a fresh target under the run's policy and evaluates it once on the test split. A dynamic
         * policy's refresh passes count as training forward examples, and their time as training time.
         */
        @Override
        public TrainOutcome train(TargetRun run) {
            DataBundle bundle = data.relabelled(run.trainLabels());
            int batch = spec.batchSize();
            try (ProxyTrainer t = new ProxyTrainer(bundle, config(spec, run.epochs(), run.seed()), 0)) {
                TrainResult res = t.train(run.policy(), List.of());
                long t1 = System.nanoTime();
                double acc = t.accuracy(data.bundle().test());
                double evalSecs = (System.nanoTime() - t1) / 1e9;
                long steps = 0;
                for (var e : res.epochs()) {
                    steps += (e.examplesBackward() + batch - 1) / batch;
                }
                return new TrainOutcome(acc, res.phaseSeconds().get("total"), evalSecs,
                        res.examplesForward() + res.forwardOnly(), res.examplesBackward(), data.bundle().test().size(), steps);
            }
        }
    }
}
