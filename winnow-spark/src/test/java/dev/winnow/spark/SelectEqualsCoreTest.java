package dev.winnow.spark;

import dev.winnow.io.ScoreTable;
import dev.winnow.score.MissingPolicy;
import dev.winnow.select.Budget;
import dev.winnow.select.KeepList;
import dev.winnow.select.SelectOptions;
import dev.winnow.select.Selector;
import dev.winnow.select.Strategy;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every strategy, with and without class-balanced, gives the core's keep-list and weights on the same
 * scores and seed, under 1, 3 and 7 partitions. The scores are forgetting counts of a synthetic store
 * (integers: ties everywhere, so the key and id tie-breaks decide) and el2n (continuous, for the bins).
 */
class SelectEqualsCoreTest {
    private static ScoreTable forgetting;
    private static ScoreTable el2n;

    @BeforeAll
    static void scores() {
        Path parquet = TestStores.sharedParquet();
        DynamicsParquet d = DynamicsParquet.read(SharedSpark.get(), parquet.toString());
        forgetting = table(MissingScores.resolve(SparkScores.compute(d, "forgetting"),
                MissingPolicy.HARDEST, "forgetting", "test"));
        el2n = table(MissingScores.resolve(SparkScores.compute(d, "el2n@3"),
                MissingPolicy.EASIEST, "el2n@3", "test"));
    }

    private static ScoreTable table(Dataset<Row> df) {
        List<Row> rows = df.collectAsList();
        long[] ids = new long[rows.size()];
        int[] labels = new int[rows.size()];
        float[] s = new float[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rows.get(i).getLong(0);
            labels[i] = rows.get(i).getInt(1);
            s[i] = rows.get(i).getFloat(2);
        }
        return new ScoreTable(ids, labels, s);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        Budget keep = new Budget.Fraction(0.3);
        List<SelectOptions> options = List.of(
                SelectOptions.of(Strategy.HARD, keep, 42),
                SelectOptions.of(Strategy.EASY, keep, 42),
                SelectOptions.of(Strategy.WINDOW, keep, 42).withOffset(0.1),
                SelectOptions.of(Strategy.RANDOM, new Budget.Count(777), 42),
                SelectOptions.of(Strategy.STRATIFIED, keep, 42).withBins(7).withDropHardest(0.05),
                SelectOptions.of(Strategy.CALIBRATED, keep, 42).withAlpha(0.3));
        for (SelectOptions o : options) {
            for (boolean balanced : new boolean[] {false, true}) {
                out.add(Arguments.of(o.withClassBalanced(balanced), "forgetting"));
            }
        }
        out.add(Arguments.of(SelectOptions.of(Strategy.STRATIFIED, keep, 3).withBins(50), "el2n"));
        out.add(Arguments.of(SelectOptions.of(Strategy.HARD, new Budget.Fraction(0.5), 3).withClassBalanced(true), "el2n"));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void sparkKeepsWhatTheCoreKeeps(SelectOptions options, String score) {
        ScoreTable t = score.equals("el2n") ? el2n : forgetting;
        KeepList core = Selector.select(t, options);
        List<String> want = new ArrayList<>();
        for (int i = 0; i < core.size(); i++) {
            want.add(core.id(i) + "," + KeepList.formatWeight(core.weight(i)));
        }
        assertThat(want).hasSizeGreaterThan(100);
        for (int partitions : new int[] {1, 3, 7}) {
            assertThat(spark(t, options, partitions)).as("%d partitions", partitions).isEqualTo(want);
        }
    }

    static List<String> spark(ScoreTable t, SelectOptions options, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            rows.add(RowFactory.create(t.ids()[i], t.labels()[i], t.scores()[i]));
        }
        Dataset<Row> df = SharedSpark.get().createDataFrame(rows, SparkScores.SCHEMA).repartition(partitions);
        Ranks ranks = new Ranks();
        try {
            return SparkSelect.select(df, options, ranks).collectAsList().stream()
                    .sorted(java.util.Comparator.comparingLong(r -> r.getLong(0)))
                    .map(r -> r.getLong(0) + "," + KeepList.formatWeight(r.getDouble(1))).toList();
        } finally {
            ranks.release();
        }
    }
}
