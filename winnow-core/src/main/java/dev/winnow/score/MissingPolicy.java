package dev.winnow.score;

import dev.winnow.WinnowException;

import java.nio.file.Path;

/**
 * What to do with examples a score could not see (NaN: never observed where the score looks, e.g.
 * skipped at epoch E by a dynamic policy in every run, or absent from an external file).
 */
public enum MissingPolicy {
    /** Refuse with one line that counts them and names the first id (the default). */
    FAIL,
    /** Give them the highest observed score: unseen examples are kept by "keep the hardest". */
    HARDEST,
    /** Give them the lowest observed score. */
    EASIEST;

    /** The policy of a command-line word ({@code fail}, {@code hardest}, {@code easiest}). */
    public static MissingPolicy of(String s) {
        for (MissingPolicy p : values()) {
            if (p.name().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("missing policy '" + s + "' (expected fail, hardest or easiest)");
    }

    /**
     * Resolves the NaN entries of {@code scores} in place and returns it. With no observed value at all
     * every policy fails, since there is nothing to rank against.
     */
    public float[] apply(String scoreName, float[] scores, long[] ids, Path store) {
        int missing = 0;
        int first = -1;
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            float v = scores[i];
            if (Float.isNaN(v)) {
                if (missing++ == 0) {
                    first = i;
                }
            } else {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (missing == 0) {
            return scores;
        }
        if (this == FAIL || missing == scores.length) {
            throw new WinnowException(store + ": score '" + scoreName + "' has no value for " + missing + " of "
                    + scores.length + " examples (first id " + ids[first] + "): never observed where the score looks"
                    + (missing == scores.length ? "" : "; use --missing hardest|easiest to rank them anyway"));
        }
        float fill = this == HARDEST ? hi : lo;
        for (int i = 0; i < scores.length; i++) {
            if (Float.isNaN(scores[i])) {
                scores[i] = fill;
            }
        }
        return scores;
    }
}
