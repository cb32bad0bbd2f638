package dev.winnow.study;

import java.util.ArrayList;
import java.util.List;

/**
 * One run a study makes for each seed: a method at a kept fraction. The order is the order of the results:
 * the {@link Method.Full full} baseline first, then each method of the spec at each of its kept fractions, then
 * {@link Method.Shorter full:shorter} at each kept fraction the methods use.
 */
record PlannedRun(Method method, double keep) {
    /** The runs of one seed, in order. */
    static List<PlannedRun> perSeed(StudySpec spec) {
        List<PlannedRun> runs = new ArrayList<>();
        runs.add(new PlannedRun(new Method.Full(), 1.0));
        for (Method m : spec.methods()) {
            for (double keep : m.keeps(spec.keep())) {
                runs.add(new PlannedRun(m, keep));
            }
        }
        for (double keep : spec.shorterKeeps()) {
            runs.add(new PlannedRun(new Method.Shorter(), keep));
        }
        return runs;
    }
}
