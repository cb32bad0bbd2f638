package dev.winnow.train;

import java.util.Arrays;

/**
 * The examples to train on in one epoch: indices into the training split (an index may repeat, e.g.
 * sampling with replacement) and optional per-example loss weights ({@code null} = all 1). The batch
 * loss is Σ wᵢ·lossᵢ / B, so weights that estimate the full-data loss keep it unbiased.
 */
public record EpochSelection(int[] indices, float[] weights) {
    public EpochSelection {
        if (indices == null) {
            throw new IllegalArgumentException("indices are required");
        }
        if (weights != null && weights.length != indices.length) {
            throw new IllegalArgumentException("weights has " + weights.length + " values for " + indices.length + " indices");
        }
        if (weights != null) {
            for (float w : weights) {
                if (!(w >= 0) || !Float.isFinite(w)) {
                    throw new IllegalArgumentException("weights must be finite and ≥ 0");
                }
            }
        }
    }

    /** Every example 0..n−1, weight 1. */
    public static EpochSelection all(int n) {
        int[] i = new int[n];
        Arrays.setAll(i, k -> k);
        return new EpochSelection(i, null);
    }

    public int size() {
        return indices.length;
    }

    public float weight(int k) {
        return weights == null ? 1f : weights[k];
    }
}
