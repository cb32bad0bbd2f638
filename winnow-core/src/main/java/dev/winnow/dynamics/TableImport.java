package dev.winnow.dynamics;

import dev.winnow.WinnowException;
import dev.winnow.io.DelimitedReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Imports a long table of per-example signals, one line per example and observation, such as translation
 * toolkits print per sentence:
 *
 * <pre>
 * id,epoch,kind,loss
 * 17,1,checkpoint,2.31
 * 18,1,checkpoint,4.07
 * </pre>
 *
 * Columns {@code id} (an integer), {@code epoch} (from 1) and {@code kind} ({@code presentation} or
 * {@code checkpoint}) are required; {@code run} (from 0, default 0) and {@code label} (from 0, default 0;
 * the same on every line of an id) are optional; every other column is a signal. An empty cell or
 * {@code nan} means not observed, as does an (id, observation) with no line. The store's examples are the
 * distinct ids, ascending (kept in {@code ids.npy}); its observations the distinct (run, epoch, kind),
 * ordered by run, epoch, then presentation before checkpoint (the order they happen in). A line repeating an
 * (id, run, epoch, kind) fails, naming the line. The table is held in memory.
 */
public final class TableImport {
    private static final List<String> REQUIRED = List.of("id", "epoch", "kind");

    private TableImport() {
    }

