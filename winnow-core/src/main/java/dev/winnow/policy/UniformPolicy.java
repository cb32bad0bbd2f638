package dev.winnow.policy;

/**
 * A fresh uniform random {@code k = max(1, floor(f·n))} examples each epoch, unweighted — the
 * "uniform random dynamic pruning" baseline of Raju et al. 2021, "Accelerating Deep Learning with
 * Dynamic Data Pruning". Ignores losses.
 */
public final class UniformPolicy implements DynamicPolicy {
    private final int n;
    private final long seed;
    private final double fraction;
    private final int k;

    /** @param fraction the kept fraction f, in (0, 1] */
    public UniformPolicy(int n, long seed, double fraction) {
        Picks.checkSize(n);
        DynamicPolicies.checkFraction(fraction);
        this.n = n;
        this.seed = seed;
        this.fraction = fraction;
        this.k = Picks.budget(fraction, n);
    }

    @Override
    public String name() {
        return "uniform:" + Picks.num(fraction);
    }

    @Override
    public int size() {
        return n;
    }

    /** The per-epoch budget k. */
    public int budget() {
        return k;
    }

    @Override
    public boolean wantsRefreshPass(int epoch) {
        return false;
    }

    @Override
    public EpochPlan plan(int epoch, int totalEpochs) {
        Picks.checkEpoch(epoch, totalEpochs);
        return EpochPlan.unweighted(Picks.sampleRange(Picks.epochRandom(seed, epoch), n, k));
    }

    @Override
    public void observe(int[] indices, float[] losses) {
        Picks.checkObservation(n, indices, losses);
    }
}
