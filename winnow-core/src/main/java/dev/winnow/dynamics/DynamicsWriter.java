package dev.winnow.dynamics;

import dev.winnow.npy.DType;
import dev.winnow.npy.NpyWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a dynamics store (format v1) observation by observation into a hidden temporary folder and
 * moves it into place on {@link #commit()}, so a crash never leaves a half-written store behind.
 *
 * <p>Each observation is given as the logits of all N examples (and optionally ‖h‖² of the head's input
 * per example, for {@code grad_norm}); every signal is derived by {@link Signal#compute}.
 */
public final class DynamicsWriter implements AutoCloseable {
    private final StoreDraft draft;
    private final int examples;
    private final int classes;
    private final Set<Signal> signals;
    private final Map<Signal, NpyWriter> signalFiles = new LinkedHashMap<>();
    private NpyWriter logitsFile;
    private NpyWriter featuresFile;
    private NpyWriter vogFile;

    private DynamicsWriter(StoreDraft draft, Set<Signal> signals, boolean recordLogits) {
        this.draft = draft;
        this.examples = draft.examples();
        this.classes = draft.classes();
        this.signals = signals.isEmpty() ? EnumSet.noneOf(Signal.class) : EnumSet.copyOf(signals);
        for (Signal s : this.signals) {
            signalFiles.put(s, NpyWriter.open(draft.file(s.fileName() + ".npy"), DType.FLOAT32, examples));
        }
        if (recordLogits) {
            logitsFile = NpyWriter.open(draft.file("logits.npy"), DType.FLOAT32, examples, classes);
        }
    }

    /**
     * Starts a store at {@code target} (refused if it exists and {@code force} is false) for N examples
     * of C classes, recording the given signals, and the raw logits when {@code recordLogits}.
     */
    public static DynamicsWriter create(Path target, int examples, int classes, Set<Signal> signals,
                                        boolean recordLogits, boolean force) {
        StoreDraft.checkTarget(target, examples, classes, force);
        return new DynamicsWriter(StoreDraft.start(target, examples, classes), signals, recordLogits);
    }

    public int examples() {
        return examples;
    }

    public int classes() {
        return classes;
    }

    /** Labels of the examples, index order; each in [0, C). */
    public DynamicsWriter labels(int[] labels) {
        draft.labels(labels);
        return this;
    }

    /** Example ids, index order (optional; default 0..N−1). */
    public DynamicsWriter ids(long[] ids) {
        draft.ids(ids);
        return this;
    }

    /** A provenance fact for the manifest. */
    public DynamicsWriter provenance(String key, Object value) {
        draft.provenance(key, value);
        return this;
    }

    /**
     * Appends one observation: {@code logits} is [N × C] in index order (NaN rows for examples not
     * observed), {@code hSquaredNorm} is ‖h‖² per example or {@code null} (then grad_norm is NaN).
     */
    public DynamicsWriter observe(Observation obs, float[] logits, float[] hSquaredNorm, int[] labels) {
        StoreDraft.requireLength(logits.length, (long) examples * classes, "logits");
        double[] out = new double[Signal.values().length];
        Map<Signal, float[]> rows = new LinkedHashMap<>();
        for (Signal s : signals) {
            rows.put(s, new float[examples]);
        }
        for (int i = 0; i < examples; i++) {
            int off = i * classes;
            if (Float.isNaN(logits[off])) {
                for (float[] r : rows.values()) {
                    r[i] = Float.NaN;
                }
                continue;
            }
            double h2 = hSquaredNorm == null ? Double.NaN : hSquaredNorm[i];
            Signal.compute(logits, off, classes, labels[i], h2, out);
            for (Map.Entry<Signal, float[]> e : rows.entrySet()) {
                e.getValue()[i] = (float) out[e.getKey().ordinal()];
            }
        }
        return observeSignals(obs, rows, logits);
    }

    /** Appends one observation whose signals were computed elsewhere (each row N values, NaN = not observed). */
    public DynamicsWriter observeSignals(Observation obs, Map<Signal, float[]> rows, float[] logits) {
        for (Signal s : signals) {
            float[] r = rows.get(s);
            if (r == null) {
                throw new IllegalArgumentException("observation lacks signal " + s.fileName());
            }
            StoreDraft.requireLength(r.length, examples, s.fileName());
            signalFiles.get(s).writeRow(r);
        }
        if (logitsFile != null) {
            StoreDraft.requireLength(logits.length, (long) examples * classes, "logits");
            logitsFile.writeRow(logits);
        }
        draft.observed(obs);
        return this;
    }

    /** Features h (the head's input) of run {@code run}: [N × D] in index order; runs in order 0, 1, …. */
    public DynamicsWriter features(int run, float[] features, int dim) {
        StoreDraft.requireLength(features.length, (long) examples * dim, "features");
        if (featuresFile == null) {
            featuresFile = NpyWriter.open(draft.file("features.npy"), DType.FLOAT32, examples, dim);
        }
        if (featuresFile.rows() != run) {
            throw new IllegalStateException("features of run " + run + " after " + featuresFile.rows() + " runs");
        }
        featuresFile.writeRow(features);
        return this;
    }

    /** Variance of gradients of run {@code run}: N values; runs in order 0, 1, …. */
    public DynamicsWriter vog(int run, float[] vog) {
        StoreDraft.requireLength(vog.length, examples, "vog");
        if (vogFile == null) {
            vogFile = NpyWriter.open(draft.file("vog.npy"), DType.FLOAT32, examples);
        }
        if (vogFile.rows() != run) {
            throw new IllegalStateException("vog of run " + run + " after " + vogFile.rows() + " runs");
        }
        vogFile.writeRow(vog);
        return this;
    }

    /** Writes the manifest and moves the finished store into place. */
    public Path commit() {
        return draft.commit(signals.stream().map(Signal::fileName).toList(), this::closeFiles);
    }

    /** Closes every array file, all of them even when one fails (a full disk); the first failure is thrown. */
    private void closeFiles() {
        List<NpyWriter> all = new ArrayList<>(signalFiles.values());
        for (NpyWriter w : new NpyWriter[] {logitsFile, featuresFile, vogFile}) {
            if (w != null) {
                all.add(w);
            }
        }
        RuntimeException first = null;
        for (NpyWriter w : all) {
            try {
                w.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Abandons an uncommitted store, removing its temporary folder (whatever closing its files says). */
    @Override
    public void close() {
        if (!draft.done()) {
            try {
                closeFiles();
            } catch (RuntimeException ignored) {
                // the store is abandoned: its files go with the folder
            } finally {
                draft.abandon();
            }
        }
    }
}
