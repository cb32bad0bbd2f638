package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.DelimitedReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code external}: one column of the user's own CSV (a quality model's output, a classifier's
 * confidence), keyed by an {@code id} column and taken as is: higher must already mean harder, so
 * negate a "higher = better" column before scoring. As in CAT's COMET-QE / LaBSE baselines
 * (Chimoto et al. 2024). Comma-separated values with a header row, read by {@link DelimitedReader}
 * (quoted fields allowed). Ids of the file that the store lacks are ignored; store examples the file
 * lacks, and empty or {@code nan} cells, give NaN.
 */
public final class ExternalScore extends AbstractScore {
    private final Path file;
    private final String column;

    public ExternalScore(Path file, String column) {
        super("external");
        if (file == null || column == null || column.isBlank()) {
            throw new IllegalArgumentException("score 'external' needs a file and a column (--external FILE --column COL)");
        }
        this.file = file;
        this.column = column;
    }

    @Override
    float[] scores(DynamicsStore store) {
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
        try (DelimitedReader r = DelimitedReader.open(file, DelimitedReader.Format.CSV)) {
            if (r.header().isEmpty()) {
                throw new WinnowException(file + ": empty; expected a header row with 'id' and '" + column + "'");
            }
            int idCol = r.column("id");
            int valCol = r.column(column);
            if (idCol < 0 || valCol < 0) {
                throw new WinnowException(file + ": needs columns 'id' and '" + column + "', has "
                        + WinnowException.shown(r.header().stream().map(String::strip).toList().toString()));
            }
            int width = Math.max(idCol, valCol) + 1;
            for (DelimitedReader.Row row : r.rows()) {
                int lineNo = row.line();
                if (row.size() < width) {
                    throw new WinnowException(file + ": line " + lineNo + " has " + row.size() + " columns, needs "
                            + width);
                }
                long id;
                float v;
                String idCell = row.field(idCol).strip();
                String cell = row.field(valCol).strip();
                try {
                    id = Long.parseLong(idCell);
                    v = cell.isEmpty() || cell.equalsIgnoreCase("nan") ? Float.NaN : Float.parseFloat(cell);
                } catch (NumberFormatException e) {
                    throw new WinnowException(file + ": line " + lineNo + ": '" + WinnowException.shown(idCell) + "' / '"
                            + WinnowException.shown(cell) + "' is not an integer id and a number");
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
        }
        if (matched == 0) {
            throw new WinnowException(file + ": none of its ids is an example of the store " + store.dir());
        }
        return out;
    }
}
