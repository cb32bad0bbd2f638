package dev.winnow.select;

import java.util.Objects;

/**
 * What to select: the strategy, the budget and the strategy's parameters, validated on construction.
 *
 * @param strategy      how to pick
 * @param budget        how many to keep
 * @param classBalanced per-class quotas proportional to class size (largest remainder); the strategy runs
 *                      inside each class; always true for {@code moderate}
 * @param offset        {@code window}: the hardest {@code floor(offset * N)} are skipped; in [0, 1)
 * @param bins          {@code stratified}: number of equal-width score bins, at least 1 (CCS uses 50)
 * @param dropHardest   {@code stratified}: the hardest {@code floor(beta * N)} are dropped first; in [0, 1)
 * @param alpha         {@code calibrated}: {@code floor(alpha * k)} are the hardest, the rest random; in [0, 1)
 * @param seed          seed of the random keys (ties, random picks)
 * @param featureRun    feature strategies: the run of {@code features.npy} whose features they read, at least 0
 * @param neighbours    {@code d2}: the nearest neighbours of each example in the graph, at least 1
 * @param gamma         {@code d2}: how fast a message fades with distance, in (0, 1000]
 */
public record SelectOptions(Strategy strategy, Budget budget, boolean classBalanced, double offset, int bins,
                            double dropHardest, double alpha, long seed, int featureRun, int neighbours,
                            double gamma) {
    // The defaults of the strategies' catalogue entries (Strategy#entry, which help texts and StrategySpec
    // read); constants so that option annotations can name them too.
    /** {@code stratified}: CCS's default number of strata. */
    public static final int DEFAULT_BINS = 50;
    /** {@code stratified}: nothing dropped before binning. */
    public static final double DEFAULT_DROP_HARDEST = 0.0;
    /** {@code calibrated}: half of the budget hardest, half random (weighted). */
    public static final double DEFAULT_ALPHA = 0.5;
    /** {@code d2}: the neighbours of the reference settings of Maharana et al. 2023 on CIFAR. */
    public static final int DEFAULT_NEIGHBOURS = 5;
    /** {@code d2}: messages fade by e^-1 at the median neighbour distance. */
    public static final double DEFAULT_GAMMA = 1.0;

    public SelectOptions {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(budget, "budget");
        Strategy.check("offset", "--offset", offset);
        Strategy.check("bins", "--bins", bins);
        Strategy.check("drop-hardest", "--drop-hardest", dropHardest);
        Strategy.check("alpha", "--alpha", alpha);
        Strategy.check("neighbours", "--neighbours", neighbours);
        Strategy.check("gamma", "--gamma", gamma);
        if (featureRun < 0) {
            throw new IllegalArgumentException("--feature-run must be at least 0, got " + featureRun);
        }
        if (strategy == Strategy.MODERATE) {
            classBalanced = true; // moderate always runs per class (DESIGN.md "Selection")
        }
    }

    /** The options of the strategies that read no features: run 0, the d2 defaults. */
    public SelectOptions(Strategy strategy, Budget budget, boolean classBalanced, double offset, int bins,
                         double dropHardest, double alpha, long seed) {
        this(strategy, budget, classBalanced, offset, bins, dropHardest, alpha, seed, 0, DEFAULT_NEIGHBOURS,
                DEFAULT_GAMMA);
    }

    /**
     * The options as a command line gives them: {@code null} for a flag not given, exactly one of
     * {@code keepFraction} / {@code keepCount}. A flag that belongs to another strategy, or a window
     * without an offset, is an {@link IllegalArgumentException} naming the flag (a usage error).
     */
    public static SelectOptions fromFlags(String strategy, Double keepFraction, Long keepCount, boolean classBalanced,
                                          Double offset, Integer bins, Double dropHardest, Double alpha, long seed) {
        return fromFlags(strategy, keepFraction, keepCount, classBalanced, offset, bins, dropHardest, alpha, seed,
                null, null, null);
    }

    /**
     * {@link #fromFlags(String, Double, Long, boolean, Double, Integer, Double, Double, long)} with the flags of
     * the feature strategies: {@code --feature-run} (those that read features only), {@code --neighbours} and
     * {@code --gamma} ({@code d2} only); {@code null} for a flag not given.
     */
    public static SelectOptions fromFlags(String strategy, Double keepFraction, Long keepCount, boolean classBalanced,
                                          Double offset, Integer bins, Double dropHardest, Double alpha, long seed,
                                          Integer featureRun, Integer neighbours, Double gamma) {
        Strategy s = Strategy.parse(strategy);
        if (featureRun != null && !s.readsFeatures()) {
            throw new IllegalArgumentException("--feature-run applies to the feature strategies only (moderate, "
                    + "kcenter, d2)");
        }
        if ((neighbours != null || gamma != null) && s != Strategy.D2) {
            throw new IllegalArgumentException((neighbours != null ? "--neighbours" : "--gamma")
                    + " applies to --strategy d2 only");
        }
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
                alpha == null ? DEFAULT_ALPHA : alpha, seed, featureRun == null ? 0 : featureRun,
                neighbours == null ? DEFAULT_NEIGHBOURS : neighbours, gamma == null ? DEFAULT_GAMMA : gamma);
    }

    /** The strategy with its default parameters (offset 0, 50 bins, no drop, alpha 0.5), not class-balanced. */
    public static SelectOptions of(Strategy strategy, Budget budget, long seed) {
        return new SelectOptions(strategy, budget, false, 0.0, DEFAULT_BINS, DEFAULT_DROP_HARDEST, DEFAULT_ALPHA, seed);
    }

    public SelectOptions withClassBalanced(boolean b) {
        return new SelectOptions(strategy, budget, b, offset, bins, dropHardest, alpha, seed, featureRun, neighbours,
                gamma);
    }

    public SelectOptions withOffset(double o) {
        return new SelectOptions(strategy, budget, classBalanced, o, bins, dropHardest, alpha, seed, featureRun,
                neighbours, gamma);
    }

    public SelectOptions withBins(int b) {
        return new SelectOptions(strategy, budget, classBalanced, offset, b, dropHardest, alpha, seed, featureRun,
                neighbours, gamma);
    }

    public SelectOptions withDropHardest(double beta) {
        return new SelectOptions(strategy, budget, classBalanced, offset, bins, beta, alpha, seed, featureRun,
                neighbours, gamma);
    }

    public SelectOptions withAlpha(double a) {
        return new SelectOptions(strategy, budget, classBalanced, offset, bins, dropHardest, a, seed, featureRun,
                neighbours, gamma);
    }

    public SelectOptions withFeatureRun(int run) {
        return new SelectOptions(strategy, budget, classBalanced, offset, bins, dropHardest, alpha, seed, run,
                neighbours, gamma);
    }

    public SelectOptions withNeighbours(int k) {
        return new SelectOptions(strategy, budget, classBalanced, offset, bins, dropHardest, alpha, seed, featureRun,
                k, gamma);
    }

    public SelectOptions withGamma(double g) {
        return new SelectOptions(strategy, budget, classBalanced, offset, bins, dropHardest, alpha, seed, featureRun,
                neighbours, g);
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
