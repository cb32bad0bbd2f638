package dev.winnow.policy;

import java.util.SplittableRandom;

/**
 * Common state of the bandit-style policies of Raju et al. 2021 ("Accelerating Deep Learning with
 * Dynamic Data Pruning"): per example, an exponential moving average of its loss and of the
 * loss's variance, updated on every observation with weight {@code alpha} on the new loss
 * (West/Finch incremental form):
 *
 * <pre>
 *   first observation:  mean = loss, var = 0
 *   later:              d = loss − mean;  mean += alpha·d;  var = (1 − alpha)·(var + alpha·d²)
 * </pre>
 *
 * Each epoch trains on {@code k = max(1, floor(f·n))} examples: examples never observed come first
 * (uniformly at random among them if there are more than k); the rest of the budget is chosen among
 * observed examples by the subclass's rule. Optionally before epochs 1 + r, 1 + 2r, … (r =
 * {@code refreshEvery}; epochs count from 1) it asks for a forward-only pass over all examples first,
 * so stale scores of examples not trained on recently are refreshed — at a cost of n forward evaluations.
 *
 * <p>The two subclasses differ only in how they spend the budget on observed examples
 * ({@link #chooseSeen}) and in what their second parameter, the spec's {@link PolicySpec.LossEma#weight},
 * means; the spec carries the parameters and the name.
 */
public abstract sealed class LossEmaPolicy extends BasePolicy permits EpsilonGreedyPolicy, UcbPolicy {
    /** Default weight of the newest loss in the moving averages. */
    public static final double DEFAULT_ALPHA = 0.2;

    private final PolicySpec.LossEma spec;
    final int k;
    final double alpha;
    final int refreshEvery;
    /** The rule's own parameter: ε or c. */
    final double weight;
    final double[] mean;
    final double[] var;
    final int[] count;

    /** {@code spec} gives every parameter; it must have a number for F and the subclass's {@code rule}. */
    LossEmaPolicy(int n, long seed, PolicySpec.LossEma spec, PolicySpec.LossEma.Rule rule) {
        super(n, seed);
        if (spec.rule() != rule || spec.usesKeep()) {
            throw new IllegalArgumentException("not a " + rule.policy() + " spec with F a number: " + spec);
        }
        this.spec = spec;
        this.k = Picks.budget(spec.fraction(), n);
        this.alpha = spec.alpha();
        this.refreshEvery = spec.refresh();
        this.weight = spec.weight();
        this.mean = new double[n];
        this.var = new double[n];
        this.count = new int[n];
    }

    @Override
    public final String name() {
        return spec.toString();
    }

    /** The per-epoch budget k. */
    public final int budget() {
        return k;
    }

    /** The moving average of example {@code i}'s loss (0 before its first observation). */
    public final double mean(int i) {
        return mean[i];
    }

    /** The moving variance of example {@code i}'s loss (0 before its second observation). */
    public final double variance(int i) {
        return var[i];
    }

    /** How many losses of example {@code i} have been observed. */
    public final int observations(int i) {
        return count[i];
    }

    /** Before epochs 1 + r, 1 + 2r, … ({@code (epoch − 1) % r == 0}, as when epochs counted from 0). */
    @Override
    public final boolean wantsRefreshPass(int epoch) {
        return refreshEvery > 0 && epoch > 1 && (epoch - 1) % refreshEvery == 0;
    }

    @Override
    final EpochPlan choose(int epoch, int totalEpochs) {
        SplittableRandom rng = random(epoch);
        int unseenCount = 0;
        for (int c : count) {
            if (c == 0) {
                unseenCount++;
            }
        }
        int[] unseen = new int[unseenCount];
        int[] seen = new int[n - unseenCount];
        for (int i = 0, u = 0, s = 0; i < n; i++) {
            if (count[i] == 0) {
                unseen[u++] = i;
            } else {
                seen[s++] = i;
            }
        }
        int[] chosen = unseenCount >= k
                ? Picks.sample(rng, unseen, k)
                : Picks.merge(unseen, chooseSeen(seen, k - unseenCount, rng));
        long forwardOnly = wantsRefreshPass(epoch) ? n : 0;
        return new EpochPlan(chosen, null, forwardOnly);
    }

    /** {@code budget} of the (ascending) observed examples, ascending; {@code 0 < budget <= seen.length}. */
    abstract int[] chooseSeen(int[] seen, int budget, SplittableRandom rng);

    @Override
    final void record(int[] indices, float[] losses) {
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            double loss = losses[j];
            if (count[i] == 0) {
                mean[i] = loss;
                var[i] = 0;
            } else {
                double d = loss - mean[i];
                mean[i] += alpha * d;
                var[i] = (1 - alpha) * (var[i] + alpha * d * d);
            }
            if (count[i] < Integer.MAX_VALUE) {
                count[i]++;
            }
        }
    }
}
