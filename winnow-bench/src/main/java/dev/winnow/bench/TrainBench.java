package dev.winnow.bench;

import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Signal;
import dev.winnow.io.AtomicFiles;
import dev.winnow.policy.FullPolicy;
import dev.winnow.train.EpochMetrics;
import dev.winnow.train.ProxyTrainer;
import dev.winnow.train.RecordOptions;
import dev.winnow.train.Recorder;
import dev.winnow.train.TrainConfig;
import dev.winnow.train.TrainResult;
import dev.winnow.train.TrainingObserver;
import dev.winnow.train.Threads;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.Datasets;
import dev.winnow.train.model.ModelSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Measures the training loop: epoch time and examples/s per model, and the recorder's overhead
 * (epoch time with presentation recording ÷ without, same process, alternating runs, medians over
 * epochs 2..E so the first epoch's warm-up is left out), plus the cost of one checkpoint pass.
 * Run: {@code winnow bench train} or {@code java -cp winnow-cli/target/winnow.jar dev.winnow.bench.TrainBench
 * [data] [epochs] [reps] [models]}.
 */
public final class TrainBench {
    public record Options(String data, int epochs, int reps, Integer limit, List<String> models) {
    }

    private TrainBench() {
    }

    public static void main(String[] args) {
        Options o = new Options(args.length > 0 ? args[0] : "fashion-mnist", args.length > 1 ? Integer.parseInt(args[1]) : 3,
                args.length > 2 ? Integer.parseInt(args[2]) : 2, null,
                args.length > 3 ? List.of(args[3].split(",")) : List.of("mlp", "cnn"));
        System.out.print(run(o, new PrintWriter(System.err, true)));
    }

    private static double[] epochSeconds(TrainResult r) {
        List<EpochMetrics> e = r.epochs();
        int from = e.size() > 1 ? 1 : 0;
        double[] out = new double[e.size() - from];
        for (int i = from; i < e.size(); i++) {
            out[i - from] = e.get(i).trainSeconds() + e.get(i).recordSeconds();
        }
        return out;
    }

    /** Forwards to a recorder in odd epochs only (its outputs are fetched only then). */
    private static final class Alternating implements TrainingObserver {
        private final Recorder recorder;
        private int epoch = 1;
        private boolean started;

        Alternating(Recorder recorder) {
            this.recorder = recorder;
        }

        private boolean on() {
            return epoch % 2 == 1;
        }

        @Override
        public boolean needsOutputs() {
            return on();
        }

        @Override
        public void onEpochStart(int e, int batches, int examples) {
            epoch = e;
            if (on()) {
                recorder.onEpochStart(e, batches, examples);
            }
        }

        @Override
        public void onRunStart(dev.winnow.train.RunContext ctx) {
            recorder.onRunStart(ctx);
        }

        @Override
        public void onBatch(dev.winnow.train.BatchResult b) {
            if (on()) {
                recorder.onBatch(b);
            }
        }

        @Override
        public void onEpochEnd(int e, dev.winnow.train.RunContext ctx) {
            if (on()) {
                recorder.onEpochEnd(e, ctx);
            }
        }
    }

    private static TrainResult train(DataBundle data, TrainConfig cfg, List<TrainingObserver> obs) {
        try (ProxyTrainer t = new ProxyTrainer(data, cfg, 0)) {
            return t.train(new FullPolicy(data.train().size()), obs);
        }
    }

    /** Runs the benchmark; returns a markdown report, progress on {@code log}. */
    public static String run(Options o, PrintWriter log) {
        int threads = Threads.configure(null);
        DataBundle data = Datasets.load(o.data());
        if (o.limit() != null) {
            data = data.limit(o.limit());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder md = new StringBuilder();
        md.append(String.format("## winnow bench train%n%nData: %s. %d epochs, batch 128, sgd, cosine; %d CPU cores visible, %d PyTorch threads"
                + " (shared machines are slower and noisier). Epoch times are medians over epochs 2..E of train+record seconds"
                + " (test evaluation excluded).%n%n", data.description(), o.epochs(), cores, threads));
        md.append("| model | epoch s | examples/s | test accuracy after ").append(o.epochs()).append(" epochs |\n|---|---:|---:|---:|\n");
        for (String name : o.models()) {
            TrainConfig cfg = TrainConfig.builder().setModel(ModelSpec.of(name)).optEpochs(o.epochs()).optSeed(0).build();
            log.printf("bench: %s, %d epochs…%n", name, o.epochs());
            TrainResult r = train(data, cfg, List.of());
            double s = Bench.median(epochSeconds(r));
            md.append(String.format("| %s | %.2f | %,.0f | %.2f%% |%n", r.model(), s, data.train().size() / s,
                    100 * r.finalTestAccuracy()));
        }
        // Recorder overhead: one MLP run whose recorder is on in odd epochs and off in even ones, so both
        // see the same machine load; medians over the epochs of each kind (epoch 1 left out: warm-up).
        int epochs = Math.max(4, 2 * o.reps() + 1);
        TrainConfig cfg = TrainConfig.builder().setModel(ModelSpec.of("mlp")).optEpochs(epochs).optSeed(0).build();
        List<Double> plain = new ArrayList<>();
        List<Double> rec = new ArrayList<>();
        double checkpoint = Double.NaN;
        Path tmp = Bench.tempDir();
        try {
            log.printf("bench: recorder overhead, mlp, %d epochs alternating recording on/off…%n", epochs);
            try (DynamicsWriter w = DynamicsWriter.create(tmp.resolve("s"), data.train().size(), data.classes(),
                    EnumSet.allOf(Signal.class), false, true)) {
                w.labels(data.train().labels());
                Recorder recorder = new Recorder(w, new RecordOptions(new TreeSet<>(), false, false, false), data.train());
                Alternating alt = new Alternating(recorder);
                TrainResult r = train(data, cfg, List.of(alt));
                for (EpochMetrics m : r.epochs().subList(1, r.epochs().size())) {
                    (m.epoch() % 2 == 1 ? rec : plain).add(m.trainSeconds() + m.recordSeconds());
                }
            }
            log.println("bench: one checkpoint pass…");
            try (DynamicsWriter w = DynamicsWriter.create(tmp.resolve("cp"), data.train().size(), data.classes(),
                    EnumSet.allOf(Signal.class), false, true)) {
                w.labels(data.train().labels());
                TreeSet<Integer> cps = new TreeSet<>(List.of(1));
                Recorder recorder = new Recorder(w, new RecordOptions(cps, false, true, false), data.train());
                TrainResult r = train(data, cfg.withEpochs(1), List.of(recorder));
                checkpoint = r.epochs().get(0).recordSeconds();
            }
        } finally {
            AtomicFiles.deleteQuietly(tmp);
        }
        double p = Bench.median(plain.stream().mapToDouble(Double::doubleValue).toArray());
        double q = Bench.median(rec.stream().mapToDouble(Double::doubleValue).toArray());
        md.append(String.format("%nRecorder overhead (mlp, presentation signals of every example; one run of %d epochs with"
                        + " recording on in odd epochs, off in even ones): epoch %.2f s without, %.2f s with recording → ratio **%.3f** (goal ≤ 1.05).%n",
                epochs, p, q, q / p));
        md.append(String.format("One checkpoint pass (eval-mode forward over the %,d training examples, signals and features"
                + " written): %.2f s = %.2f of a training epoch.%n", data.train().size(), checkpoint, checkpoint / p));
        return md.toString();
    }
}
