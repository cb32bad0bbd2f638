package dev.winnow.score;

/**
 * How the mean over runs of a signal becomes a score, where higher means harder: as it is (a loss), negated
 * (a margin, where small is hard) or one minus it (a confidence). Public so that other engines (winnow-spark)
 * turn their run means into scores with this very code.
 */
public enum Direction {
    AS_IS, NEGATED, ONE_MINUS;

    /** The score of run mean {@code mean}, in float as the stores hold it. */
    public float apply(float mean) {
        return switch (this) {
            case AS_IS -> mean;
            case NEGATED -> -mean;
            case ONE_MINUS -> 1f - mean;
        };
    }
}
