package dev.winnow.spark;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store → wide Parquet export: one row per example in store order, every value bit for bit, names that parse back. */
class WideExportTest {
    @TempDir
    static Path dir;
    private static DynamicsStore store;
    private static Path parquet;

    @BeforeAll
    static void export() {
        store = DynamicsStore.open(TestStores.write(dir.resolve("store"), 300, 7));
        parquet = dir.resolve("wide.parquet");
        List<String> progress = new ArrayList<>();
        assertThat(WideExport.export(store.dir(), parquet, false, progress::add)).isEqualTo(300);
        assertThat(progress).containsExactly("export: examples 0 to 299 of 300 (file 1 of 1)");
    }

    @Test
    void columnNamesDescribeTheirObservation() {
        Observation o = new Observation(1, 12, ObservationKind.PRESENTATION);
        String name = WideLayout.name("logit_margin", 37, o);
        assertThat(name).isEqualTo("logit_margin_t37_run1_epoch12_presentation");
        assertThat(WideLayout.parse(name)).isEqualTo(new WideLayout.Column(name, "logit_margin", 37, o));
        assertThat(WideLayout.parse("label")).isNull();
        assertThat(WideLayout.isWide(new String[] {"id", "label", name})).isTrue();
        assertThat(WideLayout.isWide(new String[] {"id", "label", "kind", name})).isFalse();
    }

    @Test
    void everyValueIsTheStoresBitForBitInStoreOrder() {
        var df = SharedSpark.get().read().parquet(parquet.toString());
        StructType schema = df.schema();
        int signals = store.manifest().signals().size();
        assertThat(schema.fieldNames()).hasSize(2 + store.observations().size() * signals)
                .startsWith("id", "label");
        assertThat(schema.apply("id").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(Files.exists(parquet.resolve("_manifest.json"))).isTrue();
        List<Row> rows = df.collectAsList(); // one file, one partition: store order
        assertThat(rows).hasSize(store.examples());
        int nan = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            assertThat(r.getLong(0)).isEqualTo(store.ids()[i]);
            assertThat(r.getInt(1)).isEqualTo(store.labels()[i]);
            for (int t = 0; t < store.observations().size(); t++) {
                for (String s : store.manifest().signals()) {
                    float want = store.signal(s, t).get(i);
                    String name = WideLayout.name(s, t, store.observations().get(t));
                    assertThat(Float.floatToRawIntBits(r.getFloat(r.fieldIndex(name))))
                            .as("%s of id %d", name, store.ids()[i]).isEqualTo(Float.floatToRawIntBits(want));
                    nan += Float.isNaN(want) ? 1 : 0;
                }
            }
        }
        assertThat(nan).as("the test store has unobserved examples").isPositive();
    }

    @Test
    void aScoreWithoutItsColumnsIsOneLine() {
        DynamicsParquet d = DynamicsParquet.read(SharedSpark.get(), parquet.toString());
        assertThat(d.wide()).isTrue();
        assertThatThrownBy(() -> SparkScores.compute(d, "el2n@9"))
                .isInstanceOf(WinnowException.class)
                .hasMessage(parquet + ": score 'el2n@9' needs observations of epoch 9, but the data has none");
        assertThatThrownBy(() -> WideExport.export(store.dir(), parquet, false, s -> { }))
                .isInstanceOf(WinnowException.class).hasMessageContaining("already exists (use --force");
    }
}
