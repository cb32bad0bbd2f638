package dev.winnow.cli;

import dev.winnow.WinnowException;
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
import dev.winnow.train.RecordOptions;
import dev.winnow.train.TrainConfig;
import dev.winnow.train.TrainJob;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.model.ModelSpec;
import dev.winnow.io.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** {@code winnow prune}: train a proxy, score every example and select a keep-list, in one go. */
@Command(name = "prune",
        header = "Proxy, scores and keep-list in one go.",
        usageHelpWidth = 110,
        description = {
            "Train a cheap proxy for a few epochs, score every training example from its dynamics and "
                + "select the keep-list, in one go. Writes into --out:",
            "  dynamics/       the proxy's dynamics store (as 'winnow train' writes it)",
            "  metrics.json    the proxy's per-epoch metrics",
            "  scores.csv      id,label,score (as 'winnow score' writes it)",
            "  keep.csv        id,weight sorted by id, and keep.json with its provenance",
            "Then train your target model on keep.csv (its weights matter for 'calibrated').",
            "Scores and strategies are those of 'winnow score --help' and 'winnow select --help'.",
            "",
        },
        footer = {
            "",
            "Examples:",
            "  winnow prune --data fashion-mnist --model mlp --proxy-epochs 2 --score el2n@2 \\",
            "               --keep 0.5 --strategy hard --out runs/pruned",
            "  winnow prune --data fashion-mnist --model mlp --proxy-epochs 5 --score forgetting \\",
            "               --keep 0.2 --strategy stratified --drop-hardest 0.1 --out runs/pruned20",
        })
final class PruneCommand extends SelectingCommand {
    @CommandLine.Mixin
    DataAndModel setup;

    @Option(names = "--proxy-epochs", defaultValue = "2", paramLabel = "E",
            description = "epochs of proxy training (default ${DEFAULT-VALUE}; early dynamics are the point)")
    int proxyEpochs;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "R",
            description = "proxies from seeds S..S+R-1; scores average over them (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--score", paramLabel = "NAME", required = true, description = "e.g. el2n@2, forgetting, aum, cat@2")
    String score;

    @CommandLine.Mixin
    KeepListOptions keepList;

    @Override
    public Integer call() {
        Path out = keepList.out();
        boolean force = keepList.force();
        SelectOptions options = keepList.toOptions(spec.commandLine());
        Score s;
        TrainConfig cfg;
        try {
            s = score(score, options.seed());
            atLeastOne("--runs, --proxy-epochs and --limit", runs, proxyEpochs, setup.limit == null ? 1 : setup.limit);
            if (options.featureRun() >= runs) {
                throw usage("--feature-run " + options.featureRun() + ": the proxy records runs 0 to " + (runs - 1));
            }
            cfg = TrainConfig.builder().setModel(ModelSpec.of(setup.model)).optEpochs(proxyEpochs).optSeed(options.seed()).build();
            dev.winnow.train.Threads.configure(setup.threads);
        } catch (IllegalArgumentException | WinnowException e) {
            throw usage(e.getMessage());
        }
        Path scoresCsv = out.resolve("scores.csv");
        Path keepCsv = out.resolve("keep.csv");
        AtomicFiles.refuseExisting(scoresCsv, force);
        KeepListWriter.refuseExisting(keepCsv, force);

        DataBundle d = setup.load();
        long t0 = System.nanoTime();
        RecordOptions rec = new RecordOptions(RecordOptions.parseCheckpoints("all", proxyEpochs), false, true, false);
        new TrainJob(d, setup.dataSpec(), cfg, runs, rec, true)
                .execute(out, force, err());
        long t1 = System.nanoTime();
        DynamicsStore store = DynamicsStore.open(out.resolve(TrainJob.STORE));
        ScoreTable table = Scores.table(store, s, MissingPolicy.FAIL);
        table.write(scoresCsv, force);
        long t2 = System.nanoTime();
        checkBudget(options, table);
        KeepList sel = (options.strategy().readsFeatures()
                ? FeatureSelector.select(table, orUsage(() -> Features.fromStore(store, options.featureRun())), options)
                : Selector.select(table, options))
                .withSources(List.of(KeepListProvenance.Input.of("scores", scoresCsv)), ToolVersion.get());
        KeepListWriter.write(sel, keepCsv, force);
        long t3 = System.nanoTime();
        out().printf("kept %d of %d by %s:%s -> %s (proxy %.1f s, scoring %.1f s, selection %.2f s)%n",
                sel.size(), table.size(), s.name(), options.strategy().cliName(), keepCsv,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        out().flush();
        return 0;
    }
}
