package dev.winnow.policy;

/** Trains on every example every epoch, unweighted: the baseline that dynamic pruning must beat. */
public final class FullPolicy implements DynamicPolicy {
    private final int n;

    public FullPolicy(int n) {
        Picks.checkSize(n);
        this.n = n;
    }

    @Override
    public String name() {
        return "full";
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public boolean wantsRefreshPass(int epoch) {
        return false;
    }

    @Override
    public EpochPlan plan(int epoch, int totalEpochs) {
        Picks.checkEpoch(epoch, totalEpochs);
        return EpochPlan.unweighted(Picks.all(n));
    }

    @Override
    public void observe(int[] indices, float[] losses) {
        Picks.checkObservation(n, indices, losses);
    }
}
