package dev.winnow.cli;

import dev.winnow.catalogue.Catalogue;
import dev.winnow.cli.base.ToolVersion;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.ScoreTable;
import dev.winnow.score.MissingPolicy;
import dev.winnow.score.Score;
import dev.winnow.score.Scores;
import dev.winnow.select.SelectOptions;
import dev.winnow.select.KeepList;
import dev.winnow.select.KeepListProvenance;
import dev.winnow.select.KeepListWriter;
import dev.winnow.select.FeatureSelector;
import dev.winnow.select.Features;
import dev.winnow.select.Selector;
import dev.winnow.select.Strategy;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code winnow select}: a keep-list (+ weights) from per-example scores. */
@Command(name = "select",
        header = "A keep-list (id,weight) from scores, with its provenance.",
        usageHelpWidth = 110,
        description = {
            "Select the examples to keep from per-example scores (higher = harder) and write the keep-list "
                + "FILE.csv (id,weight, sorted by id) with its provenance FILE.json beside it (inputs and their "
                + "SHA-256, strategy, parameters, seed, N, k, tool version). Same inputs and seed, same bytes.",
            "",
            "Strategies (STRATEGY[:params] in a study's methods; here --offset, --bins, --drop-hardest, --alpha):",
            SelectCommand.STRATEGIES_HERE,
            "",
            "When to use which: keeping most of the data (>= ~70%%), 'hard' (or 'window' on noisy labels) works.",
            "At high compression (<= ~30%% kept) keeping only the hardest loses to random: use 'random', "
                + "'stratified' or 'calibrated'.",
            "'stratified' (Zheng et al. 2023, CCS) covers the whole score range; a small --drop-hardest such as 0.1 "
                + "sheds mislabeled examples.",
            "'calibrated' (Ayed & Hayou 2023): score-based pruning alone fails at high compression; mixing in weighted "
                + "random picks fixes it.",
            "--class-balanced keeps each class's share of k (largest remainder) and runs the strategy per class.",
            "In feature space (--dynamics DIR, its features.npy run 0 or --feature-run R): 'kcenter' covers the "
                + "space (Sener & Savarese 2018), 'moderate' keeps each class's middle distances to its median (Xia et "
                + "al. 2023), 'd2' weighs difficulty (--score) against diversity (Maharana et al. 2023); docs/selection.md.",
            "",
            "Ties in score break by the random key of (seed, id), then by id; see DESIGN.md 'Selection'.",
            "",
        },
        footer = {
            "",
            "Examples:",
            "  winnow select --scores el2n.csv --keep 0.7 --strategy hard --out keep.csv",
            "  winnow select --scores aum.csv --keep 0.2 --strategy stratified --drop-hardest 0.1 --out keep.csv",
            "  winnow select --scores el2n.csv --keep-count 5000 --strategy calibrated --alpha 0.5 --seed 7 \\",
            "                --class-balanced --out keep.csv",
            "  winnow select --dynamics runs/a/dynamics --keep 0.3 --strategy kcenter --out keep.csv",
            "  winnow select --dynamics runs/a/dynamics --score aum --keep 0.3 --strategy d2 --class-balanced \\",
            "                --out keep.csv",
            "",
            "Exit codes: 0 done, 1 the data failed (one line), 2 usage error.",
        })
public final class SelectCommand extends SelectingCommand {
    /** Where the description takes the strategy lines of the catalogue (each strategy, its parameters, its paper). */
    static final String STRATEGIES_HERE = "@strategies@";

    /** picocli injects the spec when it builds the command: the strategies come from the catalogue. */
    @CommandLine.Spec
    void describe(CommandLine.Model.CommandSpec s) {
        CommandLine.Model.UsageMessageSpec u = s.usageMessage();
        u.description(withCatalogue(u.description(), STRATEGIES_HERE, Catalogue.strategies(), u.width()));
    }

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Input (one of):%n")
    Source source;

    static final class Source {
        @Option(names = "--scores", paramLabel = "FILE.csv",
                description = "scores as id,label,score CSV (what 'winnow score' writes)")
        Path scores;

        @ArgGroup(exclusive = false)
        FromDynamics dynamics;
    }

    static final class FromDynamics {
        @Option(names = "--dynamics", paramLabel = "DIR", required = true,
                description = "a dynamics store to score first (with --score), or whose features.npy the feature "
                        + "strategies read")
        Path dir;

        @Option(names = "--score", paramLabel = "NAME",
                description = "the score to compute from --dynamics, e.g. el2n@10, forgetting, aum (every strategy "
                        + "but moderate and kcenter reads one)")
        String score;
    }

    @CommandLine.Mixin
    KeepListOptions keepList;

    @Override
    public Integer call() {
        SelectOptions options = keepList.toOptions(spec.commandLine());
        Strategy strategy = options.strategy();
        long seed = options.seed();
        if (strategy.readsFeatures() && source.scores != null) {
            throw usage("--strategy " + strategy + " selects on features: give --dynamics DIR (a store with "
                    + "features.npy) instead of --scores");
        }
        if (source.dynamics != null) {
            if (strategy.readsScores() && source.dynamics.score == null) {
                throw usage("--strategy " + strategy + " reads scores: give --score NAME with --dynamics");
            }
            if (!strategy.readsScores() && source.dynamics.score != null) {
                throw usage("--strategy " + strategy + " reads no score: leave out --score");
            }
        }
        KeepListWriter.refuseExisting(keepList.out(), keepList.force());
        ScoreTable table;
        List<KeepListProvenance.Input> inputs;
        Features features = null;
        if (source.scores != null) {
            table = ScoreTable.read(source.scores);
            inputs = List.of(KeepListProvenance.Input.of("scores", source.scores));
        } else {
            Score s = source.dynamics.score == null ? null : score(source.dynamics.score, seed);
            DynamicsStore store = DynamicsStore.open(source.dynamics.dir);
            table = s != null ? Scores.table(store, s, MissingPolicy.FAIL)
                    : new ScoreTable(store.ids(), store.labels(), new float[store.examples()]);
            inputs = new ArrayList<>(List.of(KeepListProvenance.Input.of("dynamics", source.dynamics.dir)));
            if (strategy.readsFeatures()) {
                checkBudget(options, table);
                features = orUsage(() -> Features.fromStore(store, options.featureRun()));
                inputs.add(KeepListProvenance.Input.of("features", source.dynamics.dir.resolve("features.npy")));
            }
        }
        checkBudget(options, table);
        long t0 = System.nanoTime();
        KeepList sel = features != null ? FeatureSelector.select(table, features, options) : Selector.select(table, options);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        KeepListWriter.write(sel.withSources(inputs, ToolVersion.get()), keepList.out(), keepList.force());
        out().printf("kept %d of %d (%s%s, seed %d) in %d ms -> %s%n", sel.size(), table.size(),
                strategy.cliName(), options.classBalanced() ? ", class-balanced" : "", seed, ms, keepList.out());
        out().flush();
        return 0;
    }

}
