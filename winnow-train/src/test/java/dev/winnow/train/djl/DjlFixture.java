package dev.winnow.train.djl;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Sampler;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import java.util.List;
import java.util.Random;

/**
 * A small separable problem for the DJL tests: N = 90 points in 4 dimensions around three class centres,
 * an MLP 4-16-3 whose forward returns (logits, h) with h the input of its last linear layer.
 */
final class DjlFixture implements AutoCloseable {
    static final int N = 90;
    static final int D = 4;
    static final int C = 3;

    final NDManager manager = NDManager.newBaseManager();
    final float[] x = new float[N * D];
    final int[] labels = new int[N];
    final long[] ids = new long[N];
    final Model model;

    DjlFixture() {
        Random rnd = new Random(7);
        for (int i = 0; i < N; i++) {
            labels[i] = i % C;
            ids[i] = 1000 + 3L * i;
            for (int j = 0; j < D; j++) {
                x[i * D + j] = (j == labels[i] ? 2f : 0f) + (float) rnd.nextGaussian() * 0.7f;
            }
        }
        Engine.getInstance().setRandomSeed(11);
        model = Model.newInstance("djl-fixture");
        Block head = new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow(), list.get(1).singletonOrThrow()),
                List.of(Linear.builder().setUnits(C).build(), new LambdaBlock(l -> l)));
        model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(16).build()).add(Activation::relu).add(head));
    }

    /** The data as an ArrayDataset (features [N, D], labels [N]) sampled by {@code sampler}. */
    ArrayDataset dataset(Sampler sampler) {
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(N, D)))
                .optLabels(manager.create(labels))
                .setSampling(sampler)
                .build();
    }

    Trainer trainer(Loss loss, TrainingListener... listeners) {
        DefaultTrainingConfig cfg = new DefaultTrainingConfig(loss)
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.2f)).build())
                .addTrainingListeners(listeners);
        Trainer t = model.newTrainer(cfg);
        t.initialize(new Shape(1, D));
        return t;
    }

    @Override
    public void close() {
        model.close();
        manager.close();
    }
}
