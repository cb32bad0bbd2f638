package dev.winnow.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winnow.WinnowException;
import dev.winnow.io.AtomicFiles;
import dev.winnow.io.FolderLock;
import dev.winnow.score.ScoreSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A study folder on disk: where every file of a study lives, and the rules for starting in one. Layout:
 * {@code study.json} (the spec), {@code results.jsonl} (one line per finished run), {@code proxy/seed-S/}
 * (the dynamics store) with {@code proxy/seed-S.json} (its cost), {@code scores/seed-S/NAME.csv} + {@code .json}
 * (scores and their cost), {@code noise/seed-S.csv} (flipped labels), {@code examples.json} (pixels or text of
 * the extreme examples, for the report), {@code report.html}.
 *
 * <p>A new study needs an empty or absent folder; {@link Mode#RESUME} continues the study a folder holds
 * (runs may be added, training settings not changed); {@link Mode#FORCE} replaces a study folder, and only a
 * study folder.
 *
 * <p>One study at a time runs in a folder: {@link #lock()} takes an exclusive lock on {@code .lock} there, which
 * the operating system drops when the process ends, however it ends (kill -9 included), so a second
 * {@code winnow study} on the folder is refused with one line while the first runs, and never after it died.
 */
public final class StudyFolder {
    /** How to treat an existing study folder. */
    public enum Mode { NEW, RESUME, FORCE }

    private final Path dir;

    public StudyFolder(Path dir) {
        this.dir = dir;
    }

    /** The lock file, {@code .lock}: it holds the pid of the study that runs here. */
    static final String LOCK = ".lock";

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The spec the study runs: {@code study.json}. */
    public Path studyJson() {
        return dir.resolve("study.json");
    }

    /** The finished runs: {@code results.jsonl}. */
    public Path results() {
        return dir.resolve("results.jsonl");
    }

    /** The proxy's dynamics store of {@code seed}. */
    public Path proxyStore(long seed) {
        return dir.resolve("proxy").resolve("seed-" + seed);
    }

    /** What the proxy of {@code seed} cost ({@link dev.winnow.study.results.ProxyCost}). */
    public Path proxyCost(long seed) {
        return dir.resolve("proxy").resolve("seed-" + seed + ".json");
    }

    /** The scores of {@code seed}. */
    public Path scores(long seed) {
        return dir.resolve("scores").resolve("seed-" + seed);
    }

    /** The score table of {@code score} for {@code seed}. */
    public Path scoreTable(long seed, ScoreSpec score) {
        return scores(seed).resolve(fileName(score.toString()) + ".csv");
    }

    /** What computing {@code score} for {@code seed} cost ({@link dev.winnow.study.results.ScoreCost}). */
    public Path scoreCost(long seed, ScoreSpec score) {
        return scores(seed).resolve(fileName(score.toString()) + ".json");
    }

    /** The flipped labels of {@code seed}. */
    public Path noise(long seed) {
        return dir.resolve("noise").resolve("seed-" + seed + ".csv");
    }

    /** The extreme examples for the report ({@link dev.winnow.study.results.ExtremeExamples}). */
    public Path examples() {
        return dir.resolve("examples.json");
    }

    /** A score spec as a file name: {@code el2n@2} → {@code el2n_2}. */
    public static String fileName(String scoreSpec) {
        return scoreSpec.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /**
     * Checks that {@code spec} may run here under {@code mode} (with {@link Mode#FORCE}, removing the old
     * study), and returns the spec to run: with {@link Mode#RESUME} and a null spec, the one stored here.
     */
    public StudySpec prepare(StudySpec spec, Mode mode) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new WinnowException(dir + ": exists and is not a folder");
        }
        boolean exists = Files.isDirectory(dir) && !isEmptyDir(dir);
        switch (mode) {
            case NEW -> {
                if (exists) {
                    throw new WinnowException(dir + ": already exists (use --resume to continue that study, or --force to start it over)");
                }
            }
            case FORCE -> {
                if (exists) {
                    if (!Files.isRegularFile(studyJson())) {
                        throw new WinnowException(dir + ": is not empty and holds no study.json; --force only replaces a study folder");
                    }
                    deleteAllButTheLock();
                }
            }
            case RESUME -> {
                if (!Files.isRegularFile(studyJson())) {
                    throw new WinnowException(dir + ": no study to resume (no study.json there)");
                }
                StudySpec stored = StudySpec.read(studyJson());
                if (spec == null) {
                    return stored;
                }
                String key = stored.differingSetting(spec);
                if (key != null) {
                    throw new WinnowException(dir + ": --resume with a different " + key + " (the study has "
                            + text(stored.settings().get(key)) + ", now " + text(spec.settings().get(key))
                            + "); use a new folder or --force");
                }
            }
            default -> throw new AssertionError(mode);
        }
        if (spec == null) {
            throw new WinnowException("no study spec given");
        }
        return spec;
    }

    /** Creates the folder and writes {@code study.json} (the runs it lists may have grown on resume). */
    public void create(StudySpec spec) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WinnowException(dir + ": cannot create (" + e.getMessage() + ")", e);
        }
        AtomicFiles.writeString(studyJson(), spec.toJson());
    }

    /** Removes what an interrupted writer of {@code target} left beside it ({@code .NAME.*} temporaries). */
    static void removeTemporaries(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".";
        try (Stream<Path> s = Files.list(parent)) {
            s.filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(AtomicFiles::deleteQuietly);
        } catch (IOException e) {
            // leftovers are harmless; the study goes on
        }
    }

    private static String text(JsonNode n) {
        return n == null ? "none" : n.isTextual() ? n.asText() : n.toString();
    }

    private void deleteAllButTheLock() {
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> !p.getFileName().toString().equals(LOCK)).forEach(AtomicFiles::deleteTree);
        } catch (IOException e) {
            throw new WinnowException(dir + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (!Files.exists(dir.resolve(LOCK))) {
            AtomicFiles.deleteTree(dir);
        }
    }

    /**
     * Takes this folder's lock (creating the folder when absent), or fails with one line when another
     * process holds it. Close it when the study ends; a folder the lock created and nothing else filled is
     * removed then.
     */
    public FolderLock lock() {
        return FolderLock.take(dir, dir.resolve(LOCK), "winnow study");
    }

    private static boolean isEmptyDir(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.noneMatch(p -> !p.getFileName().toString().equals(LOCK));
        } catch (IOException e) {
            throw new WinnowException(dir + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
