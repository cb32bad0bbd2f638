package dev.winnow.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Scores and keep-lists do not depend on how the input is partitioned. */
class PartitionInvarianceTest {
    @TempDir
    static Path dir;
    private static String parquet;

    @BeforeAll
    static void data() {
        Path store = TestStores.write(dir.resolve("store"), 2000, 11);
        parquet = dir.resolve("dyn.parquet").toString();
        ParquetExport.export(store, Path.of(parquet), false, s -> { });
    }

    static DynamicsParquet partitioned(int partitions) {
        Dataset<Row> rows = SharedSpark.get().read().parquet(parquet);
        return DynamicsParquet.of(parquet, rows.repartition(partitions));
    }

    static List<String> scores(int partitions, String spec) {
        return SparkScores.compute(partitioned(partitions), spec).orderBy("id").collectAsList().stream()
                .map(r -> r.getLong(0) + "," + r.getInt(1) + "," + Float.floatToRawIntBits(r.getFloat(2))).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"el2n@2", "forgetting", "cat@3"})
    void scoresAreTheSameUnderOneThreeAndSevenPartitions(String spec) {
        List<String> one = scores(1, spec);
        assertThat(one).hasSize(2000);
        assertThat(scores(3, spec)).isEqualTo(one);
        assertThat(scores(7, spec)).isEqualTo(one);
    }
}
