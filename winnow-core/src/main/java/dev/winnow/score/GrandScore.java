package dev.winnow.score;

/**
 * <code>grand@E</code>: the gradient norm of the loss w.r.t. the last linear layer, ‖p − onehot(y)‖₂ · sqrt(‖h‖² + 1) (GraNd, Paul et al. 2021, last-layer form).
 * Read at epoch E as in {@link AtEpochScore}: checkpoint of epoch E, else the last presentation in E.
 */
public final class GrandScore extends AtEpochScore {
    public GrandScore(int epoch) {
        super("grand", "grad_norm", epoch);
    }

    @Override
    float transform(float mean) {
        return mean;
    }
}
