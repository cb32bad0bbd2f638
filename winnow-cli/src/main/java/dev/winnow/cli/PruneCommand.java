package dev.winnow.cli;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.ScoreTable;
import dev.winnow.score.MissingPolicy;
import dev.winnow.score.Score;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;
import dev.winnow.score.Scores;
import dev.winnow.select.SelectOptions;
import dev.winnow.select.Selection;
import dev.winnow.select.SelectionWriter;
import dev.winnow.select.Selector;
import dev.winnow.train.RecordOptions;
import dev.winnow.train.TrainConfig;
import dev.winnow.train.TrainJob;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.Datasets;
import dev.winnow.train.model.ModelSpec;
import dev.winnow.io.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code winnow prune}: train a proxy, score every example and select a keep-list, in one go. */
@Command(name = "prune",
        header = "Proxy, scores and keep-list in one go.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "Train a cheap proxy for a few epochs, score every training example from its dynamics and",
            "select the keep-list, in one go. Writes into --out:",
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
final class PruneCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "SPEC", description = "the dataset (see 'winnow train --help')")
    String data;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "the proxy model: logreg | mlp | cnn | resnet | textbag | textcnn")
    String model;

    @Option(names = "--proxy-epochs", defaultValue = "2", paramLabel = "E",
            description = "epochs of proxy training (default ${DEFAULT-VALUE}; early dynamics are the point)")
    int proxyEpochs;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "R",
            description = "proxies from seeds S..S+R-1; scores average over them (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--score", required = true, paramLabel = "NAME", description = "e.g. el2n@2, forgetting, aum, cat@2")
    String score;

    @CommandLine.Mixin
    SelectionArgs selection;

    @Option(names = "--limit", paramLabel = "N", description = "the first N training examples only")
    Integer limit;

    @Option(names = "--threads", paramLabel = "T", description = "PyTorch CPU threads (default: half the cores)")
    Integer threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (see above)")
    Path out;

    @Option(names = "--force", description = "overwrite existing outputs in --out")
    boolean force;

    @Override
    public Integer call() {
        SelectOptions options = selection.toOptions(spec.commandLine());
        Score s;
        TrainConfig cfg;
        try {
            s = ScoreSpec.parse(score).create(ScoreOptions.defaults().withSeed(options.seed()));
            if (runs < 1 || proxyEpochs < 1 || (limit != null && limit < 1)) {
                throw new WinnowException("--runs, --proxy-epochs and --limit must be >= 1");
            }
            cfg = TrainConfig.builder().setModel(ModelSpec.of(model)).optEpochs(proxyEpochs).optSeed(options.seed()).build();
            dev.winnow.train.Threads.configure(threads);
        } catch (IllegalArgumentException | WinnowException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path scoresCsv = out.resolve("scores.csv");
        Path keepCsv = out.resolve("keep.csv");
        AtomicFiles.refuseExisting(scoresCsv, force);
        SelectionWriter.refuseExisting(keepCsv, force);

        DataBundle d = Datasets.load(data);
        if (limit != null) {
            d = d.limit(limit);
        }
        long t0 = System.nanoTime();
        RecordOptions rec = new RecordOptions(RecordOptions.parseCheckpoints("all", proxyEpochs), false, true, false);
        new TrainJob(d, data + (limit == null ? "" : " --limit " + limit), cfg, runs, rec, true)
                .execute(out, force, System.err);
        long t1 = System.nanoTime();
        DynamicsStore store = DynamicsStore.open(out.resolve(TrainJob.STORE));
        ScoreTable table = Scores.table(store, s, MissingPolicy.FAIL);
        table.write(scoresCsv, force);
        long t2 = System.nanoTime();
        try {
            options.resolve(table.size());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Selection sel = Selector.select(table, options);
        SelectionWriter.write(sel, options, List.of(SelectionWriter.Input.of("scores", scoresCsv)),
                WinnowCli.Version.get(), keepCsv, force);
        long t3 = System.nanoTime();
        spec.commandLine().getOut().printf("kept %d of %d by %s:%s -> %s (proxy %.1f s, scoring %.1f s, selection %.2f s)%n",
                sel.size(), table.size(), s.name(), options.strategy().cliName(), keepCsv,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
