package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.ObservationKind;

import java.util.EnumSet;
import java.util.List;

/**
 * {@code correctness}: the data-map correctness of Dataset Cartography (Swayamdipta et al. 2020), the
 * fraction of the example's presentations predicted correctly, averaged over runs; <b>negated</b> as a
 * score, so an example rarely got right ranks as hard. NaN presentations are left out.
 */
public final class CorrectnessScore extends RunAveragedScore {
    public CorrectnessScore() {
        super("correctness", "correct", EnumSet.of(ObservationKind.PRESENTATION), Direction.NEGATED);
    }

    /** The run's fraction of the example's (non-NaN) presentations predicted correctly (mean of correct). */
    @Override
    void runValues(DynamicsStore store, int run, List<Integer> rows, float[] out) {
        meanOverRows(store, rows, out);
    }
}
