package dev.winnow.cli;

import dev.winnow.WinnowException;
import dev.winnow.catalogue.Catalogue;
import dev.winnow.cli.base.OutputOptions;
import dev.winnow.policy.FixedPolicy;
import dev.winnow.policy.PolicySpec;
import dev.winnow.select.KeepList;
import dev.winnow.train.OptimizerKind;
import dev.winnow.train.RecordOptions;
import dev.winnow.train.Schedule;
import dev.winnow.train.TrainConfig;
import dev.winnow.train.TrainJob;
import dev.winnow.train.TrainResult;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.model.ModelSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;

/** {@code winnow train}: train proxy models with DJL and record every example's training dynamics. */
@Command(name = "train",
        header = "Train a proxy model and record every example's dynamics.",
        description = {
            "Train a proxy model (DJL + PyTorch, CPU, offline) and record how it learns "
                + "each training example.",
            "",
            "Writes OUT/dynamics/, a dynamics store (format v1): labels.npy, ids.npy and "
                + "one row per observation of loss, p_true, logit_margin, correct, el2n, "
                + "grad_norm, entropy, p_max, top2_margin; and OUT/metrics.json with per-epoch "
                + "train_loss, test_accuracy, examples_forward/backward and seconds per phase.",
            "",
            "Observations: each epoch gives a 'presentation' row, the outputs of the "
                + "training steps themselves (free; NaN for an example not trained on), and "
                + "each --checkpoints epoch a 'checkpoint' row, an extra eval-mode pass over "
                + "the training set. The last checkpoint also stores the features h that feed "
                + "the final linear layer (features.npy). --vog adds the variance of input "
                + "gradients across the checkpoints (vog.npy, Agarwal et al. 2022).",
            "",
            "Examples:",
            "  winnow train --data fashion-mnist --model mlp --out runs/fmnist",
            "  winnow train --data fashion-mnist --model cnn --runs 3 \\",
            "      --checkpoints 1,5,10 --vog --out runs/cnn",
            "  winnow train --model textbag --optimizer adam --epochs 5 \\",
            "      --data text:sst2/train.tsv,test=sst2/dev.tsv --out runs/sst2",
            "  winnow train --data csv:train.csv,test=test.csv,label=y \\",
            "      --model mlp --hidden 64 --out runs/tabular",
            "  winnow train --data fashion-mnist --model mlp --dynamic infobatch:0.5 \\",
            "      --no-record --out runs/infobatch",
            "  winnow train --data fashion-mnist --model mlp --keep-list keep.csv \\",
            "      --no-record --out runs/el2n-30",
            "",
            "Options:",
        },
        footer = {
            "",
            "Data specs (--data):",
            "  fashion-mnist   IDX files in $FASHION_MNIST_DIR, else",
            "                  /usr/share/datasets/fashion-mnist",
            "  idx:DIR         an MNIST-layout folder: train-images-idx3-ubyte[.gz],",
            "                  train-labels-idx1-ubyte[.gz], t10k-… for the test split",
            "  csv:TRAIN.csv[,test=TEST.csv][,label=COL][,id=COL]",
            "                  numeric features with a header, standardised on train;",
            "                  label defaults to the column 'label', else the last",
            "  text:TRAIN.tsv[,test=TEST.tsv][,min-count=N][,max-vocab=N][,max-len=N]",
            "                  'sentence<TAB>label' with a header (the SST-2 layout);",
            "                  vocabulary built on train (defaults 1, 50000, 64)",
            "Ids: the 0-based row in the training file (csv: the id column). They "
                + "survive shuffling and --limit; the store's ids.npy lists them.",
            "",
            "Models (--model): logreg; mlp (--hidden, default 256,128); cnn and resnet "
                + "(images); textbag (mean of word embeddings + MLP, --hidden default 128); "
                + "textcnn (convolutions of widths 3, 4, 5 over word embeddings).",
            "",
            "Dynamic pruning (--dynamic POLICY): a policy picks each epoch's examples "
                + "from the per-example losses of earlier steps (seeded by --seed of the run).",
            TrainCommand.POLICIES_HERE,
            "A refresh pass (eps-greedy, ucb: refresh=EVERY) is a forward-only pass over all "
                + "examples, counted as examples_forward_only. metrics.json records the policy and per "
                + "epoch examples_backward (examples trained on) and examples_forward_only; "
                + "the store's presentation rows are NaN for examples not trained that epoch.",
            "",
            "Keep-lists (--keep-list FILE): train every epoch on the ids of FILE (CSV "
                + "id,weight as 'winnow select' writes it), each example's loss times its weight.",
        })
final class TrainCommand extends WinnowCommand {
    /** Where the footer takes the policy lines of the catalogue (each policy, its parameters, its paper). */
    static final String POLICIES_HERE = "@policies@";

    /** picocli injects the spec when it builds the command: the footer's policies come from the catalogue. */
    @CommandLine.Spec
    void describe(CommandLine.Model.CommandSpec s) {
        CommandLine.Model.UsageMessageSpec u = s.usageMessage();
        u.footer(withCatalogue(u.footer(), POLICIES_HERE, Catalogue.policies(), u.width()));
    }

    @CommandLine.Mixin
    DataAndModel setup;

