package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.ObservationKind;

import java.util.EnumSet;
import java.util.List;

/**
 * {@code aum}: minus the area under the margin, −mean(logit_margin) over the example's presentations,
 * where logit_margin = z_y − max_{k≠y} z_k (Pleiss et al. 2020, "Identifying Mislabeled Data using the
 * Area Under the Margin Ranking"). Negated so that a low, mislabel-like margin ranks as hard.
 *
 * <p>NaN presentations are left out of the mean; a run with none for the example is left out of the
 * average over runs; never presented at all gives NaN.
 */
public final class AumScore extends RunAveragedScore {
    public AumScore() {
        super("aum", "logit_margin", EnumSet.of(ObservationKind.PRESENTATION), Direction.NEGATED);
    }

    /** The run's mean logit margin over the example's (non-NaN) presentations. */
    @Override
    void runValues(DynamicsStore store, int run, List<Integer> rows, float[] out) {
        meanOverRows(store, rows, out);
    }
}
