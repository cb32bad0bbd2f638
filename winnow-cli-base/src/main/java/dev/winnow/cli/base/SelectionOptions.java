package dev.winnow.cli.base;

import dev.winnow.select.SelectOptions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The selection options of {@code winnow select}, {@code winnow prune} and {@code winnow spark select}
 * (budget, strategy and its parameters, seed), declared once so that their names, defaults and help
 * cannot drift apart; the core's {@link SelectOptions#fromFlags} checks them.
 */
public final class SelectionOptions {
    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Budget (one of):%n")
    Keep keep;

    static final class Keep {
        @Option(names = "--keep", paramLabel = "F",
                description = "fraction to keep, 0 < F <= 1: k = max(1, floor(F * N))")
        Double fraction;

        @Option(names = "--keep-count", paramLabel = "K", description = "number to keep, 1 <= K <= N")
        Long count;
    }

    @Option(names = "--strategy", paramLabel = "S", required = true,
            description = "hard, easy, window, random, stratified, calibrated; on features: moderate, kcenter, d2")
    String strategy;

    @Option(names = "--class-balanced", description = "per-class quotas proportional to class size")
    boolean classBalanced;

    @Option(names = "--offset", paramLabel = "O",
            description = "window: skip the hardest floor(O * N) first, 0 <= O < 1 (required for window)")
    Double offset;

    @Option(names = "--bins", paramLabel = "B",
            description = "stratified: equal-width score bins (default " + SelectOptions.DEFAULT_BINS + ")")
    Integer bins;

    @Option(names = "--drop-hardest", paramLabel = "BETA",
            description = "stratified: drop the hardest floor(BETA * N) first, 0 <= BETA < 1 (default 0)")
    Double dropHardest;

    @Option(names = "--alpha", paramLabel = "A",
            description = "calibrated: floor(A * k) hardest, the rest random, 0 <= A < 1 (default "
                    + SelectOptions.DEFAULT_ALPHA + ")")
    Double alpha;

    @Option(names = "--feature-run", paramLabel = "R",
            description = "moderate, kcenter, d2: the run of features.npy whose features they read (default 0)")
    Integer featureRun;

    @Option(names = "--neighbours", paramLabel = "K",
            description = "d2: nearest neighbours in the graph, K >= 1 (default " + SelectOptions.DEFAULT_NEIGHBOURS + ")")
    Integer neighbours;

    @Option(names = "--gamma", paramLabel = "G",
            description = "d2: messages fade as exp(-G * distance / median neighbour distance), 0 < G <= 1000 "
                    + "(default " + SelectOptions.DEFAULT_GAMMA + ")")
    Double gamma;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "seed of the random keys (default 0)")
    long seed;

    /** The strategy as typed. */
    public String strategy() {
        return strategy;
    }

    /** The validated options; a bad value or combination is a usage error of {@code cl}. */
    public SelectOptions toOptions(CommandLine cl) {
        try {
            return SelectOptions.fromFlags(strategy, keep.fraction, keep.count, classBalanced, offset, bins,
                    dropHardest, alpha, seed, featureRun, neighbours, gamma);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage(), e);
        }
    }
}
