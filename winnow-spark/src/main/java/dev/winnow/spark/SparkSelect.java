package dev.winnow.spark;

import dev.winnow.WinnowException;
import dev.winnow.select.Budget;
import dev.winnow.select.Quotas;
import dev.winnow.select.SelectOptions;
import dev.winnow.select.Selector;
import dev.winnow.select.Strategy;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * Selection on Spark with the exact rules of DESIGN.md, so the keep-list and weights equal the core's
 * ({@link Selector}) for the same scores and options, whatever the partitioning. It takes the core's
 * {@link SelectOptions}, budget, class quotas ({@link Quotas}), bins and bin allocation
 * ({@link Selector#binOf}, {@link Selector#allocate}) and random keys; what is Spark's own is how ranks
 * are found: a range-partitioned sort over the core's total orders ({@link Ranks}) —
 * hard: (score desc, key unsigned, id), easy: (score, key, id), key order: (key, id) — with the group
 * (0, the class, or class × bin) first.
 *
 * <p>Input: a score table (id, label, score); output: (id long, weight double), one row per kept example,
 * in no particular order. The driver collects only counts per partition and group, and min/max per group.
 */
public final class SparkSelect {
    private static final String KEY = "_key";
    private static final String SCORE_KEY = "_sk";

    private SparkSelect() {
    }

    /** What the first job learns besides the ranks: group sizes, and the ids of a NaN and an infinite score. */
    private record Facts(TreeMap<Long, Long> sizes, Long nanId, Long infId) {
        static List<Column> aggregates() {
            return List.of(min(when(isnan(col("score")), col("id"))),
                    min(when(col("score").isin(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY), col("id"))));
        }

        /** From rows (…, group at {@code g}, count at g+1, NaN id, infinite id). */
        static Facts of(List<Row> rows, int g) {
            TreeMap<Long, Long> sizes = new TreeMap<>();
            Long nan = null;
            Long inf = null;
            for (Row r : rows) {
                sizes.merge(r.getLong(g), r.getLong(g + 1), Long::sum);
                nan = minId(nan, r, g + 2);
                inf = minId(inf, r, g + 3);
            }
            return new Facts(sizes, nan, inf);
        }

        private static Long minId(Long acc, Row r, int i) {
            return r.isNullAt(i) ? acc : Long.valueOf(acc == null ? r.getLong(i) : Math.min(acc, r.getLong(i)));
        }
    }

    /** Budget and quota of each group, after the checks the core makes, in the core's order. */
    private record Plan(TreeMap<Long, Long> sizes, Map<Long, Long> quota) {
        static Plan of(Facts f, SelectOptions spec) {
            long n = f.sizes.values().stream().mapToLong(Long::longValue).sum();
            if (n == 0) {
                throw new WinnowException("no examples to select from");
            }
            if (n > Integer.MAX_VALUE) {
                throw new WinnowException(n + " examples: selection is defined for at most 2^31 - 1 examples");
            }
            int k = spec.resolve((int) n);
            if (f.nanId != null && spec.strategy() != Strategy.RANDOM) {
                throw new WinnowException("score of example id " + f.nanId + " is NaN");
            }
            if (f.infId != null && spec.strategy() == Strategy.STRATIFIED) {
                throw new WinnowException("stratified needs finite scores; example id " + f.infId + " has an infinite one");
            }
            if (!spec.classBalanced()) {
                return new Plan(f.sizes, Map.of(0L, (long) k));
            }
            int[] s = f.sizes.values().stream().mapToInt(Long::intValue).toArray();
            int[] q = Quotas.largestRemainder(k, s);
            Map<Long, Long> quota = new HashMap<>();
            int c = 0;
            for (Long label : f.sizes.keySet()) {
                quota.put(label, (long) q[c++]);
            }
            return new Plan(f.sizes, quota);
        }
    }

    /**
     * The keep-list of {@code spec} over {@code scores} (id, label, score): rows (id, weight). Fails as the
     * core does: IllegalArgumentException when the budget does not fit (a usage error), WinnowException for a
     * NaN score (but with random) or an infinite one with stratified.
     */
    public static Dataset<Row> select(Dataset<Row> scores, SelectOptions spec, Ranks ranks) {
        long seed = spec.seed();
        Column key = udf((UDF1<Long, Long>) id -> Keys.sortable(seed, id), DataTypes.LongType).apply(col("id"));
        Column scoreKey = udf((UDF1<Float, Integer>) Keys::sortable, DataTypes.IntegerType).apply(col("score"));
        Dataset<Row> s = scores.select(col("id"), col("label"), col("score"), key.as(KEY), scoreKey.as(SCORE_KEY));
        Column group = spec.classBalanced() ? col("label") : lit(0L);
        Column[] hardest = {col(SCORE_KEY).desc(), col(KEY).asc(), col("id").asc()};
        Column[] easiest = {col(SCORE_KEY).asc(), col(KEY).asc(), col("id").asc()};
        Column[] byKey = {col(KEY).asc(), col("id").asc()};
        return switch (spec.strategy()) {
            case RANDOM -> {
                Dataset<Row> g = s.withColumn(Ranks.GROUP, group.cast(DataTypes.LongType));
                List<Column> aggs = Facts.aggregates();
                Plan p = Plan.of(Facts.of(g.groupBy(col(Ranks.GROUP)).agg(count(lit(1)),
                        aggs.toArray(new Column[0])).collectAsList(), 0), spec);
                yield smallestKeys(g, Ranks.GROUP, p.sizes, p.quota, byKey, ranks);
            }
            case HARD, EASY -> {
                Column[] order = spec.strategy() == Strategy.HARD ? hardest : easiest;
                Ranks.Ranked r = ranks.rank(s, group, Facts.aggregates(), order);
                Plan p = Plan.of(Facts.of(r.stats(), 1), spec);
                yield keepRanks(r.rows(), zero(p.quota), p.quota);
            }
            case WINDOW -> {
                Ranks.Ranked r = ranks.rank(s, group, Facts.aggregates(), hardest);
                Plan p = Plan.of(Facts.of(r.stats(), 1), spec);
                Map<Long, Long> from = new HashMap<>();
                Map<Long, Long> to = new HashMap<>();
                p.sizes.forEach((g, size) -> {
                    long q = p.quota.get(g);
                    long o = Math.min(Budget.floorTimes(spec.offset(), size), size - q);
                    from.put(g, o);
                    to.put(g, o + q);
                });
                yield keepRanks(r.rows(), from, to);
            }
            case CALIBRATED -> calibrated(s, spec, group, hardest, byKey, ranks);
            case STRATIFIED -> stratified(s, spec, group, hardest, byKey, ranks);
            case MODERATE, KCENTER, D2 -> throw new IllegalArgumentException(spec.strategy()
                    + " selects on features, which the Spark selection does not read");
        };
    }

    private static Map<Long, Long> zero(Map<Long, Long> quota) {
        Map<Long, Long> z = new HashMap<>();
        quota.keySet().forEach(g -> z.put(g, 0L));
        return z;
    }

    /** Rows whose rank in their group is in [from, to), weight 1. */
    private static Dataset<Row> keepRanks(Dataset<Row> ranked, Map<Long, Long> from, Map<Long, Long> to) {
        return ranked.filter(rankIn(from, to)).select(col("id"), lit(1.0).as("weight"));
    }

    /** Whether the row's rank is in [from(group), to(group)). */
    private static Column rankIn(Map<Long, Long> from, Map<Long, Long> to) {
        HashMap<Long, Long> lo = new HashMap<>(from);
        HashMap<Long, Long> hi = new HashMap<>(to);
        return udf((UDF2<Long, Long, Boolean>) (g, r) -> r >= lo.getOrDefault(g, 0L) && r < hi.getOrDefault(g, 0L),
                DataTypes.BooleanType).apply(col(Ranks.GROUP), col(Ranks.RANK));
    }

    /** k_s = ⌊α·k⌋ hardest, then k_r = k − k_s smallest keys of the rest, each weighing (N − k_s)/k_r. */
    private static Dataset<Row> calibrated(Dataset<Row> s, SelectOptions spec, Column group, Column[] hardest,
                                           Column[] byKey, Ranks ranks) {
        Ranks.Ranked byScore = ranks.rank(s, group, Facts.aggregates(), hardest);
        Plan p = Plan.of(Facts.of(byScore.stats(), 1), spec);
        HashMap<Long, Long> hardCount = new HashMap<>();
        HashMap<Long, Long> randomCount = new HashMap<>();
        HashMap<Long, Double> weight = new HashMap<>();
        p.sizes.forEach((g, size) -> {
            long q = p.quota.get(g);
            long ks = Budget.floorTimes(spec.alpha(), q);
            long kr = q - ks;
            hardCount.put(g, ks);
            randomCount.put(g, kr);
            weight.put(g, kr == 0 ? 1.0 : (double) (size - ks) / (double) kr);
        });
        Column isHard = rankIn(zero(hardCount), hardCount);
        Dataset<Row> hard = byScore.rows().filter(isHard).select(col("id"), lit(1.0).as("weight"));
        Dataset<Row> rest = byScore.rows().filter(not(isHard))
                .select(col("id"), col("label"), col("score"), col(KEY), col(SCORE_KEY), col(Ranks.GROUP).as("_g0"));
        Dataset<Row> random = ranks.rank(rest, col("_g0"), List.of(), byKey).rows();
        Column w = udf((UDF1<Long, Double>) weight::get, DataTypes.DoubleType).apply(col(Ranks.GROUP));
        Dataset<Row> picked = random.filter(rankIn(zero(randomCount), randomCount)).select(col("id"), w.as("weight"));
        return hard.unionByName(picked);
    }

    /**
     * Drop the hardest ⌊β·N⌋ (at most N − k), split [lo, hi] of the rest into B equal-width bins
     * ({@link Selector#binOf}), give each bin its share ({@link Selector#allocate}), and take the smallest
     * keys inside each bin.
     */
    private static Dataset<Row> stratified(Dataset<Row> s, SelectOptions spec, Column group, Column[] hardest,
                                           Column[] byKey, Ranks ranks) {
        Dataset<Row> kept;
        Plan p;
        HashMap<Long, float[]> range = new HashMap<>();
        List<Column> minMax = List.of(min(col("score")), max(col("score")));
        if (spec.dropHardest() > 0) {
            Ranks.Ranked byScore = ranks.rank(s, group, Facts.aggregates(), hardest);
            Plan plan = Plan.of(Facts.of(byScore.stats(), 1), spec);
            HashMap<Long, Long> drop = new HashMap<>();
            plan.sizes.forEach((g, size) -> drop.put(g, Math.min(Budget.floorTimes(spec.dropHardest(), size),
                    size - plan.quota.get(g))));
            kept = byScore.rows().filter(not(rankIn(zero(drop), drop))).drop(Ranks.RANK);
            // score range of what is left in each group: one row per group reaches the driver
            for (Row r : kept.groupBy(col(Ranks.GROUP)).agg(minMax.get(0), minMax.get(1)).collectAsList()) {
                range.put(r.getLong(0), new float[] {r.getFloat(1), r.getFloat(2)});
            }
            p = plan;
        } else {
            kept = s.withColumn(Ranks.GROUP, group.cast(DataTypes.LongType));
            List<Column> aggs = new ArrayList<>(minMax);
            aggs.add(0, count(lit(1)));
            aggs.addAll(Facts.aggregates());
            List<Row> rows = kept.groupBy(col(Ranks.GROUP)).agg(aggs.get(0), aggs.subList(1, aggs.size())
                    .toArray(new Column[0])).collectAsList();
            // rows: group, count, min, max, NaN id, infinite id
            p = Plan.of(Facts.of(rows.stream().map(r -> RowFactory.create(r.get(0), r.get(1),
                    r.get(4), r.get(5))).toList(), 0), spec);
            for (Row r : rows) {
                range.put(r.getLong(0), new float[] {r.getFloat(2), r.getFloat(3)});
            }
        }
        int bins = spec.bins();
        Column bin = udf((UDF2<Long, Float, Integer>) (g, score) -> {
            float[] lohi = range.get(g);
            return Selector.binOf(score, lohi[0], lohi[1], bins);
        }, DataTypes.IntegerType).apply(col(Ranks.GROUP), col("score"));
        Dataset<Row> binned = kept.withColumn("_gb", col(Ranks.GROUP).multiply(bins).plus(bin)).drop(Ranks.GROUP);
        // the bin sizes (one small aggregate), each bin's share, then its smallest keys
        TreeMap<Long, Long> gbSizes = new TreeMap<>();
        for (Row row : binned.groupBy(col("_gb")).agg(count(lit(1))).collectAsList()) {
            gbSizes.put(row.getLong(0), row.getLong(1));
        }
        TreeMap<Long, int[]> binSizes = new TreeMap<>();
        gbSizes.forEach((gb, size) ->
                binSizes.computeIfAbsent(Math.floorDiv(gb, bins), g -> new int[bins])[(int) Math.floorMod(gb, bins)] =
                        (int) (long) size);
        HashMap<Long, Long> binQuota = new HashMap<>();
        binSizes.forEach((g, sizes) -> {
            int[] q = Selector.allocate(sizes, (int) (long) p.quota.get(g));
            for (int b = 0; b < bins; b++) {
                binQuota.put(g * bins + b, (long) q[b]);
            }
        });
        return smallestKeys(binned, "_gb", gbSizes, binQuota, byKey, ranks);
    }

    /**
     * The rows with the {@code quota[g]} smallest keys of each group {@code g} of the long column
     * {@code group}, weight 1: cut without sorting ({@link KeyCut}), or, when its band misses, by ranking.
     */
    private static Dataset<Row> smallestKeys(Dataset<Row> rows, String group, Map<Long, Long> sizes,
                                             Map<Long, Long> quota, Column[] byKey, Ranks ranks) {
        Dataset<Row> cut = KeyCut.cut(rows, group, KEY, sizes, quota);
        if (cut != null) {
            return cut.select(col("id"), lit(1.0).as("weight"));
        }
        Ranks.Ranked r = ranks.rank(rows.withColumnRenamed(group, "_g0"), col("_g0"), List.of(), byKey);
        return keepRanks(r.rows(), zero(quota), quota);
    }
}
