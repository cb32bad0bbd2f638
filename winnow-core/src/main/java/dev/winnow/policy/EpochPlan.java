package dev.winnow.policy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * The examples one epoch trains on: what an {@link EpochPolicy} returns for each epoch, dynamic policies
 * and static keep-lists alike. The training loop shuffles the indices, multiplies each example's loss by
 * its weight and averages over the batch (Σ wᵢ·lossᵢ / B), so weights that estimate the full-data loss
 * keep it unbiased.
 *
 * <p>The arrays are the plan's own: read them, do not change them (a {@link FixedPolicy} hands out the
 * same plan every epoch).
 *
 * @param indices the examples to train on, indices into the training set {@code 0..n-1} (policies give them
 *     ascending; a keep-list in the order of its ids; an index may repeat, e.g. sampling with replacement)
 * @param weights per-example loss weights parallel to {@code indices}, finite and ≥ 0, or {@code null}
 *     when every weight is 1 (an array of ones is stored as {@code null}: one way to say "unweighted")
 * @param forwardOnly forward-only example evaluations the policy asked for this epoch (its refresh pass),
 *     counted in the cost of the run on top of the {@code indices.length} forward and backward passes
 */
public record EpochPlan(int[] indices, float[] weights, long forwardOnly) {
    public EpochPlan {
        if (indices == null) {
            throw new IllegalArgumentException("indices must not be null");
        }
        if (weights != null && weights.length != indices.length) {
            throw new IllegalArgumentException(
                    "weights has " + weights.length + " entries for " + indices.length + " indices");
        }
        if (forwardOnly < 0) {
            throw new IllegalArgumentException("forwardOnly must be >= 0, got " + forwardOnly);
        }
        if (weights != null) {
            boolean allOne = true;
            for (float w : weights) {
                if (!(w >= 0) || !Float.isFinite(w)) {
                    throw new IllegalArgumentException("weights must be finite and >= 0, got " + w);
                }
                allOne &= w == 1f;
            }
            if (allOne) {
                weights = null;
            }
        }
    }

    /** A plan that trains on {@code indices} unweighted, with no forward-only pass. */
    public static EpochPlan of(int[] indices) {
        return new EpochPlan(indices, null, 0);
    }

    /** Every example {@code 0..n-1}, weight 1. */
    public static EpochPlan all(int n) {
        return of(Picks.all(n));
    }

    /** The number of examples trained on this epoch (forward and backward passes). */
    public int size() {
        return indices.length;
    }

    /** Whether some example carries a weight other than 1 (the loop skips the multiplication otherwise). */
    public boolean weighted() {
        return weights != null;
    }

    /** The weight of the example at {@code position} in {@link #indices()} (1 when unweighted). */
    public float weight(int position) {
        return weights == null ? 1f : weights[position];
    }

    /**
     * The first {@code take} examples of this plan in a seeded random order, with their weights and this
     * plan's forward-only count: the positions in the order of {@link #shuffledPositions} drawn from
     * {@code rnd}, taken in that order.
     */
    public EpochPlan shuffled(SplittableRandom rnd, int take) {
        if (take < 0 || take > indices.length) {
            throw new IllegalArgumentException("take must be in [0, " + indices.length + "], got " + take);
        }
        int[] order = shuffledPositions(indices.length, rnd::nextInt);
        int[] sub = new int[take];
        float[] sw = weights == null ? null : new float[take];
        for (int i = 0; i < take; i++) {
            sub[i] = indices[order[i]];
            if (sw != null) {
                sw[i] = weights[order[i]];
            }
        }
        return new EpochPlan(sub, sw, forwardOnly);
    }

    /**
     * The positions {@code 0..size-1} in a seeded random order: Fisher–Yates from the last position down,
     * swapping position {@code i} with {@code j = below.applyAsInt(i + 1)} for {@code i = size-1..1}, where
     * {@code below.applyAsInt(b)} draws uniformly from {@code [0, b)} ({@code SplittableRandom::nextInt},
     * {@code Random::nextInt}). The one shuffle of an epoch's examples, so that the same generator gives the
     * same order wherever a plan is shuffled.
     */
    public static int[] shuffledPositions(int size, IntUnaryOperator below) {
        int[] order = Picks.all(size);
        for (int i = size - 1; i > 0; i--) {
            int j = below.applyAsInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EpochPlan p
                && forwardOnly == p.forwardOnly
                && Arrays.equals(indices, p.indices)
                && Arrays.equals(weights, p.weights);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(indices) + Arrays.hashCode(weights)) + Long.hashCode(forwardOnly);
    }

    @Override
    public String toString() {
        return "EpochPlan[size=" + indices.length + ", weighted=" + weighted() + ", forwardOnly=" + forwardOnly + "]";
    }
}
