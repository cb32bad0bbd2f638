package dev.winnow.select;

import dev.winnow.WinnowException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A keep-list as {@code winnow select} writes it (CSV {@code id,weight}, one example per line; a file
 * with the single column {@code id} means weight 1), read back for training.
 *
 * @param ids example ids in file order, each at most once
 * @param weights loss weights parallel to {@code ids}, or {@code null} when every weight is 1
 */
public record KeepList(long[] ids, float[] weights) {
    public KeepList {
        if (weights != null && weights.length != ids.length) {
            throw new IllegalArgumentException("weights has " + weights.length + " values for " + ids.length + " ids");
        }
    }

    public int size() {
        return ids.length;
    }

    /** Reads {@code csv}; a malformed line, a repeated id or a negative or non-finite weight fails naming the line. */
    public static KeepList read(Path csv) {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new WinnowException(csv + ": empty keep-list (expected the header 'id,weight')");
            }
            String h = header.strip().replace(" ", "");
            boolean withWeights;
            if (h.equals("id,weight")) {
                withWeights = true;
            } else if (h.equals("id")) {
                withWeights = false;
            } else {
                throw new WinnowException(csv + ": the header must be 'id,weight' or 'id', got '" + header + "'");
            }
            long[] ids = new long[1024];
            float[] ws = new float[1024];
            boolean allOne = true;
            Set<Long> seen = new HashSet<>();
            int n = 0;
            int lineNo = 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",", -1);
                if (parts.length != (withWeights ? 2 : 1)) {
                    throw new WinnowException(csv + ":" + lineNo + ": expected " + (withWeights ? "id,weight" : "id")
                            + ", got '" + line + "'");
                }
                long id;
                float w = 1f;
                try {
                    id = Long.parseLong(parts[0].strip());
                    if (withWeights) {
                        w = Float.parseFloat(parts[1].strip());
                    }
                } catch (NumberFormatException e) {
                    throw new WinnowException(csv + ":" + lineNo + ": not a number in '" + line + "'");
                }
                if (!(w >= 0) || !Float.isFinite(w)) {
                    throw new WinnowException(csv + ":" + lineNo + ": weight must be finite and >= 0, got " + parts[1].strip());
                }
                if (!seen.add(id)) {
                    throw new WinnowException(csv + ":" + lineNo + ": id " + id + " appears twice");
                }
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, 2 * n);
                    ws = Arrays.copyOf(ws, 2 * n);
                }
                ids[n] = id;
                ws[n++] = w;
                allOne &= w == 1f;
            }
            if (n == 0) {
                throw new WinnowException(csv + ": the keep-list has no examples");
            }
            return new KeepList(Arrays.copyOf(ids, n), allOne ? null : Arrays.copyOf(ws, n));
        } catch (NoSuchFileException e) {
            throw new WinnowException(csv + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
