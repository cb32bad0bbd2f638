package dev.winnow.train;

import dev.winnow.WinnowException;
import dev.winnow.policy.DynamicPolicies;
import dev.winnow.policy.DynamicPolicy;
import dev.winnow.policy.PolicyPlan;

/**
 * Lets a {@link DynamicPolicy} (dynamic data pruning: Raju et al. 2021, "Accelerating Deep Learning
 * with Dynamic Data Pruning"; Qin et al. 2024, InfoBatch) drive the training loop: each epoch the
 * policy's {@link PolicyPlan} becomes the loop's {@link EpochSelection} (indices into the training
 * split, so original ids are kept; the policy's weights multiply the per-example losses), every
 * training batch's unweighted per-example losses go back to {@link DynamicPolicy#observe}, and when
 * the policy {@linkplain DynamicPolicy#wantsRefreshPass wants a refresh pass} the loop runs a
 * forward-only pass over all examples first and counts it.
 *
 * <p>Loop epochs are 1-based, policy epochs 0-based: loop epoch e is policy epoch e − 1. A policy is
 * stateful, so one {@code DynamicEpochPlan} drives exactly one run.
 *
 * <pre>{@code
 * DynamicEpochPlan plan = DynamicEpochPlan.parse("ucb:0.3,1", data.train().size(), seed);
 * TrainResult r = trainer.train(plan, observers);
 * }</pre>
 */
public final class DynamicEpochPlan implements EpochPlan {
    private final DynamicPolicy policy;
    private PolicyPlan last;
    private int epochs = -1;

    public DynamicEpochPlan(DynamicPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("policy is required");
        }
        this.policy = policy;
    }

    /** The policy {@code spec} (see {@link DynamicPolicies#FORMS}) for {@code n} examples and a seed. */
    public static DynamicEpochPlan parse(String spec, int n, long seed) {
        return new DynamicEpochPlan(DynamicPolicies.parse(spec, n, seed));
    }

    public DynamicPolicy policy() {
        return policy;
    }

    /** The policy's plan of the latest epoch, or {@code null} before the first. */
    public PolicyPlan lastPlan() {
        return last;
    }

    @Override
    public String name() {
        return policy.name();
    }

    @Override
    public void onRunStart(int epochs, int trainSize) {
        if (this.epochs >= 0) {
            throw new IllegalStateException("a DynamicEpochPlan drives one run; build a fresh policy for each run");
        }
        if (trainSize != policy.size()) {
            throw new WinnowException("dynamic policy " + policy.name() + " was built for " + policy.size()
                    + " examples, the training split has " + trainSize);
        }
        this.epochs = epochs;
    }

    @Override
    public boolean wantsRefreshPass(int epoch) {
        return policy.wantsRefreshPass(epoch - 1);
    }

    @Override
    public EpochSelection select(int epoch, int trainSize) {
        if (epochs < 0) {
            throw new IllegalStateException("onRunStart was not called");
        }
        PolicyPlan p = policy.plan(epoch - 1, epochs);
        last = p;
        return new EpochSelection(p.indices(), p.weights());
    }

    @Override
    public void observe(int[] indices, float[] losses) {
        policy.observe(indices, losses);
    }
}
