package dev.winnow.score;

/**
 * <code>el2n@E</code>: the error L2 norm ‖p − onehot(y)‖₂ (Paul et al. 2021, "Deep Learning on a Data Diet").
 * Read at epoch E as in {@link AtEpochScore}: checkpoint of epoch E, else the last presentation in E.
 */
public final class El2nScore extends AtEpochScore {
    public El2nScore(int epoch) {
        super("el2n", "el2n", epoch);
    }

    @Override
    float transform(float mean) {
        return mean;
    }
}
