package dev.winnow.train.nmt;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.winnow.WinnowException;
import dev.winnow.policy.EpochPlan;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.text.Bleu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Trains a {@link Seq2SeqNet} on a {@link ParallelText} with teacher forcing under an {@link EpochPolicy} of the
 * core (full data, a keep-list, a dynamic policy): the loss of a sentence pair is the mean token cross-entropy of
 * its target (end mark included), a batch's loss is Σ wᵢ·lossᵢ / B, optimised by Adam with the global gradient
 * norm clipped. Each epoch's plan is shuffled by the seed, then cut into batches of similar lengths (pools of
 * 16 batches sorted by length, the batches shuffled again), so padding stays small. Each presentation's loss
 * goes back to the policy and, when a {@link LossObserver} is given, is recorded with a checkpoint pass over
 * every training pair at the end of each epoch (eval mode): the dynamics that {@code cat@K} reads. Test BLEU
 * ({@link Bleu}, greedy decoding) is taken after the epochs {@code evalEvery} names and the last.
 */
public final class Seq2SeqTrainer implements AutoCloseable {
    /**
     * How one model trains: {@code evalEvery} 0 evaluates after the last epoch only, −1 never (a proxy).
     */
    public record Config(Seq2SeqNet.Dims dims, int epochs, int batchSize, float learningRate, float clipNorm,
                         int evalEvery, long seed) {
        public Config {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || !(clipNorm > 0) || evalEvery < -1) {
                throw new IllegalArgumentException("epochs, batch size, learning rate and clip norm must be positive");
            }
        }

