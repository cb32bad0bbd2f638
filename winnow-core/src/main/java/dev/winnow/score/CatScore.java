package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;

import java.util.EnumSet;
import java.util.List;

/**
 * {@code cat@K}: the population variance (divided by the count) of the perplexity exp(loss) over the
 * checkpoint observations of epochs ≤ K, averaged over runs (Chimoto et al. 2024, "Critical Learning
 * Periods: Leveraging Early Training Dynamics for Efficient Data Pruning"). An example whose perplexity
 * swings early in training is informative.
 *
 * <p>NaN checkpoints are left out (the variance is over the example's observed ones); a run with none
 * for the example is left out of the average over runs; observed nowhere gives NaN. A store with no
 * checkpoint of an epoch ≤ K is an error.
 */
public final class CatScore extends RunAveragedScore {
    private final int maxEpoch;

    public CatScore(int maxEpoch) {
        super("cat@" + requireK(maxEpoch), "loss", EnumSet.of(ObservationKind.CHECKPOINT));
        this.maxEpoch = maxEpoch;
    }

    private static int requireK(int maxEpoch) {
        if (maxEpoch < 1) {
            throw new IllegalArgumentException("cat@K needs K ≥ 1, got " + maxEpoch);
        }
        return maxEpoch;
    }

    @Override
    boolean reads(Observation o) {
        return o.kind() == ObservationKind.CHECKPOINT && o.epoch() <= maxEpoch;
    }

    @Override
    String noObservations(DynamicsStore store) {
        return "checkpoint observations of epochs ≤ " + maxEpoch + ", but the store has none (it has "
                + StoreRows.kinds(store) + " of epochs " + StoreRows.epochs(store) + ")";
    }

    /** The run's population variance of exp(loss) over the example's non-NaN checkpoints (Welford). */
    @Override
    void runValues(DynamicsStore store, int run, List<Integer> checkpoints, float[] out) {
        int n = out.length;
        int[] count = new int[n];
        double[] mean = new double[n];
        double[] m2 = new double[n];
        for (int t : checkpoints) {
            read(store, t, out);
            for (int i = 0; i < n; i++) {
                float loss = out[i];
                if (loss != loss) {
                    continue;
                }
                double x = Math.exp(loss);
                int c = ++count[i];
                double d = x - mean[i];
                mean[i] += d / c;
                m2[i] += d * (x - mean[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] = count[i] == 0 ? Float.NaN : (float) (m2[i] / count[i]);
        }
    }
}
