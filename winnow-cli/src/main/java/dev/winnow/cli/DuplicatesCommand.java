package dev.winnow.cli;

import dev.winnow.cli.base.OutputOptions;
import dev.winnow.cli.base.ToolVersion;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.AtomicFiles;
import dev.winnow.quality.DuplicateGroups;
import dev.winnow.quality.NearDuplicates;
import dev.winnow.quality.UnitFeatures;
import dev.winnow.select.KeepListProvenance;
import dev.winnow.select.KeepListWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code winnow duplicates}: near-duplicate groups in a store's features (SemDeDup, Abbas et al. 2023), as
 * {@code group,id,label,similarity_to_kept}, and optionally the keep-list that keeps one example per group.
 */
@Command(name = "duplicates",
        header = "Near-duplicate groups in feature space, and a keep-list with one per group.",
        description = {
            "Find near-duplicates by the cosine similarity of the L2-normalised features of one run "
                + "(features.npy): pairs with cosine >= 1 - threshold are linked, groups are the connected "
                + "components. Writes one CSV row per example in a group: group,id,label,similarity_to_kept. "
                + "--keep-list writes id,weight keeping every example in no group and, from each group, its "
                + "member with the smallest random key (splitmix64(seed * 0x9E3779B97F4A7C15 + id)). "
                + "The search is exact: a seeded k-means partition, then every pair within and near each part.",
        },
        footer = {"%nExample: winnow duplicates --dynamics runs/proxy/dynamics --threshold 0.01 --out groups.csv"
                + " --keep-list keep.csv"})
public final class DuplicatesCommand extends WinnowCommand {
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

    @CommandLine.Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        orUsage(() -> NearDuplicates.checkEpsilon(threshold));
        if (featureRun < 0) {
            throw usage("--feature-run must be >= 0");
        }
        AtomicFiles.refuseExisting(output.out(), output.force());
        if (keepList != null) {
            KeepListWriter.refuseExisting(keepList, output.force());
        }
        DynamicsStore store = DynamicsStore.open(dynamics);
        long t0 = System.nanoTime();
        UnitFeatures f = orUsage(() -> UnitFeatures.of(store, featureRun));
        DuplicateGroups g = NearDuplicates.find(f, store.ids(), threshold, seed);
        double secs = (System.nanoTime() - t0) / 1e9;
        AtomicFiles.writeString(output.out(), g.csv(store.labels()));
        if (keepList != null) {
            g.writeKeepList(keepList, threshold, seed, featureRun,
                    List.of(KeepListProvenance.Input.of("dynamics", dynamics),
                            KeepListProvenance.Input.of("features", dynamics.resolve("features.npy"))),
                    ToolVersion.get(), output.force());
        }
        out().printf("%s: %d groups, %d of %d examples in a group (a keep-list drops %d) at cosine >= %s (%.1f s)%n",
                output.out(), g.groups(), g.members(), store.examples(), g.members() - g.groups(),
                dev.winnow.catalogue.Catalogue.number(1 - threshold), secs);
        if (keepList != null) {
            out().printf("%s: keeps %d examples%n", keepList, store.examples() - g.members() + g.groups());
        }
        out().flush();
        return 0;
    }
}
