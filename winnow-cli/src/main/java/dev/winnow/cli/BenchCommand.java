package dev.winnow.cli;

import dev.winnow.bench.LoopBench;
import dev.winnow.bench.ScoreBench;
import dev.winnow.bench.KCenterBench;
import dev.winnow.bench.SelectBench;
import dev.winnow.bench.TrainBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code winnow bench}: measurements of Winnow's own cost (the benchmarks live in winnow-bench). */
@Command(name = "bench",
        header = "Measure Winnow's own speed against same-run baselines.", mixinStandardHelpOptions = true,
        description = "Measure Winnow's own speed (not a test: prints numbers).",
        subcommands = {BenchCommand.Scores.class, BenchCommand.Select.class, BenchCommand.Train.class,
                BenchCommand.KCenter.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose what to measure: winnow bench scores|select|train|kcenter");
    }

    @Command(name = "train",
            description = {
                "The training loop's speed. Parts (--parts, all by default):",
                "table: epoch time and examples/s per model; the recorder's overhead (one "
                    + "MLP run recording in odd epochs only: median epoch on / off); one "
                    + "checkpoint pass.",
                "loop: winnow train with recording / a plain DJL loop (the engine's floor) "
                    + "and / the plain PyTorch loop scripts/bench/torch_loop.py (run with "
                    + "--python; one line and skipped when torch cannot be imported); same "
                    + "threads; rounds in turn; ratios by wall clock and by process CPU. "
                    + "For the CNN, which Winnow runs channels-last inside, the same PyTorch "
                    + "loop with channels_last is timed too and reported beside it.",
                "threads: the CNN epoch at 2 threads vs 1.",
                "uniform: an MLP epoch of uniform:0.3 vs a full epoch.",
                "Prints a markdown report on stdout, progress on stderr.",
            })
    static final class Train extends WinnowCommand {
        @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "SPEC", description = "Dataset (default ${DEFAULT-VALUE}).")
        String data;

        @Option(names = "--epochs", defaultValue = "3", paramLabel = "E", description = "Epochs per run (default ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--reps", defaultValue = "2", paramLabel = "R",
                description = "On/off epoch pairs of the overhead run, rounds of the other parts (default ${DEFAULT-VALUE}).")
        int reps;

        @Option(names = "--models", defaultValue = "mlp,cnn", split = ",", paramLabel = "M,…", description = "Models to time (default ${DEFAULT-VALUE}).")
        List<String> models;

        @Option(names = "--limit", paramLabel = "N", description = "First N training examples only.")
        Integer limit;

        @Option(names = "--threads", paramLabel = "T", description = "PyTorch CPU threads (default: half the cores, at least 1).")
        Integer threads;

        @Option(names = "--parts", defaultValue = "table,loop,threads,uniform", split = ",", paramLabel = "P,…",
                description = "What to measure: table, loop, threads, uniform (default ${DEFAULT-VALUE}).")
        List<String> parts;

        @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "EXE",
                description = "Python with torch for the plain PyTorch loop (default ${DEFAULT-VALUE}).")
        String python;

        @Option(names = "--torch-script", defaultValue = "scripts/bench/torch_loop.py", paramLabel = "FILE",
                description = "The plain PyTorch loop (default ${DEFAULT-VALUE}, also looked up above the jar).")
        java.nio.file.Path torchScript;

        private static final List<String> PARTS = List.of("table", "loop", "threads", "uniform");

        @Override
        public Integer call() {
            atLeastOne("--epochs and --reps", epochs, reps);
            for (String p : parts) {
                if (!PARTS.contains(p)) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--parts: unknown part '" + p + "' (expected " + String.join(", ", PARTS) + ")");
                }
            }
            int t = dev.winnow.train.Threads.configure(threads);
            if (parts.contains("table")) {
                out().print(TrainBench.run(new TrainBench.Options(data, epochs, reps, limit, models), err()));
                out().flush();
            }
            java.util.Set<String> rest = new java.util.TreeSet<>();
            parts.stream().filter(p -> !p.equals("table")).forEach(rest::add);
            if (!rest.isEmpty()) {
                out().print((parts.contains("table") ? "\n" : "") + LoopBench.run(new LoopBench.Options(data, epochs, reps,
                        limit, models, t, rest, python, torchScript), err()));
                out().flush();
            }
            return 0;
        }
    }

    @Command(name = "scores",
            description = {
                "Scoring speed on a synthetic memory-mapped store of N examples x T observations: "
                    + "el2n@T, forgetting and aum, each as a ratio to a plain loop that reads and sums the "
                    + "same mapped rows in the same run (median of --reps after warm-up). Goal: <= 3x.",
            })
    static final class Scores extends WinnowCommand {
        @Option(names = "--examples", defaultValue = "1000000", paramLabel = "N", description = "Examples (default ${DEFAULT-VALUE}).")
        int examples;

        @Option(names = "--observations", defaultValue = "20", paramLabel = "T", description = "Observations (default ${DEFAULT-VALUE}).")
        int observations;

        @Option(names = "--reps", defaultValue = "9", paramLabel = "R", description = "Timed repetitions (default ${DEFAULT-VALUE}).")
        int reps;

        @Override
        public Integer call() {
            atLeastOne("--examples, --observations and --reps", examples, observations, reps);
            ScoreBench.run(examples, observations, reps, out());
            return 0;
        }
    }

    @Command(name = "select",
            description = {
                "Selection speed: hard and stratified at keep 0.3 on N random scores (10 classes), "
                    + "each as a ratio to one Arrays.sort of the scores in the same round. Goal: <= 1x "
                    + "(selection needs no full sort). Give the JVM room: WINNOW_JAVA_OPTS=-Xmx4g or more.",
            })
    static final class Select extends WinnowCommand {
        @Option(names = "--examples", defaultValue = "10000000", paramLabel = "N", description = "Examples (default ${DEFAULT-VALUE}).")
        int examples;

        @Option(names = "--reps", defaultValue = "7", paramLabel = "R", description = "Timed rounds after 3 warm-up rounds (default ${DEFAULT-VALUE}).")
        int reps;

        @Override
        public Integer call() {
            atLeastOne("--examples and --reps", examples, reps);
            SelectBench.Result r = SelectBench.run(examples, 3, reps, err());
            out().println(r);
            out().flush();
            return 0;
        }
    }

    @Command(name = "kcenter",
            description = {
                "Greedy k-center speed (--strategy kcenter): wall and CPU seconds, against the plain algorithm "
                    + "(k passes of N distances) timed pass by pass in the same run. Goal: N = 60,000, D = 128, "
                    + "k = 18,000 in <= 30 s on 2 cores. Features: a store's features.npy run 0 (--features DIR), or "
                    + "synthetic ones (clustered: blobs in a 16-dimensional subspace; gaussian: i.i.d., the worst case).",
            })
    static final class KCenter extends WinnowCommand {
        @Option(names = "--features", paramLabel = "DIR|clustered|gaussian", defaultValue = "clustered",
                description = "a dynamics store with features.npy, or synthetic data (default ${DEFAULT-VALUE})")
        String features;

        @Option(names = "--examples", defaultValue = "60000", paramLabel = "N",
                description = "Synthetic examples (default ${DEFAULT-VALUE}).")
        int examples;

        @Option(names = "--dim", defaultValue = "128", paramLabel = "D",
                description = "Synthetic dimension (default ${DEFAULT-VALUE}).")
        int dim;

        @Option(names = "--keep-count", defaultValue = "18000", paramLabel = "K", description = "Centres (default ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--reps", defaultValue = "1", paramLabel = "R", description = "Timed rounds after 1 warm-up round (default ${DEFAULT-VALUE}).")
        int reps;

        @Override
        public Integer call() {
            atLeastOne("--examples, --dim, --keep-count and --reps", examples, dim, k, reps);
            boolean synthetic = features.equals("clustered") || features.equals("gaussian");
            dev.winnow.select.Features f = synthetic ? KCenterBench.synthetic(features, examples, dim, 20261130L)
                    : dev.winnow.select.Features.fromStore(dev.winnow.dynamics.DynamicsStore.open(
                            java.nio.file.Path.of(features)), 0);
            if (k > f.size()) {
                throw usage("--keep-count " + k + " exceeds the " + f.size() + " examples");
            }
            out().println(KCenterBench.run(features, f, k, reps, err()));
            out().flush();
            return 0;
        }
    }
}
