package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.ObservationKind;

import java.util.Arrays;
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
        RunMean acc = new RunMean(n);
        float[] row = new float[n];
        float[] value = new float[n];
        boolean any = false;
        for (int r = 0; r < store.runs(); r++) {
            List<Integer> presentations = StoreRows.observations(store, r,
                    o -> o.epoch() == epoch && o.kind() == ObservationKind.PRESENTATION);
            List<Integer> checkpoints = StoreRows.observations(store, r,
                    o -> o.epoch() == epoch && o.kind() == ObservationKind.CHECKPOINT);
            if (presentations.isEmpty() && checkpoints.isEmpty()) {
                continue;
            }
            any = true;
            if (presentations.isEmpty()) {
                acc.add(StoreRows.read(store, signal, checkpoints.get(checkpoints.size() - 1), row));
                continue;
            }
            Arrays.fill(value, Float.NaN);
            for (int t : presentations) {
                overlay(StoreRows.read(store, signal, t, row), value);
            }
            if (!checkpoints.isEmpty()) {
                overlay(StoreRows.read(store, signal, checkpoints.get(checkpoints.size() - 1), row), value);
            }
            acc.add(value);
        }
        if (!any) {
            throw new WinnowException(store.dir() + ": score '" + name + "' needs observations of epoch " + epoch
                    + ", but the store observes epochs " + StoreRows.epochs(store));
        }
        float[] out = acc.mean(value);
        for (int i = 0; i < n; i++) {
            out[i] = transform(out[i]);
        }
        return out;
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
