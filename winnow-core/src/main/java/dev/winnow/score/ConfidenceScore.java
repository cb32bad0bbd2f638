package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.ObservationKind;

import java.util.EnumSet;
import java.util.List;

/**
 * {@code confidence}: the data-map confidence of Dataset Cartography (Swayamdipta et al. 2020), the mean of
 * p_true over the example's presentations, averaged over runs; <b>negated</b> as a score, so a low confidence
 * (hard to learn, often mislabelled) ranks as hard. NaN presentations are left out.
 */
public final class ConfidenceScore extends RunAveragedScore {
    public ConfidenceScore() {
        super("confidence", "p_true", EnumSet.of(ObservationKind.PRESENTATION), Direction.NEGATED);
    }

    /** The run's mean p_true over the example's (non-NaN) presentations. */
    @Override
    void runValues(DynamicsStore store, int run, List<Integer> rows, float[] out) {
        meanOverRows(store, rows, out);
    }
}
