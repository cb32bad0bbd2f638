package dev.winnow.policy;

import java.util.SplittableRandom;

/**
 * Another policy under a budget of optimizer steps: each epoch takes the inner policy's plan while the
 * budget lasts; the epoch in which the budget runs out trains on a seeded random share of that plan
 * ({@code left · batchSize} examples), and later epochs on nothing. A study uses it to give a method on
 * a keep-list of k examples the steps that full training takes ("steps" budget): epochs of
 * {@code ceil(k / B)} steps until {@code maxSteps}.
 *
 * <p>The share: the first {@code left · batchSize} of the plan {@link EpochPlan#shuffled shuffled} by
 * {@code SplittableRandom(seed·31 + epoch)}, epoch 1-based, with their weights.
 */
public final class StepLimitedPolicy extends ForwardingPolicy {
    private final int batchSize;
    private final long maxSteps;
    private final long seed;
    private long stepsPlanned;

    /** At most {@code maxSteps} steps of {@code batchSize} examples of {@code inner}'s plans, share seeded by {@code seed}. */
    public StepLimitedPolicy(EpochPolicy inner, int batchSize, long maxSteps, long seed) {
        super(inner);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }
        this.batchSize = batchSize;
        this.maxSteps = maxSteps;
        this.seed = seed;
    }

    @Override
    public String name() {
        return inner.name() + " (at most " + maxSteps + " steps)";
    }

    @Override
    public void onRunStart(int totalEpochs) {
        inner.onRunStart(totalEpochs);
        stepsPlanned = 0;
    }

    @Override
    public EpochPlan plan(int epoch, int totalEpochs) {
        EpochPlan p = inner.plan(epoch, totalEpochs);
        long left = maxSteps - stepsPlanned;
        if (left < ceilDiv(p.size(), batchSize)) {
            p = p.shuffled(new SplittableRandom(seed * 31 + epoch), (int) (left * batchSize));
        }
        stepsPlanned += ceilDiv(p.size(), batchSize);
        return p;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
