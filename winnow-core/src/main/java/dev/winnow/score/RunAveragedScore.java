package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A score read run by run from the rows of one signal: in each run, the observations the score
 * {@link #reads} (in store order) give one value per example ({@link #runValues}, NaN where the run has
 * none for it); the score is the mean over the runs that have a value, turned into a score by its
 * {@link Direction}.
 * A run without such observations is left out; a store without any fails with one line that
 * {@link #noObservations} words. Memory is O(N), never O(T·N).
 */
abstract class RunAveragedScore extends AbstractScore {
    private final String signal;
    private final Direction direction;

    /** A score that is the run mean as it is. */
    RunAveragedScore(String name, String signal, Set<ObservationKind> kinds) {
        this(name, signal, kinds, Direction.AS_IS);
    }

    RunAveragedScore(String name, String signal, Set<ObservationKind> kinds, Direction direction) {
        super(name, Set.of(signal), kinds);
        this.signal = signal;
        this.direction = direction;
    }

    /** Whether the score reads observation {@code o}; by default, those of its observation kinds. */
    boolean reads(Observation o) {
        return observationKinds().contains(o.kind());
    }

    /**
     * One run's value of each example into {@code out} (which the method may use as scratch first), NaN
     * where the run has none. {@code rows} are the run's observations the score reads, in store order,
     * never empty.
     */
    abstract void runValues(DynamicsStore store, int run, List<Integer> rows, float[] out);

    /** What the store lacks, after "score 'NAME' needs ", when no run has an observation the score reads. */
    String noObservations(DynamicsStore store) {
        String wanted = String.join(" and ", observationKinds().stream().map(ObservationKind::json).toList());
        return wanted + " observations, but the store has none (it has " + StoreRows.kinds(store) + ")"
                + (observationKinds().contains(ObservationKind.PRESENTATION)
                ? "; import logits computed while training with --kind presentation" : "");
    }

    /**
     * The run's mean of the score's signal over {@code rows}, per example, NaN values left out (NaN where all
     * are), into {@code out}: the run value of the scores that average one signal over presentations.
     */
    final void meanOverRows(DynamicsStore store, List<Integer> rows, float[] out) {
        RunMean mean = new RunMean(out.length);
        for (int t : rows) {
            mean.add(read(store, t, out));
        }
        mean.mean(out);
    }

    /** Reads row {@code t} of the score's signal into {@code row} and returns it. */
    final float[] read(DynamicsStore store, int t, float[] row) {
        return StoreRows.read(store, signal, t, row);
    }

    @Override
    final float[] scores(DynamicsStore store) {
        List<Integer> runs = new ArrayList<>();
        List<List<Integer>> rows = new ArrayList<>();
        for (int r = 0; r < store.runs(); r++) {
            List<Integer> t = StoreRows.observations(store, r, this::reads);
            if (!t.isEmpty()) {
                runs.add(r);
                rows.add(t);
            }
        }
        if (runs.isEmpty()) {
            throw new WinnowException(store.dir() + ": score '" + name() + "' needs " + noObservations(store));
        }
        int n = store.examples();
        float[] value = new float[n];
        if (runs.size() == 1) {
            // one run: its values are the mean (a float through a double and back is itself)
            runValues(store, runs.get(0), rows.get(0), value);
        } else {
            RunMean acc = new RunMean(n);
            float[] run = new float[n];
            for (int k = 0; k < runs.size(); k++) {
                runValues(store, runs.get(k), rows.get(k), run);
                acc.add(run);
            }
            acc.mean(value);
        }
        for (int i = 0; i < n; i++) {
            value[i] = direction.apply(value[i]);
        }
        return value;
    }
}
