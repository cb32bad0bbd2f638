package dev.winnow.dynamics;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.winnow.WinnowException;
import dev.winnow.io.AtomicFiles;
import dev.winnow.npy.NpyWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dynamics store being written: the hidden temporary folder beside its target that the writers
 * ({@link DynamicsWriter}, {@link SignalStoreWriter}) fill, what every store holds besides its signals (labels,
 * ids, the observations and provenance for the manifest), and the commit that writes the manifest and moves the
 * folder into place in one step ({@link AtomicFiles#moveInto}); abandoned, it leaves nothing behind.
 */
final class StoreDraft {
    private final Path target;
    private final Path tmp;
    private final int examples;
    private final int classes;
    private final List<Observation> observations = new ArrayList<>();
    private final Map<String, Object> provenance = new LinkedHashMap<>();
    private boolean labelsWritten;
    private boolean done;

    private StoreDraft(Path target, int examples, int classes) {
        this.target = target;
        this.examples = examples;
        this.classes = classes;
        this.tmp = AtomicFiles.temporaryFolder(target);
    }

    /**
     * Checks that a store may be started at {@code target} (refused if it exists and {@code force} is false) for N
     * examples of C classes; nothing is created yet, so a writer can check its own arguments before {@link #start}.
     */
    static void checkTarget(Path target, int examples, int classes, boolean force) {
        AtomicFiles.refuseExisting(target, force);
        if (examples < 1 || classes < 1) {
            throw new IllegalArgumentException("a store needs at least one example and one class");
        }
    }

    /** Starts a checked store ({@link #checkTarget}): creates its temporary folder. */
    static StoreDraft start(Path target, int examples, int classes) {
        return new StoreDraft(target, examples, classes);
    }

    int examples() {
        return examples;
    }

    int classes() {
        return classes;
    }

    /** The file {@code name} inside the temporary folder. */
    Path file(String name) {
        return tmp.resolve(name);
    }

    /** Labels of the examples, index order; each in [0, C). */
    void labels(int[] labels) {
        requireLength(labels.length, examples, "labels");
        for (int y : labels) {
            if (y < 0 || y >= classes) {
                throw new WinnowException("label " + y + " is outside [0, " + classes + ")");
            }
        }
        NpyWriter.write(file("labels.npy"), labels);
        labelsWritten = true;
    }

    /** Example ids, index order. */
    void ids(long[] ids) {
        requireLength(ids.length, examples, "ids");
        NpyWriter.write(file("ids.npy"), ids);
    }

    /** A provenance fact for the manifest. */
    void provenance(String key, Object value) {
        provenance.put(key, value);
    }

    /** One more observation for the manifest (its rows are written by the writer). */
    void observed(Observation obs) {
        observations.add(obs);
    }

    /** Refuses an array of {@code got} values where {@code want} were expected, naming {@code what}. */
    static void requireLength(long got, long want, String what) {
        if (got != want) {
            throw new IllegalArgumentException(what + " has " + got + " values, expected " + want);
        }
    }

    /** Whether the store was committed or abandoned. */
    boolean done() {
        return done;
    }

    /**
     * Commits the store with the named signals (the manifest's order): refuses a store without labels, runs
     * {@code closeFiles} (the writer's open arrays), writes the manifest and moves the folder into place.
     */
    Path commit(List<String> signals, Runnable closeFiles) {
        if (!labelsWritten) {
            throw new IllegalStateException("labels were never written");
        }
        closeFiles.run();
        Manifest m = new Manifest(Manifest.FORMAT, Manifest.VERSION, examples, classes, observations, signals,
                provenance);
        try {
            DynamicsStore.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(file("manifest.json").toFile(), m);
        } catch (IOException e) {
            throw new WinnowException(target + ": cannot write manifest (" + e.getMessage() + ")", e);
        }
        AtomicFiles.moveInto(tmp, target);
        done = true;
        return target;
    }

    /** Abandons the store, removing its temporary folder. */
    void abandon() {
        AtomicFiles.deleteQuietly(tmp);
        done = true;
    }
}
