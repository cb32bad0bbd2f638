package dev.winnow.spark;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.Observation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store → Parquet export: schema, one row per (observation, example), values bit for bit. */
class ParquetExportTest {
    @TempDir
    static Path dir;
    private static DynamicsStore store;
    private static Path parquet;

    @BeforeAll
    static void export() {
        store = DynamicsStore.open(TestStores.write(dir.resolve("store"), 300, 7));
        parquet = dir.resolve("dyn.parquet");
        List<String> progress = new ArrayList<>();
        long rows = ParquetExport.export(store.dir(), parquet, false, progress::add);
        assertThat(rows).isEqualTo((long) store.observations().size() * store.examples());
        assertThat(progress).hasSize(store.observations().size());
    }

    @Test
    void theSchemaIsTheDocumentedOne() {
        StructType schema = SharedSpark.get().read().parquet(parquet.toString()).schema();
        assertThat(schema.fieldNames()).startsWith("run", "epoch", "kind", "t", "id", "label");
        assertThat(schema.apply("run").dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat(schema.apply("kind").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(schema.apply("id").dataType()).isEqualTo(DataTypes.LongType);
        for (String s : store.manifest().signals()) {
            assertThat(schema.apply(s).dataType()).isEqualTo(DataTypes.FloatType);
        }
        assertThat(Files.exists(parquet.resolve("_manifest.json"))).isTrue();
        assertThat(Files.exists(parquet.resolve("part-00000.parquet"))).isTrue();
    }

    @Test
    void everyValueIsTheStoresBitForBit() {
        Dataset<Row> df = SharedSpark.get().read().parquet(parquet.toString());
        assertThat(df.count()).isEqualTo((long) store.observations().size() * store.examples());
        int t = 5;
        Observation o = store.observations().get(t);
        List<Row> rows = df.filter(col("t").equalTo(t)).orderBy("id").collectAsList();
        assertThat(rows).hasSize(store.examples());
        long[] ids = store.ids();
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b]));
        int nan = 0;
        for (int j = 0; j < rows.size(); j++) {
            Row r = rows.get(j);
            int i = order[j];
            assertThat(r.getLong(r.fieldIndex("id"))).isEqualTo(ids[i]);
            assertThat(r.getInt(r.fieldIndex("label"))).isEqualTo(store.labels()[i]);
            assertThat(r.getInt(r.fieldIndex("run"))).isEqualTo(o.run());
            assertThat(r.getInt(r.fieldIndex("epoch"))).isEqualTo(o.epoch());
            assertThat(r.getString(r.fieldIndex("kind"))).isEqualTo(o.kind().json());
            for (String s : store.manifest().signals()) {
                float want = store.signal(s, t).get(i);
                assertThat(Float.floatToRawIntBits(r.getFloat(r.fieldIndex(s))))
                        .as("%s of id %d", s, ids[i]).isEqualTo(Float.floatToRawIntBits(want));
                nan += Float.isNaN(want) ? 1 : 0;
            }
        }
        assertThat(nan).as("the test store has unobserved examples").isPositive();
    }

    @Test
    void anExistingOutputIsRefusedWithoutForce() {
        assertThatThrownBy(() -> ParquetExport.export(store.dir(), parquet, false, s -> { }))
                .isInstanceOf(WinnowException.class).hasMessageContaining("already exists (use --force");
        assertThatThrownBy(() -> ParquetExport.export(dir.resolve("nostore"), dir.resolve("x"), false, s -> { }))
                .isInstanceOf(WinnowException.class).hasMessageContaining("no such dynamics store");
    }
}
