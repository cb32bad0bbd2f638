package dev.winnow.train;

import java.util.Locale;

/**
 * Learning-rate schedule as a factor of the base rate over training progress p ∈ [0, 1] (epochs done,
 * fractional within an epoch), so it follows epochs even when a policy trains on fewer batches:
 * {@code constant} 1; {@code step} ×0.1 at half and again at three quarters of the epochs;
 * {@code cosine} ½(1 + cos πp) (Loshchilov &amp; Hutter 2017, without restarts).
 */
public enum Schedule {
    CONSTANT, STEP, COSINE;

    public double factor(double progress) {
        double p = Math.min(1, Math.max(0, progress));
        return switch (this) {
            case CONSTANT -> 1;
            case STEP -> p < 0.5 ? 1 : p < 0.75 ? 0.1 : 0.01;
            case COSINE -> 0.5 * (1 + Math.cos(Math.PI * p));
        };
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
