package dev.winnow.spark;

import dev.winnow.WinnowException;
import dev.winnow.select.KeepList;
import dev.winnow.select.KeepListProvenance;
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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
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

    /**
     * A keep-list (id, weight): CSV {@code id,weight} sorted by id, or Parquet, and beside it its provenance
     * {@code OUT.json} ({@code keep.csv} → {@code keep.json}, a folder {@code keep} → {@code keep.json}) in the
     * core's format, as {@code winnow select} writes it: the weights summed in id order (the core's order, so the
     * same double), and the SHA-256 of the CSV (none for a Parquet folder). Both are refused before anything is
     * written when either exists and {@code force} is off.
     */
    static void writeKeepList(SparkSession spark, Dataset<Row> keep, String out, boolean force,
                              KeepListProvenance.Selected how) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String json = provenancePath(out);
        try {
            Path jsonPath = new Path(json);
            FileSystem fs = jsonPath.getFileSystem(conf);
            if (fs.exists(jsonPath) && !force) {
                throw new WinnowException(json + ": already exists (use --force to overwrite)");
            }
            String sha = write(spark, keep, out, force, KEEP_HEADER,
                    r -> r.getLong(0) + "," + KeepList.formatWeight(r.getDouble(1)));
            Path target = fs.makeQualified(new Path(out));
            // k and the weight sum from the written output, not from the selection's plan (which would run again)
            int k = 0;
            double weightSum = 0;
            if (out.endsWith(".csv")) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(target), StandardCharsets.UTF_8))) {
                    r.readLine(); // the header
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        // 17 significant digits: the text parses back to the very double written
                        weightSum += Double.parseDouble(line.substring(line.indexOf(',') + 1));
                        k++;
                    }
                }
            } else {
                Iterator<Row> it = spark.read().parquet(target.toString()).sort("id").select("weight").toLocalIterator();
                while (it.hasNext()) {
                    weightSum += it.next().getDouble(0);
                    k++;
                }
            }
            writeText(fs, fs.makeQualified(jsonPath), how.json(k, weightSum, target.toString(), sha));
        } catch (IOException e) {
            throw new WinnowException(json + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** {@code keep.csv} → {@code keep.json}; any other name gets {@code .json} appended (the core's rule). */
    static String provenancePath(String out) {
        String trimmed = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
        return (trimmed.endsWith(".csv") && trimmed.length() > 4 ? trimmed.substring(0, trimmed.length() - 4) : trimmed)
                + ".json";
    }

    /** A small text file, whole or not at all (written under a hidden name, then renamed over the target). */
    private static void writeText(FileSystem fs, Path target, String text) throws IOException {
        Path tmp = temporary(target);
        try {
            try (FSDataOutputStream o = fs.create(tmp, true)) {
                o.write(text.getBytes(StandardCharsets.UTF_8));
            }
            moveIntoPlace(fs, tmp, target);
        } finally {
            fs.delete(tmp, true);
        }
    }

    /** A hidden name beside {@code target} for writing it before it appears. */
    private static Path temporary(Path target) {
        return new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** Replaces {@code target} (if any) with the finished {@code tmp}. */
    private static void moveIntoPlace(FileSystem fs, Path tmp, Path target) throws IOException {
        if (fs.exists(target)) {
            fs.delete(target, true);
        }
        if (!fs.rename(tmp, target)) {
            throw new WinnowException(target + ": cannot move the finished output into place");
        }
    }


    /** Writes {@code rows} sorted by id; returns the SHA-256 of the CSV, or {@code null} for a Parquet folder. */
    private static String write(SparkSession spark, Dataset<Row> rows, String out, boolean force, String header,
                                MapFunction<Row, String> line) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            Path target = new Path(out);
            FileSystem fs = target.getFileSystem(conf);
            target = fs.makeQualified(target);
            if (fs.exists(target) && !force) {
                throw new WinnowException(out + ": already exists (use --force to overwrite)");
            }
            Path tmp = temporary(target);
            String sha = null;
            try {
                Dataset<Row> sorted = rows.sort("id");
                if (out.endsWith(".csv")) {
                    Path parts = new Path(tmp.toString() + ".parts");
                    try {
                        sorted.map(line, Encoders.STRING()).write().text(parts.toString());
                        sha = concatenate(fs, parts, tmp, header);
                    } finally {
                        fs.delete(parts, true);
                    }
                } else {
                    sorted.write().parquet(tmp.toString());
                }
                moveIntoPlace(fs, tmp, target);
            } finally {
                fs.delete(tmp, true);
            }
            return sha;
        } catch (IOException e) {
            throw new WinnowException(out + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long partNumber(String name) {
        int end = name.indexOf('-', 5);
        return Long.parseLong(name.substring(5, end < 0 ? name.length() : end));
    }

    /**
     * The header, then the text parts in partition order: one file, streamed through the driver. Returns the
     * SHA-256 of what it wrote.
     */
    private static String concatenate(FileSystem fs, Path parts, Path target, String header) throws IOException {
        FileStatus[] files = fs.listStatus(parts, p -> p.getName().startsWith("part-"));
        // part-00007-<uuid>-c000.txt holds partition 7
        Arrays.sort(files, Comparator.comparingLong((FileStatus f) -> partNumber(f.getPath().getName())));
        MessageDigest sha = sha256();
        try (OutputStream o = new DigestOutputStream(fs.create(target, true), sha)) {
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
        return HexFormat.of().formatHex(sha.digest());
    }
}
