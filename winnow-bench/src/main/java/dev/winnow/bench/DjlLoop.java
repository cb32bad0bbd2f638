package dev.winnow.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.winnow.train.TrainConfig;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.Examples;
import dev.winnow.train.model.ModelZoo;
import dev.winnow.train.model.ProxyNet;

import java.util.SplittableRandom;

/**
 * The engine's floor: the plain training loop a user would write with DJL alone, for the same model of the
 * zoo and the same settings as {@code winnow train} (batch, SGD with momentum and a per-batch cosine rate).
 * The training set is one array on the engine, each epoch draws a permutation, and each batch is gathered
 * by index there, then forward, mean cross-entropy, backward, DJL's optimizer step ({@code
 * ParameterStore.updateAllParameters}), gradients zeroed — nothing else: no per-example losses to Java, no
 * observers, no recording.
 */
final class DjlLoop {
    private DjlLoop() {
    }

    /**
     * Trains {@code cfg.epochs()} epochs of {@code cfg.model()} on all of {@code data}'s training split; each
     * epoch's wall-clock seconds ({@code [0]}) and process CPU seconds ({@code [1]}).
     */
    static double[][] epochSeconds(DataBundle data, TrainConfig cfg) {
        Examples train = data.train();
        int n = train.size();
        int bs = cfg.batchSize();
        Engine engine = Engine.getInstance();
        engine.setRandomSeed((int) cfg.seed());
        double[][] out = new double[2][cfg.epochs()];
        try (ProxyNet net = ModelZoo.build(cfg.model(), data)) {
            float base = cfg.learningRate();
            double[] progress = new double[1];
            Tracker cosine = numUpdate -> (float) (base * cfg.schedule().factor(progress[0]));
            Optimizer opt = Optimizer.sgd().setLearningRateTracker(cosine).optMomentum(cfg.momentum()).build();
            ParameterStore ps = new ParameterStore(net.manager(), false);
            ps.setParameterServer(new LocalParameterServer(opt), new Device[] {net.manager().getDevice()});
            NDManager m = net.manager();
            long[] ex = train.exampleShape();
            long[] shape = new long[ex.length + 1];
            shape[0] = n;
            System.arraycopy(ex, 0, shape, 1, ex.length);
            float[] x = new float[n * train.width()];
            long[] y = new long[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(train.row(i), 0, x, i * train.width(), train.width());
                y[i] = train.label(i);
            }
            NDArray xs = m.create(x, new Shape(shape));
            NDArray ys = m.create(y, new Shape(n, 1));
            int[] perm = new int[n];
            SplittableRandom rnd = new SplittableRandom(cfg.seed());
            for (int e = 0; e < cfg.epochs(); e++) {
                long t0 = System.nanoTime();
                double c0 = Bench.processCpuSeconds();
                for (int i = 0; i < n; i++) {
                    perm[i] = i;
                }
                for (int i = n - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                for (int from = 0; from < n; from += bs) {
                    int b = Math.min(bs, n - from);
                    long[] ix = new long[b];
                    for (int k = 0; k < b; k++) {
                        ix[k] = perm[from + k];
                    }
                    progress[0] = (e + (double) from / n) / cfg.epochs();
                    try (NDManager bm = m.newSubManager()) {
                        step(bm, engine, net, ps, xs, ys, bm.create(ix));
                    }
                }
                out[0][e] = (System.nanoTime() - t0) / 1e9;
                out[1][e] = Bench.processCpuSeconds() - c0;
            }
        }
        return out;
    }

    /** One plain step on the rows {@code index} of the resident {@code xs}, {@code ys}, its arrays in {@code bm}:
     * gather, forward, cross-entropy, backward, DJL's optimizer, gradients zeroed. {@link OpBench} times the same. */
    static void step(NDManager bm, Engine engine, ProxyNet net, ParameterStore ps, NDArray xs, NDArray ys, NDArray index) {
        NDIndex rows = new NDIndex("{}", index);
        NDArray xb = xs.get(bm, rows);
        NDArray yb = ys.get(bm, rows);
        try (GradientCollector gc = engine.newGradientCollector()) {
            NDArray z = net.forward(ps, xb, true).logits();
            gc.backward(z.logSoftmax(1).gather(yb, 1).neg().mean());
        }
        ps.updateAllParameters();
        for (Parameter p : net.parameters()) {
            try (NDArray g = p.getArray().getGradient()) {
                g.subi(g);
            }
        }
    }
}
