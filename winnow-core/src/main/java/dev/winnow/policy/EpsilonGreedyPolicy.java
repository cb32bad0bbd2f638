package dev.winnow.policy;

import java.util.SplittableRandom;

/**
 * ε-greedy dynamic pruning (Raju et al. 2021, "Accelerating Deep Learning with Dynamic Data
 * Pruning"): unseen examples first; of the remaining budget b, {@code b − floor(ε·b)} examples with
 * the highest moving-average loss (exploitation) and {@code floor(ε·b)} uniformly at random from
 * the other observed examples (exploration). Ties at the greedy threshold are broken at random.
 * See {@link LossEmaPolicy} for the moving averages and the parameters.
 */
public final class EpsilonGreedyPolicy extends LossEmaPolicy {
    /** Default exploration share ε (see {@link DynamicPolicies} for its source). */
    public static final double DEFAULT_EPSILON = 0.2;

    /** The policy of {@code spec}, an ε-greedy spec with F a number ({@link PolicySpec#epsGreedy}). */
    public EpsilonGreedyPolicy(int n, long seed, PolicySpec.LossEma spec) {
        super(n, seed, spec, PolicySpec.LossEma.Rule.EPS_GREEDY);
    }

    @Override
    int[] chooseSeen(int[] seen, int budget, SplittableRandom rng) {
        int explore = (int) Math.floor(weight * budget); // ε
        int[] greedy = Picks.top(mean, seen, budget - explore, rng);
        int[] random = Picks.sample(rng, Picks.minus(seen, greedy), explore);
        return Picks.merge(greedy, random);
    }
}
