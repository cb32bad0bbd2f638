package dev.winnow.score;

/**
 * <code>loss@E</code>: the cross-entropy loss −log p_y (uncertainty baseline).
 * Read at epoch E as in {@link AtEpochScore}: checkpoint of epoch E, else the last presentation in E.
 */
public final class LossScore extends AtEpochScore {
    public LossScore(int epoch) {
        super("loss", "loss", epoch);
    }

    @Override
    float transform(float mean) {
        return mean;
    }
}
