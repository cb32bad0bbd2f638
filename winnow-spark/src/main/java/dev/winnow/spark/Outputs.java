package dev.winnow.spark;

import dev.winnow.WinnowException;
import dev.winnow.select.KeepList;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;

/**
 * Writes results where Hadoop's file systems reach (local, HDFS, object stores): {@code OUT} ending in
 * {@code .csv} is one CSV, sorted by id, else a Parquet folder. The output appears whole or not at all
 * (written beside it under a hidden name, then renamed) and an existing one is refused without force.
 */
final class Outputs {
    static final String SCORE_HEADER = "id,label,score";
    static final String KEEP_HEADER = "id,weight";

    private Outputs() {
    }

    /** A score table (id, label, score): CSV {@code id,label,score} as the core writes it, or Parquet. */
    static void writeScores(SparkSession spark, Dataset<Row> scores, String out, boolean force) {
        write(spark, scores, out, force, SCORE_HEADER,
                r -> r.getLong(0) + "," + r.getInt(1) + "," + Float.toString(r.getFloat(2)));
    }

    /** A keep-list (id, weight): CSV {@code id,weight} sorted by id, or Parquet. */
    static void writeKeepList(SparkSession spark, Dataset<Row> keep, String out, boolean force) {
        write(spark, keep, out, force, KEEP_HEADER, r -> r.getLong(0) + "," + KeepList.formatWeight(r.getDouble(1)));
    }


    private static void write(SparkSession spark, Dataset<Row> rows, String out, boolean force, String header,
                              MapFunction<Row, String> line) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            Path target = new Path(out);
            FileSystem fs = target.getFileSystem(conf);
            target = fs.makeQualified(target);
            if (fs.exists(target) && !force) {
                throw new WinnowException(out + ": already exists (use --force to overwrite)");
            }
            Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
            try {
                Dataset<Row> sorted = rows.sort("id");
                if (out.endsWith(".csv")) {
                    Path parts = new Path(tmp.toString() + ".parts");
                    try {
                        sorted.map(line, Encoders.STRING()).write().text(parts.toString());
                        concatenate(fs, parts, tmp, header);
                    } finally {
                        fs.delete(parts, true);
                    }
                } else {
                    sorted.write().parquet(tmp.toString());
                }
                if (fs.exists(target)) {
                    fs.delete(target, true);
                }
                if (!fs.rename(tmp, target)) {
                    throw new WinnowException(out + ": cannot move the finished output into place");
                }
            } finally {
                fs.delete(tmp, true);
            }
        } catch (IOException e) {
            throw new WinnowException(out + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private static long partNumber(String name) {
        int end = name.indexOf('-', 5);
        return Long.parseLong(name.substring(5, end < 0 ? name.length() : end));
    }

    /** The header, then the text parts in partition order: one file, streamed through the driver. */
    private static void concatenate(FileSystem fs, Path parts, Path target, String header) throws IOException {
        FileStatus[] files = fs.listStatus(parts, p -> p.getName().startsWith("part-"));
        // part-00007-<uuid>-c000.txt holds partition 7
        Arrays.sort(files, Comparator.comparingLong((FileStatus f) -> partNumber(f.getPath().getName())));
        try (FSDataOutputStream o = fs.create(target, true)) {
            o.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] buf = new byte[1 << 16];
            for (FileStatus f : files) {
                try (FSDataInputStream in = fs.open(f.getPath())) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        o.write(buf, 0, n);
                    }
                }
            }
        }
    }
}
