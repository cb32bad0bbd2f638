package dev.winnow.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The scores on a handful of rows whose values are worked out by hand from the definitions. */
class SparkScoresGoldenTest {
    private static final float NAN = Float.NaN;
    private static DynamicsParquet dynamics;

    @BeforeAll
    static void rows() {
        SparkSession spark = SharedSpark.get();
        StructType schema = new StructType()
                .add("run", DataTypes.IntegerType).add("epoch", DataTypes.IntegerType)
                .add("kind", DataTypes.StringType).add("t", DataTypes.IntegerType)
                .add("id", DataTypes.LongType).add("label", DataTypes.IntegerType)
                .add("correct", DataTypes.FloatType).add("logit_margin", DataTypes.FloatType)
                .add("el2n", DataTypes.FloatType).add("loss", DataTypes.FloatType)
                .add("p_max", DataTypes.FloatType).add("top2_margin", DataTypes.FloatType);
        List<Row> rows = new ArrayList<>();
        // observations: run 0: t0 P e1, t1 C e1, t2 P e2, t3 C e2; run 1: t4 P e1, t5 P e2 (no checkpoints)
        Object[][] obs = {{0, 1, "presentation", 0}, {0, 1, "checkpoint", 1}, {0, 2, "presentation", 2},
                          {0, 2, "checkpoint", 3}, {1, 1, "presentation", 4}, {1, 2, "presentation", 5}};
        // id 10: correct, logit_margin, el2n, loss, p_max, top2_margin per observation
        float[][] a = {{1, 2, 0.2f, 0.1f, 0.9f, 0.8f}, {1, NAN, 0.5f, (float) Math.log(3), 0.6f, 0.2f},
                       {0, -1, 0.7f, 0.3f, 0.5f, 0.1f}, {0, NAN, NAN, (float) Math.log(5), NAN, NAN},
                       {0, NAN, 0.3f, 0.2f, 0.7f, 0.4f}, {1, 1, 0.9f, 0.4f, 0.8f, 0.6f}};
        // id 20: never observed anywhere
        float[] none = {NAN, NAN, NAN, NAN, NAN, NAN};
        // id 30: never correct: twice shown in run 0, once in run 1
        float[][] c = {{0, -2, 1f, 2f, 0.4f, 0f}, none, {0, -3, 1.2f, 2f, 0.4f, 0f}, none,
                       {0, -1, 1.1f, 2f, 0.5f, 0f}, {NAN, NAN, NAN, NAN, NAN, NAN}};
        for (int t = 0; t < obs.length; t++) {
            rows.add(row(obs[t], 10L, 0, a[t]));
            rows.add(row(obs[t], 20L, 1, none));
            rows.add(row(obs[t], 30L, 2, c[t]));
        }
        Dataset<Row> df = spark.createDataFrame(rows, schema);
        dynamics = DynamicsParquet.of("golden", df.repartition(3));
    }

    private static Row row(Object[] o, long id, int label, float[] v) {
        return RowFactory.create(o[0], o[1], o[2], o[3], id, label, v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    private static Map<Long, Float> score(String spec) {
        Map<Long, Float> out = new HashMap<>();
        for (Row r : SparkScores.compute(dynamics, spec).collectAsList()) {
            out.put(r.getLong(0), r.getFloat(2));
        }
        assertThat(out).hasSize(3);
        return out;
    }

    private static float mean(float x, float y) {
        return (float) (((double) x + (double) y) / 2);
    }

    @Test
    void atEpochTakesTheCheckpointElseTheLastPresentationAndAveragesRuns() {
        // epoch 2: run 0's checkpoint is NaN -> its presentation 0.7; run 1 has no checkpoint -> 0.9
        assertThat(score("el2n@2").get(10L)).isEqualTo(mean(0.7f, 0.9f));
        // epoch 1: run 0's checkpoint 0.5; run 1's presentation 0.3
        assertThat(score("el2n@1").get(10L)).isEqualTo(mean(0.5f, 0.3f));
        // id 30, epoch 2: run 0's presentation 1.2 (checkpoint NaN), run 1 not observed -> left out
        assertThat(score("el2n@2").get(30L)).isEqualTo(1.2f);
        assertThat(score("el2n@2").get(20L)).isNaN();
        assertThat(score("least_confidence@1").get(10L)).isEqualTo(1f - mean(0.6f, 0.7f));
        assertThat(score("margin@2").get(10L)).isEqualTo(-mean(0.1f, 0.6f));
        assertThat(score("loss@1").get(30L)).isEqualTo(2f);
    }

    @Test
    void forgettingCountsCorrectToIncorrectAndNeverCorrectCountsPresentations() {
        Map<Long, Float> f = score("forgetting");
        // run 0: 1 -> 0 is one forgetting event; run 1: 0 -> 1 none
        assertThat(f.get(10L)).isEqualTo(0.5f);
        // never correct: 2 presentations in run 0, 1 in run 1 (the NaN one skipped)
        assertThat(f.get(30L)).isEqualTo(1.5f);
        assertThat(f.get(20L)).isNaN();
    }

    @Test
    void aumIsMinusTheMeanMarginOverPresentationsAveragedOverRuns() {
        Map<Long, Float> aum = score("aum");
        // run 0: (2 + -1) / 2 = 0.5; run 1: NaN skipped, 1 -> mean 0.75, negated
        assertThat(aum.get(10L)).isEqualTo(-0.75f);
        // run 0: (-2 + -3) / 2 = -2.5; run 1: -1 -> mean -1.75, negated
        assertThat(aum.get(30L)).isEqualTo(1.75f);
    }

    @Test
    void catIsThePopulationVarianceOfPerplexityOverEarlyCheckpoints() {
        // run 0's checkpoints of epochs <= 2 have perplexities 3 and 5: variance 1; run 1 has none
        assertThat(score("cat@2").get(10L)).isCloseTo(1f, within(1e-5f));
        // only epoch 1: a single checkpoint, variance 0
        assertThat(score("cat@1").get(10L)).isEqualTo(0f);
        assertThat(score("cat@2").get(30L)).isNaN();
    }
}
