package dev.winnow.dynamics;

/**
 * The per-example signals of the dynamics store (DESIGN.md), with logits z, p = softmax(z) and true
 * class y. {@link #compute} is the one place they are derived, for the recorder and for imports alike.
 */
public enum Signal {
    /** −log p_y. */
    LOSS,
    /** p_y. */
    P_TRUE,
    /** z_y − max_{k≠y} z_k. */
    LOGIT_MARGIN,
    /** 1 if argmax z = y, else 0. */
    CORRECT,
    /** ‖p − onehot(y)‖₂ (Paul et al. 2021). */
    EL2N,
    /** ‖∂loss/∂(W, b)‖ of the last linear layer = el2n · sqrt(‖h‖² + 1); needs the head's input h. */
    GRAD_NORM,
    /** −Σ p log p. */
    ENTROPY,
    /** max p. */
    P_MAX,
    /** p_(1) − p_(2). */
    TOP2_MARGIN;

    /** The file and manifest name, e.g. {@code logit_margin}. */
    public String fileName() {
        return name().toLowerCase();
    }

    /** The signal of a manifest name, or {@code null}. */
    public static Signal of(String name) {
        for (Signal s : values()) {
            if (s.fileName().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The loss −log softmax(z)_y of one example's logits {@code z[offset .. offset+classes)} (log-sum-exp). */
    public static float loss(float[] z, int offset, int classes, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            max = Math.max(max, z[offset + k]);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += Math.exp(z[offset + k] - max);
        }
        return (float) (max + Math.log(sum) - z[offset + label]);
    }

    /**
     * Computes every signal for one example from its logits {@code z[offset .. offset+classes)}.
     * {@code hSquaredNorm} is ‖h‖² of the head's input, or NaN when unknown (then grad_norm is NaN).
     * Results go to {@code out[signal.ordinal()]}. Numerically stable (log-sum-exp).
     */
    public static void compute(float[] z, int offset, int classes, int label, double hSquaredNorm, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        int argmax = -1;
        double otherMax = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double v = z[offset + k];
            if (v > max) {
                max = v;
                argmax = k;
            }
            if (k != label && v > otherMax) {
                otherMax = v;
            }
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += Math.exp(z[offset + k] - max);
        }
        double logSum = Math.log(sum) + max;
        double sq = 0;
        double entropy = 0;
        double p1 = 0;
        double p2 = 0;
        for (int k = 0; k < classes; k++) {
            double logp = z[offset + k] - logSum;
            double p = Math.exp(logp);
            double d = p - (k == label ? 1 : 0);
            sq += d * d;
            if (p > 0) {
                entropy -= p * logp;
            }
            if (p > p1) {
                p2 = p1;
                p1 = p;
            } else if (p > p2) {
                p2 = p;
            }
        }
        double el2n = Math.sqrt(sq);
        out[LOSS.ordinal()] = logSum - z[offset + label];
        out[P_TRUE.ordinal()] = Math.exp(z[offset + label] - logSum);
        out[LOGIT_MARGIN.ordinal()] = z[offset + label] - otherMax;
        out[CORRECT.ordinal()] = argmax == label ? 1 : 0;
        out[EL2N.ordinal()] = el2n;
        out[GRAD_NORM.ordinal()] = el2n * Math.sqrt(hSquaredNorm + 1);
        out[ENTROPY.ordinal()] = entropy;
        out[P_MAX.ordinal()] = p1;
        out[TOP2_MARGIN.ordinal()] = p1 - p2;
    }
}
