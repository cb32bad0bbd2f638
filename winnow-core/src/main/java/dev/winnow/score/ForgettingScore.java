package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.ObservationKind;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code forgetting}: the number of forgetting events, transitions from correct to incorrect between
 * consecutive presentations of the example (Toneva et al. 2019, "An Empirical Study of Example
 * Forgetting during Deep Neural Network Learning"). An example never classified correctly counts as
 * forgotten at every presentation (its score is its number of presentations), so it ranks hardest.
 *
 * <p>Reads the {@code correct} signal of presentation observations in store order. NaN (not presented)
 * is skipped: the transition is taken between the presentations around it. A run in which the example
 * was never presented is left out of its average over runs; never presented at all gives NaN.
 */
public final class ForgettingScore implements Score {
    private static final byte SEEN = 1;
    private static final byte LAST_CORRECT = 2;
    private static final byte EVER_CORRECT = 4;

    @Override
    public String name() {
        return "forgetting";
    }

    @Override
    public Set<String> requiredSignals() {
        return Set.of("correct");
    }

    @Override
    public Set<ObservationKind> observationKinds() {
        return EnumSet.of(ObservationKind.PRESENTATION);
    }

    @Override
    public float[] compute(DynamicsStore store) {
        StoreRows.requireSignals(this, store);
        StoreRows.requireKind(this, store, ObservationKind.PRESENTATION,
                "; import logits computed while training with --kind presentation");
        int n = store.examples();
        RunMean acc = new RunMean(n);
        byte[] state = new byte[n];
        int[] forgets = new int[n];
        int[] shown = new int[n];
        float[] row = new float[n];
        for (int r = 0; r < store.runs(); r++) {
            List<Integer> presentations = StoreRows.observations(store, r,
                    o -> o.kind() == ObservationKind.PRESENTATION);
            if (presentations.isEmpty()) {
                continue;
            }
            Arrays.fill(state, (byte) 0);
            Arrays.fill(forgets, 0);
            Arrays.fill(shown, 0);
            for (int t : presentations) {
                StoreRows.read(store, "correct", t, row);
                for (int i = 0; i < n; i++) {
                    float c = row[i];
                    if (c != c) {
                        continue;
                    }
                    int s = state[i];
                    if (c >= 0.5f) {
                        state[i] = SEEN | LAST_CORRECT | EVER_CORRECT;
                    } else {
                        if ((s & LAST_CORRECT) != 0) {
                            forgets[i]++;
                        }
                        state[i] = (byte) (SEEN | (s & EVER_CORRECT));
                    }
                    shown[i]++;
                }
            }
            for (int i = 0; i < n; i++) {
                row[i] = shown[i] == 0 ? Float.NaN
                        : (state[i] & EVER_CORRECT) != 0 ? forgets[i] : shown[i];
            }
            acc.add(row);
        }
        return acc.mean(row);
    }
}
