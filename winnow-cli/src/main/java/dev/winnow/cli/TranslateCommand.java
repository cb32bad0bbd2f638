package dev.winnow.cli;

import dev.winnow.WinnowException;
import dev.winnow.policy.FullPolicy;
import dev.winnow.policy.FixedPolicy;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.select.KeepList;
import dev.winnow.train.Threads;
import dev.winnow.train.nmt.MethodSpec;
import dev.winnow.train.nmt.ParallelText;
import dev.winnow.train.nmt.Seq2SeqNet;
import dev.winnow.train.nmt.Seq2SeqTrainer;
import dev.winnow.train.nmt.TranslationReport;
import dev.winnow.train.nmt.TranslationStudy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code winnow translate}: pruning where Checkpoints Across Time was born, neural machine translation
 * (Chimoto et al. 2024). {@code train} trains the small attentional GRU translator on a {@code pairs:} corpus (all
 * of it or a keep-list) and prints test BLEU; {@code study} compares {@code cat@K} with random, longest-first, a
 * quality filter and dynamic policies by test BLEU with every cost counted.
 */
@Command(name = "translate",
        header = "Translation corpora: train a small translator, or run a pruning study judged by BLEU.",
        mixinStandardHelpOptions = true,
        description = "Translation corpora (pairs:SRC,TGT,...): train a small attentional GRU, or study pruning by test BLEU.",
        subcommands = {TranslateCommand.Train.class, TranslateCommand.Study.class})
