package dev.winnow.select;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a keep-list: {@code FILE.csv} with the header {@code id,weight} and one line per kept id in
 * ascending order ({@code \n} line ends, UTF-8, weights as {@link Selection#formatWeight}), and beside it
 * {@code FILE.json} with its provenance (inputs and their SHA-256, strategy, parameters, seed, N, k,
 * tool version, SHA-256 of the CSV). Both appear whole or not at all.
 */
public final class SelectionWriter {
    private SelectionWriter() {
    }

    /** An input the keep-list was computed from. */
    public record Input(String role, Path path, String sha256) {
        /** Hashes a file (or, for a folder, lists it with no hash). */
        public static Input of(String role, Path path) {
            return new Input(role, path, Files.isRegularFile(path) ? SelectionWriter.sha256(path) : null);
        }
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

    /** Writes the CSV and its provenance atomically. */
    public static void write(Selection sel, SelectOptions options, List<Input> inputs, String toolVersion,
                             Path csv, boolean force) {
        refuseExisting(csv, force);
        Path json = provenancePath(csv);
        Path tmpCsv = AtomicFiles.temporarySibling(csv);
        Path tmpJson = null;
        try {
            String csvHash = writeCsv(sel, tmpCsv, csv);
            tmpJson = AtomicFiles.temporarySibling(json);
            Files.writeString(tmpJson, provenanceJson(sel, options, inputs, toolVersion, csv, csvHash),
                    StandardCharsets.UTF_8);
            AtomicFiles.moveInto(tmpCsv, csv);
            AtomicFiles.moveInto(tmpJson, json);
        } catch (IOException e) {
            throw new WinnowException(csv + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            AtomicFiles.deleteQuietly(tmpCsv);
            if (tmpJson != null) {
                AtomicFiles.deleteQuietly(tmpJson);
            }
        }
    }

    /** The CSV text of a selection (for tests and small outputs). */
    public static String csvText(Selection sel) {
        StringBuilder sb = new StringBuilder("id,weight\n");
        for (int i = 0; i < sel.size(); i++) {
            sb.append(sel.ids()[i]).append(',').append(Selection.formatWeight(sel.weights()[i])).append('\n');
        }
        return sb.toString();
    }

    private static String writeCsv(Selection sel, Path tmp, Path target) throws IOException {
        MessageDigest md = sha256Digest();
        try (OutputStream os = new DigestOutputStream(Files.newOutputStream(tmp), md);
             BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("id,weight\n");
            long[] ids = sel.ids();
            double[] ws = sel.weights();
            double lastW = 1.0;
            String lastText = "1";
            for (int i = 0; i < ids.length; i++) {
                if (ws[i] != lastW) {
                    lastW = ws[i];
                    lastText = Selection.formatWeight(lastW);
                }
                w.write(Long.toString(ids[i]));
                w.write(',');
                w.write(lastText);
                w.write('\n');
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String provenanceJson(Selection sel, SelectOptions o, List<Input> inputs, String toolVersion,
                                         Path csv, String csvHash) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "winnow-selection");
        root.put("version", 1);
        root.put("tool", Map.of("name", "winnow", "version", toolVersion));
        root.put("method", "select");
        root.put("strategy", o.strategy().cliName());
        root.put("classBalanced", o.classBalanced());
        Map<String, Object> params = new LinkedHashMap<>();
        if (o.budget() instanceof Budget.Fraction f) {
            params.put("keep", f.fraction());
        } else if (o.budget() instanceof Budget.Count c) {
            params.put("keepCount", c.count());
        }
        switch (o.strategy()) {
            case WINDOW -> params.put("offset", o.offset());
            case STRATIFIED -> {
                params.put("bins", o.bins());
                params.put("dropHardest", o.dropHardest());
            }
            case CALIBRATED -> params.put("alpha", o.alpha());
            default -> {
            }
        }
        root.put("parameters", params);
        root.put("seed", o.seed());
        root.put("randomKey", "splitmix64(seed * 0x9E3779B97F4A7C15 + id), unsigned");
        root.put("n", sel.n());
        root.put("k", sel.size());
        root.put("weighted", o.strategy().weighted());
        root.put("weightSum", sel.weightSum());
        List<Map<String, Object>> ins = new ArrayList<>();
        for (Input in : inputs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", in.role());
            m.put("path", in.path().toAbsolutePath().normalize().toString());
            m.put("sha256", in.sha256());
            ins.add(m);
        }
        root.put("inputs", ins);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", csv.toAbsolutePath().normalize().toString());
        out.put("sha256", csvHash);
        root.put("output", out);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
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
