package dev.winnow.dynamics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.WinnowException;
import dev.winnow.npy.DType;
import dev.winnow.npy.NpyArray;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dynamics store (format v1, DESIGN.md) opened for reading. Everything is validated on open against
 * the manifest (dtype, shape, file length, label range); signal rows are memory-mapped on demand, so
 * the store can be far larger than the heap. NaN in a signal means "not observed".
 */
public final class DynamicsStore {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private final Path dir;
    private final Manifest manifest;
    private final int[] labels;
    private final long[] ids;
    private final Map<String, NpyArray> signals = new HashMap<>();
    private final NpyArray logits;
    private final NpyArray features;
    private final NpyArray vog;

    private DynamicsStore(Path dir) {
        this.dir = dir;
        Path mf = dir.resolve("manifest.json");
        if (!Files.isDirectory(dir)) {
            throw new WinnowException(dir + ": no such dynamics store (a folder with manifest.json)");
        }
        if (!Files.isRegularFile(mf)) {
            throw new WinnowException(mf + ": missing; is " + dir + " a dynamics store?");
        }
        try {
            manifest = JSON.readValue(mf.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new WinnowException(mf + ": not a valid manifest (" + firstLine(e.getMessage()) + ")", e);
        }
        if (!Manifest.FORMAT.equals(manifest.format())) {
            throw new WinnowException(mf + ": format is '" + WinnowException.shown(String.valueOf(manifest.format()))
                    + "', expected '" + Manifest.FORMAT + "'");
        }
        if (manifest.version() != Manifest.VERSION) {
            throw new WinnowException(mf + ": version " + manifest.version() + " is not supported (this Winnow reads version 1)");
        }
        int n = manifest.examples();
        int c = manifest.classes();
        int t = manifest.observations().size();
        if (n < 1 || c < 1) {
            throw new WinnowException(mf + ": examples and classes must be positive");
        }
        for (int i = 0; i < t; i++) {
            if (manifest.observations().get(i).run() >= t) {
                throw new WinnowException(mf + ": observation " + i + " is of run " + manifest.observations().get(i).run()
                        + ", but " + t + " observations cannot hold that many runs (runs are numbered from 0)");
            }
        }
        for (String s : manifest.signals()) {
            if (s == null || !s.matches("[A-Za-z0-9_]+")) {
                throw new WinnowException(mf + ": '" + WinnowException.shown(String.valueOf(s))
                        + "' is not a signal name (letters, digits and _)");
            }
        }
        labels = NpyArray.open(dir.resolve("labels.npy")).require(DType.INT32, n).toIntArray();
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new WinnowException(dir.resolve("labels.npy") + ": label " + labels[i] + " of example index " + i
                        + " is outside [0, " + c + ")");
            }
        }
        Path idsFile = dir.resolve("ids.npy");
        if (Files.exists(idsFile)) {
            ids = NpyArray.open(idsFile).require(DType.INT64, n).toLongArray();
        } else {
            ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = i;
            }
        }
        for (String s : manifest.signals()) {
            Path f = dir.resolve(s + ".npy");
            if (!Files.exists(f)) {
                throw new WinnowException(f + ": missing, but the manifest lists signal '" + s + "'");
            }
            signals.put(s, NpyArray.open(f).require(DType.FLOAT32, t, n));
        }
        logits = optional("logits.npy", t, n, c);
        features = optional("features.npy", manifest.runs(), n, -1);
        vog = optional("vog.npy", manifest.runs(), n);
    }

    private NpyArray optional(String name, long... shape) {
        Path f = dir.resolve(name);
        return Files.exists(f) ? NpyArray.open(f).require(DType.FLOAT32, shape) : null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Opens and validates the store in {@code dir}. */
    public static DynamicsStore open(Path dir) {
        return new DynamicsStore(dir);
    }

    public Path dir() {
        return dir;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** N, the number of examples. */
    public int examples() {
        return manifest.examples();
    }

    /** C, the number of classes. */
    public int classes() {
        return manifest.classes();
    }

    /** Proxy runs in the store. */
    public int runs() {
        return manifest.runs();
    }

    /** Observation t describes row t of every signal. */
    public List<Observation> observations() {
        return manifest.observations();
    }

    /** The class of each example (index order). */
    public int[] labels() {
        return labels;
    }

    /** The id of each example (index order); 0..N−1 when the store has no ids.npy. */
    public long[] ids() {
        return ids;
    }

    public boolean hasSignal(String name) {
        return signals.containsKey(name);
    }

    /** Row {@code t} (N values) of a signal, memory-mapped; fails with a clear message if the store lacks it. */
    public FloatBuffer signal(String name, int t) {
        NpyArray a = signals.get(name);
        if (a == null) {
            throw new WinnowException(dir + ": the store has no signal '" + name + "' (it has " + manifest.signals() + ")");
        }
        return a.floatRow(t);
    }

    /** {@code logits.npy} [T, N, C] when recorded. */
    public Optional<NpyArray> logits() {
        return Optional.ofNullable(logits);
    }

    /** {@code features.npy} [R, N, D] when recorded. */
    public Optional<NpyArray> features() {
        return Optional.ofNullable(features);
    }

    /** {@code vog.npy} [R, N] when recorded. */
    public Optional<NpyArray> vog() {
        return Optional.ofNullable(vog);
    }
}
