package dev.winnow.cli;

import dev.winnow.cli.base.DuplicatesOptions;
import dev.winnow.cli.base.OutputOptions;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.AtomicFiles;
import dev.winnow.quality.DuplicateGroups;
import dev.winnow.quality.NearDuplicates;
import dev.winnow.quality.UnitFeatures;
import dev.winnow.select.KeepListWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;


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
    @CommandLine.Mixin
    DuplicatesOptions dup;

    @CommandLine.Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        orUsage(() -> NearDuplicates.checkEpsilon(dup.threshold()));
        if (dup.featureRun() < 0) {
            throw usage("--feature-run must be >= 0");
        }
        AtomicFiles.refuseExisting(output.out(), output.force());
        if (dup.keepList() != null) {
            KeepListWriter.refuseExisting(dup.keepList(), output.force());
        }
        DynamicsStore store = DynamicsStore.open(dup.dynamics());
        long t0 = System.nanoTime();
        UnitFeatures f = orUsage(() -> UnitFeatures.of(store, dup.featureRun()));
        DuplicateGroups g = NearDuplicates.find(f, store.ids(), dup.threshold(), dup.seed());
        double secs = (System.nanoTime() - t0) / 1e9;
        dup.write(g, store, output, secs, out());
        return 0;
    }
}
