package dev.winnow.score;

/**
 * <code>least_confidence@E</code>: 1 − p_max, higher when the model is less sure (uncertainty sampling; Settles 2009; Coleman et al. 2020).
 * Read at epoch E as in {@link AtEpochScore}: checkpoint of epoch E, else the last presentation in E.
 */
public final class LeastConfidenceScore extends AtEpochScore {
    public LeastConfidenceScore(int epoch) {
        super("least_confidence", "p_max", epoch);
    }

    @Override
    float transform(float mean) {
        return 1f - mean;
    }
}