final class TranslateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose: winnow translate train|study");
    }

    /** The model and training flags both subcommands share. */
    static final class ModelOptions {
        @Option(names = "--data", required = true, paramLabel = "SPEC",
                description = "Parallel corpus: " + ParallelText.SPEC + " (test= is needed for BLEU).")
        String data;

        @Option(names = "--embedding", defaultValue = "128", paramLabel = "E", description = "Word embedding size (default ${DEFAULT-VALUE}).")
        int embedding;

        @Option(names = "--hidden", defaultValue = "128", paramLabel = "H", description = "GRU and attention size (default ${DEFAULT-VALUE}).")
        int hidden;

        @Option(names = "--dropout", defaultValue = "0.2", paramLabel = "P", description = "Dropout on embeddings and attentional states (default ${DEFAULT-VALUE}).")
        float dropout;

        @Option(names = "--epochs", defaultValue = "2", paramLabel = "E", description = "Epochs (default ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--batch-size", defaultValue = "64", paramLabel = "B", description = "Pairs per step (default ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--lr", defaultValue = "0.002", paramLabel = "LR", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
        float lr;

        @Option(names = "--eval-every", defaultValue = "0", paramLabel = "K", description = "Test BLEU after every K-th epoch and the last (default: the last only).")
        int evalEvery;

        @Option(names = "--threads", defaultValue = "1", paramLabel = "T", description = "PyTorch CPU threads (default ${DEFAULT-VALUE}).")
        int threads;

        Seq2SeqNet.Dims dims() {
            return new Seq2SeqNet.Dims(embedding, hidden, dropout);
        }
    }

    @Command(name = "train", description = {
        "Trains the translator (teacher forcing, Adam, per-pair loss = mean token cross-entropy of the target) "
            + "on every pair or on a keep-list, then prints test BLEU (sacreBLEU's default: 13a, 4-gram) of greedy "
            + "translations, with the seconds it took. --out writes the translations, one per test line."})
    static final class Train extends WinnowCommand {
        @Mixin
        ModelOptions model;

        @Option(names = "--keep-list", paramLabel = "CSV", description = "Train on these pair ids (line numbers from 0) only.")
        Path keepList;

        @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the test translations here.")
        Path out;

        @Option(names = "--force", description = "Overwrite --out.")
        boolean force;

        @Override
        public Integer call() {
            atLeastOne("--epochs, --batch-size, --embedding, --hidden and --threads", model.epochs, model.batchSize,
                    model.embedding, model.hidden, model.threads);
            Seq2SeqNet.Dims dims = orUsage(model::dims);
            if (out != null) {
                dev.winnow.io.AtomicFiles.refuseExisting(out, force);
            }
            Threads.configure(model.threads);
            ParallelText data = ParallelText.load(model.data);
            err().println(data.description());
            if (data.test().size() == 0) {
                throw new WinnowException(model.data + ": no test split (add test=SRC,TGT) to compute BLEU on");
            }
            long[] ids = new long[data.train().size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i;
            }
            EpochPolicy policy = keepList == null ? new FullPolicy(ids.length) : FixedPolicy.of(KeepList.read(keepList), ids);
            Seq2SeqTrainer.Config c = new Seq2SeqTrainer.Config(dims, model.epochs, model.batchSize, model.lr, 1f,
                    model.evalEvery, seed);
            try (Seq2SeqTrainer t = new Seq2SeqTrainer(data, c)) {
                err().println(t.net().description());
                err().flush();
                Seq2SeqTrainer.Outcome o = t.withProgress(err()).train(policy, null);
                if (out != null) {
                    dev.winnow.io.AtomicFiles.writeString(out, String.join("\n", o.hypotheses()) + "\n");
                }
                out().printf(Locale.ROOT, "%s; %d pairs backpropagated in %d steps; %.1f s training, %.1f s evaluation"
                        + " (%.1f CPU seconds)%n", o.bleu(), o.trainBackward(), o.steps(), o.trainSeconds(), o.evalSeconds(),
                        o.cpuSeconds());
                out().flush();
            }
            return 0;
        }
    }

    @Command(name = "study", description = {
        "Per seed: full training, a proxy that records each pair's loss (presentations and a checkpoint "
            + "pass each epoch) into a loss-only dynamics store, then every method at every --keep, and "
            + "full:shorter (all pairs, as many steps). Methods: random, longest (longest pairs first), "
            + "external (a lexical-adequacy and length quality score, best pairs kept), SCORE:STRATEGY over the "
            + "proxy store (cat@K:hard, loss@E:easy) and dynamic:POLICY. Writes results.jsonl (one line per run; "
            + "a second call resumes) and report.md under --out."})
    static final class Study extends WinnowCommand {
        @Mixin
        ModelOptions model;

        @Option(names = "--proxy-epochs", defaultValue = "2", paramLabel = "E", description = "Epochs of the recording proxy (default ${DEFAULT-VALUE}).")
        int proxyEpochs;

        @Option(names = "--methods", defaultValue = "random,longest,external,cat@2:hard,dynamic:uniform:keep", split = ",(?![0-9.])",
                paramLabel = "M,…", description = "Methods (default ${DEFAULT-VALUE}); full and full:shorter always run.")
        List<String> methods;

        @Option(names = "--keep", defaultValue = "0.5,0.7", split = ",", paramLabel = "F,…", description = "Kept fractions (default ${DEFAULT-VALUE}).")
        List<Double> keep;

        @Option(names = "--seeds", defaultValue = "0,1", split = ",", paramLabel = "S,…", description = "Seeds (default ${DEFAULT-VALUE}).")
        List<Long> seeds;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Study folder (created; an existing one is resumed).")
        Path out;

        @Override
        public Integer call() {
            atLeastOne("--epochs, --proxy-epochs, --batch-size, --embedding, --hidden and --threads", model.epochs,
                    proxyEpochs, model.batchSize, model.embedding, model.hidden, model.threads);
            List<MethodSpec> parsed = new ArrayList<>();
            for (String m : methods) {
                parsed.add(orUsage(() -> MethodSpec.parse(m)));
            }
            TranslationStudy.Options o = orUsage(() -> new TranslationStudy.Options(model.data, model.dims(),
                    model.epochs, model.batchSize, model.lr, proxyEpochs, parsed, keep, seeds, model.evalEvery));
            Threads.configure(model.threads);
            ParallelText data = ParallelText.load(model.data);
            err().println(data.description());
            err().flush();
            int made = new TranslationStudy(o, data, out, err()).run();
            TranslationReport.write(out, data, parsed);
            out().printf("%d runs made; %s%n", made, out.resolve("report.md"));
            out().flush();
            return 0;
        }
    }
}
