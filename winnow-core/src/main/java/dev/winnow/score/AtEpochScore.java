package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.ObservationKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A signal read "at epoch E", averaged over runs. In each run the value of an example is that of the
 * run's checkpoint observation of epoch E; where the run has no such checkpoint, or the checkpoint
 * holds NaN for the example, it is the example's last non-NaN presentation in epoch E. A run that has
 * neither for the example is left out of its average; an example seen in no run gets NaN. A store with
 * no observation of epoch E at all is an error.
 */
abstract class AtEpochScore implements Score {
    private final String name;
    private final String signal;
    private final int epoch;

    AtEpochScore(String base, String signal, int epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException(base + "@E needs an epoch E ≥ 1, got " + epoch);
        }
        this.name = base + "@" + epoch;
        this.signal = signal;
        this.epoch = epoch;
    }

    /** Maps the run-averaged signal to the score (identity unless the quantity runs the other way). */
    abstract float transform(float mean);

    @Override
    public final String name() {
        return name;
    }

    public final int epoch() {
        return epoch;
    }

    @Override
    public final Set<String> requiredSignals() {
        return Set.of(signal);
    }

    @Override
    public final Set<ObservationKind> observationKinds() {
        return EnumSet.allOf(ObservationKind.class);
    }

    @Override
    public final float[] compute(DynamicsStore store) {
        StoreRows.requireSignals(this, store);
        int n = store.examples();
        List<List<Integer>> presentations = new ArrayList<>();
        List<List<Integer>> checkpoints = new ArrayList<>();
        for (int r = 0; r < store.runs(); r++) {
            List<Integer> p = StoreRows.observations(store, r,
                    o -> o.epoch() == epoch && o.kind() == ObservationKind.PRESENTATION);
            List<Integer> c = StoreRows.observations(store, r,
                    o -> o.epoch() == epoch && o.kind() == ObservationKind.CHECKPOINT);
            if (!p.isEmpty() || !c.isEmpty()) {
                presentations.add(p);
                checkpoints.add(c);
            }
        }
        if (presentations.isEmpty()) {
            throw new WinnowException(store.dir() + ": score '" + name + "' needs observations of epoch " + epoch
                    + ", but the store observes epochs " + StoreRows.epochs(store));
        }
        float[] value = new float[n];
        float[] row = null;
        if (presentations.size() == 1) {
            // one run observed epoch E: its values are the mean, no accumulator needed
            row = runValue(store, presentations.get(0), checkpoints.get(0), value, row);
        } else {
            RunMean acc = new RunMean(n);
            for (int k = 0; k < presentations.size(); k++) {
                row = runValue(store, presentations.get(k), checkpoints.get(k), value, row);
                acc.add(value);
            }
            acc.mean(value);
        }
        for (int i = 0; i < n; i++) {
            value[i] = transform(value[i]);
        }
        return value;
    }

    /**
     * One run's value at epoch E into {@code value}: the first presentation, overlaid by the later ones
     * and then by the last checkpoint (NaN entries never overwrite). Returns the scratch row (lazily made).
     */
    private float[] runValue(DynamicsStore store, List<Integer> presentations, List<Integer> checkpoints,
                             float[] value, float[] row) {
        List<Integer> order = new ArrayList<>(presentations);
        if (!checkpoints.isEmpty()) {
            order.add(checkpoints.get(checkpoints.size() - 1));
        }
        StoreRows.read(store, signal, order.get(0), value);
        for (int k = 1; k < order.size(); k++) {
            if (row == null) {
                row = new float[value.length];
            }
            overlay(StoreRows.read(store, signal, order.get(k), row), value);
        }
        return row;
    }

    /** Copies the observed (non-NaN) entries of {@code row} over {@code value}. */
    private static void overlay(float[] row, float[] value) {
        for (int i = 0; i < row.length; i++) {
            float x = row[i];
            if (x == x) {
                value[i] = x;
            }
        }
    }
}
