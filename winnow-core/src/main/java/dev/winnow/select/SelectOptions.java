package dev.winnow.select;

import java.util.Objects;

/**
 * What to select: the strategy, the budget and the strategy's parameters, validated on construction.
 *
 * @param strategy      how to pick
 * @param budget        how many to keep
 * @param classBalanced per-class quotas proportional to class size (largest remainder); the strategy runs
 *                      inside each class
 * @param offset        {@code window}: the hardest {@code floor(offset * N)} are skipped; in [0, 1)
 * @param bins          {@code stratified}: number of equal-width score bins, at least 1 (CCS uses 50)
 * @param dropHardest   {@code stratified}: the hardest {@code floor(beta * N)} are dropped first; in [0, 1)
 * @param alpha         {@code calibrated}: {@code floor(alpha * k)} are the hardest, the rest random; in [0, 1)
 * @param seed          seed of the random keys (ties, random picks)
 */
public record SelectOptions(Strategy strategy, Budget budget, boolean classBalanced, double offset, int bins,
                            double dropHardest, double alpha, long seed) {
    // The defaults of the strategies' catalogue entries (Strategy#entry, which help texts and StrategySpec
    // read); constants so that option annotations can name them too.
    /** {@code stratified}: CCS's default number of strata. */
    public static final int DEFAULT_BINS = 50;
    /** {@code stratified}: nothing dropped before binning. */
    public static final double DEFAULT_DROP_HARDEST = 0.0;
    /** {@code calibrated}: half of the budget hardest, half random (weighted). */
    public static final double DEFAULT_ALPHA = 0.5;

    public SelectOptions {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(budget, "budget");
        Strategy.check("offset", "--offset", offset);
        Strategy.check("bins", "--bins", bins);
        Strategy.check("drop-hardest", "--drop-hardest", dropHardest);
        Strategy.check("alpha", "--alpha", alpha);
    }

    /**
     * The options as a command line gives them: {@code null} for a flag not given, exactly one of
     * {@code keepFraction} / {@code keepCount}. A flag that belongs to another strategy, or a window
     * without an offset, is an {@link IllegalArgumentException} naming the flag (a usage error).
     */
    public static SelectOptions fromFlags(String strategy, Double keepFraction, Long keepCount, boolean classBalanced,
                                          Double offset, Integer bins, Double dropHardest, Double alpha, long seed) {
        Strategy s = Strategy.parse(strategy);
        if (offset != null && s != Strategy.WINDOW) {
            throw new IllegalArgumentException("--offset applies to --strategy window only");
        }
        if (s == Strategy.WINDOW && offset == null) {
            throw new IllegalArgumentException("--strategy window needs --offset (the hardest fraction to skip)");
        }
        if ((bins != null || dropHardest != null) && s != Strategy.STRATIFIED) {
            throw new IllegalArgumentException((bins != null ? "--bins" : "--drop-hardest")
                    + " applies to --strategy stratified only");
        }
        if (alpha != null && s != Strategy.CALIBRATED) {
            throw new IllegalArgumentException("--alpha applies to --strategy calibrated only");
        }
        if ((keepFraction == null) == (keepCount == null)) {
            throw new IllegalArgumentException("give exactly one of --keep and --keep-count");
        }
        Budget b = keepFraction != null ? new Budget.Fraction(keepFraction) : new Budget.Count(keepCount);
        return new SelectOptions(s, b, classBalanced, offset == null ? 0.0 : offset,
                bins == null ? DEFAULT_BINS : bins, dropHardest == null ? DEFAULT_DROP_HARDEST : dropHardest,
                alpha == null ? DEFAULT_ALPHA : alpha, seed);
    }

    /** The strategy with its default parameters (offset 0, 50 bins, no drop, alpha 0.5), not class-balanced. */
    public static SelectOptions of(Strategy strategy, Budget budget, long seed) {
        return new SelectOptions(strategy, budget, false, 0.0, DEFAULT_BINS, DEFAULT_DROP_HARDEST, DEFAULT_ALPHA, seed);
    }

    public SelectOptions withClassBalanced(boolean b) {
        return new SelectOptions(strategy, budget, b, offset, bins, dropHardest, alpha, seed);
    }

    public SelectOptions withOffset(double o) {
        return new SelectOptions(strategy, budget, classBalanced, o, bins, dropHardest, alpha, seed);
    }

    public SelectOptions withBins(int b) {
        return new SelectOptions(strategy, budget, classBalanced, offset, b, dropHardest, alpha, seed);
    }

    public SelectOptions withDropHardest(double beta) {
        return new SelectOptions(strategy, budget, classBalanced, offset, bins, beta, alpha, seed);
    }

    public SelectOptions withAlpha(double a) {
        return new SelectOptions(strategy, budget, classBalanced, offset, bins, dropHardest, a, seed);
    }

    /**
     * The budget k for {@code n} examples, checked against the data: fails (IllegalArgumentException,
     * a usage error) when the budget, the skipped offset or the dropped fraction do not fit.
     */
    public int resolve(int n) {
        int k = budget.resolve(n);
        if (strategy == Strategy.WINDOW) {
            long skip = Budget.floorTimes(offset, n);
            if (skip + k > n) {
                throw new IllegalArgumentException("window: --offset skips " + skip + " and k = " + k
                        + " more are kept, but there are only " + n + " examples");
            }
        }
        if (strategy == Strategy.STRATIFIED) {
            long drop = Budget.floorTimes(dropHardest, n);
            if (drop + k > n) {
                throw new IllegalArgumentException("stratified: --drop-hardest drops " + drop + " and k = " + k
                        + " are kept, but there are only " + n + " examples");
            }
        }
        return k;
    }
}