        boolean evaluatesAfter(int epoch) {
            return evalEvery >= 0 && (epoch == epochs || (evalEvery > 0 && epoch % evalEvery == 0));
        }
    }

    /** Receives the per-pair losses of each epoch (NaN where not observed), index order. */
    public interface LossObserver {
        void presentations(int epoch, float[] losses);

        void checkpoint(int epoch, float[] losses);
    }

    /** One point of the learning curve: test BLEU after {@code epoch}, training seconds and pairs backpropagated so far. */
    public record CurvePoint(int epoch, double bleu, double seconds, long backward) {
    }

    /**
     * What a training cost and gave: final test BLEU (NaN without a test split), seconds of training (setup and
     * refresh passes included), of recording (checkpoint passes) and of evaluation (decoding), pairs forward and
     * backward in training (refresh passes as forward), pairs forward in recording and evaluation, optimizer
     * steps, the learning curve, the mean training loss of each epoch, and the CPU seconds of the calling thread
     * over the whole call (with one PyTorch thread the native work runs on it: on a shared machine a steadier
     * measure of cost than wall seconds).
     */
    public record Outcome(Bleu.Result bleu, List<String> hypotheses, double trainSeconds, double recordSeconds,
                          double evalSeconds, long trainForward, long trainBackward, long recordForward,
                          long evalForward, long steps, List<CurvePoint> curve, double[] trainLoss, double cpuSeconds) {
        public double score() {
            return bleu == null ? Double.NaN : bleu.score();
        }
    }

    private static final int POOL = 16;
    private final ParallelText data;
    private final Config config;
    private final Seq2SeqNet net;
    private final ParameterStore ps;
    private final double setupSeconds;
    private java.io.PrintWriter progress;

    /** Builds and initialises the model for {@code data}'s vocabularies, seeded by {@code config.seed()}. */
    public Seq2SeqTrainer(ParallelText data, Config config) {
        long t0 = System.nanoTime();
        this.data = data;
        this.config = config;
        Engine engine = Engine.getInstance();
        engine.setRandomSeed((int) (config.seed() ^ (config.seed() >>> 32)));
        this.net = new Seq2SeqNet(engine.newBaseManager(), data.sourceVocabulary().size(),
                data.targetVocabulary().size(), config.dims());
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate())).build();
        this.ps = new ParameterStore(net.manager(), false);
        ps.setParameterServer(new ai.djl.training.LocalParameterServer(adam), new Device[] {net.manager().getDevice()});
        this.setupSeconds = (System.nanoTime() - t0) / 1e9;
    }

    public Seq2SeqNet net() {
        return net;
    }

    /** Prints one line per epoch (mean training loss, BLEU when evaluated, seconds) to {@code w}; null for none. */
    public Seq2SeqTrainer withProgress(java.io.PrintWriter w) {
        this.progress = w;
        return this;
    }

    /** Trains {@code config.epochs()} epochs of {@code policy} (made for the training split's size); {@code observer} may be null. */
    public Outcome train(EpochPolicy policy, LossObserver observer) {
        ParallelText.Split train = data.train();
        int n = train.size();
        if (policy.size() != n) {
            throw new WinnowException("policy " + policy.name() + " was built for " + policy.size()
                    + " pairs, the training split has " + n);
        }
        int epochs = config.epochs();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        policy.onRunStart(epochs);
        double trainSecs = setupSeconds;
        double recordSecs = 0;
        double evalSecs = 0;
        long fwd = 0;
        long bwd = 0;
        long recFwd = 0;
        long evalFwd = 0;
        long steps = 0;
        List<CurvePoint> curve = new ArrayList<>();
        double[] trainLoss = new double[epochs];
        Bleu.Result bleu = null;
        List<String> hyps = List.of();
        Engine engine = Engine.getInstance();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long t0 = System.nanoTime();
            if (policy.wantsRefreshPass(epoch)) {
                int[] all = IntStream.range(0, n).toArray();
                policy.observe(all, losses(train, all));
                fwd += n;
            }
            EpochPlan plan = policy.plan(epoch, epochs);
            SplittableRandom rnd = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + epoch);
            EpochPlan order = plan.shuffled(rnd, plan.size());
            float[] presented = observer == null ? null : nanRow(n);
            double lossSum = 0;
            for (int[] batch : batches(order.indices(), train, rnd)) {
                int[] idx = new int[batch.length];
                float[] w = order.weighted() ? new float[batch.length] : null;
                for (int j = 0; j < batch.length; j++) {
                    idx[j] = order.indices()[batch[j]];
                    if (w != null) {
                        w[j] = order.weight(batch[j]);
                    }
                }
                float[] l = step(engine, train, idx, w);
                for (int j = 0; j < idx.length; j++) {
                    lossSum += l[j];
                    if (presented != null) {
                        presented[idx[j]] = l[j];
                    }
                }
                if (!Double.isFinite(lossSum)) {
                    throw new WinnowException("training diverged in epoch " + epoch + " (a loss is not finite); try a lower lr");
                }
                policy.observe(idx, l);
                fwd += idx.length;
                bwd += idx.length;
                steps++;
            }
            trainLoss[epoch - 1] = plan.size() == 0 ? Double.NaN : lossSum / plan.size();
            long t1 = System.nanoTime();
            trainSecs += (t1 - t0) / 1e9;
            if (observer != null) {
                observer.presentations(epoch, presented);
                int[] all = IntStream.range(0, n).toArray();
                observer.checkpoint(epoch, losses(train, all));
                recFwd += n;
                recordSecs += (System.nanoTime() - t1) / 1e9;
            }
            if (data.test().size() > 0 && config.evaluatesAfter(epoch)) {
                long e0 = System.nanoTime();
                hyps = translate(data.test());
                bleu = Bleu.corpus(hyps, Arrays.asList(data.test().targetText()), Bleu.Tokenizer.THIRTEEN_A);
                evalFwd += data.test().size();
                evalSecs += (System.nanoTime() - e0) / 1e9;
                curve.add(new CurvePoint(epoch, bleu.score(), trainSecs, bwd));
            }
            if (progress != null) {
                progress.printf(java.util.Locale.ROOT, "epoch %d/%d: %d pairs, mean loss %.4f, %.1f s training%s%n", epoch,
                        epochs, plan.size(), trainLoss[epoch - 1], trainSecs,
                        data.test().size() > 0 && config.evaluatesAfter(epoch) ? String.format(java.util.Locale.ROOT,
                                ", test BLEU %.2f", bleu.score()) : "");
                progress.flush();
            }
        }
        return new Outcome(bleu, hyps, trainSecs, recordSecs, evalSecs, fwd, bwd, recFwd, evalFwd, steps, curve, trainLoss,
                (threads.getCurrentThreadCpuTime() - cpu0) / 1e9);
    }

    /** Batches of positions into {@code order}: pools of {@value #POOL} batches sorted by length, then shuffled. */
    private List<int[]> batches(int[] order, ParallelText.Split split, SplittableRandom rnd) {
        int b = config.batchSize();
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < order.length; from += POOL * b) {
            int to = Math.min(order.length, from + POOL * b);
            Integer[] pos = new Integer[to - from];
            for (int i = from; i < to; i++) {
                pos[i - from] = i;
            }
            Arrays.sort(pos, Comparator.comparingInt(p -> split.target()[order[p]].length
                    + split.source()[order[p]].length));
            for (int s = 0; s < pos.length; s += b) {
                int[] batch = new int[Math.min(b, pos.length - s)];
                for (int j = 0; j < batch.length; j++) {
                    batch[j] = pos[s + j];
                }
                out.add(batch);
            }
        }
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int[] t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    private float[] step(Engine engine, ParallelText.Split split, int[] idx, float[] w) {
        try (NDManager bm = net.manager().newSubManager()) {
            NDArray[] t = tensors(bm, split, idx);
            NDArray lossPer;
            try (GradientCollector gc = engine.newGradientCollector()) {
                lossPer = net.sentenceLoss(ps, t[0], t[1], t[2], true);
                NDArray weighted = w == null ? lossPer : lossPer.mul(bm.create(w));
                gc.backward(weighted.sum().div(idx.length));
            }
            clipGradients();
            ps.updateAllParameters();
            zeroGradients();
            return lossPer.toFloatArray();
        }
    }

    /** Eval-mode per-pair losses of {@code indices} (batched by length), in the order given. */
    public float[] losses(ParallelText.Split split, int[] indices) {
        float[] out = new float[indices.length];
        Integer[] pos = sortedByLength(split, indices);
        int b = Math.max(config.batchSize(), 64);
        for (int s = 0; s < pos.length; s += b) {
            int k = Math.min(b, pos.length - s);
            int[] idx = new int[k];
            for (int j = 0; j < k; j++) {
                idx[j] = indices[pos[s + j]];
            }
            try (NDManager bm = net.manager().newSubManager()) {
                NDArray[] t = tensors(bm, split, idx);
                float[] l = net.sentenceLoss(ps, t[0], t[1], t[2], false).toFloatArray();
                for (int j = 0; j < k; j++) {
                    out[pos[s + j]] = l[j];
                }
            }
        }
        return out;
    }

    /** Greedy translations of every source sentence of {@code split}, as space-separated target words. */
    public List<String> translate(ParallelText.Split split) {
        int n = split.size();
        int[] all = IntStream.range(0, n).toArray();
        Integer[] pos = sortedByLength(split, all);
        String[] out = new String[n];
        int b = Math.max(config.batchSize(), 64);
        int max = data.spec().options().maxLength();
        for (int s = 0; s < n; s += b) {
            int k = Math.min(b, n - s);
            int[] idx = new int[k];
            for (int j = 0; j < k; j++) {
                idx[j] = pos[s + j];
            }
            try (NDManager bm = net.manager().newSubManager()) {
                int[][] ids = net.greedy(ps, padded(bm, split.source(), idx, false, false), max);
                for (int j = 0; j < k; j++) {
                    out[idx[j]] = data.targetVocabulary().decode(ids[j]);
                }
            }
        }
        return Arrays.asList(out);
    }

    private static Integer[] sortedByLength(ParallelText.Split split, int[] indices) {
        Integer[] pos = new Integer[indices.length];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = i;
        }
        Arrays.sort(pos, Comparator.comparingInt(p -> split.source()[indices[p]].length));
        return pos;
    }

    /** Source [B, Ls], target input (start mark + target) and target output (target + end mark) [B, Lt]. */
    private static NDArray[] tensors(NDManager m, ParallelText.Split split, int[] idx) {
        return new NDArray[] {padded(m, split.source(), idx, false, false), padded(m, split.target(), idx, true, false),
            padded(m, split.target(), idx, false, true)};
    }

    private static NDArray padded(NDManager m, int[][] rows, int[] idx, boolean bos, boolean eos) {
        int extra = (bos ? 1 : 0) + (eos ? 1 : 0);
        int len = 1;
        for (int i : idx) {
            len = Math.max(len, rows[i].length + extra);
        }
        long[] flat = new long[idx.length * len];
        for (int r = 0; r < idx.length; r++) {
            int[] row = rows[idx[r]];
            int o = r * len;
            if (bos) {
                flat[o++] = Vocabulary.BOS;
            }
            for (int v : row) {
                flat[o++] = v;
            }
            if (eos) {
                flat[o] = Vocabulary.EOS;
            }
        }
        return m.create(flat, new Shape(idx.length, len));
    }

    private void clipGradients() {
        double sq = 0;
        List<NDArray> grads = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            NDArray a = p.getArray();
            if (a.hasGradient()) {
                NDArray g = a.getGradient();
                grads.add(g);
                try (NDArray g2 = g.square(); NDArray s = g2.sum()) {
                    sq += s.getFloat();
                }
            }
        }
        double norm = Math.sqrt(sq);
        if (norm > config.clipNorm()) {
            float scale = (float) (config.clipNorm() / norm);
            for (NDArray g : grads) {
                g.muli(scale);
            }
        }
        grads.forEach(NDArray::close);
    }

    private void zeroGradients() {
        for (Parameter p : net.parameters()) {
            NDArray a = p.getArray();
            if (a.hasGradient()) {
                try (NDArray g = a.getGradient()) {
                    g.subi(g);
                }
            }
        }
    }

    private static float[] nanRow(int n) {
        float[] r = new float[n];
        Arrays.fill(r, Float.NaN);
        return r;
    }

    /**
     * Arrays alive in the model's manager, sub-managers included: the parameters, their gradients and the
     * optimizer's state. A step that left a temporary behind would make this grow with every step.
     */
    int liveArrays() {
        return net.manager().getManagedArrays().size();
    }

    @Override
    public void close() {
        net.close();
    }
}
