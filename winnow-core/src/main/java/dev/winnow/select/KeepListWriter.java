package dev.winnow.select;

import dev.winnow.WinnowException;
import dev.winnow.io.AtomicFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes a {@link KeepList}: {@code FILE.csv} with the header {@code id,weight} and one line per kept id in
 * ascending order ({@code \n} line ends, UTF-8, weights as {@link KeepList#formatWeight}), and beside it
 * {@code FILE.json} with its provenance (inputs and their SHA-256, strategy, parameters, seed, N, k,
 * tool version, SHA-256 of the CSV). Both appear whole or not at all. Same list, same bytes.
 */
public final class KeepListWriter {
    private KeepListWriter() {
    }

    /** {@code keep.csv} -> {@code keep.json}; a name not ending in {@code .csv} gets {@code .json} appended. */
    public static Path provenancePath(Path csv) {
        String name = csv.getFileName().toString();
        String base = name.endsWith(".csv") && name.length() > 4 ? name.substring(0, name.length() - 4) : name;
        return csv.resolveSibling(base + ".json");
    }

    /** Refuses (one line) when the CSV or its provenance file exists and {@code force} is false. */
    public static void refuseExisting(Path csv, boolean force) {
        AtomicFiles.refuseExisting(csv, force);
        AtomicFiles.refuseExisting(provenancePath(csv), force);
    }

    /**
     * Writes the CSV and its provenance atomically. The list must have been selected and carry its
     * sources ({@link KeepList#withSources}): {@code FILE.json} is made from its provenance.
     */
    public static void write(KeepList keep, Path csv, boolean force) {
        if (!(keep.provenance() instanceof KeepListProvenance.Selected how)) {
            throw new IllegalArgumentException("only a selected keep-list is written with its provenance; this one is "
                    + keep.provenance());
        }
        refuseExisting(csv, force);
        Path json = provenancePath(csv);
        Path tmpCsv = AtomicFiles.temporarySibling(csv);
        Path tmpJson = null;
        try {
            String csvHash = writeCsv(keep, tmpCsv);
            tmpJson = AtomicFiles.temporarySibling(json);
            Files.writeString(tmpJson, how.json(keep.size(), keep.weightSum(), csv, csvHash), StandardCharsets.UTF_8);
            // the provenance first, the CSV last: a run killed between the two renames leaves no keep-list
            // that looks complete without its provenance
            AtomicFiles.moveInto(tmpJson, json);
            AtomicFiles.moveInto(tmpCsv, csv);
        } catch (IOException e) {
            throw new WinnowException(csv + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            AtomicFiles.deleteQuietly(tmpCsv);
            if (tmpJson != null) {
                AtomicFiles.deleteQuietly(tmpJson);
            }
        }
    }

    /** The CSV text of a keep-list (for tests and small outputs). */
    public static String csvText(KeepList keep) {
        StringBuilder sb = new StringBuilder("id,weight\n");
        for (int i = 0; i < keep.size(); i++) {
            sb.append(keep.id(i)).append(',').append(KeepList.formatWeight(keep.weight(i))).append('\n');
        }
        return sb.toString();
    }

    private static String writeCsv(KeepList keep, Path tmp) throws IOException {
        MessageDigest md = sha256Digest();
        try (OutputStream os = new DigestOutputStream(Files.newOutputStream(tmp), md);
             BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("id,weight\n");
            double lastW = 1.0;
            String lastText = "1";
            for (int i = 0; i < keep.size(); i++) {
                double wi = keep.weight(i);
                if (wi != lastW) {
                    lastW = wi;
                    lastText = KeepList.formatWeight(lastW);
                }
                w.write(Long.toString(keep.id(i)));
                w.write(',');
                w.write(lastText);
                w.write('\n');
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The SHA-256 of a file, in lower-case hex. */
    public static String sha256(Path file) {
        MessageDigest md = sha256Digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
        } catch (IOException e) {
            throw new WinnowException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
