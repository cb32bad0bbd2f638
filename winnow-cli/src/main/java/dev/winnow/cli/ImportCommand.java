package dev.winnow.cli;

import dev.winnow.cli.base.OutputOptions;
import dev.winnow.dynamics.LogitsImport;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code winnow import}: a dynamics store from logits and labels saved with NumPy by any framework. */
@Command(name = "import",
        header = "Build a dynamics store from NumPy logits and labels (PyTorch, JAX, ...).",
        description = {
            "Build a dynamics store from logits saved with NumPy (PyTorch, JAX, ...).",
            "Derives loss, p_true, logit_margin, correct, el2n, entropy, p_max and",
            "top2_margin; grad_norm too when --features holds the last layer's input",
            "per observation. NaN logits mean the example was not observed.",
        },
        footer = {
            "%nBy default the T rows of the logits are epochs 1..T of one run; --runs R",
            "splits them into R runs of T/R epochs each (run-major); --observations gives",
            "each row's run, epoch and kind: [{\"run\":0,\"epoch\":1,\"kind\":\"checkpoint\"}, ...]",
            "%nExample: winnow import --logits logits.npy --labels labels.npy --out runs/proxy",
        })
public final class ImportCommand extends WinnowCommand {
    @Option(names = "--logits", required = true, paramLabel = "L.npy", description = "float32 [T, N, C], or [N, C] for one observation")
    Path logits;

    @Option(names = "--labels", required = true, paramLabel = "Y.npy", description = "int32 or int64 [N], each in [0, C)")
    Path labels;

    @Option(names = "--features", paramLabel = "F.npy",
            description = "float32 last-layer inputs: [T, N, D] per observation (adds grad_norm), "
                    + "or [R, N, D] / [N, D] per run")
    Path features;

    @Option(names = "--kind", defaultValue = "checkpoint", paramLabel = "KIND",
            description = "checkpoint (eval pass after each epoch; default) or presentation (outputs "
                    + "computed while training on it)")
    String kind;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "R", description = "the rows hold R runs (seeds), one after another")
    int runs;

    @Option(names = "--observations", paramLabel = "OBS.json", description = "run, epoch, kind of each row (not with --kind/--runs)")
    Path observations;

    @CommandLine.Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        List<Observation> obs;
        if (observations != null) {
            if (given.hasMatchedOption("--kind") || given.hasMatchedOption("--runs")) {
                throw usage("--observations describes every row; drop --kind and --runs");
            }
            obs = LogitsImport.readObservations(observations);
        } else {
            obs = orUsage(() -> LogitsImport.defaultObservations(LogitsImport.observationCount(logits), runs,
                    ObservationKind.of(kind)));
        }
        PrintWriter err = err();
        LogitsImport.Result r = LogitsImport.run(
                new LogitsImport.Request(logits, labels, features, obs, output.out(), output.force()),
                line -> {
                    err.println(line);
                    err.flush();
                });
        for (String note : r.notes()) {
            err.println("note: " + note);
        }
        err.flush();
        out().printf("%s: %d observations of %d examples, %d classes; signals %s%n", r.store(),
                r.observations(), r.examples(), r.classes(), String.join(", ", r.signals()));
        out().flush();
        return 0;
    }
}
