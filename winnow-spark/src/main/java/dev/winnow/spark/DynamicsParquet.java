package dev.winnow.spark;

import dev.winnow.WinnowException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Dynamics in Parquet, in the long format (see the package documentation for the schema) or the wide one
 * ({@link WideLayout}, told apart by its column names): reading with checks
 * that name the file and the column, and the canonical column types the scores rely on.
 */
public final class DynamicsParquet {
    public static final String RUN = "run";
    public static final String EPOCH = "epoch";
    public static final String KIND = "kind";
    public static final String T = "t";
    public static final String ID = "id";
    public static final String LABEL = "label";
    public static final String CHECKPOINT = "checkpoint";
    public static final String PRESENTATION = "presentation";

    private static final List<String> KEYS = List.of(RUN, EPOCH, KIND, ID, LABEL);

    private final String path;
    private final Dataset<Row> rows;

    private final boolean wide;

    private DynamicsParquet(String path, Dataset<Row> rows, boolean wide) {
        this.path = path;
        this.rows = rows;
        this.wide = wide;
    }

    /**
     * Opens the Parquet file or folder {@code path}. Checks the key columns now (a missing or mistyped
     * column is one line naming it); signal columns are checked by {@link #signal} when a score asks.
     */
    public static DynamicsParquet read(SparkSession spark, String path) {
        Dataset<Row> df;
        try {
            df = spark.read().parquet(path);
        } catch (Exception e) { // AnalysisException is checked to Java, but Scala throws it undeclared
            throw new WinnowException(path + ": cannot read as Parquet (" + firstLine(rootMessage(e)) + ")", e);
        }
        return of(path, df);
    }

    /** Wraps rows already in the long format (e.g. a table), with the same checks as {@link #read}. */
    public static DynamicsParquet of(String name, Dataset<Row> df) {
        StructType schema = df.schema();
        if (WideLayout.isWide(schema.fieldNames())) {
            for (String k : List.of(ID, LABEL)) {
                requireColumn(name, schema, k);
                requireIntegral(name, schema, k);
            }
            return new DynamicsParquet(name, df.withColumn(ID, col(ID).cast(DataTypes.LongType))
                    .withColumn(LABEL, col(LABEL).cast(DataTypes.IntegerType)), true);
        }
        for (String k : KEYS) {
            requireColumn(name, schema, k);
        }
        requireIntegral(name, schema, RUN);
        requireIntegral(name, schema, EPOCH);
        requireIntegral(name, schema, LABEL);
        requireIntegral(name, schema, ID);
        DataType kind = field(schema, KIND).dataType();
        if (!kind.equals(DataTypes.StringType)) {
            throw new WinnowException(name + ": column 'kind' has type " + kind.simpleString()
                    + ", expected string (checkpoint or presentation)");
        }
        Column t;
        if (has(schema, T)) {
            requireIntegral(name, schema, T);
            t = col(T).cast(DataTypes.IntegerType);
        } else {
            t = col(EPOCH).cast(DataTypes.IntegerType).multiply(2)
                    .plus(when(col(KIND).equalTo(lit(CHECKPOINT)), 1).otherwise(0));
        }
        Dataset<Row> canonical = df.withColumn(RUN, col(RUN).cast(DataTypes.IntegerType))
                .withColumn(EPOCH, col(EPOCH).cast(DataTypes.IntegerType))
                .withColumn(ID, col(ID).cast(DataTypes.LongType))
                .withColumn(LABEL, col(LABEL).cast(DataTypes.IntegerType))
                .withColumn(T, t);
        return new DynamicsParquet(name, canonical, false);
    }

    /** Where the rows come from (for messages). */
    public String path() {
        return path;
    }

    /** Whether the rows are in the wide layout ({@link WideLayout}: one row per example). */
    public boolean wide() {
        return wide;
    }

    /** Every row, with id as long and label as int (long layout: run, epoch, t as int too). */
    public Dataset<Row> rows() {
        return rows;
    }

    /** Checks that {@code signal} is a float or double column and returns it as float. */
    public Column signal(String signal, String scoreName) {
        StructType schema = rows.schema();
        if (!has(schema, signal)) {
            throw new WinnowException(path + ": score '" + scoreName + "' needs signal column '" + signal
                    + "', which is missing (columns: " + String.join(", ", schema.fieldNames()) + ")");
        }
        DataType type = field(schema, signal).dataType();
        if (!type.equals(DataTypes.FloatType) && !type.equals(DataTypes.DoubleType)) {
            throw new WinnowException(path + ": signal column '" + signal + "' has type " + type.simpleString()
                    + ", expected float");
        }
        return col(signal).cast(DataTypes.FloatType);
    }

    private static void requireColumn(String name, StructType schema, String column) {
        if (!has(schema, column)) {
            throw new WinnowException(name + ": column '" + column + "' is missing; dynamics in Parquet need "
                    + String.join(", ", KEYS) + " and one float column per signal (columns: "
                    + String.join(", ", schema.fieldNames()) + ")");
        }
    }

    private static void requireIntegral(String name, StructType schema, String column) {
        DataType type = field(schema, column).dataType();
        boolean ok = type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType)
                || type.equals(DataTypes.ShortType) || type.equals(DataTypes.ByteType);
        if (!ok) {
            throw new WinnowException(name + ": column '" + column + "' has type " + type.simpleString()
                    + ", expected an integer");
        }
    }

    private static boolean has(StructType schema, String column) {
        return Arrays.asList(schema.fieldNames()).contains(column);
    }

    private static StructField field(StructType schema, String column) {
        return schema.apply(column);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
