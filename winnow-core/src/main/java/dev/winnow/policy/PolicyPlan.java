package dev.winnow.policy;

import java.util.Arrays;

/**
 * What a {@link DynamicPolicy} chose for one epoch (not to be confused with the training loop's
 * {@code dev.winnow.train.EpochPlan}, which adapts a policy into the loop).
 *
 * @param indices the examples to train on, ascending, each at most once (the loop shuffles them)
 * @param weights per-example loss weights parallel to {@code indices}, or {@code null} when every
 *     weight is 1; the loop multiplies each example's loss by its weight before averaging
 * @param forwardOnly forward-only example evaluations the policy asked for this epoch (its refresh
 *     pass), to be counted in the cost of the run on top of the {@code indices.length} forward and
 *     backward passes of training
 */
public record PolicyPlan(int[] indices, float[] weights, long forwardOnly) {
    public PolicyPlan {
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
    }

    /** A plan that trains on {@code indices} unweighted, with no forward-only pass. */
    public static PolicyPlan unweighted(int[] indices) {
        return new PolicyPlan(indices, null, 0);
    }

    /** The number of examples trained on this epoch (forward and backward passes). */
    public int size() {
        return indices.length;
    }

    /** Whether any example carries a weight (the loop may skip the multiplication otherwise). */
    public boolean weighted() {
        return weights != null;
    }

    /** The weight of the example at {@code position} in {@link #indices()} (1 when unweighted). */
    public float weight(int position) {
        return weights == null ? 1f : weights[position];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyPlan p
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
        return "PolicyPlan[size=" + indices.length + ", weighted=" + weighted() + ", forwardOnly=" + forwardOnly + "]";
    }
}
