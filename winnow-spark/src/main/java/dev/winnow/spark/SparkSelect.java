package dev.winnow.spark;

import dev.winnow.WinnowException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * Selection on Spark with the exact rules of DESIGN.md, so the keep-list and weights equal the core's for
 * the same scores and seed, whatever the partitioning. Input: a score table (id, label, score) without
 * NaN; output: (id long, weight double), one row per kept example, in no particular order.
 */
public final class SparkSelect {
    private static final String KEY = "_key";
    private static final String SCORE_KEY = "_sk";

    private SparkSelect() {
    }

    /** The strategies. */
    public enum Strategy {
        HARD, EASY, WINDOW, RANDOM, STRATIFIED, CALIBRATED;

        public static Strategy of(String s) {
            for (Strategy v : values()) {
                if (v.name().equalsIgnoreCase(s)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("strategy '" + s
                    + "' (expected hard, easy, window, random, stratified or calibrated)");
        }
    }

    /**
     * What to select. Exactly one of {@code keepFraction} (k = max(1, ⌊F·N⌋)) and {@code keepCount};
     * {@code offset} for window, {@code bins} and {@code dropHardest} for stratified, {@code alpha} for
     * calibrated.
     */
    public record Spec(Strategy strategy, Double keepFraction, Long keepCount, boolean classBalanced,
                       double offset, int bins, double dropHardest, double alpha, long seed) {
        public Spec {
            if (strategy == null) {
                throw new IllegalArgumentException("no strategy given");
            }
            if ((keepFraction == null) == (keepCount == null)) {
                throw new IllegalArgumentException("give exactly one of --keep and --keep-count");
            }
            if (keepFraction != null && !(keepFraction > 0 && keepFraction <= 1)) {
                throw new IllegalArgumentException("--keep must be in (0, 1], got " + keepFraction);
            }
            if (keepCount != null && keepCount < 1) {
                throw new IllegalArgumentException("--keep-count must be at least 1, got " + keepCount);
            }
            if (!(offset >= 0 && offset < 1)) {
                throw new IllegalArgumentException("--offset must be in [0, 1), got " + offset);
            }
            if (bins < 1) {
                throw new IllegalArgumentException("--bins must be at least 1, got " + bins);
            }
            if (!(dropHardest >= 0 && dropHardest < 1)) {
                throw new IllegalArgumentException("--drop-hardest must be in [0, 1), got " + dropHardest);
            }
            if (!(alpha >= 0 && alpha < 1)) {
                throw new IllegalArgumentException("--alpha must be in [0, 1), got " + alpha);
            }
        }

        /** The budget k for N examples, checked against the data (IllegalArgumentException: a usage error). */
        long budget(long n) {
            long k = keepCount != null ? keepCount : Math.max(1, floorTimes(keepFraction, n));
            if (k > n) {
                throw new IllegalArgumentException("--keep-count " + k + " exceeds the " + n + " examples");
            }
            if (strategy == Strategy.WINDOW && floorTimes(offset, n) + k > n) {
                throw new IllegalArgumentException("window: --offset skips " + floorTimes(offset, n) + " and k = " + k
                        + " more are kept, but there are only " + n + " examples");
            }
            if (strategy == Strategy.STRATIFIED && floorTimes(dropHardest, n) + k > n) {
                throw new IllegalArgumentException("stratified: --drop-hardest drops " + floorTimes(dropHardest, n)
                        + " and k = " + k + " are kept, but there are only " + n + " examples");
            }
            return k;
        }
    }

    /** ⌊x·n⌋ with the product in IEEE double. */
    static long floorTimes(double x, long n) {
        return (long) Math.floor(x * (double) n);
    }

    /** The keep-list of {@code spec} over {@code scores} (id, label, score): rows (id, weight). */
    public static Dataset<Row> select(Dataset<Row> scores, Spec spec, Ranks ranks) {
        long seed = spec.seed();
        Column key = udf((UDF1<Long, Long>) id -> Keys.sortable(seed, id), DataTypes.LongType).apply(col("id"));
        Column scoreKey = udf((UDF1<Float, Integer>) s -> Keys.sortable(s), DataTypes.IntegerType).apply(col("score"));
        Dataset<Row> s = scores.select(col("id"), col("label"), col("score"), key.as(KEY), scoreKey.as(SCORE_KEY));

        // class sizes, and the ids of a NaN and an infinite score if any: one row per class reaches the driver
        TreeMap<Long, Long> sizes = new TreeMap<>();
        Long nanId = null;
        Long infId = null;
        for (Row r : s.groupBy(col("label")).agg(count(lit(1)),
                min(when(isnan(col("score")), col("id"))),
                min(when(col("score").isin(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY), col("id"))))
                .collectAsList()) {
            sizes.put((long) r.getInt(0), r.getLong(1));
            if (!r.isNullAt(2)) {
                nanId = nanId == null ? r.getLong(2) : Math.min(nanId, r.getLong(2));
            }
            if (!r.isNullAt(3)) {
                infId = infId == null ? r.getLong(3) : Math.min(infId, r.getLong(3));
            }
        }
        long n = sizes.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            throw new WinnowException("no examples to select from");
        }
        if (nanId != null && spec.strategy() != Strategy.RANDOM) {
            throw new WinnowException("score of example id " + nanId + " is NaN");
        }
        if (infId != null && spec.strategy() == Strategy.STRATIFIED) {
            throw new WinnowException("stratified needs finite scores; example id " + infId + " has an infinite one");
        }
        long k = spec.budget(n);
        Column group;
        TreeMap<Long, Long> groupSizes;
        Map<Long, Long> quota;
        if (spec.classBalanced()) {
            group = col("label");
            groupSizes = sizes;
            quota = Budgets.classQuotas(k, sizes);
        } else {
            group = lit(0L);
            groupSizes = new TreeMap<>(Map.of(0L, n));
            quota = Map.of(0L, k);
        }

        Column hardest = col(SCORE_KEY).desc();
        Column easiest = col(SCORE_KEY).asc();
        Column byKey = col(KEY).asc();
        Column byId = col("id").asc();
        return switch (spec.strategy()) {
            case HARD -> keepRanks(ranks.rank(s, group, hardest, byKey, byId).rows(), zero(quota), quota);
            case EASY -> keepRanks(ranks.rank(s, group, easiest, byKey, byId).rows(), zero(quota), quota);
            case RANDOM -> keepRanks(ranks.rank(s, group, byKey, byId).rows(), zero(quota), quota);
            case WINDOW -> {
                Map<Long, Long> from = new HashMap<>();
                Map<Long, Long> to = new HashMap<>();
                groupSizes.forEach((g, size) -> {
                    long o = Math.min(floorTimes(spec.offset(), size), size - quota.get(g));
                    from.put(g, o);
                    to.put(g, o + quota.get(g));
                });
                yield keepRanks(ranks.rank(s, group, hardest, byKey, byId).rows(), from, to);
            }
            case CALIBRATED -> calibrated(s, spec, group, groupSizes, quota, ranks);
            case STRATIFIED -> stratified(s, spec, group, groupSizes, quota, ranks);
        };
    }

