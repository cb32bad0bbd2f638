package dev.winnow.policy;

import java.util.SplittableRandom;

/**
 * What every policy of this package shares, so that a policy is its choice and nothing else: the size
 * check, the epoch and observation checks, the one-run rule of seeded policies and the per-epoch
 * generator. A subclass writes {@link #choose} (and {@link #record} if it learns from losses).
 */
abstract class BasePolicy implements EpochPolicy {
    final int n;
    final long seed;
    private final boolean seeded;
    private boolean started;

    /** A seeded policy over {@code n} examples: it drives one run. */
    BasePolicy(int n, long seed) {
        this(n, seed, true);
    }

    /** A seedless policy over {@code n} examples (its choices do not depend on a seed): it may drive many runs. */
    BasePolicy(int n) {
        this(n, 0, false);
    }

    private BasePolicy(int n, long seed, boolean seeded) {
        Picks.checkSize(n);
        this.n = n;
        this.seed = seed;
        this.seeded = seeded;
    }

    @Override
    public final int size() {
        return n;
    }

    @Override
    public final void onRunStart(int totalEpochs) {
        if (totalEpochs < 1) {
            throw new IllegalArgumentException("totalEpochs must be >= 1, got " + totalEpochs);
        }
        if (seeded && started) {
            throw new IllegalStateException("policy " + name() + " drives one run; build a fresh policy for each run");
        }
        started = true;
    }

    @Override
    public boolean wantsRefreshPass(int epoch) {
        return false;
    }

    @Override
    public final EpochPlan plan(int epoch, int totalEpochs) {
        Picks.checkEpoch(epoch, totalEpochs);
        return choose(epoch, totalEpochs);
    }

    /** The plan of {@code epoch} (1-based, already checked against {@code totalEpochs}). */
    abstract EpochPlan choose(int epoch, int totalEpochs);

    @Override
    public final void observe(int[] indices, float[] losses) {
        Picks.checkObservation(n, indices, losses);
        record(indices, losses);
    }

    /** Learns from checked losses; policies that ignore losses keep this no-op. */
    void record(int[] indices, float[] losses) {
    }

    /**
     * The generator of {@code epoch} (1-based). It is seeded from {@code epoch − 1}, the number the epoch
     * had when policies counted from 0, so a seed makes the same choices as it always did.
     */
    final SplittableRandom random(int epoch) {
        return Picks.epochRandom(seed, epoch - 1);
    }
}