    @CommandLine.Mixin
    OutputOptions output;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "E", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", paramLabel = "B", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "sgd", paramLabel = "sgd|adam",
            description = "sgd (momentum --momentum) or adam (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Base learning rate (default 0.05 for sgd, 0.001 for adam).")
    Float lr;

    @Option(names = "--schedule", defaultValue = "cosine", paramLabel = "constant|step|cosine",
            description = "Learning-rate schedule over the epochs: constant; step (x0.1 at 1/2 and 3/4); cosine to 0"
                    + " (default ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--momentum", defaultValue = "0.9", paramLabel = "M", description = "SGD momentum (default ${DEFAULT-VALUE}).")
    float momentum;

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "WD", description = "L2 weight decay (default ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--hidden", paramLabel = "SIZES", description = "Hidden sizes of mlp/textbag, e.g. 256,128.")
    String hidden;

    @Option(names = "--embedding", defaultValue = "100", paramLabel = "D", description = "Word-vector size of text models (default ${DEFAULT-VALUE}).")
    int embedding;

    @Option(names = "--dropout", defaultValue = "0", paramLabel = "P", description = "Dropout before the head (default ${DEFAULT-VALUE}).")
    float dropout;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "R",
            description = "Proxy runs with seeds S, S+1, …, S+R-1, recorded into one store (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of run 0 (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoints", defaultValue = "last", paramLabel = "E1,E2,…",
            description = "Epochs after which to run a checkpoint pass over the training set: a list, all, last or none"
                    + " (default ${DEFAULT-VALUE}).")
    String checkpoints;

    @Option(names = "--record-logits", description = "Also store the raw logits (logits.npy, [T, N, C]).")
    boolean recordLogits;

    @Option(names = "--vog", description = "Record variance of input gradients across the checkpoints (vog.npy; needs >= 2 checkpoints, dense inputs).")
    boolean vog;

    @Option(names = "--no-features", description = "Do not store the features h at the last checkpoint.")
    boolean noFeatures;

    @Option(names = "--no-record", description = "Only train and write metrics.json (no dynamics store).")
    boolean noRecord;

    @Option(names = "--dynamic", paramLabel = "POLICY",
            description = "Dynamic data pruning: a policy of the catalogue, e.g. uniform:0.5, ucb:0.3 or"
                    + " infobatch:0.5 (see 'Dynamic pruning' below).")
    String dynamic;

    @Option(names = "--keep-list", paramLabel = "FILE",
            description = "Train only on the examples of this keep-list (CSV id,weight from 'winnow select'), with their weights.")
    Path keepList;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        Path out = output.out();
        boolean force = output.force();
        TrainConfig cfg;
        RecordOptions rec;
        PolicySpec policy = null;
        try {
            ModelSpec m = ModelSpec.of(setup.model).withEmbedding(embedding).withDropout(dropout);
            if (hidden != null) {
                m = m.withHidden(ModelSpec.parseSizes(hidden));
            }
            cfg = TrainConfig.builder().setModel(m).optOptimizer(parse(OptimizerKind.class, optimizer, "--optimizer"))
                    .optLearningRate(lr).optMomentum(momentum).optWeightDecay(weightDecay)
                    .optSchedule(parse(Schedule.class, schedule, "--schedule")).optEpochs(epochs)
                    .optBatchSize(batchSize).optSeed(seed).build();
            SortedSet<Integer> cps = RecordOptions.parseCheckpoints(checkpoints, epochs);
            rec = new RecordOptions(cps, recordLogits, !noFeatures, vog);
            rec.validate(epochs);
            if (lr != null && !(lr > 0)) {
                throw new WinnowException("--lr must be positive, got " + lr);
            }
            if (runs < 1) {
                throw new WinnowException("--runs must be >= 1");
            }
            if (setup.limit != null && setup.limit < 1) {
                throw new WinnowException("--limit must be positive");
            }
            if (dynamic != null && keepList != null) {
                throw new WinnowException("--dynamic and --keep-list exclude each other");
            }
            if (dynamic != null) {
                try {
                    policy = PolicySpec.parse(dynamic).requireConcrete();
                } catch (IllegalArgumentException e) {
                    throw new WinnowException("--dynamic: " + e.getMessage());
                }
            }
        } catch (WinnowException e) {
            throw usage(e.getMessage());
        }
        try {
            dev.winnow.train.Threads.configure(setup.threads);
        } catch (WinnowException e) {
            throw usage(e.getMessage());
        }
        DataBundle d = setup.load();
        TrainJob job = new TrainJob(d, setup.dataSpec(), cfg, runs, rec, !noRecord);
        int n = d.train().size();
        if (policy != null) {
            PolicySpec p = policy;
            job = job.withPlans(s -> p.build(n, s)); // a fresh policy per run: each run has its seed
        } else if (keepList != null) {
            FixedPolicy plan = FixedPolicy.of(KeepList.read(keepList), d.train().ids()); // "keep-list FILE (k of n)"
            job = job.withPlans(s -> plan);
        }
        List<TrainResult> results = job.execute(out, force, quiet ? null : err());
        TrainResult last = results.get(results.size() - 1);
        out().printf("%s: %d run(s) of %s%s; final test accuracy %s; %s%n", out,
                results.size(), last.model(), dynamic == null ? "" : ", dynamic " + dynamic,
                results.stream().map(r -> Double.isNaN(r.finalTestAccuracy()) ? "n/a"
                        : String.format("%.2f%%", 100 * r.finalTestAccuracy())).toList(),
                noRecord ? "metrics.json written" : "store in " + out.resolve(TrainJob.STORE) + ", metrics.json written");
        out().flush();
        return 0;
    }

    private <E extends Enum<E>> E parse(Class<E> type, String v, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw new WinnowException(option + " '" + v + "' is not one of " + allowed);
    }
}