    private static Map<Long, Long> zero(Map<Long, Long> quota) {
        Map<Long, Long> z = new HashMap<>();
        quota.keySet().forEach(g -> z.put(g, 0L));
        return z;
    }

    /** Rows whose rank in their group is in [from, to), weight 1. */
    private static Dataset<Row> keepRanks(Dataset<Row> ranked, Map<Long, Long> from, Map<Long, Long> to) {
        return ranked.filter(inRange(from, to)).select(col("id"), lit(1.0).as("weight"));
    }

    private static Column inRange(Map<Long, Long> from, Map<Long, Long> to) {
        HashMap<Long, Long> lo = new HashMap<>(from);
        HashMap<Long, Long> hi = new HashMap<>(to);
        return udf((UDF2<Long, Long, Boolean>) (g, r) -> r >= lo.getOrDefault(g, 0L) && r < hi.getOrDefault(g, 0L),
                DataTypes.BooleanType).apply(col(Ranks.GROUP), col(Ranks.RANK));
    }

    /** k_s = ⌊α·k⌋ hardest, then k_r = k − k_s smallest keys of the rest, each weighing (N − k_s)/k_r. */
    private static Dataset<Row> calibrated(Dataset<Row> s, Spec spec, Column group, TreeMap<Long, Long> groupSizes,
                                           Map<Long, Long> quota, Ranks ranks) {
        HashMap<Long, Long> hardCount = new HashMap<>();
        HashMap<Long, Long> randomCount = new HashMap<>();
        HashMap<Long, Double> weight = new HashMap<>();
        groupSizes.forEach((g, size) -> {
            long q = quota.get(g);
            long ks = floorTimes(spec.alpha(), q);
            long kr = q - ks;
            hardCount.put(g, ks);
            randomCount.put(g, kr);
            weight.put(g, kr == 0 ? 1.0 : (double) (size - ks) / kr);
        });
        Dataset<Row> byScore = ranks.rank(s, group, col(SCORE_KEY).desc(), col(KEY).asc(), col("id").asc()).rows();
        Column isHard = udf((UDF2<Long, Long, Boolean>) (g, r) -> r < hardCount.get(g), DataTypes.BooleanType)
                .apply(col(Ranks.GROUP), col(Ranks.RANK));
        Dataset<Row> hard = byScore.filter(isHard).select(col("id"), lit(1.0).as("weight"));
        Dataset<Row> rest = byScore.filter(org.apache.spark.sql.functions.not(isHard))
                .select(col("id"), col("label"), col("score"), col(KEY), col(SCORE_KEY), col(Ranks.GROUP).as("_g0"));
        Dataset<Row> byKey = ranks.rank(rest, col("_g0"), col(KEY).asc(), col("id").asc()).rows();
        Column isPicked = udf((UDF2<Long, Long, Boolean>) (g, r) -> r < randomCount.get(g), DataTypes.BooleanType)
                .apply(col(Ranks.GROUP), col(Ranks.RANK));
        Column w = udf((UDF1<Long, Double>) weight::get, DataTypes.DoubleType).apply(col(Ranks.GROUP));
        Dataset<Row> picked = byKey.filter(isPicked).select(col("id"), w.as("weight"));
        return hard.unionByName(picked);
    }

