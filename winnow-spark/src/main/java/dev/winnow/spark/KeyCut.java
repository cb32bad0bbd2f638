package dev.winnow.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

/**
 * The {@code q} smallest random keys of each group without sorting: the exact rows the key order
 * (key unsigned, then id) ranks below {@code q}, found with one count pass and one small collect. Random keys
 * are uniform, so the q-th smallest of n lies near {@code q/n} of the key range: a band around it, a few
 * standard deviations wide, holds the cut with near certainty; one job counts each group's rows below the
 * band and brings the rows inside it (about {@code 8·√q} per group) to the driver, which places the cut
 * exactly. When a band misses (rare), {@link #cut} returns null and the caller ranks by sorting instead.
 */
final class KeyCut {
    /** Standard deviations on each side of the expected cut. */
    private static final double WIDTH = 4.0;
    private static final double RANGE = 0x1p64;

    private KeyCut() {
    }

    /**
     * Rows of {@code rows} whose (key, id) is among the {@code quota[g]} smallest of their group {@code g};
     * {@code sizes}: the rows per group. Columns: the long group {@code group}, the sortable key {@code key}
     * ({@link Keys#sortable(long, long)}) and {@code id}. Null when a band missed its cut.
     */
    static Dataset<Row> cut(Dataset<Row> rows, String group, String key, Map<Long, Long> sizes,
                            Map<Long, Long> quota) {
        return cut(rows, group, key, sizes, quota, WIDTH, 16);
    }

    /** {@link #cut} with a band of {@code width} standard deviations plus {@code slack} rows on each side. */
    static Dataset<Row> cut(Dataset<Row> rows, String group, String key, Map<Long, Long> sizes,
                            Map<Long, Long> quota, double width, double slack) {
        HashMap<Long, long[]> band = new HashMap<>(); // g -> {lo, hi} in signed key order, inclusive
        sizes.forEach((g, n) -> {
            long q = quota.getOrDefault(g, 0L);
            if (q > 0 && q < n) {
                double p = (double) q / n;
                double m = (width * Math.sqrt(q * (1 - p)) + slack) / n;
                band.put(g, new long[] {at(p - m), at(p + m)});
            }
        });
        HashMap<Long, Long> all = new HashMap<>();
        quota.forEach((g, q) -> all.put(g, q >= sizes.getOrDefault(g, 0L) ? 1L : 0L));
        // zone: 0 below the band (kept), 1 inside it, 2 above it or in a group that keeps nothing
        Column zone = udf((UDF3<Long, Long, Long, Integer>) (g, k, id) -> {
            long[] b = band.get(g);
            if (b == null) {
                return all.getOrDefault(g, 0L) == 1L ? 0 : 2;
            }
            return k < b[0] ? 0 : k <= b[1] ? 1 : 2;
        }, DataTypes.IntegerType).apply(col(group), col(key), col("id"));
        Dataset<Row> zoned = rows.withColumn("_zone", zone);
        HashMap<Long, Long> below = new HashMap<>();
        for (Row r : zoned.filter(col("_zone").equalTo(0)).groupBy(col(group)).agg(count(lit(1))).collectAsList()) {
            below.put(r.getLong(0), r.getLong(1));
        }
        Map<Long, List<long[]>> inside = new HashMap<>();
        for (Row r : zoned.filter(col("_zone").equalTo(1)).select(col(group), col(key), col("id")).collectAsList()) {
            inside.computeIfAbsent(r.getLong(0), g -> new ArrayList<>()).add(new long[] {r.getLong(1), r.getLong(2)});
        }
        // the first (key, id) of each group that is not kept; absent: the whole band is kept
        HashMap<Long, long[]> first = new HashMap<>();
        for (Map.Entry<Long, long[]> e : band.entrySet()) {
            long g = e.getKey();
            List<long[]> in = inside.getOrDefault(g, List.of());
            long need = quota.get(g) - below.getOrDefault(g, 0L);
            if (need < 0 || need > in.size()) {
                return null;
            }
            if (need < in.size()) {
                in.sort(Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
                first.put(g, in.get((int) need));
            }
        }
        Column kept = udf((UDF3<Long, Long, Long, Boolean>) (g, k, id) -> {
            long[] stop = first.get(g);
            return stop == null || k < stop[0] || (k == stop[0] && id < stop[1]);
        }, DataTypes.BooleanType).apply(col(group), col(key), col("id"));
        return zoned.filter(col("_zone").equalTo(0).or(col("_zone").equalTo(1).and(kept))).drop("_zone");
    }

    /** The signed sortable key at fraction {@code p} of the unsigned key range (clamped to the ends). */
    private static long at(double p) {
        if (p <= 0) {
            return Long.MIN_VALUE;
        }
        if (p >= 1) {
            return Long.MAX_VALUE;
        }
        return (long) Math.floor(p * RANGE - 0x1p63);
    }
}
