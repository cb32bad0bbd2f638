package dev.winnow.spark;

import dev.winnow.WinnowException;
import dev.winnow.score.AtEpochScore;
import dev.winnow.score.Direction;
import dev.winnow.score.ScoreSpec;
import dev.winnow.score.Scores;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The aggregation scores of {@code dev.winnow.score} on Spark: one row (id, label, score) per example,
 * higher = harder, NaN where the example was never observed where the score looks (see
 * {@link MissingScores}). Nothing is collected to the driver.
 *
 * <p>Plan: read only the rows and the one signal column the score needs (filters on epoch and kind are
 * pushed into the Parquet scan), shuffle them by hash of id, sort each partition by (id, run, t) and
 * reduce each example's rows in one streaming pass ({@link ScoreKernel}). Over the wide layout
 * ({@link WideLayout}) the score reads only its observations' columns and reduces each row alone: no shuffle.
 */
public final class SparkScores {
    /** Schema of a score table. */
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("score", DataTypes.FloatType, false);

    /** The scores this module computes, for help texts and messages. */
    public static final String KNOWN = "el2n@E, grand@E, loss@E, entropy@E, least_confidence@E, margin@E, "
            + "forgetting, aum, cat@K";
    private static final Set<String> KNOWN_BASES = Set.of("el2n", "grand", "loss", "entropy", "least_confidence",
            "margin", "forgetting", "aum", "cat");

    private SparkScores() {
    }

    /** What a score reads and how it reduces it. */
    record Plan(String name, String signal, Column rows, Predicate<Observation> observations,
                ScoreKernel.Kind kind, Direction direction, String noRows) {
    }

    /**
     * The plan of a score spec such as {@code el2n@3}. The spec is read by the core's parser
     * ({@link ScoreSpec#parse}), so names, {@code @E} arguments and their messages are the core's; an
     * IllegalArgumentException (a usage error) for a spec it refuses or a score Spark does not compute.
     */
    static Plan plan(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no score given; Spark computes " + KNOWN);
        }
        String s = spec.strip();
        int at = s.indexOf('@');
        String base = at < 0 ? s : s.substring(0, at);
        if (!KNOWN_BASES.contains(base)) {
            boolean core = Scores.catalogue().stream().anyMatch(e -> e.name().equals(base));
            throw new IllegalArgumentException("score '" + s + "' is not computed on Spark"
                    + (core ? " (winnow score computes it from a store)" : "") + "; Spark computes " + KNOWN);
        }
        String name = ScoreSpec.parse(s).toString();
        Integer arg = at < 0 ? null : Integer.valueOf(name.substring(name.indexOf('@') + 1));
        Column epochE = arg == null ? null : col(DynamicsParquet.EPOCH).equalTo(lit(arg));
        Column presentation = col(DynamicsParquet.KIND).equalTo(lit(DynamicsParquet.PRESENTATION));
        Column checkpoint = col(DynamicsParquet.KIND).equalTo(lit(DynamicsParquet.CHECKPOINT));
        Predicate<Observation> atE = o -> arg != null && o.epoch() == arg;
        Predicate<Observation> presented = o -> o.kind() == ObservationKind.PRESENTATION;
        String noEpoch = "needs observations of epoch " + arg + ", but the data has none";
        String noPresentation = "needs presentation observations, but the data has none";
        Optional<AtEpochScore.Kind> atEpoch = AtEpochScore.Kind.named(base);
        if (atEpoch.isPresent()) {
            AtEpochScore.Kind k = atEpoch.get();
            return new Plan(name, k.signal(), epochE, atE, ScoreKernel.Kind.AT_EPOCH, k.direction(), noEpoch);
        }
        return switch (base) {
            case "forgetting" -> new Plan(name, "correct", presentation, presented, ScoreKernel.Kind.FORGETTING,
                    Direction.AS_IS, noPresentation);
            case "aum" -> new Plan(name, "logit_margin", presentation, presented, ScoreKernel.Kind.MEAN,
                    Direction.NEGATED, noPresentation);
            case "cat" -> new Plan(name, "loss", checkpoint.and(col(DynamicsParquet.EPOCH).leq(lit(arg))),
                    o -> o.kind() == ObservationKind.CHECKPOINT && o.epoch() <= arg, ScoreKernel.Kind.EXP_VARIANCE, Direction.AS_IS,
                    "needs checkpoint observations of epochs ≤ " + arg + ", but the data has none");
            default -> throw new IllegalStateException(base);
        };
    }

    /**
     * The score {@code spec} of every example of {@code dynamics}: (id long, label int, score float),
     * NaN where never observed. Fails with one line when a column or the observations it needs are missing.
     */
    public static Dataset<Row> compute(DynamicsParquet dynamics, String spec) {
        Plan p = plan(spec);
        if (dynamics.wide()) {
            return wide(dynamics, p);
        }
        Column value = dynamics.signal(p.signal, p.name);
        Dataset<Row> rows = dynamics.rows().filter(p.rows).select(
                col(DynamicsParquet.ID),
                col(DynamicsParquet.LABEL),
                col(DynamicsParquet.RUN),
                col(DynamicsParquet.T),
                col(DynamicsParquet.KIND).equalTo(lit(DynamicsParquet.CHECKPOINT)).as("checkpoint"),
                value.as("value"));
        if (rows.isEmpty()) {
            throw new WinnowException(dynamics.path() + ": score '" + p.name + "' " + p.noRows);
        }
        ScoreKernel kernel = new ScoreKernel(p.kind, p.direction, dynamics.path());
        return rows.repartition(col(DynamicsParquet.ID))
                .sortWithinPartitions(DynamicsParquet.ID, DynamicsParquet.RUN, DynamicsParquet.T)
                .mapPartitions(kernel, Encoders.row(SCHEMA));
    }

    /** The wide layout: the score's columns, in (run, t) order, reduced row by row; no shuffle. */
    private static Dataset<Row> wide(DynamicsParquet dynamics, Plan p) {
        String[] names = dynamics.rows().columns();
        List<WideLayout.Column> cols = WideLayout.select(names, p.signal, p.observations);
        if (cols.isEmpty()) {
            boolean hasSignal = !WideLayout.select(names, p.signal, o -> true).isEmpty();
            throw new WinnowException(dynamics.path() + ": score '" + p.name + "' " + (hasSignal ? p.noRows
                    : "needs signal '" + p.signal + "', which the data has no columns of"));
        }
        List<Column> select = new ArrayList<>(List.of(col(DynamicsParquet.ID), col(DynamicsParquet.LABEL)));
        int[] runs = new int[cols.size()];
        boolean[] checkpoints = new boolean[cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            WideLayout.Column c = cols.get(j);
            select.add(dynamics.signal(c.name(), p.name));
            runs[j] = c.observation().run();
            checkpoints[j] = c.checkpoint();
        }
        ScoreKernel.Wide kernel = new ScoreKernel.Wide(p.kind, p.direction, runs, checkpoints);
        return dynamics.rows().select(select.toArray(new Column[0])).mapPartitions(kernel, Encoders.row(SCHEMA));
    }
}
