package dev.winnow.bench;

import ai.djl.pytorch.jni.JniUtils;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Signal;
import dev.winnow.io.AtomicFiles;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.policy.FullPolicy;
import dev.winnow.policy.UniformPolicy;
import dev.winnow.train.MklDispatch;
import dev.winnow.train.NativeMemory;
import dev.winnow.train.ProxyTrainer;
import dev.winnow.train.RecordOptions;
import dev.winnow.train.Recorder;
import dev.winnow.train.TrainConfig;
import dev.winnow.train.RunContext;
import dev.winnow.train.TrainResult;
import dev.winnow.train.TrainingObserver;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.Datasets;
import dev.winnow.train.model.ModelSpec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Winnow's training loop side by side with plain loops, in one process and one run, same thread count:
 * epoch time of {@code winnow train} with presentation recording on (every signal of every example) ÷
 * (a) the plain DJL loop ({@link DjlLoop}, the engine's floor) and (b) the plain PyTorch loop of
 * {@code scripts/bench/torch_loop.py} ({@link TorchLoop}; skipped with one line when torch cannot be
 * imported); for the CNN, which the model zoo runs channels-last inside, also (c) the same PyTorch loop with
 * {@code channels_last} model and images, reported beside (b), not instead of it. Also: the CNN epoch at 2
 * threads vs 1, and a {@code uniform:0.3} epoch vs a full one (MLP).
 * Each round runs every variant once in turn, so they see about the same machine load; an epoch time is
 * the median over epochs 2..E of a run (the first is warm-up), a ratio is the median over rounds of the
 * per-round ratios, with their range. The load average is printed: on a shared machine ratios drift.
 */
public final class LoopBench {
    /** What to run: {@code parts} ⊆ {loop, threads, uniform}. */
    public record Options(String data, int epochs, int rounds, Integer limit, List<String> models, int threads,
                          Set<String> parts, String python, Path torchScript) {
    }

    private LoopBench() {
    }

    /** Runs the parts; returns a markdown report, progress on {@code log}. */
    public static String run(Options o, PrintWriter log) {
        DataBundle data = Datasets.load(o.data());
        if (o.limit() != null) {
            data = data.limit(o.limit());
        }
        double load0 = load();
        StringBuilder md = new StringBuilder(String.format("## winnow bench train: the loop side by side%n%n"
                + "Data: %s. Batch 128, SGD momentum 0.9, lr 0.05 cosine; %d PyTorch thread(s); %d rounds of %d epochs;"
                + " epoch = median of epochs 2..E (train + record seconds, test evaluation excluded); ratio = median of the"
                + " rounds' ratios (range in brackets).%n%n", data.description(), o.threads(), o.rounds(), o.epochs()));
        Path tmp = Bench.tempDir();
        try {
            if (o.parts().contains("loop")) {
                sideBySide(o, data, tmp, md, log);
            }
            if (o.parts().contains("threads")) {
                threads(o, data, tmp, md, log);
            }
            if (o.parts().contains("uniform")) {
                uniform(o, data, tmp, md, log);
            }
        } finally {
            AtomicFiles.deleteQuietly(tmp);
        }
        md.append(String.format("%nLoad average (1 min): %.1f at the start, %.1f at the end, on %d visible cores.%n",
                load0, load(), Runtime.getRuntime().availableProcessors()));
        md.append(NativeMemory.describe()).append("; ").append(MklDispatch.describe())
                .append("; the plain PyTorch loop runs with the same environment.\n");
        return md.toString();
    }

    private static void sideBySide(Options o, DataBundle data, Path tmp, StringBuilder md, PrintWriter log) {
        String dir = idxDir(o.data());
        Path script = TorchLoop.locate(o.torchScript());
        md.append("Epoch seconds (wall clock) and the ratios of winnow train with recording to each plain loop, by wall"
                + " clock and by process CPU seconds (the CPU ratio is the steadier one on a busy machine).\n\n"
                + "| model | winnow train, recording | plain DJL | plain PyTorch | ÷ DJL | ÷ PyTorch | ÷ DJL, CPU | ÷ PyTorch, CPU | goal ÷ PyTorch |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<String> notes = new ArrayList<>();
        for (String model : o.models()) {
            TrainConfig cfg = config(model, o.epochs());
            int k = o.rounds();
            double[][] w = new double[2][k];
            double[][] d = new double[2][k];
            double[][] t = new double[2][k];
            double[] tcl = new double[k];
            boolean cl = model.equals("cnn");
            String clSkipped = null;
            String skipped = dir == null ? "the plain PyTorch loop reads Fashion-MNIST / idx:DIR data only" : null;
            double winnowAcc = Double.NaN;
            TorchLoop.Result last = null;
            for (int r = 0; r < k; r++) {
                log.printf("bench: %s round %d/%d: winnow train…%n", model, r + 1, k);
                Run wr = winnow(data, cfg, new FullPolicy(data.train().size()), tmp);
                w[0][r] = Bench.median(wr.wall());
                w[1][r] = Bench.median(wr.cpu());
                winnowAcc = wr.accuracy();
                log.printf("bench: %s round %d/%d: plain DJL loop…%n", model, r + 1, k);
                double[][] dr = DjlLoop.epochSeconds(data, cfg);
                d[0][r] = Bench.median(tail(dr[0]));
                d[1][r] = Bench.median(tail(dr[1]));
                if (skipped == null) {
                    log.printf("bench: %s round %d/%d: plain PyTorch loop…%n", model, r + 1, k);
                    last = TorchLoop.run(o.python(), script, model, o.epochs(), o.threads(), dir, o.limit());
                    if (last.ran()) {
                        t[0][r] = Bench.median(tail(last.epochSeconds()));
                        t[1][r] = Bench.median(tail(last.epochCpuSeconds()));
                    } else {
                        skipped = last.skipped();
                    }
                    if (skipped == null && cl && clSkipped == null) {
                        log.printf("bench: %s round %d/%d: plain PyTorch loop, channels_last…%n", model, r + 1, k);
                        TorchLoop.Result c = TorchLoop.run(o.python(), script, model, o.epochs(), o.threads(), dir, o.limit(), true);
                        clSkipped = c.skipped();
                        tcl[r] = c.ran() ? Bench.median(tail(c.epochSeconds())) : Double.NaN;
                    }
                }
            }
            boolean torch = skipped == null;
            String goal = model.equals("mlp") ? "≤ 1.10" : model.equals("cnn") ? "≤ 1.05" : "–";
            md.append(String.format("| %s | %.3f s | %.3f s | %s | %s | %s | %s | %s | %s |%n", model, Bench.median(w[0]),
                    Bench.median(d[0]), torch ? String.format("%.3f s", Bench.median(t[0])) : "–",
                    range(ratios(w[0], d[0])), torch ? range(ratios(w[0], t[0])) : "–",
                    range(ratios(w[1], d[1])), torch ? range(ratios(w[1], t[1])) : "–", goal));
            if (!torch) {
                notes.add(String.format("Plain PyTorch loop (%s) skipped: %s.", model, skipped));
            } else {
                notes.add(String.format("Test accuracy after %d epochs (%s): winnow %.2f%%, PyTorch %.2f%% (same model and"
                        + " settings, different initial draws).", o.epochs(), model, 100 * winnowAcc, 100 * last.testAccuracy()));
                if (cl && clSkipped != null) {
                    notes.add(String.format("Plain PyTorch loop with channels_last (%s) skipped: %s.", model, clSkipped));
                } else if (cl) {
                    notes.add(String.format("Winnow's %s runs channels-last inside (ModelZoo.channelsLast). The same plain PyTorch"
                            + " loop with channels_last model and images: %.3f s; winnow train ÷ it %s (wall).", model,
                            Bench.median(tcl), range(ratios(w[0], tcl))));
                }
                if (last.referenceBlas()) {
                    notes.add("PyTorch loaded Debian's reference BLAS (" + last.blas() + "): its matrix products are many"
                            + " times slower than with OpenBLAS, so ÷ PyTorch flatters Winnow; install libopenblas0.");
                }
            }
        }
        md.append('\n');
        notes.forEach(n -> md.append(n).append('\n'));
    }

    private static void threads(Options o, DataBundle data, Path tmp, StringBuilder md, PrintWriter log) {
        String model = data.train().exampleShape() != null && data.train().exampleShape().length == 3 ? "cnn" : "mlp";
        TrainConfig cfg = config(model, o.epochs());
        double[] one = new double[o.rounds()];
        double[] two = new double[o.rounds()];
        ai.djl.engine.Engine.getInstance(); // loads the native library before its thread count is set
        try {
            for (int r = 0; r < o.rounds(); r++) {
                for (int k : new int[] {1, 2}) {
                    log.printf("bench: %s round %d/%d: %d thread(s)…%n", model, r + 1, o.rounds(), k);
                    JniUtils.setNumThreads(k);
                    (k == 1 ? one : two)[r] = Bench.median(winnow(data, cfg, new FullPolicy(data.train().size()), tmp).wall());
                }
            }
        } finally {
            JniUtils.setNumThreads(o.threads());
        }
        md.append(String.format("%n%s epoch with recording (wall clock), 1 thread %.3f s, 2 threads %.3f s: speed-up **%s**"
                + " (goal ≥ 1.6).%n", model, Bench.median(one), Bench.median(two), range(ratios(one, two))));
    }

    private static void uniform(Options o, DataBundle data, Path tmp, StringBuilder md, PrintWriter log) {
        TrainConfig cfg = config("mlp", o.epochs());
        int n = data.train().size();
        double[][] full = new double[2][o.rounds()];
        double[][] part = new double[2][o.rounds()];
        for (int r = 0; r < o.rounds(); r++) {
            log.printf("bench: mlp round %d/%d: full and uniform:0.3 epochs…%n", r + 1, o.rounds());
            Run f = winnow(data, cfg, new FullPolicy(n), tmp);
            Run u = winnow(data, cfg, new UniformPolicy(n, cfg.seed(), 0.3), tmp);
            full[0][r] = Bench.median(f.wall());
            full[1][r] = Bench.median(f.cpu());
            part[0][r] = Bench.median(u.wall());
            part[1][r] = Bench.median(u.cpu());
        }
        md.append(String.format("%nmlp epoch with recording, uniform:0.3 %.3f s vs full %.3f s: **%s** of a full epoch"
                + " (CPU: %s) (goal ≤ 0.35).%n", Bench.median(part[0]), Bench.median(full[0]), range(ratios(part[0], full[0])),
                range(ratios(part[1], full[1]))));
    }

    /** Epochs 2..E of one run: train + record seconds by wall clock and by process CPU; the final test accuracy. */
    private record Run(double[] wall, double[] cpu, double accuracy) {
    }

    /** Process CPU seconds of each epoch from its first batch to the end of its recording (listed after the recorder). */
    private static final class CpuClock implements TrainingObserver {
        private final List<Double> seconds = new ArrayList<>();
        private double start;

        @Override
        public void onEpochStart(int epoch, int batches, int examples) {
            start = Bench.processCpuSeconds();
        }

        @Override
        public void onEpochEnd(int epoch, RunContext ctx) {
            seconds.add(Bench.processCpuSeconds() - start);
        }
    }

    private static TrainConfig config(String model, int epochs) {
        return TrainConfig.builder().setModel(ModelSpec.of(model)).optEpochs(epochs).optSeed(0).build().withEvalEvery(0);
    }

    /** One run of {@code winnow train} with presentation recording (every signal) into a scratch store. */
    private static Run winnow(DataBundle data, TrainConfig cfg, EpochPolicy policy, Path tmp) {
        Path store = tmp.resolve("s" + System.nanoTime());
        try (DynamicsWriter w = DynamicsWriter.create(store, data.train().size(), data.classes(),
                EnumSet.allOf(Signal.class), false, true)) {
            w.labels(data.train().labels());
            Recorder rec = new Recorder(w, new RecordOptions(new TreeSet<>(), false, false, false), data.train());
            CpuClock cpu = new CpuClock();
            TrainResult r;
            try (ProxyTrainer t = new ProxyTrainer(data, cfg, 0)) {
                r = t.train(policy, List.of(rec, cpu));
            }
            double[] wall = r.epochs().stream().mapToDouble(m -> m.trainSeconds() + m.recordSeconds()).toArray();
            return new Run(tail(wall), tail(cpu.seconds.stream().mapToDouble(Double::doubleValue).toArray()), r.finalTestAccuracy());
        } finally {
            AtomicFiles.deleteQuietly(store);
        }
    }

    private static double[] tail(double[] v) {
        return v.length > 1 ? Arrays.copyOfRange(v, 1, v.length) : v;
    }

    private static double[] ratios(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / b[i];
        }
        return out;
    }

    /**
     * {@code 1.04×} for one value, {@code 1.04× (1.01–1.09)} for several, {@code –} when one is not finite
     * (an epoch too short for the process CPU clock, which may tick in 10 ms steps).
     */
    private static String range(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x) || x == 0) {
                return "–";
            }
        }
        double[] s = v.clone();
        Arrays.sort(s);
        String m = String.format("%.3f×", Bench.median(v));
        return s.length < 2 ? m : m + String.format(" (%.3f–%.3f)", s[0], s[s.length - 1]);
    }

    /** The IDX folder of a {@code fashion-mnist} or {@code idx:DIR} spec, or null for other data. */
    private static String idxDir(String spec) {
        if (spec.equals("fashion-mnist")) {
            String env = System.getenv("FASHION_MNIST_DIR");
            return env == null || env.isBlank() ? Datasets.FASHION_MNIST_DEFAULT : env;
        }
        return spec.startsWith("idx:") ? spec.substring(4) : null;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
