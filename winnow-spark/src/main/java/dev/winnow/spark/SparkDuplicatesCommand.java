package dev.winnow.spark;

import dev.winnow.cli.base.DuplicatesOptions;
import dev.winnow.cli.base.OutputOptions;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.AtomicFiles;
import dev.winnow.quality.DuplicateGroups;
import dev.winnow.quality.NearDuplicates;
import dev.winnow.select.KeepListWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code winnow spark duplicates}: the near-duplicate groups of {@code winnow duplicates} (SemDeDup, Abbas et
 * al. 2023) searched on Spark ({@link SparkDuplicates}), written by the core's writers: the same
 * {@code group,id,label,similarity_to_kept} CSV and the same keep-list and {@code keep.json}, byte for byte.
 */
@Command(name = "duplicates", mixinStandardHelpOptions = true,
        header = "Near-duplicate groups in feature space, and a keep-list with one per group (on Spark).",
        description = {
            "Find near-duplicates by the cosine similarity of the L2-normalised features of one run "
                + "(features.npy): pairs with cosine >= 1 - threshold are linked, groups are the connected "
                + "components. Writes one CSV row per example in a group: group,id,label,similarity_to_kept. "
                + "--keep-list writes id,weight keeping every example in no group and, from each group, its "
                + "member with the smallest random key (splitmix64(seed * 0x9E3779B97F4A7C15 + id)). "
                + "The search is exact: k-means partitions (Spark MLlib); each row is also sent to "
                + "every partition it could link into; then every pair within each partition.",
            "Same files as winnow duplicates. Every executor must read the store at its path.",
        },
        footer = {"%nExample: winnow spark duplicates --dynamics runs/proxy/dynamics --threshold 0.01 --out groups.csv"
                + " --keep-list keep.csv"})
final class SparkDuplicatesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DuplicatesOptions dup;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "K",
            description = "k-means partitions (clusters) of the search; 0 (default): the core's count, "
                    + "ceil(sqrt(N)), 1 below 1,024 rows. Any K gives the same groups")
    int partitions;

    @CommandLine.Mixin
    OutputOptions output;

    @CommandLine.Mixin
    SparkMain.SessionOptions session;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        try {
            NearDuplicates.checkEpsilon(dup.threshold());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (dup.featureRun() < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--feature-run must be >= 0");
        }
        if (partitions < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be >= 0");
        }
        AtomicFiles.refuseExisting(output.out(), output.force());
        if (dup.keepList() != null) {
            KeepListWriter.refuseExisting(dup.keepList(), output.force());
        }
        DynamicsStore store = DynamicsStore.open(dup.dynamics());
        SparkFeatures features;
        try {
            features = SparkFeatures.of(store, dup.featureRun());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        SparkSession spark = session.session(spec.name());
        double startup = (System.nanoTime() - start) / 1e9;
        long t0 = System.nanoTime();
        PrintWriter explain = session.explain ? spec.commandLine().getErr() : null;
        DuplicateGroups g = SparkDuplicates.find(spark, features, store.ids(), dup.threshold(), dup.seed(), partitions,
                explain);
        double secs = (System.nanoTime() - t0) / 1e9;
        dup.write(g, store, output, secs, spec.commandLine().getOut());
        SparkMain.finished(spec, start, String.format("duplicates: wrote %s (Spark start-up %.1f s, search %.1f s)",
                output.out(), startup, secs));
        return 0;
    }
}
