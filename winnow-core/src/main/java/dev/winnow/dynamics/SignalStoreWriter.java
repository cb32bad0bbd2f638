package dev.winnow.dynamics;

import dev.winnow.npy.DType;
import dev.winnow.npy.NpyWriter;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a dynamics store (format v1) whose signals were computed elsewhere and are known only by name:
 * a sequence model's {@code loss} (mean token cross-entropy), a regression's squared error, a toolkit's
 * per-sentence score. Rows go to a hidden temporary folder observation by observation and move into
 * place on {@link #commit()}; {@link #close()} before that leaves nothing behind.
 *
 * <p>Where the signals are derived from class logits, {@link DynamicsWriter} computes them instead.
 */
public final class SignalStoreWriter implements AutoCloseable {
    /** Names a signal may not take: the store's other files. */
    public static final Set<String> RESERVED = Set.of("labels", "ids", "logits", "features", "vog", "manifest");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final StoreDraft draft;
    private final Map<String, NpyWriter> files = new LinkedHashMap<>();

    private SignalStoreWriter(StoreDraft draft, List<String> signals) {
        this.draft = draft;
        for (String s : signals) {
            files.put(s, NpyWriter.open(draft.file(s + ".npy"), DType.FLOAT32, draft.examples()));
        }
    }

    /**
     * Checks a signal name: lower-case letters, digits and underscores, starting with a letter, and not
     * one of {@link #RESERVED}. Returns it.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("signal name '" + name
                    + "' must be lower-case letters, digits and underscores, starting with a letter");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("signal name '" + name + "' is taken by the store's " + name + ".npy");
        }
        return name;
    }

    /**
     * Starts a store at {@code target} (refused if it exists and {@code force} is false) for N examples of
     * C classes with the named signals, in the manifest's order.
     */
    public static SignalStoreWriter create(Path target, int examples, int classes, List<String> signals,
                                           boolean force) {
        StoreDraft.checkTarget(target, examples, classes, force);
        Set<String> seen = new LinkedHashSet<>();
        for (String s : signals) {
            if (!seen.add(checkName(s))) {
                throw new IllegalArgumentException("signal '" + s + "' is given twice");
            }
        }
        if (seen.isEmpty()) {
            throw new IllegalArgumentException("a store needs at least one signal");
        }
        return new SignalStoreWriter(StoreDraft.start(target, examples, classes), List.copyOf(seen));
    }

    /** Labels of the examples, index order; each in [0, C). */
    public SignalStoreWriter labels(int[] labels) {
        draft.labels(labels);
        return this;
    }

    /** Example ids, index order (optional; default 0..N−1). */
    public SignalStoreWriter ids(long[] ids) {
        draft.ids(ids);
        return this;
    }

    /** A provenance fact for the manifest. */
    public SignalStoreWriter provenance(String key, Object value) {
        draft.provenance(key, value);
        return this;
    }

    /** Appends one observation: N values (index order, NaN = not observed) for each signal of the store. */
    public SignalStoreWriter observe(Observation obs, Map<String, float[]> rows) {
        for (String s : files.keySet()) {
            float[] r = rows.get(s);
            if (r == null) {
                throw new IllegalArgumentException("observation lacks signal " + s);
            }
            StoreDraft.requireLength(r.length, draft.examples(), s);
        }
        for (Map.Entry<String, NpyWriter> e : files.entrySet()) {
            e.getValue().writeRow(rows.get(e.getKey()));
        }
        draft.observed(obs);
        return this;
    }

    /** Writes the manifest and moves the finished store into place. */
    public Path commit() {
        return draft.commit(List.copyOf(files.keySet()), () -> files.values().forEach(NpyWriter::close));
    }

    /** Abandons an uncommitted store, removing its temporary folder. */
    @Override
    public void close() {
        if (!draft.done()) {
            files.values().forEach(NpyWriter::close);
            draft.abandon();
        }
    }
}
