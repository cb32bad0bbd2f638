package dev.winnow.policy;

/** Trains on every example every epoch, unweighted: the baseline that dynamic pruning must beat. */
public final class FullPolicy extends BasePolicy {
    public FullPolicy(int n) {
        super(n);
    }

    @Override
    public String name() {
        return "full";
    }

    @Override
    EpochPlan choose(int epoch, int totalEpochs) {
        return EpochPlan.all(n);
    }
}
