package dev.winnow.train;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.train.data.Examples;

import java.util.Arrays;

/**
 * Records the training dynamics of every example into a {@link DynamicsWriter} (format v1):
 * <ul>
 *   <li>one {@code presentation} observation per epoch, from the logits and ‖h‖² the training step
 *       already computed (no extra pass; an example not presented in that epoch is NaN);</li>
 *   <li>one {@code checkpoint} observation at each checkpoint epoch, from an eval-mode pass over the
 *       training split, and the features h of the last checkpoint ({@code features.npy});</li>
 *   <li>optionally VoG (Agarwal et al. 2022): at each checkpoint the gradient S of the true-class logit
 *       with respect to the input; per input dimension the population variance of S across the K
 *       checkpoints, accumulated online (Welford); VoG = the mean over dimensions of its square root,
 *       as in the paper's definition.</li>
 * </ul>
 * Signals are derived by {@link dev.winnow.dynamics.Signal#compute} inside the writer; grad_norm uses
 * the closed form with ‖h‖². One recorder serves several runs (seeds) in sequence.
 */
public final class Recorder implements TrainingObserver {
    private final DynamicsWriter writer;
    private final RecordOptions options;
    private final int[] labels;
    private float[] presLogits;
    private float[] presH2;
    private float[] vogMean;
    private float[] vogM2;
    private int vogCount;
    private int lastCheckpoint;
    private double vogSeconds;

    public Recorder(DynamicsWriter writer, RecordOptions options, Examples train) {
        this.writer = writer;
        this.options = options;
        this.labels = train.labels();
        if (writer.examples() != train.size()) {
            throw new IllegalArgumentException("store has " + writer.examples() + " examples, training split " + train.size());
        }
    }

    @Override
    public boolean needsOutputs() {
        return true;
    }

    @Override
    public void onRunStart(RunContext ctx) {
        int n = labels.length;
        int c = writer.classes();
        options.validate(ctx.config().epochs());
        presLogits = new float[n * c];
        presH2 = new float[n];
        lastCheckpoint = options.checkpoints().isEmpty() ? -1 : options.checkpoints().last();
        vogCount = 0;
        if (options.vog()) {
            long size = (long) n * ctx.data().train().width();
            if (ctx.data().isText()) {
                throw new WinnowException("--vog needs continuous inputs (images or csv); text models take token ids");
            }
            if (size > Integer.MAX_VALUE - 16) {
                throw new WinnowException("--vog: " + n + " examples × " + ctx.data().train().width()
                        + " input values are too many to accumulate (use --limit)");
            }
            vogMean = new float[(int) size];
            vogM2 = new float[(int) size];
        }
    }

    @Override
    public void onEpochStart(int epoch, int batches, int examples) {
        Arrays.fill(presLogits, Float.NaN);
        Arrays.fill(presH2, Float.NaN);
    }

    @Override
    public void onBatch(BatchResult b) {
        int c = b.classes();
        for (int k = 0; k < b.size(); k++) {
            int i = b.indices()[k];
            System.arraycopy(b.logits(), k * c, presLogits, i * c, c);
            presH2[i] = b.hSquaredNorm()[k];
        }
    }

    @Override
    public void onEpochEnd(int epoch, RunContext ctx) {
        writer.observe(new Observation(ctx.run(), epoch, ObservationKind.PRESENTATION), presLogits, presH2, labels);
        if (!options.checkpoints().contains(epoch)) {
            return;
        }
        boolean last = epoch == lastCheckpoint;
        RunContext.Outputs o = ctx.forwardAll(ctx.data().train(), last && options.features());
        writer.observe(new Observation(ctx.run(), epoch, ObservationKind.CHECKPOINT), o.logits(), o.hSquaredNorm(), labels);
        if (last && options.features()) {
            writer.features(ctx.run(), o.features(), o.featureDim());
        }
        if (options.vog()) {
            accumulateVog(ctx);
        }
    }

    private void accumulateVog(RunContext ctx) {
        long t0 = System.nanoTime();
        Examples train = ctx.data().train();
        int d = train.width();
        vogCount++;
        float k = vogCount;
        int bs = ctx.config().evalBatchSize();
        for (int from = 0; from < train.size(); from += bs) {
            int to = Math.min(train.size(), from + bs);
            float[] g = ctx.inputGradients(train, from, to);
            int base = from * d;
            for (int j = 0; j < g.length; j++) {
                float delta = g[j] - vogMean[base + j];
                vogMean[base + j] += delta / k;
                vogM2[base + j] += delta * (g[j] - vogMean[base + j]);
            }
        }
        vogSeconds += (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public void onRunEnd(RunContext ctx) {
        if (options.vog()) {
            writer.vog(ctx.run(), vog(vogMean, vogM2, vogCount, labels.length, ctx.data().train().width()));
            vogMean = null;
            vogM2 = null;
        }
    }

    /** VoG per example from Welford sums: mean over the d dimensions of sqrt(M2 / K). */
    static float[] vog(float[] mean, float[] m2, int count, int n, int d) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += Math.sqrt(Math.max(0, m2[i * d + j]) / count);
            }
            out[i] = (float) (s / d);
        }
        return out;
    }

    /** Seconds spent on VoG gradients so far (part of the record phase). */
    public double vogSeconds() {
        return vogSeconds;
    }
}
