package dev.winnow.train;

import dev.winnow.dynamics.Signal;
import dev.winnow.policy.EpochPlan;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.policy.FullPolicy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import dev.winnow.WinnowException;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.Examples;
import dev.winnow.train.data.ResidentSplit;
import dev.winnow.train.model.ModelZoo;
import dev.winnow.train.model.ProxyNet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains one model of the zoo on a {@link DataBundle} with plain DJL (NDArray, ParameterStore,
 * GradientCollector): each epoch an {@link EpochPolicy} of the core gives the {@link EpochPlan} (examples and
 * weights; a dynamic pruning policy, a keep-list as {@link dev.winnow.policy.FixedPolicy}, or everything as
 * {@link FullPolicy}), which is shuffled
 * by their own index arrays (so original ids survive), trained in batches with the weighted loss
 * Σ wᵢ·lossᵢ / B, and reported to {@link TrainingObserver}s; test accuracy is evaluated after every
 * {@link TrainConfig#evalEvery()}-th epoch and the last ({@link TrainResult#curve()} is the learning curve). Reproducible: the seed fixes initialisation, dropout and the shuffles.
 *
 * <p>Speed: dense splits are copied to the engine once ({@link ResidentSplit}) and each batch is gathered
 * there by its index list (shuffled, pruned or kept: the same path); a batch's logits, losses and ‖h‖² come
 * back to Java in one copy; SGD runs as one fused engine call per parameter ({@link NativeSgd}). The
 * eval-mode passes of {@link RunContext} live in {@link ModelPasses}.
 *
 * <pre>{@code
 * try (ProxyTrainer t = new ProxyTrainer(data, config, 0)) {
 *     TrainResult r = t.train(FixedPolicy.of(KeepList.read(csv), data.train().ids()), List.of());
 * }
 * }</pre>
 */
public final class ProxyTrainer implements RunContext, AutoCloseable {
    private enum Phase { TRAIN, RECORD, EVAL, REFRESH }

    private final DataBundle data;
    private final TrainConfig config;
    private final int run;
    private final ProxyNet net;
    private final ParameterStore ps;
    private final LrTracker tracker;
    private final NativeSgd sgd;
    private final ModelPasses passes;
    private final Map<Examples, ResidentSplit> resident = new IdentityHashMap<>();
    private final double setupSeconds;
    private Phase phase = Phase.TRAIN;
    private final long[] forward = new long[Phase.values().length];
    private final long[] backward = new long[Phase.values().length];

    /** Builds and initialises the model of {@code config} for {@code data} (run index {@code run}, for records). */
    public ProxyTrainer(DataBundle data, TrainConfig config, int run) {
        long t0 = System.nanoTime();
        this.data = data;
        this.config = config;
        this.run = run;
        Engine engine = Engine.getInstance();
        engine.setRandomSeed((int) (config.seed() ^ (config.seed() >>> 32)));
        this.net = ModelZoo.build(config.model(), data);
        this.tracker = new LrTracker(config.learningRate(), config.schedule());
        Optimizer opt = switch (config.optimizer()) {
            case SGD -> Optimizer.sgd().setLearningRateTracker(tracker).optMomentum(config.momentum())
                    .optWeightDecays(config.weightDecay()).build();
            case ADAM -> Optimizer.adam().optLearningRateTracker(tracker).optWeightDecays(config.weightDecay()).build();
        };
        this.ps = new ParameterStore(net.manager(), false);
        ps.setParameterServer(new LocalParameterServer(opt), new Device[] {net.manager().getDevice()});
        this.sgd = config.optimizer() == OptimizerKind.SGD && NativeSgd.supports(net.parameters())
                ? new NativeSgd(net.parameters(), config.momentum(), config.weightDecay()) : null;
        this.passes = new ModelPasses(net, ps, data.classes(), config.evalBatchSize());
        this.setupSeconds = (System.nanoTime() - t0) / 1e9;
    }

    /** Trains with plain full-data epochs and no observers. */
    public static TrainResult train(DataBundle data, TrainConfig config) {
        try (ProxyTrainer t = new ProxyTrainer(data, config, 0)) {
            return t.train(new FullPolicy(data.train().size()), List.of());
        }
    }

    /**
     * Runs {@code config.epochs()} epochs (numbered from 1) of {@code policy}, reporting to {@code observers}.
     * The policy must be made for the training split's size. Per epoch: a forward-only refresh pass over all
     * training examples if the policy wants one (its losses go to the policy), the policy's plan, the training
     * steps (each batch's unweighted per-example losses go to the policy), observers' epoch end (recording),
     * the test evaluation (in the epochs {@link TrainConfig#evaluatesAfter} names).
     *
     * <p>The learning-rate schedule follows training progress in epochs, (e − 1 + position in the
     * epoch's selection) / E, so an epoch of fewer examples still covers one epoch of the schedule.
     */
    public TrainResult train(EpochPolicy policy, List<? extends TrainingObserver> observers) {
        Examples train = data.train();
        int classes = data.classes();
        int epochs = config.epochs();
        List<EpochMetrics> metrics = new ArrayList<>();
        if (policy.size() != train.size()) {
            throw new WinnowException("policy " + policy.name() + " was built for " + policy.size()
                    + " examples, the training split has " + train.size());
        }
        policy.onRunStart(epochs);
        for (TrainingObserver o : observers) {
            o.onRunStart(this);
        }
        Engine engine = Engine.getInstance();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long t0 = System.nanoTime();
            long[] f0 = forward.clone();
            long[] b0 = backward.clone();
            double refreshSeconds = 0;
            if (policy.wantsRefreshPass(epoch)) {
                long r0 = System.nanoTime();
                phase = Phase.REFRESH;
                refresh(policy, train);
                refreshSeconds = (System.nanoTime() - r0) / 1e9;
            }
            long tPlan = System.nanoTime();
            phase = Phase.TRAIN;
            EpochPlan sel = policy.plan(epoch, epochs);
            for (int i : sel.indices()) {
                if (i < 0 || i >= train.size()) {
                    throw new IllegalArgumentException("epoch plan index " + i + " outside [0, " + train.size() + ")");
                }
            }
            int s = sel.size();
            EpochPlan order = sel.shuffled(new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + epoch), s);
            int[] idx = order.indices();
            float[] w = order.weights();
            long tTrain = System.nanoTime();
            int batches = (s + config.batchSize() - 1) / config.batchSize();
            for (TrainingObserver o : observers) {
                o.onEpochStart(epoch, batches, s);
            }
            boolean outputs = observers.stream().anyMatch(TrainingObserver::needsOutputs);
            double lossSum = 0;
            for (int bi = 0; bi < batches; bi++) {
                int from = bi * config.batchSize();
                int to = Math.min(s, from + config.batchSize());
                tracker.progress = (epoch - 1 + (double) from / Math.max(1, s)) / epochs;
                BatchResult r = step(engine, train, idx, w, from, to, classes, epoch, bi, outputs);
                for (float l : r.losses()) {
                    lossSum += l;
                }
                if (s > 0 && !Double.isFinite(lossSum)) {
                    throw new WinnowException("training diverged in epoch " + epoch + " (a loss is not finite); try a lower --lr");
                }
                policy.observe(r.indices(), r.losses());
                for (TrainingObserver o : observers) {
                    o.onBatch(r);
                }
            }
            double trainLoss = s == 0 ? Double.NaN : lossSum / s;
            long t1 = System.nanoTime();
            phase = Phase.RECORD;
            for (TrainingObserver o : observers) {
                o.onEpochEnd(epoch, this);
            }
            long t2 = System.nanoTime();
            phase = Phase.EVAL;
            boolean evaluate = data.test().size() > 0 && config.evaluatesAfter(epoch);
            double acc = evaluate ? accuracy(data.test()) : Double.NaN;
            long t3 = evaluate ? System.nanoTime() : t2;
            phase = Phase.TRAIN;
            int tr = Phase.TRAIN.ordinal();
            int rec = Phase.RECORD.ordinal();
            EpochMetrics m = new EpochMetrics(run, epoch, trainLoss, acc,
                    forward[tr] - f0[tr], backward[tr] - b0[tr], forward[rec] - f0[rec], backward[rec] - b0[rec],
                    forward[Phase.EVAL.ordinal()] - f0[Phase.EVAL.ordinal()],
                    (t1 - tTrain) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9,
                    config.learningRate() * config.schedule().factor((double) epoch / epochs),
                    forward[Phase.REFRESH.ordinal()] - f0[Phase.REFRESH.ordinal()], refreshSeconds,
                    (tTrain - tPlan) / 1e9);
            metrics.add(m);
            for (TrainingObserver o : observers) {
                o.onEpochMetrics(m);
            }
        }
        for (TrainingObserver o : observers) {
            o.onRunEnd(this);
        }
        return new TrainResult(run, config.seed(), net.description(), metrics, setupSeconds);
    }

    /** The refresh pass: eval-mode forward over the training split; each example's −log p_y goes to the policy. */
    private void refresh(EpochPolicy policy, Examples train) {
        int n = train.size();
        int c = data.classes();
        Outputs o = forwardAll(train, false);
        int[] indices = new int[n];
        float[] losses = new float[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
            losses[i] = Signal.loss(o.logits(), i * c, c, train.label(i));
        }
        policy.observe(indices, losses);
    }

    private BatchResult step(Engine engine, Examples train, int[] idx, float[] w, int from, int to, int classes,
                             int epoch, int batch, boolean outputs) {
        int b = to - from;
        int[] y = train.labelsOf(idx, from, to);
        long[] label = new long[b];
        for (int k = 0; k < b; k++) {
            label[k] = y[k];
        }
        float[] wb = w == null ? null : Arrays.copyOfRange(w, from, to);
        float[] losses = new float[b];
        float[] logits = null;
        float[] h2 = null;
        try (NDManager bm = net.manager().newSubManager()) {
            NDArray x = inputs(train).batch(bm, idx, from, to, net.minLength());
            ProxyNet.Output out;
            NDArray lossPer;
            try (GradientCollector gc = engine.newGradientCollector()) {
                out = net.forward(ps, x, true);
                lossPer = out.logits().logSoftmax(1).gather(bm.create(label, new Shape(b, 1)), 1).neg();
                NDArray weighted = wb == null ? lossPer : lossPer.mul(bm.create(wb, new Shape(b, 1)));
                gc.backward(weighted.sum().div(b));
            }
            update();
            if (outputs) {
                // One copy to the host: [logits | loss | ‖h‖²] per row.
                NDArray sq = out.features().square().sum(new int[] {1}, true);
                float[] v = NDArrays.concat(new NDList(out.logits(), lossPer, sq), 1).toFloatArray();
                logits = new float[b * classes];
                h2 = new float[b];
                int r = classes + 2;
                for (int k = 0; k < b; k++) {
                    System.arraycopy(v, k * r, logits, k * classes, classes);
                    losses[k] = v[k * r + classes];
                    h2[k] = v[k * r + classes + 1];
                }
            } else {
                losses = lossPer.toFloatArray();
            }
        }
        forward[Phase.TRAIN.ordinal()] += b;
        backward[Phase.TRAIN.ordinal()] += b;
        long[] ids = new long[b];
        int[] ix = Arrays.copyOfRange(idx, from, to);
        for (int k = 0; k < b; k++) {
            ids[k] = train.id(ix[k]);
        }
        return new BatchResult(epoch, batch, ix, ids, y, wb, losses, logits, h2, classes, tracker.applied);
    }

    /** One optimizer step at the tracker's current rate, gradients zeroed after. */
    private void update() {
        if (sgd != null) {
            sgd.step(tracker.getNewValue(0));
        } else {
            ps.updateAllParameters();
            ModelPasses.zeroGradients(net);
        }
    }

    /** The engine-resident copy of a split (made on first use; dense splits only are copied). */
    private ResidentSplit inputs(Examples examples) {
        return resident.computeIfAbsent(examples, e -> ResidentSplit.of(e, net.manager()));
    }

    /** Accuracy (argmax of the logits = label) of the model in eval mode on {@code examples}. */
    public double accuracy(Examples examples) {
        if (examples.size() == 0) {
            return Double.NaN;
        }
        return forwardAll(examples, false).accuracy(examples);
    }

    @Override
    public Outputs forwardAll(Examples examples, boolean withFeatures) {
        ResidentSplit split = examples == data.train() || examples == data.test() ? inputs(examples) : null;
        Outputs o = passes.forwardAll(examples, split, withFeatures);
        forward[phase.ordinal()] += examples.size();
        return o;
    }

    @Override
    public float[] inputGradients(Examples examples, int from, int to) {
        float[] g = passes.inputGradients(examples, from, to);
        forward[phase.ordinal()] += to - from;
        backward[phase.ordinal()] += to - from;
        return g;
    }

    /** The parameter store of this run (for gradient checks and custom passes). */
    public ParameterStore parameterStore() {
        return ps;
    }

    @Override
    public int run() {
        return run;
    }

    @Override
    public long seed() {
        return config.seed();
    }

    @Override
    public TrainConfig config() {
        return config;
    }

    @Override
    public DataBundle data() {
        return data;
    }

    @Override
    public ProxyNet net() {
        return net;
    }

    @Override
    public void close() {
        resident.values().forEach(ResidentSplit::close);
        resident.clear();
        net.close();
    }
}
