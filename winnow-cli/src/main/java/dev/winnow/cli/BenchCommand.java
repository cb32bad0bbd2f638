package dev.winnow.cli;

import dev.winnow.bench.ScoreBench;
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
        subcommands = {BenchCommand.Scores.class, BenchCommand.Select.class, BenchCommand.Train.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose what to measure: winnow bench scores|select|train");
    }

    @Command(name = "train",
            description = {
                "Epoch time and examples/s of each model, and the recorder's overhead: one MLP run",
                "records presentation signals in odd epochs and not in even ones; overhead = median",
                "epoch time on ÷ off (epoch 1 left out). Also the cost of one checkpoint pass.",
                "Prints a markdown report on stdout, progress on stderr.",
            })
    static final class Train extends WinnowCommand {
        @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "SPEC", description = "Dataset (default ${DEFAULT-VALUE}).")
        String data;

        @Option(names = "--epochs", defaultValue = "3", paramLabel = "E", description = "Epochs per run (default ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--reps", defaultValue = "2", paramLabel = "R", description = "On/off epoch pairs of the overhead run (default ${DEFAULT-VALUE}).")
        int reps;

        @Option(names = "--models", defaultValue = "mlp,cnn", split = ",", paramLabel = "M,…", description = "Models to time (default ${DEFAULT-VALUE}).")
        List<String> models;

        @Option(names = "--limit", paramLabel = "N", description = "First N training examples only.")
        Integer limit;

        @Option(names = "--threads", paramLabel = "T", description = "PyTorch CPU threads (default: half the cores, at least 1).")
        Integer threads;

        @Override
        public Integer call() {
            atLeastOne("--epochs and --reps", epochs, reps);
            dev.winnow.train.Threads.configure(threads);
            String md = TrainBench.run(new TrainBench.Options(data, epochs, reps, limit, models), err());
            out().print(md);
            out().flush();
            return 0;
        }
    }

    @Command(name = "scores",
            description = {
                "Scoring speed on a synthetic memory-mapped store of N examples x T observations:",
                "el2n@T, forgetting and aum, each as a ratio to a plain loop that reads and sums the",
                "same mapped rows in the same run (median of --reps after warm-up). Goal: <= 3x.",
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
                "Selection speed: hard and stratified at keep 0.3 on N random scores (10 classes),",
                "each as a ratio to one Arrays.sort of the scores in the same round. Goal: <= 1x",
                "(selection needs no full sort). Give the JVM room: WINNOW_JAVA_OPTS=-Xmx4g or more.",
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
}
