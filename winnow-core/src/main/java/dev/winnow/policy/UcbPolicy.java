package dev.winnow.policy;

import java.util.SplittableRandom;

/**
 * Upper-confidence-bound dynamic pruning (Raju et al. 2021, "Accelerating Deep Learning with
 * Dynamic Data Pruning"): unseen examples first; the remaining budget goes to the observed examples
 * with the highest {@code mean + c·sqrt(variance)} of their moving-average loss, so examples whose
 * loss swings ("sometimes" examples) are revisited. Ties at the threshold are broken at random.
 * See {@link LossEmaPolicy} for the moving averages.
 */
public final class UcbPolicy extends LossEmaPolicy {
    private final double c;

    public UcbPolicy(int n, long seed, double fraction, double c) {
        this(n, seed, fraction, c, DEFAULT_ALPHA, 0);
    }

    /**
     * @param fraction the kept fraction f, in (0, 1]
     * @param c the weight of the standard deviation, finite and ≥ 0 (0: greedy by mean)
     * @param alpha weight of the newest loss in the moving averages, in (0, 1]
     * @param refreshEvery a forward-only pass over all examples before every this-many-th epoch
     *     (epochs ≥ 1); 0 for never
     */
    public UcbPolicy(int n, long seed, double fraction, double c, double alpha, int refreshEvery) {
        super(n, seed, fraction, alpha, refreshEvery);
        DynamicPolicies.checkConfidence(c);
        this.c = c;
    }

    @Override
    public String name() {
        return "ucb:" + Picks.num(fraction) + "," + Picks.num(c) + optionSuffix();
    }

    /** The upper confidence bound {@code mean + c·sqrt(variance)} of example {@code i}. */
    public double upperBound(int i) {
        return mean[i] + c * Math.sqrt(var[i]);
    }

    @Override
    int[] chooseSeen(int[] seen, int budget, SplittableRandom rng) {
        double[] bound = new double[n];
        for (int i : seen) {
            bound[i] = upperBound(i);
        }
        return Picks.top(bound, seen, budget, rng);
    }
}
