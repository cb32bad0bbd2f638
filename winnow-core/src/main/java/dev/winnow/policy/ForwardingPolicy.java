package dev.winnow.policy;

import java.util.Objects;

/**
 * A policy that passes every call to another policy: the base of a wrapper that changes one part of a
 * policy (its plans under a step budget, {@link StepLimitedPolicy}; a probe that records the plans) and
 * overrides only that part, so the calls it does not change cannot be forgotten.
 */
public abstract class ForwardingPolicy implements EpochPolicy {
    /** The wrapped policy. */
    protected final EpochPolicy inner;

    protected ForwardingPolicy(EpochPolicy inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int size() {
        return inner.size();
    }

    @Override
    public void onRunStart(int totalEpochs) {
        inner.onRunStart(totalEpochs);
    }

    @Override
    public boolean wantsRefreshPass(int epoch) {
        return inner.wantsRefreshPass(epoch);
    }

    @Override
    public EpochPlan plan(int epoch, int totalEpochs) {
        return inner.plan(epoch, totalEpochs);
    }

    @Override
    public void observe(int[] indices, float[] losses) {
        inner.observe(indices, losses);
    }
}
