package dev.winnow.policy;

import java.util.SplittableRandom;

/**
 * Upper-confidence-bound dynamic pruning (Raju et al. 2021, "Accelerating Deep Learning with
 * Dynamic Data Pruning"): unseen examples first; the remaining budget goes to the observed examples
 * with the highest {@code mean + c·sqrt(variance)} of their moving-average loss, so examples whose
 * loss swings ("sometimes" examples) are revisited; c = 0 is greedy by mean. Ties at the threshold
 * are broken at random. See {@link LossEmaPolicy} for the moving averages and the parameters.
 */
public final class UcbPolicy extends LossEmaPolicy {
    /** Default weight c of the standard deviation (see {@link DynamicPolicies} for its source). */
    public static final double DEFAULT_C = 1.0;

    /** The policy of {@code spec}, a ucb spec with F a number ({@link PolicySpec#ucb}). */
    public UcbPolicy(int n, long seed, PolicySpec.LossEma spec) {
        super(n, seed, spec, PolicySpec.LossEma.Rule.UCB);
    }

    /** The upper confidence bound {@code mean + c·sqrt(variance)} of example {@code i}. */
    public double upperBound(int i) {
        return mean[i] + weight * Math.sqrt(var[i]);
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
