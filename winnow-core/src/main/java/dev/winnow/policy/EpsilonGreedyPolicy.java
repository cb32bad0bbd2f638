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

    /** With the default α and no refresh passes. */
    public EpsilonGreedyPolicy(int n, long seed, double fraction, double epsilon) {
        this(n, seed, fraction, epsilon, DEFAULT_ALPHA, 0);
    }

    public EpsilonGreedyPolicy(int n, long seed, double fraction, double epsilon, double alpha, int refreshEvery) {
        this(n, seed, PolicySpec.epsGreedy(fraction, epsilon, alpha, refreshEvery));
    }

    /** {@code spec}: an ε-greedy spec with F a number. */
    EpsilonGreedyPolicy(int n, long seed, PolicySpec.LossEma spec) {
        super(n, seed, spec);
    }

    @Override
    int[] chooseSeen(int[] seen, int budget, SplittableRandom rng) {
        int explore = (int) Math.floor(weight * budget); // ε
        int[] greedy = Picks.top(mean, seen, budget - explore, rng);
        int[] random = Picks.sample(rng, Picks.minus(seen, greedy), explore);
        return Picks.merge(greedy, random);
    }
}
