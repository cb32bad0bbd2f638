package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.Observation;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Shared plumbing of the scores: checks with clear messages, observation look-ups, bulk row reads. */
final class StoreRows {
    private StoreRows() {
    }

    /** Fails naming the score, the signal and the store when the store lacks one of the signals. */
    static void requireSignals(Score score, DynamicsStore store) {
        for (String s : score.requiredSignals()) {
            if (!store.hasSignal(s)) {
                throw new WinnowException(store.dir() + ": score '" + score.name() + "' needs signal '" + s
                        + "', which the store lacks (it has " + store.manifest().signals() + ")");
            }
        }
    }

    /** Indices t (in store order) of the observations of {@code run} that match. */
    static List<Integer> observations(DynamicsStore store, int run, Predicate<Observation> match) {
        List<Integer> out = new ArrayList<>();
        List<Observation> obs = store.observations();
        for (int t = 0; t < obs.size(); t++) {
            Observation o = obs.get(t);
            if (o.run() == run && match.test(o)) {
                out.add(t);
            }
        }
        return out;
    }

    static String kinds(DynamicsStore store) {
        TreeSet<String> k = new TreeSet<>();
        store.observations().forEach(o -> k.add(o.kind().json()));
        return k.isEmpty() ? "no observations" : String.join(" and ", k) + " observations";
    }

    /** The epochs the store observes, e.g. "1..20" or "1, 3, 5" (runs and kinds merged). */
    static String epochs(DynamicsStore store) {
        TreeSet<Integer> e = new TreeSet<>();
        store.observations().forEach(o -> e.add(o.epoch()));
        if (e.isEmpty()) {
            return "none";
        }
        if (e.last() - e.first() + 1 == e.size() && e.size() > 2) {
            return e.first() + ".." + e.last();
        }
        return e.toString().replaceAll("[\\[\\]]", "");
    }

    /** Reads row {@code t} of {@code signal} into {@code row} with one bulk copy from the mapped file. */
    static float[] read(DynamicsStore store, String signal, int t, float[] row) {
        FloatBuffer b = store.signal(signal, t);
        b.get(row, 0, row.length);
        return row;
    }
}
