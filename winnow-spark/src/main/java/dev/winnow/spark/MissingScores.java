package dev.winnow.spark;

import dev.winnow.WinnowException;
import dev.winnow.score.MissingPolicy;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;


import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Examples a score could not see (NaN), resolved by the core's {@link MissingPolicy} rules (refuse, the
 * default, or give them the highest or the lowest observed score) with one small aggregate (counts, min,
 * max) instead of the whole array. The message is the core's, except that "first id" is the smallest
 * missing id (Spark rows have no store order).
 */
public final class MissingScores {
    private MissingScores() {
    }

    /**
     * The score table with its NaN scores resolved by {@code policy}. {@code scores} should be persisted by
     * the caller: it is read once here and again by whatever uses the result.
     */
    public static Dataset<Row> resolve(Dataset<Row> scores, MissingPolicy policy, String scoreName, String source) {
        Row r = scores.agg(
                count(lit(1)),
                sum(when(isnan(col("score")), 1).otherwise(0)),
                min(when(isnan(col("score")), col("id"))),
                min(when(not(isnan(col("score"))), col("score"))),
                max(when(not(isnan(col("score"))), col("score")))).first();
        long n = r.getLong(0);
        long missing = r.isNullAt(1) ? 0 : r.getLong(1);
        if (n == 0) {
            throw new WinnowException(source + ": no examples");
        }
        if (missing == 0) {
            return scores;
        }
        if (policy == MissingPolicy.FAIL || missing == n) {
            throw new WinnowException(source + ": score '" + scoreName + "' has no value for " + missing + " of "
                    + n + " examples (first id " + r.getLong(2) + "): never observed where the score looks"
                    + (missing == n ? "" : "; use --missing hardest|easiest to rank them anyway"));
        }
        float fill = policy == MissingPolicy.HARDEST ? r.getFloat(4) : r.getFloat(3);
        return scores.withColumn("score", when(isnan(col("score")), lit(fill)).otherwise(col("score")));
    }
}
