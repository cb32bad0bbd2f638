package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code external}: one column of the user's own CSV (a quality model's output, a classifier's
 * confidence), keyed by an {@code id} column and taken as is: higher must already mean harder, so
 * negate a "higher = better" column before scoring. As in CAT's COMET-QE / LaBSE baselines
 * (Chimoto et al. 2024). Plain comma-separated values with a header row; quotes around a header name
 * are ignored. Ids of the file that the store lacks are ignored; store examples the file lacks, and
 * empty or {@code nan} cells, give NaN.
 */
public final class ExternalScore implements Score {
    private final Path file;
    private final String column;

    public ExternalScore(Path file, String column) {
        if (file == null || column == null || column.isBlank()) {
            throw new IllegalArgumentException("score 'external' needs a file and a column (--external FILE --column COL)");
        }
        this.file = file;
        this.column = column;
    }

    @Override
    public String name() {
        return "external";
    }

    @Override
    public float[] compute(DynamicsStore store) {
        long[] ids = store.ids();
        int n = ids.length;
        boolean identity = true;
        for (int i = 0; i < n && identity; i++) {
            identity = ids[i] == i;
        }
        Map<Long, Integer> index = null;
        if (!identity) {
            index = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                index.put(ids[i], i);
            }
        }
        float[] out = new float[n];
        Arrays.fill(out, Float.NaN);
        boolean[] seen = new boolean[n];
        int matched = 0;
        if (!Files.isRegularFile(file)) {
            throw new WinnowException(file + ": no such file (the --external scores)");
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new WinnowException(file + ": empty; expected a header row with 'id' and '" + column + "'");
            }
            List<String> names = Arrays.stream(header.split(",", -1)).map(ExternalScore::unquote).toList();
            int idCol = names.indexOf("id");
            int valCol = names.indexOf(column);
            if (idCol < 0 || valCol < 0) {
                throw new WinnowException(file + ": needs columns 'id' and '" + column + "', has " + names);
            }
            int width = Math.max(idCol, valCol) + 1;
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length < width) {
                    throw new WinnowException(file + ": line " + lineNo + " has " + f.length + " columns, needs " + width);
                }
                long id;
                float v;
                try {
                    id = Long.parseLong(f[idCol].strip());
                    String cell = f[valCol].strip();
                    v = cell.isEmpty() || cell.equalsIgnoreCase("nan") ? Float.NaN : Float.parseFloat(cell);
                } catch (NumberFormatException e) {
                    throw new WinnowException(file + ": line " + lineNo + ": '" + f[idCol].strip() + "' / '"
                            + f[valCol].strip() + "' is not an integer id and a number");
                }
                int i;
                if (identity) {
                    i = id >= 0 && id < n ? (int) id : -1;
                } else {
                    Integer j = index.get(id);
                    i = j == null ? -1 : j;
                }
                if (i < 0) {
                    continue;
                }
                if (seen[i]) {
                    throw new WinnowException(file + ": id " + id + " appears more than once");
                }
                seen[i] = true;
                matched++;
                out[i] = v;
            }
        } catch (IOException e) {
            throw new WinnowException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (matched == 0) {
            throw new WinnowException(file + ": none of its ids is an example of the store " + store.dir());
        }
        return out;
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1).strip();
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }
}
