package dev.winnow.cli;

import dev.winnow.catalogue.Catalogue;
import dev.winnow.cli.base.OutputOptions;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.AtomicFiles;
import dev.winnow.io.ScoreTable;
import dev.winnow.score.MissingPolicy;
import dev.winnow.score.Score;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;
import dev.winnow.score.Scores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code winnow score}: one score per example from a dynamics store, written as id,label,score CSV. */
@Command(name = "score",
        header = "One score per example (higher = harder) as id,label,score CSV.",
        description = {
            "Score every example of a dynamics store and write the CSV id,label,score. "
                + "Higher = harder. Scores average over the store's runs; '@E' reads epoch E: "
                + "the checkpoint of that epoch, else the example's last presentation in it.",
        })
public final class ScoreCommand extends WinnowCommand {
    @Option(names = "--dynamics", required = true, paramLabel = "DIR", description = "the dynamics store (a folder with manifest.json)")
    Path dynamics;

    @Option(names = "--score", required = true, paramLabel = "NAME", description = "which score, e.g. el2n@10, forgetting, aum (list below)")
    String score;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "seed of 'random' (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--external", paramLabel = "FILE", description = "CSV with an 'id' column, for 'external'")
    Path external;

    @Option(names = "--column", paramLabel = "COL", description = "the column of --external to use as the score")
    String column;

    @Option(names = "--vog-per-class", description = "standardise 'vog' within each class")
    boolean vogPerClass;

    @Option(names = "--damping", defaultValue = "" + ScoreOptions.DEFAULT_DAMPING, paramLabel = "L",
            description = "L2 damping λ of 'influence' and 'dealrec' (fit and Hessian; default ${DEFAULT-VALUE})")
    double damping;

    @Option(names = "--dealrec-lambda", defaultValue = "" + ScoreOptions.DEFAULT_DEALREC_LAMBDA, paramLabel = "L",
            description = "weight λ of the effort term of 'dealrec' (default ${DEFAULT-VALUE})")
    double dealrecLambda;

    @Option(names = "--missing", defaultValue = "fail", paramLabel = "POLICY",
            description = "examples never observed where the score looks: fail (default), hardest or "
                    + "easiest (they get the highest / lowest observed score)")
    String missing;

    @CommandLine.Mixin
    OutputOptions output;

    /** picocli injects the spec when it builds the command: the footer lists every score. */
    @CommandLine.Spec
    void describe(CommandLine.Model.CommandSpec s) {
        s.usageMessage().footer(catalogue(s.usageMessage().width()));
    }

    static String[] catalogue(int width) {
        List<String> lines = new ArrayList<>();
        lines.add("%nScores (higher = harder; E = epoch, K = last epoch counted):");
        lines.addAll(Catalogue.helpLines(Catalogue.scores(), width));
        lines.add("%nExample: winnow score --dynamics runs/proxy --score el2n@10 --out el2n.csv");
        return lines.toArray(new String[0]);
    }

    @Override
    public Integer call() {
        Path out = output.out();
        boolean force = output.force();
        ScoreOptions opts = orUsage(() -> new ScoreOptions(seed, external, column, vogPerClass, damping, dealrecLambda));
        Score s = orUsage(() -> ScoreSpec.parse(score).create(opts));
        MissingPolicy policy = orUsage(() -> MissingPolicy.of(missing));
        if ((external != null || column != null) && !s.name().equals("external")) {
            throw usage("--external and --column belong to the score 'external', not '" + s.name() + "'");
        }
        AtomicFiles.refuseExisting(out, force);
        DynamicsStore store = DynamicsStore.open(dynamics);
        long t0 = System.nanoTime();
        ScoreTable table = Scores.table(store, s, policy);
        table.write(out, force);
        out().printf("%s: %s of %d examples (%.1f s)%n", out, s.name(), table.size(),
                (System.nanoTime() - t0) / 1e9);
        out().flush();
        return 0;
    }
}
