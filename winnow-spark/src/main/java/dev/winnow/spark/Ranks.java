package dev.winnow.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.apache.spark.sql.functions.udf;

/**
 * Ranks inside groups over a total order, without a window over one partition and without collecting
 * the rows: a range-partitioned sort by (group, order…), the position of each row inside its sorted
 * partition, and per-(partition, group) counts (small; the driver collects them) turned into offsets.
 * The sorted, numbered rows are persisted so the count job and the jobs after it see the same order;
 * {@link #release} frees them.
 */
final class Ranks {
    static final String GROUP = "_g";
    static final String RANK = "_r";
    private static final String PART = "_p";
    private static final String POS = "_i";

    private final List<Dataset<Row>> persisted = new ArrayList<>();
    private final PrintWriter explain;

    /** {@code explain}: where to print the physical plan of each ranking sort (the command's stderr), or null. */
    Ranks(PrintWriter explain) {
        this.explain = explain;
    }

    Ranks() {
        this(null);
    }

    /**
     * The result of {@link #rank}: rows with {@code _g} and {@code _r}; the size of each group; and per
     * (partition, group) the extra aggregates asked for (rows: _p, _g, count, extras…).
     */
    record Ranked(Dataset<Row> rows, TreeMap<Long, Long> groupSizes, List<Row> stats) {
    }

    /**
     * Adds {@code _g} (the long {@code group}) and {@code _r}, the 0-based rank of the row inside its group
     * under {@code order}, which must be total (end with the id). {@code extra} aggregates ride along with
     * the count job, for checks the caller would otherwise pay a job for.
     */
    Ranked rank(Dataset<Row> rows, Column group, List<Column> extra, Column... order) {
        Column[] sort = new Column[order.length + 1];
        sort[0] = col(GROUP).asc();
        System.arraycopy(order, 0, sort, 1, order.length);
        Dataset<Row> sorted = rows.withColumn(GROUP, group.cast(DataTypes.LongType)).sort(sort);
        // after the sort, partition p holds the p-th range of the order, itself sorted: number rows in place
        Dataset<Row> numbered = sorted.withColumn(PART, spark_partition_id())
                .withColumn(POS, monotonically_increasing_id().minus(shiftleft(col(PART).cast(DataTypes.LongType), 33)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        persisted.add(numbered);
        Plans.print(explain, "rank by " + Arrays.toString(sort), numbered);

        List<Column> aggs = new ArrayList<>(extra);
        List<Row> counts = numbered.groupBy(col(PART), col(GROUP))
                .agg(count(lit(1)), aggs.toArray(new Column[0])).collectAsList();
        TreeMap<Integer, Long> partSizes = new TreeMap<>();
        TreeMap<Long, Long> groupSizes = new TreeMap<>();
        for (Row r : counts) {
            partSizes.merge(r.getInt(0), r.getLong(2), Long::sum);
            groupSizes.merge(r.getLong(1), r.getLong(2), Long::sum);
        }
        int parts = partSizes.isEmpty() ? 0 : partSizes.lastKey() + 1;
        long[] partStart = new long[parts];
        long acc = 0;
        for (int p = 0; p < parts; p++) {
            partStart[p] = acc;
            acc += partSizes.getOrDefault(p, 0L);
        }
        TreeMap<Long, Long> groupStart = new TreeMap<>();
        acc = 0;
        for (Map.Entry<Long, Long> e : groupSizes.entrySet()) {
            groupStart.put(e.getKey(), acc);
            acc += e.getValue();
        }
        Column rank = udf((UDF3<Integer, Long, Long, Long>) (p, i, g) -> partStart[p] + i - groupStart.get(g),
                DataTypes.LongType).apply(col(PART), col(POS), col(GROUP));
        return new Ranked(numbered.withColumn(RANK, rank).drop(PART, POS), groupSizes, counts);
    }

    /** Releases everything {@link #rank} persisted. */
    void release() {
        persisted.forEach(Dataset::unpersist);
        persisted.clear();
    }
}
