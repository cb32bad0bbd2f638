package dev.winnow.dynamics;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.winnow.WinnowException;
import dev.winnow.npy.DType;
import dev.winnow.npy.NpyArray;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Imports training dynamics from any framework: logits (and labels, optionally features) saved with
 * NumPy become a dynamics store with every signal of DESIGN.md derived by {@link Signal#compute}.
 *
 * <ul>
 *   <li>{@code logits.npy} float32 {@code [T, N, C]} (one row per observation) or {@code [N, C]} (one
 *       observation). An example whose logits hold a NaN was not observed: all its signals are NaN.</li>
 *   <li>{@code labels.npy} int32 or int64 {@code [N]}, each in [0, C).</li>
 *   <li>{@code features.npy} float32, optional: the input h of the last linear layer. {@code [T, N, D]}
 *       (per observation) also yields {@code grad_norm} = el2n · sqrt(‖h‖² + 1), and each run's last
 *       observation becomes the store's features; {@code [R, N, D]} or {@code [N, D]} (per run) is
 *       stored as is, and {@code grad_norm} is omitted since it needs h at each observation.</li>
 * </ul>
 *
 * Works observation by observation and in chunks of examples, so the [T, N, C] logits are never on
 * the heap: memory is O(N) per signal plus one chunk.
 */
public final class LogitsImport {
    private static final int CHUNK_FLOATS = 1 << 20;

    private LogitsImport() {
    }

    /**
     * What to import. {@code features} may be null; {@code observations} describes the T rows of the
     * logits (see {@link #defaultObservations} and {@link #readObservations}).
     */
    public record Request(Path logits, Path labels, Path features, List<Observation> observations, Path out,
                          boolean force) {
        public Request {
            if (logits == null || labels == null || out == null || observations == null) {
                throw new IllegalArgumentException("logits, labels, observations and out are required");
            }
            observations = List.copyOf(observations);
        }
    }

    /** What was written. {@code notes} explains anything left out (e.g. grad_norm). */
    public record Result(Path store, int observations, int examples, int classes, List<String> signals,
                         List<String> notes) {
    }

    /** The T observations of a logits file, T (= its first dimension, or 1 for [N, C]). */
    public static int observationCount(Path logits) {
        NpyArray a = open(logits, "logits");
        return a.rank() == 3 ? (int) a.dim(0) : 1;
    }

    /**
     * T observations of one kind split evenly over {@code runs} runs in order: with E = T / runs, row t
     * is run ⌊t / E⌋, epoch t mod E + 1. One run gives epochs 1..T of run 0.
     */
    public static List<Observation> defaultObservations(int t, int runs, ObservationKind kind) {
        if (runs < 1 || t % runs != 0) {
            throw new IllegalArgumentException(t + " observations do not split evenly into " + runs + " runs");
        }
        int epochs = t / runs;
        List<Observation> out = new ArrayList<>(t);
        for (int i = 0; i < t; i++) {
            out.add(new Observation(i / epochs, i % epochs + 1, kind));
        }
        return out;
    }

    /** A JSON list like {@code [{"run":0,"epoch":1,"kind":"presentation"}, ...]}, one entry per logits row. */
    public static List<Observation> readObservations(Path json) {
        if (!Files.isRegularFile(json)) {
            throw new WinnowException(json + ": no such file (the observations list)");
        }
        try {
            return DynamicsStore.JSON.readValue(json.toFile(), new TypeReference<List<Observation>>() { });
        } catch (IOException | IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            throw new WinnowException(json + ": not a list of {\"run\", \"epoch\", \"kind\"} ("
                    + (nl < 0 ? m : m.substring(0, nl)) + ")", e);
        }
    }

    /** Runs the import; {@code progress} gets one line per observation (may be null). */
    public static Result run(Request req, Consumer<String> progress) {
        NpyArray logits = open(req.logits(), "logits");
        if (logits.dtype() != DType.FLOAT32) {
            throw new WinnowException(req.logits() + ": dtype " + logits.dtype().name().toLowerCase()
                    + ", expected float32 (save with logits.astype(np.float32))");
        }
        if (logits.rank() != 2 && logits.rank() != 3) {
            throw new WinnowException(req.logits() + ": shape " + Arrays.toString(logits.shape())
                    + ", expected [T, N, C] or [N, C]");
        }
        int t = logits.rank() == 3 ? Math.toIntExact(logits.dim(0)) : 1;
        int n = Math.toIntExact(logits.dim(logits.rank() - 2));
        int c = Math.toIntExact(logits.dim(logits.rank() - 1));
        if (t < 1 || n < 1 || c < 2) {
            throw new WinnowException(req.logits() + ": shape " + Arrays.toString(logits.shape())
                    + " needs at least one observation, one example and two classes");
        }
        List<Observation> obs = req.observations();
        if (obs.size() != t) {
            throw new WinnowException(req.logits() + ": has " + t + " observations but " + obs.size()
                    + " were described");
        }
        int runs = obs.stream().mapToInt(Observation::run).max().orElse(0) + 1;
        int[] labels = readLabels(req.labels(), n, c);

        List<String> notes = new ArrayList<>();
        NpyArray features = null;
        boolean perObservation = false;
        int d = 0;
        if (req.features() != null) {
            features = open(req.features(), "features");
            if (features.dtype() != DType.FLOAT32) {
                throw new WinnowException(req.features() + ": dtype " + features.dtype().name().toLowerCase()
                        + ", expected float32");
            }
            long[] s = features.shape();
            boolean rank2 = s.length == 2 && s[0] == n && runs == 1;
            boolean rank3 = s.length == 3 && s[1] == n && (s[0] == t || s[0] == runs);
            if (!rank2 && !rank3) {
                throw new WinnowException(req.features() + ": shape " + Arrays.toString(s) + ", expected [" + t + ", "
                        + n + ", D] (per observation) or [" + runs + ", " + n + ", D] (per run)"
                        + (runs == 1 ? " or [" + n + ", D]" : ""));
            }
            d = Math.toIntExact(s[s.length - 1]);
            perObservation = rank3 && s[0] == t;
        }
        EnumSet<Signal> signals = EnumSet.allOf(Signal.class);
        if (!perObservation) {
            signals.remove(Signal.GRAD_NORM);
            notes.add(features == null
                    ? "grad_norm omitted: it needs the last layer's input h (give --features [T, N, D])"
                    : "grad_norm omitted: the features are per run, and grad_norm needs h at each observation ([T, N, D])");
        }

        try (DynamicsWriter w = DynamicsWriter.create(req.out(), n, c, signals, false, req.force())) {
            w.labels(labels);
            w.provenance("source", "winnow import");
            w.provenance("logits", req.logits().getFileName().toString());
            if (features != null) {
                w.provenance("features", req.features().getFileName().toString()
                        + (perObservation ? " (per observation)" : " (per run)"));
            }
            Map<Signal, float[]> rows = new EnumMap<>(Signal.class);
            for (Signal s : signals) {
                rows.put(s, new float[n]);
            }
            int chunk = Math.max(1, CHUNK_FLOATS / Math.max(c, Math.max(d, 1)));
            float[] z = new float[Math.min(n, chunk) * c];
            float[] h = perObservation ? new float[Math.min(n, chunk) * d] : null;
            double[] out = new double[Signal.values().length];
            Signal[] chosen = signals.toArray(new Signal[0]);
            float[][] rowOf = new float[chosen.length][];
            for (int k = 0; k < chosen.length; k++) {
                rowOf[k] = rows.get(chosen[k]);
            }
            for (int row = 0; row < t; row++) {
                for (int i0 = 0; i0 < n; i0 += chunk) {
                    int b = Math.min(chunk, n - i0);
                    logits.floats(((long) row * n + i0) * c, b * c).get(z, 0, b * c);
                    if (perObservation) {
                        features.floats(((long) row * n + i0) * d, b * d).get(h, 0, b * d);
                    }
                    for (int j = 0; j < b; j++) {
                        int off = j * c;
                        boolean observed = true;
                        for (int k = 0; k < c && observed; k++) {
                            observed = !Float.isNaN(z[off + k]);
                        }
                        if (!observed) {
                            for (float[] r : rowOf) {
                                r[i0 + j] = Float.NaN;
                            }
                            continue;
                        }
                        double h2 = Double.NaN;
                        if (perObservation) {
                            h2 = 0;
                            for (int k = 0; k < d; k++) {
                                double v = h[j * d + k];
                                h2 += v * v;
                            }
                        }
                        Signal.compute(z, off, c, labels[i0 + j], h2, out);
                        for (int k = 0; k < chosen.length; k++) {
                            rowOf[k][i0 + j] = (float) out[chosen[k].ordinal()];
                        }
                    }
                }
                w.observeSignals(obs.get(row), rows, null);
                if (progress != null) {
                    progress.accept("imported observation " + (row + 1) + "/" + t);
                }
            }
            if (features != null) {
                writeFeatures(w, features, obs, runs, n, d, perObservation);
            }
            Path store = w.commit();
            return new Result(store, t, n, c, signals.stream().map(Signal::fileName).toList(), notes);
        }
    }

    private static NpyArray open(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new WinnowException(file + ": no such file (the " + what + " to import)");
        }
        return NpyArray.open(file);
    }

    private static int[] readLabels(Path file, int n, int c) {
        NpyArray a = open(file, "labels");
        if (a.rank() != 1 || a.dim(0) != n) {
            throw new WinnowException(file + ": shape " + Arrays.toString(a.shape()) + ", expected [" + n
                    + "] (one label per example of the logits)");
        }
        int[] labels = new int[n];
        if (a.dtype() == DType.INT32) {
            a.ints(0, n).get(labels);
        } else if (a.dtype() == DType.INT64) {
            long[] l = a.toLongArray();
            for (int i = 0; i < n; i++) {
                labels[i] = l[i] < 0 || l[i] >= c ? -1 : (int) l[i];
                if (labels[i] < 0) {
                    throw outOfRange(file, l[i], i, c);
                }
            }
        } else {
            throw new WinnowException(file + ": dtype " + a.dtype().name().toLowerCase() + ", expected int32 or int64");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw outOfRange(file, labels[i], i, c);
            }
        }
        return labels;
    }

    private static WinnowException outOfRange(Path file, long label, int index, int c) {
        return new WinnowException(file + ": label " + label + " of example index " + index + " is outside [0, " + c
                + ") (the logits have " + c + " classes)");
    }

    /** The store's features.npy [R, N, D]: per-run rows as given, or each run's last observation. */
    private static void writeFeatures(DynamicsWriter w, NpyArray features, List<Observation> obs, int runs, int n,
                                      int d, boolean perObservation) {
        int size = Math.multiplyExact(n, d);
        float[] buf = new float[size];
        for (int r = 0; r < runs; r++) {
            long row = r;
            if (perObservation) {
                row = -1;
                for (int i = 0; i < obs.size(); i++) {
                    if (obs.get(i).run() == r) {
                        row = i;
                    }
                }
                if (row < 0) {
                    Arrays.fill(buf, Float.NaN);
                    w.features(r, buf, d);
                    continue;
                }
            }
            FloatBuffer fb = features.floats(row * size, size);
            fb.get(buf);
            w.features(r, buf, d);
        }
    }
}
