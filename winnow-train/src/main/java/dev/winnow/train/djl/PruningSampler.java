package dev.winnow.train.djl;

import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import dev.winnow.WinnowException;
import dev.winnow.policy.EpochPlan;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.policy.FixedPolicy;
import dev.winnow.select.KeepList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A DJL {@link Sampler} that trains each epoch on what an {@link EpochPolicy} of the core picks: a dynamic
 * pruning policy ({@code PolicySpec.parse("infobatch:0.5").build(n, seed)}, DESIGN.md "Dynamic pruning") or a
 * static keep-list ({@link #keepList}). Indices are the dataset's own, so example ids survive; each epoch's
 * plan is shuffled by a seeded generator (the same as Winnow's own loop: seed·φ + epoch) and cut into batches
 * of {@link #getBatchSize()} (the last one shorter). DJL calls {@link #sample} once per epoch.
 *
 * <ul>
 *   <li><b>Weights</b> (a {@code calibrated} keep-list, InfoBatch's 1/(1−r)): {@link #weighted} wraps the
 *       dataset so that every record carries its example's weight as its last label, which
 *       {@link WeightedSoftmaxCrossEntropyLoss} multiplies into the loss (Σ wᵢ·lossᵢ / B).</li>
 *   <li><b>Feedback</b> for policies that learn from losses: add {@link #listener()} to the training config;
 *       it hands each training batch's per-example cross-entropy to the policy and runs the forward-only
 *       refresh pass a policy asks for (eval mode, the whole training set) before the next epoch.</li>
 * </ul>
 * Set this sampler on the training split itself ({@code setSampling(sampler)}, or {@link #weighted}): a
 * sub-dataset would inherit its parent's sampler and report its own local indices.
 */
public final class PruningSampler implements Sampler {
    private final EpochPolicy policy;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final float[] weight;
    private RandomAccessDataset dataset;
    private EpochPlan plan;
    private int epoch;

    /**
     * Applies {@code policy} (made for the training set's size) for {@code epochs} epochs, batches of
     * {@code batchSize}, shuffled with {@code seed}.
     */
    public PruningSampler(EpochPolicy policy, int batchSize, int epochs, long seed) {
        if (batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("batch size and epochs must be >= 1");
        }
        this.policy = policy;
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.seed = seed;
        this.weight = new float[policy.size()];
    }

    /**
     * Trains every epoch on a keep-list, over a dataset whose index i has id {@code datasetIds[i]}.
     *
     * @throws WinnowException naming a kept id that the dataset lacks
     */
    public static PruningSampler keepList(KeepList keep, long[] datasetIds, int batchSize, int epochs, long seed) {
        return new PruningSampler(FixedPolicy.of(keep, datasetIds), batchSize, epochs, seed);
    }

    @Override
    public int getBatchSize() {
        return batchSize;
    }

    /** The epoch whose examples the last {@link #sample} gave (1-based; 0 before the first). */
    public int epoch() {
        return epoch;
    }

    /** The plan of the current epoch (unshuffled: the policy's). */
    public EpochPlan plan() {
        if (plan == null) {
            throw new IllegalStateException("no epoch sampled yet");
        }
        return plan;
    }

    /** The loss weight of dataset index {@code index} in the current epoch (1 unless the plan weights it). */
    public float weight(long index) {
        return weight[Math.toIntExact(index)];
    }

    @Override
    public Iterator<List<Long>> sample(RandomAccessDataset data) {
        if (data.size() != policy.size()) {
            throw new WinnowException("policy " + policy.name() + " was built for " + policy.size()
                    + " examples, the dataset has " + data.size());
        }
        if (epoch == epochs) {
            throw new IllegalStateException("the sampler was made for " + epochs + " epochs; a " + (epochs + 1)
                    + "th was asked for");
        }
        dataset = data;
        if (epoch == 0) {
            policy.onRunStart(epochs);
        }
        epoch++;
        plan = policy.plan(epoch, epochs);
        for (int i : plan.indices()) {
            if (i < 0 || i >= weight.length) {
                throw new IllegalArgumentException("epoch plan index " + i + " outside [0, " + weight.length + ")");
            }
        }
        Arrays.fill(weight, 1f);
        for (int k = 0; k < plan.size(); k++) {
            weight[plan.indices()[k]] = plan.weight(k);
        }
        int[] order = plan.shuffled(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch), plan.size()).indices();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public List<Long> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int to = Math.min(order.length, next + batchSize);
                List<Long> batch = new ArrayList<>(to - next);
                for (int k = next; k < to; k++) {
                    batch.add((long) order[k]);
                }
                next = to;
                return batch;
            }
        };
    }

    /**
     * {@code data} with each record's loss weight appended to its labels (a scalar float32, so a batch gets a
     * [B] array as its last label), sampled by this sampler.
     */
    public RandomAccessDataset weighted(RandomAccessDataset data) {
        return new WeightedDataset(data, this);
    }

    /**
     * The listener that feeds the policy: per training batch the unweighted −log softmax(z)_y of each example
     * (the model's first output z, the first label y), and after each epoch the refresh pass the policy wants
     * before the next one. Needed only by policies that learn from losses.
     */
    public TrainingListener listener() {
        return new TrainingListenerAdapter() {
            @Override
            public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                int[] idx = BatchOutputs.indices(batchData.getBatch());
                NDList preds = BatchOutputs.predictions(batchData);
                int c = Math.toIntExact(preds.get(0).getShape().get(preds.get(0).getShape().dimension() - 1));
                float[] z = BatchOutputs.logits(preds, idx.length, c);
                int[] y = BatchOutputs.classLabels(BatchOutputs.labels(batchData), idx.length);
                policy.observe(idx, BatchOutputs.losses(z, y, c));
            }

            @Override
            public void onEpoch(Trainer trainer) {
                if (epoch < epochs && dataset != null && policy.wantsRefreshPass(epoch + 1)) {
                    refresh(trainer);
                }
            }
        };
    }

    private void refresh(Trainer trainer) {
        int n = policy.size();
        EvalPass.Outputs o = EvalPass.run(trainer, dataset, -1, 256, false);
        int[] all = new int[n];
        float[] losses = BatchOutputs.losses(o.logits(), o.labels(), o.classes());
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        policy.observe(all, losses);
    }
}
