package dev.winnow.policy;

import java.util.Arrays;

/**
 * One epoch's training plan.
 *
 * @param indices the examples to train on, ascending, each at most once (the loop shuffles them)
 * @param weights per-example loss weights parallel to {@code indices}, or {@code null} when every
 *     weight is 1; the loop multiplies each example's loss by its weight before averaging
 * @param forwardOnly forward-only example evaluations the policy asked for this epoch (its refresh
 *     pass), to be counted in the cost of the run on top of the {@code indices.length} forward and
 *     backward passes of training
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
    }

    /** A plan that trains on {@code indices} unweighted, with no forward-only pass. */
    public static EpochPlan unweighted(int[] indices) {
        return new EpochPlan(indices, null, 0);
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
