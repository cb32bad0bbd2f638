package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A signal read "at epoch E", averaged over runs: {@code el2n@E}, {@code grand@E}, {@code loss@E},
 * {@code entropy@E}, {@code least_confidence@E} and {@code margin@E}. In each run the value of an example is
 * that of the run's checkpoint observation of epoch E; where the run has no such checkpoint, or the
 * checkpoint holds NaN for the example, it is the example's last non-NaN presentation in epoch E. A run that
 * has neither for the example is left out of its average; an example seen in no run gets NaN. A store with
 * no observation of epoch E at all is an error.
 */
public final class AtEpochScore extends RunAveragedScore {
    /** How the run-averaged signal becomes the score (higher = harder). */
    private enum Direction {
        AS_IS, NEGATED, ONE_MINUS;

        float apply(float mean) {
            return switch (this) {
                case AS_IS -> mean;
                case NEGATED -> -mean;
                case ONE_MINUS -> 1f - mean;
            };
        }
    }

    private final int epoch;
    private final Direction direction;

    private AtEpochScore(String base, String signal, int epoch, Direction direction) {
        super(base + "@" + requireEpoch(base, epoch), signal, EnumSet.allOf(ObservationKind.class));
        this.epoch = epoch;
        this.direction = direction;
    }

    private static int requireEpoch(String base, int epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException(base + "@E needs an epoch E ≥ 1, got " + epoch);
        }
        return epoch;
    }

    /**
     * {@code el2n@E}: the error L2 norm ‖p − onehot(y)‖₂ (Paul et al. 2021, "Deep Learning on a Data Diet").
     */
    public static AtEpochScore el2n(int epoch) {
        return new AtEpochScore("el2n", "el2n", epoch, Direction.AS_IS);
    }

    /**
     * {@code grand@E}: the gradient norm of the loss w.r.t. the last linear layer,
     * ‖p − onehot(y)‖₂ · sqrt(‖h‖² + 1) (GraNd, Paul et al. 2021, last-layer form).
     */
    public static AtEpochScore grand(int epoch) {
        return new AtEpochScore("grand", "grad_norm", epoch, Direction.AS_IS);
    }

    /** {@code loss@E}: the cross-entropy loss −log p_y (uncertainty baseline). */
    public static AtEpochScore loss(int epoch) {
        return new AtEpochScore("loss", "loss", epoch, Direction.AS_IS);
    }

    /** {@code entropy@E}: the predictive entropy −Σ p log p (uncertainty sampling; Settles 2009 survey). */
    public static AtEpochScore entropy(int epoch) {
        return new AtEpochScore("entropy", "entropy", epoch, Direction.AS_IS);
    }

    /**
     * {@code least_confidence@E}: 1 − p_max, higher when the model is less sure (uncertainty sampling;
     * Settles 2009; Coleman et al. 2020).
     */
    public static AtEpochScore leastConfidence(int epoch) {
        return new AtEpochScore("least_confidence", "p_max", epoch, Direction.ONE_MINUS);
    }

    /**
     * {@code margin@E}: −(p_(1) − p_(2)), negated so a small top-2 margin ranks as hard (margin sampling;
     * Scheffer et al. 2001; Coleman et al. 2020).
     */
    public static AtEpochScore margin(int epoch) {
        return new AtEpochScore("margin", "top2_margin", epoch, Direction.NEGATED);
    }

    public int epoch() {
        return epoch;
    }

    @Override
    boolean reads(Observation o) {
        return o.epoch() == epoch;
    }

    @Override
    String noObservations(DynamicsStore store) {
        return "observations of epoch " + epoch + ", but the store observes epochs " + StoreRows.epochs(store);
    }

    @Override
    float transform(float mean) {
        return direction.apply(mean);
    }

    /**
     * The run's presentations of epoch E in store order, overlaid by its last checkpoint of E: NaN entries
     * never overwrite.
     */
    @Override
    void runValues(DynamicsStore store, int run, List<Integer> rows, float[] out) {
        List<Integer> order = new ArrayList<>();
        int checkpoint = -1;
        for (int t : rows) {
            if (store.observations().get(t).kind() == ObservationKind.CHECKPOINT) {
                checkpoint = t;
            } else {
                order.add(t);
            }
        }
        if (checkpoint >= 0) {
            order.add(checkpoint);
        }
        read(store, order.get(0), out);
        float[] row = order.size() > 1 ? new float[out.length] : null;
        for (int k = 1; k < order.size(); k++) {
            read(store, order.get(k), row);
            for (int i = 0; i < row.length; i++) {
                float x = row[i];
                if (x == x) {
                    out[i] = x;
                }
            }
        }
    }
}
