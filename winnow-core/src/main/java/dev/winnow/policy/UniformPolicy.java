package dev.winnow.policy;

/**
 * A fresh uniform random {@code k = max(1, floor(f·n))} examples each epoch, unweighted — the
 * "uniform random dynamic pruning" baseline of Raju et al. 2021, "Accelerating Deep Learning with
 * Dynamic Data Pruning". Ignores losses.
 */
public final class UniformPolicy extends BasePolicy {
    private final PolicySpec.Uniform spec;
    private final int k;

    /** @param fraction the kept fraction f, in (0, 1] */
    public UniformPolicy(int n, long seed, double fraction) {
        super(n, seed);
        this.spec = new PolicySpec.Uniform(fraction);
        this.k = Picks.budget(fraction, n);
    }

    @Override
    public String name() {
        return spec.toString();
    }

    /** The per-epoch budget k. */
    public int budget() {
        return k;
    }

    @Override
    EpochPlan choose(int epoch, int totalEpochs) {
        return EpochPlan.of(Picks.sampleRange(random(epoch), n, k));
    }
}
