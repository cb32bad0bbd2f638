package dev.winnow.spark;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every aggregation score on Spark equals the core's bit for bit, NaN decisions included, on a store with
 * two runs, skipped examples, NaN checkpoints and a run without checkpoints in odd epochs, under 1, 3 and 7
 * input partitions, in the long layout and in the wide one.
 */
class ScoresEqualCoreTest {
    private static DynamicsStore store;
    private static Dataset<Row> rows;
    private static Dataset<Row> wide;

    @BeforeAll
    static void data() {
        store = DynamicsStore.open(TestStores.sharedStore());
        rows = SharedSpark.get().read().parquet(TestStores.sharedParquet().toString());
        wide = SharedSpark.get().read().parquet(TestStores.sharedWideParquet().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"el2n@3", "grand@2", "loss@4", "entropy@1", "least_confidence@3", "margin@2",
                            "forgetting", "aum", "cat@3"})
    void sparkScoresWhatTheCoreScores(String spec) {
        float[] core = ScoreSpec.parse(spec).create(ScoreOptions.defaults()).compute(store);
        Map<Long, Integer> want = new HashMap<>();
        int nan = 0;
        for (int i = 0; i < core.length; i++) {
            want.put(store.ids()[i], Float.floatToIntBits(core[i]));
            nan += Float.isNaN(core[i]) ? 1 : 0;
        }
        assertThat(nan).as("some examples are never observed").isPositive().isLessThan(core.length / 10);
        for (int partitions : new int[] {1, 3, 7, -1, -3}) {
            // negative: the wide layout (one row per example) under |partitions| partitions
            Dataset<Row> in = partitions > 0 ? rows.repartition(partitions) : wide.repartition(-partitions);
            DynamicsParquet d = DynamicsParquet.of("test", in);
            assertThat(d.wide()).isEqualTo(partitions < 0);
            List<Row> got = SparkScores.compute(d, spec).collectAsList();
            Map<Long, Integer> bits = new HashMap<>();
            for (Row r : got) {
                assertThat(r.getInt(1)).isEqualTo(store.labels()[indexOf(r.getLong(0))]);
                bits.put(r.getLong(0), Float.floatToIntBits(r.getFloat(2)));
            }
            assertThat(got).hasSize(core.length);
            assertThat(bits).as("%s under %d partitions", spec, partitions).isEqualTo(want);
        }
    }

    private static Map<Long, Integer> index;

    private static synchronized int indexOf(long id) {
        if (index == null) {
            index = new HashMap<>();
            for (int i = 0; i < store.ids().length; i++) {
                index.put(store.ids()[i], i);
            }
        }
        return index.get(id);
    }
}
