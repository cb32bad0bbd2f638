package dev.winnow.spark;

import dev.winnow.WinnowException;
import dev.winnow.cli.base.ErrorHandler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parquet that is not dynamics in the long format: one line that names the file and the column. */
class BadParquetTest {
    @TempDir
    static Path dir;
    private static Dataset<Row> good;

    @BeforeAll
    static void data() {
        SparkSession spark = SharedSpark.get();
        good = spark.range(20).select(lit(0).as("run"), lit(1).as("epoch"), lit("checkpoint").as("kind"),
                col("id"), col("id").mod(3).cast("int").as("label"), col("id").cast("float").as("el2n"));
    }

    private static String write(String name, Dataset<Row> df) {
        String p = dir.resolve(name).toString();
        df.write().parquet(p);
        return p;
    }

    private static WinnowException fails(Runnable r) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(r::run);
        assertThat(t).isInstanceOf(WinnowException.class);
        assertThat(t.getMessage()).doesNotContain("\n");
        return (WinnowException) t;
    }

    @Test
    void theGoodOneScores() {
        String p = write("good", good);
        assertThat(SparkScores.compute(DynamicsParquet.read(SharedSpark.get(), p), "el2n@1").count()).isEqualTo(20);
    }

    @Test
    void aMissingKeyColumnIsNamed() {
        String p = write("nolabel", good.drop("label"));
        WinnowException e = fails(() -> DynamicsParquet.read(SharedSpark.get(), p));
        assertThat(e.getMessage()).contains(p).contains("column 'label' is missing");
    }

    @Test
    void aKeyColumnOfTheWrongTypeIsNamed() {
        String p = write("stringlabel", good.withColumn("label", col("label").cast("string")));
        WinnowException e = fails(() -> DynamicsParquet.read(SharedSpark.get(), p));
        assertThat(e.getMessage()).contains(p).contains("column 'label' has type string, expected an integer");
    }

    @Test
    void aKindThatIsNotTextIsNamed() {
        String p = write("intkind", good.withColumn("kind", lit(1)));
        WinnowException e = fails(() -> DynamicsParquet.read(SharedSpark.get(), p));
        assertThat(e.getMessage()).contains("column 'kind' has type int");
    }

    @Test
    void aMissingSignalIsNamedWithTheScore() {
        String p = write("nosignal", good);
        DynamicsParquet d = DynamicsParquet.read(SharedSpark.get(), p);
        WinnowException e = fails(() -> SparkScores.compute(d, "loss@1"));
        assertThat(e.getMessage()).contains("score 'loss@1' needs signal column 'loss', which is missing");
    }

    @Test
    void aSignalOfTheWrongTypeIsNamed() {
        String p = write("stringsignal", good.withColumn("el2n", col("el2n").cast("string")));
        DynamicsParquet d = DynamicsParquet.read(SharedSpark.get(), p);
        WinnowException e = fails(() -> SparkScores.compute(d, "el2n@1"));
        assertThat(e.getMessage()).contains("signal column 'el2n' has type string, expected float");
    }

    @Test
    void anEpochTheDataDoesNotHaveIsAnError() {
        String p = write("epoch1", good.withColumn("correct", lit(1f)));
        DynamicsParquet d = DynamicsParquet.read(SharedSpark.get(), p);
        WinnowException e = fails(() -> SparkScores.compute(d, "el2n@3"));
        assertThat(e.getMessage()).contains("needs observations of epoch 3");
        assertThat(fails(() -> SparkScores.compute(d, "forgetting")).getMessage())
                .contains("needs presentation observations");
    }

    @Test
    void aFileThatIsNotParquetOrNotThereIsOneLine() throws IOException {
        Path text = dir.resolve("text.parquet");
        Files.writeString(text, "id,label\n1,2\n");
        WinnowException e = fails(() -> DynamicsParquet.read(SharedSpark.get(), text.toString()));
        assertThat(e.getMessage()).startsWith(text + ": cannot read as Parquet");
        WinnowException absent = fails(() -> DynamicsParquet.read(SharedSpark.get(), dir.resolve("nope").toString()));
        assertThat(absent.getMessage()).contains("nope: cannot read as Parquet");
    }

    @Test
    void twoLabelsForOneExampleAreRefused() {
        Dataset<Row> twice = good.union(good.withColumn("run", lit(1)).withColumn("label", lit(7)));
        DynamicsParquet d = DynamicsParquet.of("mixed", twice);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> SparkScores.compute(d, "el2n@1").collectAsList());
        assertThat(ErrorHandler.userError(t)).isInstanceOf(WinnowException.class)
                .hasMessageContaining("mixed: example id").hasMessageContaining("has two labels");
    }
}
