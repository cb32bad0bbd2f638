package dev.winnow.score;

/**
 * <code>entropy@E</code>: the predictive entropy −Σ p log p (uncertainty sampling; Settles 2009 survey).
 * Read at epoch E as in {@link AtEpochScore}: checkpoint of epoch E, else the last presentation in E.
 */
public final class EntropyScore extends AtEpochScore {
    public EntropyScore(int epoch) {
        super("entropy", "entropy", epoch);
    }

    @Override
    float transform(float mean) {
        return mean;
    }
}
