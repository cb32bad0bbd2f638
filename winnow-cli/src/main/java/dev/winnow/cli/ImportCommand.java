package dev.winnow.cli;

import dev.winnow.cli.base.OutputOptions;
import dev.winnow.dynamics.LogitsImport;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.SignalImport;
import dev.winnow.dynamics.TableImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code winnow import}: a dynamics store from what any framework saved: class logits and labels (NumPy),
 * named signal matrices (NumPy, for models without class logits), or a long table of per-example signals.
 */
@Command(name = "import",
        header = "Build a dynamics store from NumPy logits and labels (PyTorch, JAX, ...).",
        description = {
            "Build a dynamics store from what your own training saved, in one of three forms:",
            "  --logits: class logits (NumPy). Derives loss, p_true, logit_margin, correct, el2n, "
                + "entropy, p_max and top2_margin; grad_norm too when --features holds the last "
                + "layer's input per observation. NaN logits mean the example was not observed.",
            "  --signal NAME=FILE.npy (repeatable): signals computed elsewhere, [T, N] float32 or "
                + "float64, row t = epoch t+1, NaN = not observed; for models without class logits "
                + "(a translation model's loss = the mean token cross-entropy of each sentence).",
            "  --table FILE.csv: a long table id,epoch,kind,<signal>... (optional run and label "
                + "columns), one line per example and observation; kind is presentation or checkpoint.",
        },
        footer = {
            "%nBy default the T rows are epochs 1..T of one run; --runs R splits them into R runs "
                + "of T/R epochs each (run-major); --observations presentation|checkpoint gives their kind "
                + "(as --kind does), or --observations OBS.json each row's run, epoch and kind:",
            "[{\"run\":0,\"epoch\":1,\"kind\":\"checkpoint\"}, ...]",
            "%nExamples:",
            "  winnow import --logits logits.npy --labels labels.npy --out runs/proxy",
            "  winnow import --signal loss=loss.npy --observations checkpoint --out runs/mt",
            "  winnow import --table losses.csv --out runs/mt",
        })
public final class ImportCommand extends WinnowCommand {
    @Option(names = "--logits", paramLabel = "L.npy", description = "float32 [T, N, C], or [N, C] for one observation")
    Path logits;

    @Option(names = "--signal", paramLabel = "NAME=FILE.npy", mapFallbackValue = "",
            description = "a signal matrix [T, N], float32 or float64 (repeatable; not with --logits)")
    Map<String, Path> signals = new LinkedHashMap<>();

    @Option(names = "--table", paramLabel = "FILE.csv",
            description = "a long table id,epoch,kind,<signal>... (not with --logits or --signal)")
    Path table;

    @Option(names = "--labels", paramLabel = "Y.npy",
            description = "int32 or int64 [N]: with --logits each in [0, C) (required); with --signal optional "
                    + "(default: every example class 0)")
    Path labels;

    @Option(names = "--features", paramLabel = "F.npy",
            description = "float32 last-layer inputs: [T, N, D] per observation (adds grad_norm), "
                    + "or [R, N, D] / [N, D] per run (with --logits)")
    Path features;

    @Option(names = "--kind", defaultValue = "checkpoint", paramLabel = "KIND",
            description = "checkpoint (eval pass after each epoch; default) or presentation (outputs "
                    + "computed while training on it)")
    String kind;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "R", description = "the rows hold R runs (seeds), one after another")
    int runs;

    @Option(names = "--observations", paramLabel = "KIND|OBS.json",
            description = "presentation or checkpoint (the kind of every row), or a JSON file with the run, "
                    + "epoch and kind of each row (then not with --kind/--runs)")
    String observations;

    @CommandLine.Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        int sources = (logits != null ? 1 : 0) + (signals.isEmpty() ? 0 : 1) + (table != null ? 1 : 0);
        if (sources != 1) {
            throw usage("give exactly one of --logits, --signal (repeatable) or --table");
        }
        if (logits != null && labels == null) {
            throw usage("--logits needs --labels");
        }
        if (features != null && logits == null) {
            throw usage("--features goes with --logits");
        }
        if (table != null) {
            for (String flag : List.of("--labels", "--kind", "--runs", "--observations")) {
                if (given.hasMatchedOption(flag)) {
                    throw usage("--table describes its rows itself; drop " + flag);
                }
            }
        }
        for (Map.Entry<String, Path> e : signals.entrySet()) {
            if (e.getValue() == null || e.getValue().toString().isEmpty()) {
                throw usage("--signal " + e.getKey() + ": expected NAME=FILE.npy");
            }
        }
        PrintWriter err = err();
        Consumer<String> progress = line -> {
            err.println(line);
            err.flush();
        };
        LogitsImport.Result r;
        if (table != null) {
            r = TableImport.run(table, output.out(), output.force());
        } else if (logits != null) {
            List<Observation> obs = observations(LogitsImport.observationCount(logits), given);
            r = LogitsImport.run(new LogitsImport.Request(logits, labels, features, obs, output.out(), output.force()),
                    progress);
        } else {
            Path first = signals.values().iterator().next();
            List<Observation> obs = observations(SignalImport.observationCount(first), given);
            r = SignalImport.run(new SignalImport.Request(signals, labels, obs, output.out(), output.force()), progress);
        }
        for (String note : r.notes()) {
            err.println("note: " + note);
        }
        err.flush();
        out().printf("%s: %d observations of %d examples, %d classes; signals %s%n", r.store(),
                r.observations(), r.examples(), r.classes(), String.join(", ", r.signals()));
        out().flush();
        return 0;
    }

    /** The T rows' observations from --observations (a kind or a JSON file), --kind and --runs. */
    private List<Observation> observations(int t, CommandLine.ParseResult given) {
        String kindName = kind;
        if (observations != null) {
            boolean isKind = observations.equals("presentation") || observations.equals("checkpoint");
            if (!isKind) {
                if (given.hasMatchedOption("--kind") || given.hasMatchedOption("--runs")) {
                    throw usage("--observations OBS.json describes every row; drop --kind and --runs");
                }
                return LogitsImport.readObservations(Path.of(observations));
            }
            if (given.hasMatchedOption("--kind") && !kind.equals(observations)) {
                throw usage("--observations " + observations + " and --kind " + kind + " disagree");
            }
            kindName = observations;
        }
        String name = kindName;
        ObservationKind k = orUsage(() -> ObservationKind.of(name));
        return orUsage(() -> LogitsImport.defaultObservations(t, runs, k));
    }
}
