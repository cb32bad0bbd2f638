package dev.winnow.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.winnow.train.Threads;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.Datasets;
import dev.winnow.train.model.ModelSpec;
import dev.winnow.train.model.ModelZoo;
import dev.winnow.train.model.ProxyNet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-op timings of the bench models' training step under DJL: the counterpart of {@code
 * scripts/bench/op_bench.py} (same ops, shapes and order), so that DJL's PyTorch and a plain PyTorch can be
 * compared op by op. Ops (batch 128): {@code conv1} = conv2d [128,1,28,28] * [16,1,3,3] pad 1, {@code conv2} =
 * conv2d [128,16,14,14] * [32,16,3,3] pad 1, {@code fc} = linear [128,1568] → 128, {@code mlp1} = linear
 * [128,784] → 256, each forward alone ({@code fwd}) and forward + backward of the sum ({@code fwdbwd});
 * {@code relu}, {@code maxpool} forward; {@code cnn-step} / {@code mlp-step} = one plain DJL SGD step of the
 * zoo's models on a batch of Fashion-MNIST. Every call runs in its own sub-manager, closed after it, as a
 * training loop's batch does. Prints {@code op NAME wall_ms W cpu_ms C faults F} per op: medians over rounds of
 * the mean per call, by wall clock, by this thread's CPU time and in the process's minor page faults (which do
 * not depend on the machine's load); rounds interleave the ops.
 * Run: {@code java -cp winnow-cli/target/winnow.jar dev.winnow.bench.OpBench [rounds] [ms per op] [ops prefix,…]}.
 */
public final class OpBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private OpBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double ms = args.length > 1 ? Double.parseDouble(args[1]) : 300;
        List<String> only = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        Threads.configure(1);
        Engine engine = Engine.getInstance();
        engine.setRandomSeed(0);
        DataBundle data = Datasets.load("fashion-mnist").limit(128);
        try (NDManager m = NDManager.newBaseManager();
             ProxyNet cnn = ModelZoo.build(ModelSpec.of("cnn"), data);
             ProxyNet mlp = ModelZoo.build(ModelSpec.of("mlp"), data)) {
            Map<String, Runnable> ops = ops(m, engine);
            ops.put("cnn-step", step(cnn, engine, data));
            ops.put("mlp-step", step(mlp, engine, data));
            List<String> keys = new ArrayList<>();
            for (String k : ops.keySet()) {
                if (only.isEmpty() || only.stream().anyMatch(k.replace(' ', '.')::startsWith)) {
                    keys.add(k);
                }
            }
            Map<String, Integer> calls = new LinkedHashMap<>();
            for (String k : keys) {
                double w = timed(ops.get(k), 3)[0];
                calls.put(k, Math.max(3, (int) (ms / Math.max(w, 0.01))));
            }
            Map<String, double[][]> res = new LinkedHashMap<>();
            keys.forEach(k -> res.put(k, new double[3][rounds]));
            for (int r = 0; r < rounds; r++) {
                for (String k : keys) {
                    double[] t = timed(ops.get(k), calls.get(k));
                    for (int i = 0; i < 3; i++) {
                        res.get(k)[i][r] = t[i];
                    }
                }
            }
            System.out.printf("djl pytorch %s threads 1%n", engine.getVersion());
            for (String k : keys) {
                double[][] v = res.get(k);
                System.out.printf("op %s wall_ms %.3f cpu_ms %.3f faults %.0f calls %d%n", k.replace(' ', '.'), Bench.median(v[0]),
                        Bench.median(v[1]), Bench.median(v[2]), calls.get(k));
            }
        }
    }

    /** Mean milliseconds per call of {@code calls} calls after one warm-up call: wall clock, this thread's CPU. */
    private static double[] timed(Runnable op, int calls) {
        op.run();
        long f0 = minorFaults();
        long w0 = System.nanoTime();
        long c0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            op.run();
        }
        return new double[] {(System.nanoTime() - w0) / 1e6 / calls, (THREADS.getCurrentThreadCpuTime() - c0) / 1e6 / calls,
            (double) (minorFaults() - f0) / calls};
    }

    /** The process's minor page faults so far (field 10 of /proc/self/stat); 0 where there is no such file. */
    static long minorFaults() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private interface Op {
        NDArray apply(NDManager bm);
    }

    private static Map<String, Runnable> ops(NDManager m, Engine engine) {
        NDArray x1 = m.randomNormal(new Shape(128, 1, 28, 28));
        NDArray w1 = param(m, new Shape(16, 1, 3, 3));
        NDArray b1 = param(m, new Shape(16));
        NDArray x2 = param(m, new Shape(128, 16, 14, 14));
        NDArray w2 = param(m, new Shape(32, 16, 3, 3));
        NDArray b2 = param(m, new Shape(32));
        NDArray xf = param(m, new Shape(128, 1568));
        NDArray wf = param(m, new Shape(128, 1568));
        NDArray bf = param(m, new Shape(128));
        NDArray xm = m.randomNormal(new Shape(128, 784));
        NDArray wm = param(m, new Shape(256, 784));
        NDArray bm0 = param(m, new Shape(256));
        NDArray xr = m.randomNormal(new Shape(128, 16, 28, 28));
        Shape one = new Shape(1, 1);
        Op conv1 = bm -> Conv2d.conv2d(x1, w1, b1, one, one, one, 1).singletonOrThrow();
        Op conv2 = bm -> Conv2d.conv2d(x2, w2, b2, one, one, one, 1).singletonOrThrow();
        Op fc = bm -> Linear.linear(xf, wf, bf).singletonOrThrow();
        Op mlp1 = bm -> Linear.linear(xm, wm, bm0).singletonOrThrow();
        Map<String, Runnable> out = new LinkedHashMap<>();
        out.put("conv1 fwd", plain(m, conv1));
        out.put("conv1 fwdbwd", fb(m, engine, conv1, w1, b1));
        out.put("conv2 fwd", plain(m, conv2));
        out.put("conv2 fwdbwd", fb(m, engine, conv2, w2, b2, x2));
        out.put("fc fwd", plain(m, fc));
        out.put("fc fwdbwd", fb(m, engine, fc, wf, bf, xf));
        out.put("mlp1 fwd", plain(m, mlp1));
        out.put("mlp1 fwdbwd", fb(m, engine, mlp1, wm, bm0));
        out.put("relu fwd", plain(m, bm -> Activation.relu(xr)));
        out.put("maxpool fwd", plain(m, bm -> Pool.maxPool2d(xr, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false)));
        return out;
    }

    private static NDArray param(NDManager m, Shape s) {
        NDArray a = m.randomNormal(s);
        a.setRequiresGradient(true);
        return a;
    }

    /** Forward only, outside any gradient collector; the result is closed with its sub-manager. */
    private static Runnable plain(NDManager m, Op op) {
        return () -> {
            try (NDManager bm = m.newSubManager()) {
                op.apply(bm).attach(bm);
            }
        };
    }

    /** Forward and backward of the sum; the gradients are zeroed after, as a training step does. */
    private static Runnable fb(NDManager m, Engine engine, Op op, NDArray... params) {
        return () -> {
            try (NDManager bm = m.newSubManager()) {
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray y = op.apply(bm);
                    y.attach(bm);
                    gc.backward(y.sum());
                }
                for (NDArray p : params) {
                    try (NDArray g = p.getGradient()) {
                        g.subi(g);
                    }
                }
            }
        };
    }

    /** One plain DJL SGD step (DjlLoop's) of {@code net} on the first 128 training images, gathered by index into
     * the step's sub-manager as {@link DjlLoop} does. */
    private static Runnable step(ProxyNet net, Engine engine, DataBundle data) {
        Optimizer opt = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).build();
        ParameterStore ps = new ParameterStore(net.manager(), false);
        ps.setParameterServer(new LocalParameterServer(opt), new Device[] {net.manager().getDevice()});
        NDManager m = net.manager();
        int n = 128;
        int width = data.train().width();
        float[] x = new float[n * width];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.train().row(i), 0, x, i * width, width);
            y[i] = data.train().label(i);
        }
        NDArray xs = m.create(x, new Shape(n, 1, 28, 28));
        NDArray ys = m.create(y, new Shape(n, 1));
        NDArray all = m.arange(0, n, 1, ai.djl.ndarray.types.DataType.INT64);
        return () -> {
            try (NDManager bm = m.newSubManager()) {
                DjlLoop.step(bm, engine, net, ps, xs, ys, all);
            }
        };
    }
}
