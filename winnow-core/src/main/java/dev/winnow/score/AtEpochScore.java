package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * A signal read "at epoch E", averaged over runs: {@code el2n@E}, {@code grand@E}, {@code loss@E},
 * {@code entropy@E}, {@code least_confidence@E} and {@code margin@E}. In each run the value of an example is
 * that of the run's checkpoint observation of epoch E; where the run has no such checkpoint, or the
 * checkpoint holds NaN for the example, it is the example's last non-NaN presentation in epoch E. A run that
 * has neither for the example is left out of its average; an example seen in no run gets NaN. A store with
 * no observation of epoch E at all is an error.
 */
public final class AtEpochScore extends RunAveragedScore {
    /**
     * A score read at an epoch: the name before {@code @E}, the signal read, the {@link Direction} that makes
     * its run mean a score, and the help line and source the catalogue shows. {@link #ALL} is the table that
     * {@link Scores} registers and other engines (winnow-spark) plan from.
     */
    public record Kind(String base, String signal, Direction direction, String help, String source) {
        /** {@code el2n@E}: the error L2 norm ‖p − onehot(y)‖₂ (Paul et al. 2021, "Deep Learning on a Data Diet"). */
        public static final Kind EL2N = new Kind("el2n", "el2n", Direction.AS_IS,
                "error L2 norm ||p - onehot(y)|| at epoch E; reads el2n", "Paul et al. 2021");
        /**
         * {@code grand@E}: the gradient norm of the loss w.r.t. the last linear layer,
         * ‖p − onehot(y)‖₂ · sqrt(‖h‖² + 1) (GraNd, Paul et al. 2021, last-layer form).
         */
        public static final Kind GRAND = new Kind("grand", "grad_norm", Direction.AS_IS,
                "last-layer gradient norm at epoch E; reads grad_norm", "Paul et al. 2021");
        /** {@code loss@E}: the cross-entropy loss −log p_y (uncertainty baseline). */
        public static final Kind LOSS = new Kind("loss", "loss", Direction.AS_IS,
                "cross-entropy loss at epoch E; reads loss", "baseline");
        /** {@code entropy@E}: the predictive entropy −Σ p log p (uncertainty sampling; Settles 2009 survey). */
        public static final Kind ENTROPY = new Kind("entropy", "entropy", Direction.AS_IS,
                "predictive entropy at epoch E; reads entropy", "baseline");
        /**
         * {@code least_confidence@E}: 1 − p_max, higher when the model is less sure (uncertainty sampling;
         * Settles 2009; Coleman et al. 2020).
         */
        public static final Kind LEAST_CONFIDENCE = new Kind("least_confidence", "p_max", Direction.ONE_MINUS,
                "1 - p_max at epoch E; reads p_max", "baseline");
        /**
         * {@code margin@E}: −(p_(1) − p_(2)), negated so a small top-2 margin ranks as hard (margin sampling;
         * Scheffer et al. 2001; Coleman et al. 2020).
         */
        public static final Kind MARGIN = new Kind("margin", "top2_margin", Direction.NEGATED,
                "-(p_1st - p_2nd) at epoch E; reads top2_margin", "baseline");

        /** Every score read at an epoch, in the order of the help text. */
        public static final List<Kind> ALL = List.of(EL2N, GRAND, LOSS, ENTROPY, LEAST_CONFIDENCE, MARGIN);

        /** The kind called {@code base} ({@code el2n}, not {@code el2n@3}), if it is one. */
        public static Optional<Kind> named(String base) {
            return ALL.stream().filter(k -> k.base.equals(base)).findFirst();
        }
    }

    private final int epoch;

    private AtEpochScore(Kind kind, int epoch) {
        super(kind.base + "@" + requireEpoch(kind.base, epoch), kind.signal, EnumSet.allOf(ObservationKind.class),
                kind.direction);
        this.epoch = epoch;
    }

    private static int requireEpoch(String base, int epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException(base + "@E needs an epoch E ≥ 1, got " + epoch);
        }
        return epoch;
    }

    /** The score {@code kind} read at epoch {@code epoch} (≥ 1). */
    public static AtEpochScore of(Kind kind, int epoch) {
        return new AtEpochScore(kind, epoch);
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
