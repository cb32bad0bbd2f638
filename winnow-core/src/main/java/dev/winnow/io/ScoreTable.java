package dev.winnow.io;

import dev.winnow.WinnowException;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One score per example: the CSV {@code id,label,score} that {@code winnow score} writes and
 * {@code winnow select --scores} reads. Extra columns after these three are allowed and ignored.
 */
public record ScoreTable(long[] ids, int[] labels, float[] scores) {
    public ScoreTable {
        if (ids.length != labels.length || ids.length != scores.length) {
            throw new IllegalArgumentException("ids, labels and scores differ in length");
        }
    }

    public int size() {
        return ids.length;
    }

    /** Writes the table atomically to {@code out} (refused if it exists and {@code force} is false). */
    public void write(Path out, boolean force) {
        AtomicFiles.refuseExisting(out, force);
        Path tmp = AtomicFiles.temporarySibling(out);
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("id,label,score\n");
            for (int i = 0; i < ids.length; i++) {
                w.write(Long.toString(ids[i]));
                w.write(',');
                w.write(Integer.toString(labels[i]));
                w.write(',');
                w.write(Float.toString(scores[i]));
                w.write('\n');
            }
        } catch (IOException e) {
            AtomicFiles.deleteQuietly(tmp);
            throw new WinnowException(out + ": cannot write (" + e.getMessage() + ")", e);
        }
        AtomicFiles.moveInto(tmp, out);
    }

    /**
     * Reads a CSV whose header starts with {@code id,label,score} (quoted fields and blank lines allowed,
     * see {@link DelimitedReader}).
     */
    public static ScoreTable read(Path in) {
        long[] ids = new long[1024];
        int[] labels = new int[1024];
        float[] scores = new float[1024];
        int n = 0;
        try (DelimitedReader r = DelimitedReader.open(in, DelimitedReader.Format.CSV)) {
            if (r.column("id") != 0 || r.column("label") != 1 || r.column("score") != 2) {
                throw new WinnowException(in + ": header must start with id,label,score");
            }
            for (DelimitedReader.Row row : r.rows()) {
                int lineNo = row.line();
                if (row.size() < 3) {
                    throw new WinnowException(in + ": line " + lineNo + " has fewer than 3 columns");
                }
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                    labels = Arrays.copyOf(labels, n * 2);
                    scores = Arrays.copyOf(scores, n * 2);
                }
                try {
                    ids[n] = Long.parseLong(row.field(0).strip());
                    labels[n] = Integer.parseInt(row.field(1).strip());
                    scores[n] = Float.parseFloat(row.field(2).strip());
                } catch (NumberFormatException e) {
                    throw new WinnowException(in + ": line " + lineNo + " is not id,label,score numbers: "
                            + WinnowException.shown(String.join(",", row.fields())));
                }
                if (labels[n] < 0) {
                    throw new WinnowException(in + ": line " + lineNo + " has a negative label");
                }
                if (Float.isNaN(scores[n])) {
                    throw new WinnowException(in + ": line " + lineNo + " has a NaN score");
                }
                n++;
            }
        }
        if (n == 0) {
            throw new WinnowException(in + ": no rows");
        }
        long[] sortedIds = Arrays.copyOf(ids, n);
        Arrays.sort(sortedIds);
        for (int i = 1; i < n; i++) {
            if (sortedIds[i] == sortedIds[i - 1]) {
                throw new WinnowException(in + ": id " + sortedIds[i] + " appears more than once");
            }
        }
        return new ScoreTable(Arrays.copyOf(ids, n), Arrays.copyOf(labels, n), Arrays.copyOf(scores, n));
    }
}
