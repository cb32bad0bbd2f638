package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;

import java.util.EnumSet;
import java.util.Set;

/**
 * <code>dealrec</code> / <code>dealrec@E</code> (Lin et al. 2024, DEALRec): the surrogate influence plus
 * λ times the effort, each min-max normalised over the examples:
 * <pre>
 *   score = minmax(influence) + λ · minmax(effort),    minmax(v) = (v − min v) / (max v − min v)
 * </pre>
 * where {@code influence} is {@link InfluenceScore} (same damping) and the effort is the last-layer gradient
 * norm {@code grad_norm} read as {@code grand@E} does ({@link AtEpochScore#grand}: checkpoint of epoch E, else the
 * last presentation in E, averaged over runs). Without {@code @E}, E is the last epoch the store observes.
 * λ defaults to 1 ({@link ScoreOptions#dealrecLambda()}). Min and max are taken over the non-NaN values;
 * a constant vector normalises to 0; an example with NaN in either part gets NaN. Needs
 * {@code features.npy} and the {@code grad_norm} signal.
 */
public final class DealrecScore extends AbstractScore {
    private final int epoch; // 0 = the store's last epoch
    private final double lambda;
    private final double damping;

    public DealrecScore(int epoch, double lambda, double damping) {
        super(epoch == 0 ? "dealrec" : "dealrec@" + epoch, Set.of("grad_norm"), EnumSet.allOf(ObservationKind.class));
        if (epoch < 0) {
            throw new IllegalArgumentException("dealrec@E needs an epoch E ≥ 1, got " + epoch);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("dealrec needs a weight λ ≥ 0, got " + lambda);
        }
        this.epoch = epoch;
        this.lambda = lambda;
        this.damping = damping;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    float[] scores(DynamicsStore store) {
        InfluenceScore.requireFeatures(store, name());
        int e = epoch;
        if (e == 0) {
            e = store.observations().stream().mapToInt(Observation::epoch).max()
                    .orElseThrow(() -> new WinnowException(store.dir() + ": score 'dealrec' needs grad_norm "
                            + "observations, but the store has no observations"));
        }
        float[] effort = AtEpochScore.of(AtEpochScore.Kind.GRAND, e).compute(store);
        float[] influence = new InfluenceScore(damping).compute(store);
        return combine(influence, effort, lambda);
    }

    /** minmax(influence) + λ·minmax(effort), NaN where either is NaN. */
    static float[] combine(float[] influence, float[] effort, double lambda) {
        double[] a = minmax(influence);
        double[] b = minmax(effort);
        float[] out = new float[influence.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (a[i] + lambda * b[i]);
        }
        return out;
    }

    /** (v − min)/(max − min) over the non-NaN values; 0 for a constant vector; NaN stays NaN. */
    static double[] minmax(float[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            if (x == x) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        double[] out = new double[v.length];
        double range = hi - lo;
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            out[i] = x != x ? Double.NaN : range > 0 ? (x - lo) / range : 0;
        }
        return out;
    }
}