    /**
     * Drop the hardest ⌊β·N⌋, split [lo, hi] of the rest into B equal-width bins, give each bin its share
     * ({@link Budgets#binQuotas}), and take the smallest keys inside each bin.
     */
    private static Dataset<Row> stratified(Dataset<Row> s, Spec spec, Column group, TreeMap<Long, Long> groupSizes,
                                           Map<Long, Long> quota, Ranks ranks) {
        Dataset<Row> kept = s.withColumn(Ranks.GROUP, group.cast(DataTypes.LongType));
        if (spec.dropHardest() > 0) {
            HashMap<Long, Long> drop = new HashMap<>();
            groupSizes.forEach((g, size) -> drop.put(g, Math.min(floorTimes(spec.dropHardest(), size),
                    size - quota.get(g))));
            Dataset<Row> byScore = ranks.rank(s, group, col(SCORE_KEY).desc(), col(KEY).asc(), col("id").asc()).rows();
            Column isDropped = udf((UDF2<Long, Long, Boolean>) (g, r) -> r < drop.get(g), DataTypes.BooleanType)
                    .apply(col(Ranks.GROUP), col(Ranks.RANK));
            kept = byScore.filter(org.apache.spark.sql.functions.not(isDropped)).drop(Ranks.RANK);
        }
        // score range of each group: one row per group reaches the driver
        HashMap<Long, float[]> range = new HashMap<>();
        for (Row r : kept.groupBy(col(Ranks.GROUP)).agg(min(col("score")), max(col("score"))).collectAsList()) {
            range.put(r.getLong(0), new float[] {r.getFloat(1), r.getFloat(2)});
        }
        int bins = spec.bins();
        Column bin = udf((UDF2<Long, Float, Integer>) (g, score) -> {
            float[] lohi = range.get(g);
            return Budgets.bin(score, lohi[0], lohi[1], bins);
        }, DataTypes.IntegerType).apply(col(Ranks.GROUP), col("score"));
        Dataset<Row> binned = kept.withColumn("_bin", bin)
                .withColumn("_gb", col(Ranks.GROUP).multiply(bins).plus(col("_bin")))
                .drop(Ranks.GROUP);
        // bin sizes: at most groups × B rows reach the driver
        TreeMap<Long, long[]> binSizes = new TreeMap<>();
        for (Row r : binned.groupBy(col("_gb")).agg(count(lit(1))).collectAsList()) {
            long gb = r.getLong(0);
            binSizes.computeIfAbsent(Math.floorDiv(gb, bins), g -> new long[bins])[(int) Math.floorMod(gb, bins)] =
                    r.getLong(1);
        }
        HashMap<Long, Long> binQuota = new HashMap<>();
        binSizes.forEach((g, sizes) -> {
            long[] q = Budgets.binQuotas(sizes, quota.get(g));
            for (int b = 0; b < bins; b++) {
                binQuota.put(g * bins + b, q[b]);
            }
        });
        Dataset<Row> byKey = ranks.rank(binned, col("_gb"), col(KEY).asc(), col("id").asc()).rows();
        return keepRanks(byKey, zero(binQuota), binQuota);
    }

    static List<String> strategies() {
        return List.of("hard", "easy", "window", "random", "stratified", "calibrated");
    }
}
