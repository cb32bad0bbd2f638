package dev.winnow.cli;

import dev.winnow.cli.base.OutputOptions;
import dev.winnow.cli.study.AuditData;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.AtomicFiles;
import dev.winnow.quality.ClassProbabilities;
import dev.winnow.study.Audit;
import dev.winnow.study.StudyData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code winnow audit}: label issues by confident learning, near-duplicates, outliers, class balance and the
 * data map of one dynamics store, as CSV files and {@code audit.html} in a folder.
 */
@Command(name = "audit",
        header = "Label issues, near-duplicates, outliers, class balance and the data map: audit.html.",
        description = {
            "Check a dataset before training, from a dynamics store. Writes into the folder --out:",
            "  label-issues.csv  id,label,suggested_label,quality: the examples confident learning flags "
                + "(Northcutt et al. 2021), lowest self-confidence p_given first;",
            "  duplicates.csv    near-duplicate groups (cosine >= 1 - threshold; needs features.npy);",
            "  outliers.csv      id,label,distance from the class centre in feature space;",
            "  audit.json        thresholds, confident joint, the estimated number of issues, counts;",
            "  audit.html        all of it to look at, with the images or sentences when --data is given.",
            "Confident learning reads every class's probability: the store needs logits.npy "
                + "(winnow train --record-logits). --probabilities presentations averages the softmax over every "
                + "presentation (in-sample after epoch 1); first-epoch over those of epoch 1 only, each computed "
                + "before the model trained on the example (out-of-sample).",
        },
        footer = {"%nExample: winnow audit --dynamics runs/proxy/dynamics --data fashion-mnist --out audit"})
public final class AuditCommand extends WinnowCommand {
    @Option(names = "--dynamics", required = true, paramLabel = "DIR", description = "the dynamics store (with logits.npy)")
    Path dynamics;

    @Option(names = "--data", paramLabel = "SPEC",
            description = "the dataset the store was recorded on, to show images or sentences (examples matched by id)")
    String data;

    @Option(names = "--probabilities", defaultValue = "presentations", paramLabel = "WHICH",
            description = "presentations (default) or first-epoch")
    String probabilities;

    @Option(names = "--threshold", defaultValue = "0.01", paramLabel = "EPS",
            description = "near-duplicates: cosine >= 1 - EPS, EPS in (0, 2) (default ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--feature-run", defaultValue = "0", paramLabel = "R",
            description = "the run whose features give duplicates and outliers (default ${DEFAULT-VALUE})")
    int featureRun;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "seed of the duplicate search and of the member kept per group (default ${DEFAULT-VALUE})")
    long seed;

    @CommandLine.Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Audit.Options o = orUsage(() -> new Audit.Options(ClassProbabilities.Source.parse(probabilities), threshold,
                featureRun, seed));
        AtomicFiles.refuseExisting(output.out(), output.force());
        DynamicsStore store = DynamicsStore.open(dynamics);
        long t0 = System.nanoTime();
        StudyData d = data == null ? null : AuditData.load(data);
        Audit.Found found = orUsage(() -> Audit.run(store, d, o));
        Audit.write(found, store, o, output.out(), output.force());
        var m = found.model();
        out().printf("%s: %d label issues estimated, %d flagged%s (%.1f s)%n", output.out().resolve("audit.html"),
                m.estimatedIssues(), m.issues().size(), m.duplicates() == null ? ""
                        : ", " + m.duplicates().groups() + " near-duplicate groups", (System.nanoTime() - t0) / 1e9);
        out().flush();
        return 0;
    }
}
