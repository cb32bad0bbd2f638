package dev.winnow.spark;

import dev.winnow.quality.DuplicateGroups;
import dev.winnow.quality.NearDuplicates;
import dev.winnow.quality.UnionFind;
import dev.winnow.quality.UnitFeatures;
import dev.winnow.random.RandomKey;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Near-duplicate groups on Spark, equal to the core's ({@link NearDuplicates}, SemDeDup, Abbas et al. 2023):
 * the same links (float dot of the core's unit rows ≥ 1 − ε: cosine similarity, which on unit rows is
 * 2 − ‖x − y‖² over 2, so the pruning works in Euclidean distance), the same components, kept members, group
 * numbers and similarities, so {@link DuplicateGroups} writes the same bytes.
 *
 * <p>The search: k-means centres from Spark MLlib ({@link KMeans}, random start, {@value #ITERATIONS}
 * iterations on a seeded sample of {@value #SAMPLE_PER_CENTRE}·K rows), every row sent to its own partition and
 * to the partitions it could link into ({@link ClusterCover}), an exact search inside each
 * ({@link ClusterLinks}), and the partitions' link forests joined on the driver. The centres decide the speed,
 * never the result. The radius searched covers the float rounding of the link test itself:
 * r² = 2ε + (3D + 16)·2⁻²⁴ (a dot of D products in float errs by at most about D·2⁻²⁴, and a unit row's squared
 * norm by a few 2⁻²⁴), so every pair the float test links lies within r.
 */
final class SparkDuplicates {
    static final int SMALL = 1024;
    static final int ITERATIONS = 6;
    static final int SAMPLE_PER_CENTRE = 32;

    private SparkDuplicates() {
    }

    /** The core's partition count for N rows: 1 below {@value #SMALL}, else ⌈√N⌉. */
    static int defaultClusters(int n) {
        return n < SMALL ? 1 : (int) Math.ceil(Math.sqrt(n));
    }

    /** The largest distance of two unit rows whose float dot is at least 1 − ε (see the class comment). */
    static double radius(double epsilon, int d) {
        return Math.sqrt(2 * epsilon + (3.0 * d + 16) * 0x1p-24);
    }

    /**
     * The groups of the rows of {@code features} (ids {@code ids}): links at cos ≥ 1 − {@code epsilon}, kept
     * members by the random keys under {@code seed}, {@code clusters} k-means partitions (0: the core's count).
     * {@code explain}: where the search's lineage is printed, or null.
     */
    static DuplicateGroups find(SparkSession spark, SparkFeatures features, long[] ids, double epsilon, long seed,
                                int clusters, PrintWriter explain) {
        return find(spark, features, ids, epsilon, seed, clusters, null, explain);
    }

    /** {@link #find}, with the partitions' centres given (K × D, row-major) instead of k-means' when not null. */
    static DuplicateGroups find(SparkSession spark, SparkFeatures features, long[] ids, double epsilon, long seed,
                                int clusters, double[] givenCentres, PrintWriter explain) {
        NearDuplicates.checkEpsilon(epsilon);
        int n = features.n();
        int d = features.d();
        if (ids.length != n) {
            throw new IllegalArgumentException(ids.length + " ids for " + n + " feature rows");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<UnitRow> rows = features.rows(sc, ids).persist(StorageLevel.MEMORY_AND_DISK());
        List<Broadcast<?>> broadcasts = new ArrayList<>();
        try {
            int k = Math.min(n, clusters > 0 ? clusters : defaultClusters(n));
            double radius = radius(epsilon, d);
            double[] centres = givenCentres != null ? givenCentres : centres(rows, k, n, d, seed);
            Broadcast<ClusterCover> cover = sc.broadcast(new ClusterCover(centres, d, radius));
            broadcasts.add(cover);
            float min = (float) (1 - epsilon);
            double band = radius + ClusterCover.SLACK;
            int tasks = Math.max(1, Math.min(cover.value().k(), 4 * sc.defaultParallelism()));
            JavaRDD<int[]> forests = rows.flatMapToPair(r -> cover.value().entries(r).iterator())
                    .groupByKey(tasks)
                    .map(p -> ClusterLinks.forest(p._2(), d, min, band));
            if (explain != null) {
                explain.println("== duplicates: search ==");
                explain.println(forests.toDebugString());
                explain.flush();
            }
            UnionFind links = new UnionFind(n);
            for (int[] f : forests.collect()) {
                for (int i = 0; i < f.length; i += 2) {
                    links.union(f[i], f[i + 1]);
                }
            }
            int[] keptOf = keptMembers(links, ids, seed);
            return groups(sc, rows, ids, keptOf, broadcasts);
        } finally {
            broadcasts.forEach(b -> b.destroy());
            rows.unpersist(false);
        }
    }

    /**
     * K centres (K × D, row-major) by MLlib's k-means on a seeded sample in as many tasks as the session has
     * cores (random start: the centres decide only the speed, and k-means|| cost more than the search it sped
     * up); the origin when K = 1.
     */
    private static double[] centres(JavaRDD<UnitRow> rows, int k, int n, int d, long seed) {
        if (k < 2) {
            return new double[d];
        }
        double fraction = Math.min(1.0, SAMPLE_PER_CENTRE * (double) k / n);
        int tasks = rows.context().defaultParallelism();
        JavaRDD<Vector> sample = (fraction < 1 ? rows.sample(false, fraction, seed) : rows).coalesce(tasks).map(r -> {
            double[] x = new double[r.values().length];
            for (int j = 0; j < x.length; j++) {
                x[j] = r.values()[j];
            }
            return Vectors.dense(x);
        }).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Vector[] found = new KMeans().setK(k).setSeed(seed).setMaxIterations(ITERATIONS)
                    .setInitializationMode(KMeans.RANDOM()).run(sample.rdd()).clusterCenters();
            double[] out = new double[found.length * d];
            for (int c = 0; c < found.length; c++) {
                System.arraycopy(found[c].toArray(), 0, out, c * d, d);
            }
            return out;
        } finally {
            sample.unpersist(false);
        }
    }

    /**
     * Each row's kept member (−1 when its component has one row): the member with the smallest random key,
     * ties to the smaller index, as the core picks it.
     */
    private static int[] keptMembers(UnionFind links, long[] ids, long seed) {
        int n = ids.length;
        int[] keptOfRoot = new int[n];
        Arrays.fill(keptOfRoot, -1);
        for (int i = 0; i < n; i++) {
            if (links.size(i) < 2) {
                continue;
            }
            int r = links.find(i);
            int k = keptOfRoot[r];
            if (k < 0 || RandomKey.compare(RandomKey.key(seed, ids[i]), RandomKey.key(seed, ids[k])) < 0) {
                keptOfRoot[r] = i;
            }
        }
        int[] keptOf = new int[n];
        for (int i = 0; i < n; i++) {
            keptOf[i] = links.size(i) < 2 ? -1 : keptOfRoot[links.find(i)];
        }
        return keptOf;
    }

    /**
     * Groups numbered by their kept members' ids, and each member's similarity to its kept one: the kept rows
     * are collected and broadcast, and the members' dot products computed where the rows are, by the core's
     * kernel (member first, as the core computes it).
     */
    private static DuplicateGroups groups(JavaSparkContext sc, JavaRDD<UnitRow> rows, long[] ids, int[] keptOf,
                                          List<Broadcast<?>> broadcasts) {
        int n = ids.length;
        List<Integer> keptList = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (keptOf[i] == i) {
                keptList.add(i);
            }
        }
        keptList.sort((a, b) -> Long.compare(ids[a], ids[b]));
        int[] kept = keptList.stream().mapToInt(Integer::intValue).toArray();
        int[] groupOfKept = new int[n];
        for (int g = 0; g < kept.length; g++) {
            groupOfKept[kept[g]] = g;
        }
        int[] group = new int[n];
        float[] similarity = new float[n];
        for (int i = 0; i < n; i++) {
            group[i] = keptOf[i] < 0 ? -1 : groupOfKept[keptOf[i]];
            similarity[i] = keptOf[i] < 0 ? Float.NaN : 1f;
        }
        if (kept.length > 0) {
            Broadcast<int[]> keptOfB = sc.broadcast(keptOf);
            broadcasts.add(keptOfB);
            Map<Integer, float[]> keptRows = new HashMap<>(rows.filter(r -> keptOfB.value()[r.index()] == r.index())
                    .mapToPair(r -> new Tuple2<>(r.index(), r.values())).collectAsMap());
            Broadcast<Map<Integer, float[]>> keptRowsB = sc.broadcast(keptRows);
            broadcasts.add(keptRowsB);
            List<Tuple2<Integer, Float>> sims = rows.filter(r -> {
                int k = keptOfB.value()[r.index()];
                return k >= 0 && k != r.index();
            }).mapToPair(r -> {
                float[] kv = keptRowsB.value().get(keptOfB.value()[r.index()]);
                int d = kv.length;
                float[] two = Arrays.copyOf(r.values(), 2 * d);
                System.arraycopy(kv, 0, two, d, d);
                return new Tuple2<>(r.index(), new UnitFeatures(2, d, two).dot(0, 1));
            }).collect();
            for (Tuple2<Integer, Float> s : sims) {
                similarity[s._1()] = s._2();
            }
        }
        return DuplicateGroups.of(ids, group, kept, similarity);
    }
}
