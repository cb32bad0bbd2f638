package dev.winnow.examples.djl;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.ScoreTable;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;
import dev.winnow.select.Budget;
import dev.winnow.select.KeepList;
import dev.winnow.select.KeepListProvenance;
import dev.winnow.select.KeepListWriter;
import dev.winnow.select.SelectOptions;
import dev.winnow.select.Selector;
import dev.winnow.select.Strategy;
import dev.winnow.train.data.Idx;
import dev.winnow.train.djl.DynamicsListener;
import dev.winnow.train.djl.PruningSampler;
import dev.winnow.train.djl.WeightedSoftmaxCrossEntropyLoss;

import java.nio.file.Path;
import java.util.List;

/**
 * Winnow inside an ordinary DJL training: (1) train an MLP on Fashion-MNIST with DJL's {@code EasyTrain.fit},
 * Winnow's {@link DynamicsListener} recording every example's dynamics; (2) score (el2n at epoch 2) and select a
 * {@code calibrated} keep-list of half the data with winnow-core; (3) train a fresh model on it through
 * {@link PruningSampler}, whose weights reach the loss. Prints the test accuracies, then the store's path.
 */
public final class TrainWithWinnow {
    private static final int TRAIN = 3000;
    private static final int TEST = 1000;
    private static final int EPOCHS = 3;
    private static final int BATCH = 64;

    private TrainWithWinnow() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args.length > 0 ? args[0] : "runs/djl-example").toAbsolutePath();
        Path data = Path.of(System.getenv().getOrDefault("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist"));
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] trainX = pixels(Idx.read(data.resolve("train-images-idx3-ubyte.gz")), TRAIN);
            int[] trainY = labels(Idx.read(data.resolve("train-labels-idx1-ubyte.gz")), TRAIN);
            float[] testX = pixels(Idx.read(data.resolve("t10k-images-idx3-ubyte.gz")), TEST);
            int[] testY = labels(Idx.read(data.resolve("t10k-labels-idx1-ubyte.gz")), TEST);
            long[] ids = new long[TRAIN];
            for (int i = 0; i < TRAIN; i++) {
                ids[i] = i;                       // the example's index in the IDX file
            }
            ArrayDataset test = new ArrayDataset.Builder().setData(manager.create(testX, new Shape(TEST, 784)))
                    .optLabels(manager.create(testY)).setSampling(BATCH, false).build();

            // 1. your training, recorded: the listener gets the ids and labels, and checkpoints every epoch
            ArrayDataset train = new ArrayDataset.Builder().setData(manager.create(trainX, new Shape(TRAIN, 784)))
                    .optLabels(manager.create(trainY)).setSampling(BATCH, true).build();
            DynamicsListener recorder = DynamicsListener.builder(store, ids, trainY, 10)
                    .checkpoints(train).epochs(EPOCHS).force(true).provenance("dataset", "fashion-mnist[:3000]").build();
            double full = fit(train, test, Loss.softmaxCrossEntropyLoss(), recorder);
            System.out.printf("full data (%d examples): test accuracy %.3f%n", TRAIN, full);

            // 2. score and select with winnow-core (what `winnow score` and `winnow select` do)
            DynamicsStore dynamics = DynamicsStore.open(recorder.store().orElseThrow());
            float[] el2n = ScoreSpec.parse("el2n@2").create(ScoreOptions.defaults()).compute(dynamics);
            KeepList keep = Selector.select(new ScoreTable(dynamics.ids(), dynamics.labels(), el2n),
                    SelectOptions.of(Strategy.CALIBRATED, new Budget.Fraction(0.5), 0));
            Path keepCsv = store.resolveSibling(store.getFileName() + "-keep.csv");
            KeepListWriter.write(keep.withSources(List.of(KeepListProvenance.Input.of("dynamics",
                    store.resolve("manifest.json"))), "winnow-djl-example"), keepCsv, true);

            // 3. train on the keep-list: Winnow's sampler picks the examples, its weights reach the loss
            PruningSampler sampler = PruningSampler.keepList(keep, ids, BATCH, EPOCHS, 0);
            RandomAccessDataset pruned = sampler.weighted(new ArrayDataset.Builder()
                    .setData(manager.create(trainX, new Shape(TRAIN, 784))).optLabels(manager.create(trainY))
                    .setSampling(sampler).build());
            double kept = fit(pruned, test, new WeightedSoftmaxCrossEntropyLoss(), sampler.listener());
            System.out.printf("el2n@2 calibrated keep-list (%d examples, %s): test accuracy %.3f%n", keep.size(),
                    keepCsv.getFileName(), kept);
        }
        System.out.println(store);
    }

    /** Trains a fresh MLP 784-128-10 for {@link #EPOCHS} epochs; returns its test accuracy. */
    private static double fit(RandomAccessDataset train, RandomAccessDataset test, Loss loss,
                              TrainingListener listener) throws Exception {
        Engine.getInstance().setRandomSeed(0);
        try (Model model = Model.newInstance("mlp")) {
            model.setBlock(new SequentialBlock().add(Blocks.batchFlattenBlock(784))
                    .add(Linear.builder().setUnits(128).build()).add(Activation::relu)
                    .add(Linear.builder().setUnits(10).build()));
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).optMomentum(0.9f).build())
                    .addTrainingListeners(listener);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 784));
                EasyTrain.fit(trainer, EPOCHS, train, null);
                return accuracy(trainer, test);
            }
        }
    }

    /** The fraction of {@code test} whose argmax logit is its label, the model in eval mode. */
    private static double accuracy(Trainer trainer, RandomAccessDataset test) throws Exception {
        long right = 0;
        for (Batch b : trainer.iterateDataset(test)) {
            try (b) {
                NDArray predicted = trainer.evaluate(b.getData()).head().argMax(1).toType(DataType.INT32, false);
                right += predicted.eq(b.getLabels().head().toType(DataType.INT32, false)).sum().getLong();
            }
        }
        return (double) right / test.size();
    }

    private static float[] pixels(Idx.Array images, int n) {
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (images.data()[i] & 0xff) / 255f;
        }
        return x;
    }

    private static int[] labels(Idx.Array labels, int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.data()[i] & 0xff;
        }
        return y;
    }
}
