package dev.winnow.policy;

import java.util.SplittableRandom;

/**
 * Another policy under a budget of optimizer steps: each epoch takes the inner policy's plan while the
 * budget lasts; the epoch in which the budget runs out trains on a seeded random share of that plan
 * ({@code left · batchSize} examples), and later epochs on nothing. A study uses it to give a method on
 * a keep-list of k examples the steps that full training takes ("steps" budget): epochs of
 * {@code ceil(k / B)} steps until {@code maxSteps}.
 *
 * <p>The share: the plan's positions shuffled (Fisher–Yates from the last position down, {@code
 * SplittableRandom(seed·31 + epoch)}, epoch 1-based), the first {@code left · batchSize} taken in that
 * order with their weights.
 */
public final class StepLimitedPolicy implements EpochPolicy {
    private final EpochPolicy inner;
    private final int batchSize;
    private final long maxSteps;
    private final long seed;
    private long stepsPlanned;

    /** At most {@code maxSteps} steps of {@code batchSize} examples of {@code inner}'s plans, share seeded by {@code seed}. */
    public StepLimitedPolicy(EpochPolicy inner, int batchSize, long maxSteps, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }
        this.inner = inner;
        this.batchSize = batchSize;
        this.maxSteps = maxSteps;
        this.seed = seed;
    }

    @Override
    public String name() {
        return inner.name() + " (at most " + maxSteps + " steps)";
    }

    @Override
    public int size() {
        return inner.size();
    }

    @Override
    public void onRunStart(int totalEpochs) {
        inner.onRunStart(totalEpochs);
        stepsPlanned = 0;
    }

    @Override
    public boolean wantsRefreshPass(int epoch) {
        return inner.wantsRefreshPass(epoch);
    }

    @Override
    public EpochPlan plan(int epoch, int totalEpochs) {
        EpochPlan p = inner.plan(epoch, totalEpochs);
        long left = maxSteps - stepsPlanned;
        if (left < ceilDiv(p.size(), batchSize)) {
            p = share(p, (int) (left * batchSize), new SplittableRandom(seed * 31 + epoch));
        }
        stepsPlanned += ceilDiv(p.size(), batchSize);
        return p;
    }

    /** The first {@code take} positions of a seeded shuffle of {@code p}, with their weights. */
    private static EpochPlan share(EpochPlan p, int take, SplittableRandom rnd) {
        int[] order = Picks.all(p.size());
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] sub = new int[take];
        float[] sw = p.weights() == null ? null : new float[take];
        for (int i = 0; i < take; i++) {
            sub[i] = p.indices()[order[i]];
            if (sw != null) {
                sw[i] = p.weights()[order[i]];
            }
        }
        return new EpochPlan(sub, sw, p.forwardOnly());
    }

    @Override
    public void observe(int[] indices, float[] losses) {
        inner.observe(indices, losses);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