    /** Reads {@code table} and writes the store {@code out} (refused if it exists and {@code force} is false). */
    public static LogitsImport.Result run(Path table, Path out, boolean force) {
        Parsed p = parse(table);
        TreeSet<Long> idSet = new TreeSet<>();
        for (int r = 0; r < p.rows; r++) {
            idSet.add(p.ids[r]);
        }
        long[] ids = idSet.stream().mapToLong(Long::longValue).toArray();
        int n = ids.length;
        Map<Long, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(ids[i], i);
        }
        List<Observation> obs = p.observations.stream().map(TableImport::decode).toList();
        Map<Long, Integer> obsRow = new HashMap<>();
        for (int t = 0; t < obs.size(); t++) {
            obsRow.put(encode(obs.get(t)), t);
        }
        int[] labels = new int[n];
        int[] labelLine = new int[n];
        Set<Long> seen = new HashSet<>();
        int s = p.signals.size();
        float[][][] values = new float[obs.size()][s][n];
        for (float[][] a : values) {
            for (float[] b : a) {
                Arrays.fill(b, Float.NaN);
            }
        }
        for (int r = 0; r < p.rows; r++) {
            int i = index.get(p.ids[r]);
            int t = obsRow.get(p.obs[r]);
            if (!seen.add((long) t * n + i)) {
                throw new WinnowException(table + ":" + p.lines[r] + ": id " + p.ids[r] + " appears twice for "
                        + describe(obs.get(t)));
            }
            if (labelLine[i] == 0) {
                labels[i] = p.labels[r];
                labelLine[i] = p.lines[r];
            } else if (labels[i] != p.labels[r]) {
                throw new WinnowException(table + ":" + p.lines[r] + ": id " + p.ids[r] + " has label " + p.labels[r]
                        + ", but label " + labels[i] + " on line " + labelLine[i]);
            }
            for (int k = 0; k < s; k++) {
                values[t][k][i] = p.values[r * s + k];
            }
        }
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        try (SignalStoreWriter w = SignalStoreWriter.create(out, n, classes, p.signals, force)) {
            w.labels(labels).ids(ids);
            w.provenance("source", "winnow import");
            w.provenance("table", table.getFileName().toString());
            for (int t = 0; t < obs.size(); t++) {
                Map<String, float[]> rows = new LinkedHashMap<>();
                for (int k = 0; k < s; k++) {
                    rows.put(p.signals.get(k), values[t][k]);
                }
                w.observe(obs.get(t), rows);
            }
            return new LogitsImport.Result(w.commit(), obs.size(), n, classes, p.signals, List.of());
        }
    }

    private static String describe(Observation o) {
        return "run " + o.run() + ", epoch " + o.epoch() + ", " + o.kind().json();
    }

    /** (run, epoch, kind) as one sortable number: run, then epoch, then presentation before checkpoint. */
    private static long encode(Observation o) {
        return ((long) o.run() << 33) | ((long) o.epoch() << 1) | (o.kind() == ObservationKind.PRESENTATION ? 0 : 1);
    }

    private static Observation decode(long key) {
        return new Observation((int) (key >>> 33), (int) ((key >>> 1) & 0xFFFFFFFFL),
                (key & 1) == 0 ? ObservationKind.PRESENTATION : ObservationKind.CHECKPOINT);
    }

    /** The table's lines, column by column. */
    private static final class Parsed {
        final List<String> signals = new ArrayList<>();
        final TreeSet<Long> observations = new TreeSet<>();
        long[] ids = new long[1024];
        long[] obs = new long[1024];
        int[] labels = new int[1024];
        int[] lines = new int[1024];
        float[] values;
        int rows;
    }

    private static Parsed parse(Path table) {
        Parsed p = new Parsed();
        try (DelimitedReader r = DelimitedReader.open(table, DelimitedReader.Format.CSV.withHeaderWidth())) {
            List<String> header = r.header();
            for (String c : REQUIRED) {
                if (r.column(c) < 0) {
                    throw new WinnowException(table + ": no column '" + c + "' (the header needs id,epoch,kind and "
                            + "one column per signal; it has " + String.join(",", header) + ")");
                }
            }
            int idCol = r.column("id");
            int epochCol = r.column("epoch");
            int kindCol = r.column("kind");
            int runCol = r.column("run");
            int labelCol = r.column("label");
            List<Integer> signalCols = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                String name = header.get(c).strip();
                if (c == idCol || c == epochCol || c == kindCol || c == runCol || c == labelCol) {
                    continue;
                }
                if (p.signals.contains(name) || REQUIRED.contains(name) || name.equals("run") || name.equals("label")) {
                    throw new WinnowException(table + ": column '" + name + "' appears twice in the header");
                }
                try {
                    SignalStoreWriter.checkName(name);
                } catch (IllegalArgumentException e) {
                    throw new WinnowException(table + ": column " + (c + 1) + ": " + e.getMessage(), e);
                }
                p.signals.add(name);
                signalCols.add(c);
            }
            if (signalCols.isEmpty()) {
                throw new WinnowException(table + ": no signal column (the header needs id,epoch,kind and one "
                        + "column per signal, e.g. id,epoch,kind,loss)");
            }
            int s = signalCols.size();
            p.values = new float[1024 * s];
            for (DelimitedReader.Row row : r.rows()) {
                grow(p, s);
                int k = p.rows;
                p.ids[k] = integer(row, idCol, "id", Long.MIN_VALUE);
                int epoch = (int) integer(row, epochCol, "epoch", 1);
                int run = runCol < 0 ? 0 : (int) integer(row, runCol, "run", 0);
                String kind = row.field(kindCol).strip();
                ObservationKind ok;
                if (kind.equals("presentation") || kind.equals("checkpoint")) {
                    ok = ObservationKind.of(kind);
                } else {
                    throw row.error("unknown kind '" + kind + "' (expected presentation or checkpoint)");
                }
                Observation o = new Observation(run, epoch, ok);
                p.obs[k] = encode(o);
                p.observations.add(p.obs[k]);
                p.labels[k] = labelCol < 0 ? 0 : (int) integer(row, labelCol, "label", 0);
                p.lines[k] = row.line();
                for (int j = 0; j < s; j++) {
                    p.values[k * s + j] = value(row, signalCols.get(j), p.signals.get(j));
                }
                p.rows++;
            }
        }
        if (p.rows == 0) {
            throw new WinnowException(table + ": no data lines after the header");
        }
        return p;
    }

    private static void grow(Parsed p, int s) {
        if (p.rows < p.ids.length) {
            return;
        }
        int cap = p.ids.length * 2;
        p.ids = Arrays.copyOf(p.ids, cap);
        p.obs = Arrays.copyOf(p.obs, cap);
        p.labels = Arrays.copyOf(p.labels, cap);
        p.lines = Arrays.copyOf(p.lines, cap);
        p.values = Arrays.copyOf(p.values, cap * s);
    }

    private static long integer(DelimitedReader.Row row, int col, String what, long min) {
        String f = row.field(col).strip();
        long v;
        try {
            v = Long.parseLong(f);
        } catch (NumberFormatException e) {
            throw row.error(what + " '" + f + "' is not an integer");
        }
        long max = switch (what) {
            case "id" -> Long.MAX_VALUE;
            case "label" -> 1_000_000;
            case "run" -> 65_535;
            default -> Integer.MAX_VALUE >>> 1;
        };
        if (v < min || v > max) {
            throw row.error(what + " " + v + " is outside [" + min + ", " + max + "]");
        }
        return v;
    }

    private static float value(DelimitedReader.Row row, int col, String signal) {
        String f = row.field(col).strip();
        if (f.isEmpty() || f.equalsIgnoreCase("nan")) {
            return Float.NaN;
        }
        String unsigned = f.startsWith("-") || f.startsWith("+") ? f.substring(1) : f;
        float v;
        try {
            v = unsigned.equalsIgnoreCase("inf") ? Float.POSITIVE_INFINITY : Float.parseFloat(f);
        } catch (NumberFormatException e) {
            throw row.error(signal + " '" + f + "' is not a number");
        }
        if (Float.isInfinite(v)) {
            throw row.error(signal + " '" + f + "' is infinite (leave the cell empty for not observed)");
        }
        return v;
    }
}
