package dev.winnow.dynamics;

import dev.winnow.WinnowException;
import dev.winnow.npy.DType;
import dev.winnow.npy.NpyArray;

import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Imports signals computed by any toolkit, for models without class logits (sequence models, regression,
 * generative fine-tuning): each {@code NAME=FILE.npy} is a {@code [T, N]} float32 or float64 matrix whose
 * row t is observation t (by default epoch t + 1 of one run), NaN where an example was not observed. A
 * translation model gives {@code loss} = the mean token cross-entropy of each target sentence, which is
 * what {@code cat@K} reads (DESIGN.md, "Dynamics store").
 *
 * <p>Labels are optional ({@code [N]} int32 or int64, C = the largest label + 1); without them every
 * example is class 0 of 1. Values are converted to float32 row by row, so memory is O(N) per signal.
 */
public final class SignalImport {
    private SignalImport() {
    }

    /**
     * What to import: signal name → file (in the manifest's order), optional labels (null: all 0), the
     * observation each row is ({@link LogitsImport#defaultObservations}, {@link LogitsImport#readObservations}).
     */
    public record Request(Map<String, Path> signals, Path labels, List<Observation> observations, Path out,
                          boolean force) {
        public Request {
            if (signals == null || signals.isEmpty() || observations == null || out == null) {
                throw new IllegalArgumentException("at least one signal, the observations and out are required");
            }
            signals = Collections.unmodifiableMap(new LinkedHashMap<>(signals));
            observations = List.copyOf(observations);
        }
    }

    /** T, the number of rows of a signal file (its first dimension). */
    public static int observationCount(Path signal) {
        NpyArray a = open(signal);
        requireMatrix(a, signal);
        return Math.toIntExact(a.dim(0));
    }

    private static NpyArray open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new WinnowException(file + ": no such file (a signal to import)");
        }
        return NpyArray.open(file);
    }

    private static void requireMatrix(NpyArray a, Path file) {
        if (a.dtype() != DType.FLOAT32 && a.dtype() != DType.FLOAT64) {
            throw new WinnowException(file + ": dtype " + a.dtype().name().toLowerCase() + ", expected float32 or float64");
        }
        if (a.rank() != 2 || a.dim(0) < 1 || a.dim(1) < 1) {
            throw new WinnowException(file + ": shape " + Arrays.toString(a.shape())
                    + ", expected [T, N] (one row per observation, one column per example)");
        }
    }

    /** Runs the import; {@code progress} gets one line per observation (may be null). */
    public static LogitsImport.Result run(Request req, Consumer<String> progress) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        Path first = null;
        long t = -1;
        long n = -1;
        for (Map.Entry<String, Path> e : req.signals().entrySet()) {
            try {
                SignalStoreWriter.checkName(e.getKey());
            } catch (IllegalArgumentException bad) {
                throw new WinnowException(e.getValue() + ": " + bad.getMessage(), bad);
            }
            NpyArray a = open(e.getValue());
            requireMatrix(a, e.getValue());
            if (first == null) {
                first = e.getValue();
                t = a.dim(0);
                n = a.dim(1);
            } else if (a.dim(0) != t || a.dim(1) != n) {
                throw new WinnowException(e.getValue() + ": shape " + Arrays.toString(a.shape()) + " disagrees with "
                        + first.getFileName() + "'s [" + t + ", " + n + "]");
            }
            arrays.put(e.getKey(), a);
        }
        if (n > Integer.MAX_VALUE - 16) {
            throw new WinnowException(first + ": " + n + " examples are more than one store holds");
        }
        int examples = (int) n;
        List<Observation> obs = req.observations();
        if (obs.size() != t) {
            throw new WinnowException(first + ": has " + t + " observations (rows) but " + obs.size()
                    + " were described");
        }
        int[] labels = req.labels() == null ? new int[examples] : readLabels(req.labels(), first, examples);
        int classes = Arrays.stream(labels).max().orElse(0) + 1;

        List<String> names = new ArrayList<>(arrays.keySet());
        try (SignalStoreWriter w = SignalStoreWriter.create(req.out(), examples, classes, names, req.force())) {
            w.labels(labels);
            w.provenance("source", "winnow import");
            Map<String, String> files = new LinkedHashMap<>();
            req.signals().forEach((k, v) -> files.put(k, v.getFileName().toString()));
            w.provenance("signals", files);
            if (req.labels() == null) {
                w.provenance("labels", "none given: every example is class 0");
            }
            Map<String, float[]> rows = new LinkedHashMap<>();
            for (String s : names) {
                rows.put(s, new float[examples]);
            }
            for (int row = 0; row < t; row++) {
                for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                    readRow(e.getValue(), row, rows.get(e.getKey()));
                }
                w.observe(obs.get(row), rows);
                if (progress != null) {
                    progress.accept("imported observation " + (row + 1) + "/" + t);
                }
            }
            Path store = w.commit();
            return new LogitsImport.Result(store, (int) t, examples, classes, names, List.of());
        }
    }

    /** Row {@code row} of a [T, N] float32/float64 matrix as float32; an infinite value fails naming its place. */
    private static void readRow(NpyArray a, int row, float[] out) {
        int n = out.length;
        if (a.dtype() == DType.FLOAT32) {
            a.floats((long) row * n, n).get(out);
        } else {
            DoubleBuffer d = a.doubles((long) row * n, n);
            for (int i = 0; i < n; i++) {
                out[i] = (float) d.get(i);
            }
        }
        for (int i = 0; i < n; i++) {
            if (Float.isInfinite(out[i])) {
                throw new WinnowException(a.path() + ": value at row " + row + ", column " + i + " is "
                        + (a.dtype() == DType.FLOAT32 ? "" : "out of float32 range or ") + "infinite"
                        + " (use NaN for an example not observed)");
            }
        }
    }

    private static int[] readLabels(Path file, Path signal, int n) {
        if (!Files.isRegularFile(file)) {
            throw new WinnowException(file + ": no such file (the labels to import)");
        }
        NpyArray a = NpyArray.open(file);
        if (a.rank() != 1) {
            throw new WinnowException(file + ": shape " + Arrays.toString(a.shape()) + ", expected [N]");
        }
        if (a.dim(0) != n) {
            throw new WinnowException(signal + ": has " + n + " examples (columns) but " + file.getFileName()
                    + " has " + a.dim(0) + " labels");
        }
        long[] l;
        if (a.dtype() == DType.INT64) {
            l = a.toLongArray();
        } else if (a.dtype() == DType.INT32) {
            l = Arrays.stream(a.toIntArray()).asLongStream().toArray();
        } else {
            throw new WinnowException(file + ": dtype " + a.dtype().name().toLowerCase() + ", expected int32 or int64");
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            if (l[i] < 0 || l[i] > 1_000_000) {
                throw new WinnowException(file + ": label " + l[i] + " of example index " + i
                        + " is outside [0, 1000000]");
            }
            labels[i] = (int) l[i];
        }
        return labels;
    }
}
