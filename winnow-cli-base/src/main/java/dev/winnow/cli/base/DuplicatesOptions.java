package dev.winnow.cli.base;

import dev.winnow.catalogue.Catalogue;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.AtomicFiles;
import dev.winnow.quality.DuplicateGroups;
import dev.winnow.select.KeepListProvenance;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The options of a near-duplicate search, the same in {@code winnow duplicates} and {@code winnow spark duplicates}
 * (docs/quality.md): the store whose features are compared, ε, the run, the seed of the partition and of the member
 * kept per group, and an optional keep-list.
 */
public final class DuplicatesOptions {
    @Option(names = "--dynamics", required = true, paramLabel = "DIR", description = "the dynamics store, with features.npy")
    Path dynamics;

    @Option(names = "--threshold", defaultValue = "0.01", paramLabel = "EPS",
            description = "ε in (0, 2): pairs with cosine >= 1 - ε are near-duplicates (default ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--feature-run", defaultValue = "0", paramLabel = "R",
            description = "the run whose features are compared (default ${DEFAULT-VALUE})")
    int featureRun;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "seed of the partition and of the member kept per group (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--keep-list", paramLabel = "FILE", description = "also write this keep-list (id,weight) + FILE.json")
    Path keepList;

    /** The dynamics store. */
    public Path dynamics() {
        return dynamics;
    }

    /** ε: pairs with cosine ≥ 1 − ε are linked. */
    public double threshold() {
        return threshold;
    }

    /** The run whose features are compared. */
    public int featureRun() {
        return featureRun;
    }

    /** The seed of the partition and of the kept member. */
    public long seed() {
        return seed;
    }

    /** The keep-list to write, or null. */
    public Path keepList() {
        return keepList;
    }

    /**
     * Writes what both commands write from their groups, the same way: the groups CSV at {@code output}, the
     * keep-list with its provenance when asked for, and the summary lines on {@code out}.
     */
    public void write(DuplicateGroups g, DynamicsStore store, OutputOptions output, double seconds, PrintWriter out) {
        AtomicFiles.writeString(output.out(), g.csv(store.labels()));
        if (keepList != null) {
            g.writeKeepList(keepList, threshold, seed, featureRun,
                    List.of(KeepListProvenance.Input.of("dynamics", dynamics),
                            KeepListProvenance.Input.of("features", dynamics.resolve("features.npy"))),
                    ToolVersion.get(), output.force());
        }
        out.printf("%s: %d groups, %d of %d examples in a group (a keep-list drops %d) at cosine >= %s (%.1f s)%n",
                output.out(), g.groups(), g.members(), store.examples(), g.members() - g.groups(),
                Catalogue.number(1 - threshold), seconds);
        if (keepList != null) {
            out.printf("%s: keeps %d examples%n", keepList, store.examples() - g.members() + g.groups());
        }
        out.flush();
    }
}
