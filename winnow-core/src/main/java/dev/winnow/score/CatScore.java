package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.ObservationKind;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
public final class CatScore implements Score {
    private final int maxEpoch;

    public CatScore(int maxEpoch) {
        if (maxEpoch < 1) {
            throw new IllegalArgumentException("cat@K needs K ≥ 1, got " + maxEpoch);
        }
        this.maxEpoch = maxEpoch;
    }

    @Override
    public String name() {
        return "cat@" + maxEpoch;
    }

    @Override
    public Set<String> requiredSignals() {
        return Set.of("loss");
    }

    @Override
    public Set<ObservationKind> observationKinds() {
        return EnumSet.of(ObservationKind.CHECKPOINT);
    }

    @Override
    public float[] compute(DynamicsStore store) {
        StoreRows.requireSignals(this, store);
        int n = store.examples();
        RunMean acc = new RunMean(n);
        int[] count = new int[n];
        double[] mean = new double[n];
        double[] m2 = new double[n];
        float[] row = new float[n];
        boolean any = false;
        for (int r = 0; r < store.runs(); r++) {
            List<Integer> checkpoints = StoreRows.observations(store, r,
                    o -> o.kind() == ObservationKind.CHECKPOINT && o.epoch() <= maxEpoch);
            if (checkpoints.isEmpty()) {
                continue;
            }
            any = true;
            Arrays.fill(count, 0);
            Arrays.fill(mean, 0);
            Arrays.fill(m2, 0);
            for (int t : checkpoints) {
                StoreRows.read(store, "loss", t, row);
                for (int i = 0; i < n; i++) {
                    float loss = row[i];
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
                row[i] = count[i] == 0 ? Float.NaN : (float) (m2[i] / count[i]);
            }
            acc.add(row);
        }
        if (!any) {
            throw new WinnowException(store.dir() + ": score '" + name() + "' needs checkpoint observations of epochs ≤ "
                    + maxEpoch + ", but the store has none (it has " + StoreRows.kinds(store) + " of epochs "
                    + StoreRows.epochs(store) + ")");
        }
        return acc.mean(row);
    }
}
