package dev.winnow.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of this module's tests (Spark's start-up dominates their time): local[2], few
 * shuffle partitions, no UI. Stopped when the test JVM exits.
 */
final class SharedSpark {
    private static SparkSession spark;

    private SharedSpark() {
    }

    static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("winnow-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
            Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
        }
        return spark;
    }
}
