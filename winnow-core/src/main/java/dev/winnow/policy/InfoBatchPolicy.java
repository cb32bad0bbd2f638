package dev.winnow.policy;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * InfoBatch (Qin et al. 2024, "InfoBatch: Lossless Training Speed Up by Unbiased Dynamic Data
 * Pruning"). Each example's score is its most recently observed loss. In a pruned epoch, with m the
 * mean score over the examples observed so far, every observed example with score {@code < m} is
 * dropped independently with probability {@code r}; the kept ones get loss weight {@code 1/(1−r)},
 * everyone else weight 1, so for any fixed scores the weighted loss sum is an unbiased estimate of
 * the full-data loss sum. Examples never observed are always kept (weight 1). Epochs
 * {@code e} with {@code e − 1 >= δ·totalEpochs} (epochs count from 1; "annealing") train on all data
 * unweighted.
 *
 * <p>Differences from the reference implementation (NUS-HPC-AI-Lab/InfoBatch): it keeps exactly
 * {@code floor((1−r)·#below)} of the below-mean examples (slightly biased), we drop each
 * independently (exactly unbiased); it initialises unseen scores to 3 and averages over them, we
 * average over observed examples only; it prunes while {@code epoch <= δ·E} (epochs from 0), we while
 * {@code epoch − 1 < δ·E}; it clamps r to at most 0.9, we accept r in [0, 1).
 */
public final class InfoBatchPolicy extends BasePolicy {
    /** Default δ, Qin et al. 2024's: the share of epochs that prune before the full-data annealing epochs. */
    public static final double DEFAULT_DELTA = 0.875;

    private final PolicySpec.InfoBatch spec;
    private final double r;
    private final double delta;
    private final float keptWeight;
    private final float[] lastLoss;
    private final boolean[] seen;

    public InfoBatchPolicy(int n, long seed, double r) {
        this(n, seed, r, DEFAULT_DELTA);
    }

    /**
     * @param r the drop probability of a below-mean example, in [0, 1)
     * @param delta the share of epochs that prune, in (0, 1]; later epochs use all data
     */
    public InfoBatchPolicy(int n, long seed, double r, double delta) {
        super(n, seed);
        this.spec = new PolicySpec.InfoBatch(r, delta);
        this.r = r;
        this.delta = delta;
        this.keptWeight = (float) (1.0 / (1.0 - r));
        this.lastLoss = new float[n];
        this.seen = new boolean[n];
    }

    @Override
    public String name() {
        return spec.toString();
    }

    /**
     * Whether {@code epoch} (1-based) prunes ({@code epoch − 1 < δ·totalEpochs}) rather than using all
     * data: the rule as it read when epochs counted from 0, so δ anneals at the same epoch.
     */
    public boolean prunes(int epoch, int totalEpochs) {
        return epoch - 1 < delta * totalEpochs;
    }

    /** The weight a kept below-mean example carries, {@code 1/(1−r)} as a float. */
    public float keptWeight() {
        return keptWeight;
    }

    /** The last observed loss of example {@code i}, NaN if it was never observed. */
    public float lastLoss(int i) {
        return seen[i] ? lastLoss[i] : Float.NaN;
    }

    @Override
    EpochPlan choose(int epoch, int totalEpochs) {
        if (!prunes(epoch, totalEpochs) || r == 0) {
            return EpochPlan.all(n);
        }
        double sum = 0;
        long observed = 0;
        for (int i = 0; i < n; i++) {
            if (seen[i]) {
                sum += lastLoss[i];
                observed++;
            }
        }
        double threshold = observed == 0 ? Double.NEGATIVE_INFINITY : sum / observed;
        SplittableRandom rng = random(epoch);
        int[] keep = new int[n];
        float[] weight = new float[n];
        int kept = 0;
        boolean anyWeighted = false;
        for (int i = 0; i < n; i++) {
            if (seen[i] && lastLoss[i] < threshold) {
                if (rng.nextDouble() < r) {
                    continue; // dropped this epoch
                }
                keep[kept] = i;
                weight[kept++] = keptWeight;
                anyWeighted = true;
            } else {
                keep[kept] = i;
                weight[kept++] = 1f;
            }
        }
        return new EpochPlan(Arrays.copyOf(keep, kept), anyWeighted ? Arrays.copyOf(weight, kept) : null, 0);
    }

    @Override
    void record(int[] indices, float[] losses) {
        for (int j = 0; j < indices.length; j++) {
            lastLoss[indices[j]] = losses[j];
            seen[indices[j]] = true;
        }
    }
}
