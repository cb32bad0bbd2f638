package dev.winnow.policy;

import java.util.SplittableRandom;

/**
 * ε-greedy dynamic pruning (Raju et al. 2021, "Accelerating Deep Learning with Dynamic Data
 * Pruning"): unseen examples first; of the remaining budget b, {@code b − floor(ε·b)} examples with
 * the highest moving-average loss (exploitation) and {@code floor(ε·b)} uniformly at random from
 * the other observed examples (exploration). Ties at the greedy threshold are broken at random.
 * See {@link LossEmaPolicy} for the moving averages.
 */
public final class EpsilonGreedyPolicy extends LossEmaPolicy {
    private final double epsilon;

    public EpsilonGreedyPolicy(int n, long seed, double fraction, double epsilon) {
        this(n, seed, fraction, epsilon, DEFAULT_ALPHA, 0);
    }

    /**
     * @param fraction the kept fraction f, in (0, 1]
     * @param epsilon the exploration share ε, in [0, 1]
     * @param alpha weight of the newest loss in the moving averages, in (0, 1]
     * @param refreshEvery a forward-only pass over all examples before every this-many-th epoch
     *     (epochs ≥ 1); 0 for never
     */
    public EpsilonGreedyPolicy(int n, long seed, double fraction, double epsilon, double alpha, int refreshEvery) {
        super(n, seed, fraction, alpha, refreshEvery);
        DynamicPolicies.checkEpsilon(epsilon);
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "eps-greedy:" + Picks.num(fraction) + "," + Picks.num(epsilon) + optionSuffix();
    }

    @Override
    int[] chooseSeen(int[] seen, int budget, SplittableRandom rng) {
        int explore = (int) Math.floor(epsilon * budget);
        int[] greedy = Picks.top(mean, seen, budget - explore, rng);
        int[] random = Picks.sample(rng, Picks.minus(seen, greedy), explore);
        return Picks.merge(greedy, random);
    }
}
