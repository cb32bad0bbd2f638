package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.ObservationKind;

import java.util.EnumSet;
import java.util.List;

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
public final class ForgettingScore extends RunAveragedScore {
    /** Per example one int: bit 0 last presentation correct, bit 1 ever correct, bits 2..15 forgets, 16..31 shown. */
    private static final int FORGET_ONE = 1 << 2;
    private static final int SHOWN_SHIFT = 16;
    /** Forgets must fit in 14 bits. */
    static final int MAX_PRESENTATIONS_PER_RUN = (1 << 14) - 1;

    public ForgettingScore() {
        super("forgetting", "correct", EnumSet.of(ObservationKind.PRESENTATION));
    }

    /** The run's forgetting events per example (its presentations if never correct, NaN if never presented). */
    @Override
    void runValues(DynamicsStore store, int run, List<Integer> presentations, float[] out) {
        if (presentations.size() > MAX_PRESENTATIONS_PER_RUN) {
            throw new WinnowException(store.dir() + ": score 'forgetting' supports at most "
                    + MAX_PRESENTATIONS_PER_RUN + " presentation observations per run; run " + run + " has "
                    + presentations.size());
        }
        int n = out.length;
        int[] state = new int[n];
        float[] row = new float[n];
        for (int t : presentations) {
            read(store, t, row);
            for (int i = 0; i < n; i++) {
                // branch-free integer arithmetic on the float's bits (data-dependent branches would
                // mispredict): seen = not NaN (exponent not all ones); ok = seen and +0.5 <= value.
                // Not seen changes nothing; else count a forget if the last one was correct and this
                // one is not, count the presentation, and set last = ok, ever |= ok.
                int b = Float.floatToRawIntBits(row[i]);
                int seen = ((b & 0x7F800000) - 0x7F800000) >>> 31;
                int ok = ((0x3EFFFFFF - (b & 0x7FFFFFFF)) >>> 31) & (~b >>> 31) & seen;
                int s = state[i];
                int forget = s & (ok ^ 1) & seen;
                state[i] = ((s + (seen << SHOWN_SHIFT) + (forget << 2)) & ~seen) | (ok * 3);
            }
        }
        for (int i = 0; i < n; i++) {
            int s = state[i];
            int shown = s >>> SHOWN_SHIFT;
            out[i] = shown == 0 ? Float.NaN : (s & 2) != 0 ? (s & 0xFFFC) >>> 2 : shown;
        }
    }
}
