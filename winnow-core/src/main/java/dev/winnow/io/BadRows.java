package dev.winnow.io;

import dev.winnow.WinnowException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reader does with a record it cannot use: stop with the error (which names the line), or, when the
 * user asked to skip bad rows, count it, remember the first lines and the first reason, and go on. The
 * count is reported ({@link #summary()}) so that no row is ever lost without a word.
 */
public final class BadRows {
    private static final int LINES_SHOWN = 5;

    private final Path file;
    private final boolean skip;
    private final List<Integer> lines = new ArrayList<>();
    private int count;
    private String first;

    private BadRows(Path file, boolean skip) {
        this.file = file;
        this.skip = skip;
    }

    /** Bad rows of {@code file} stop the run (the default). */
    public static BadRows failing(Path file) {
        return new BadRows(file, false);
    }

    /** Bad rows of {@code file} are skipped and counted. */
    public static BadRows skipping(Path file) {
        return new BadRows(file, true);
    }

    public static BadRows of(Path file, boolean skip) {
        return new BadRows(file, skip);
    }

    /** A bad record starting on {@code line}: rethrows {@code error} unless skipping, else counts it. */
    public void reject(int line, WinnowException error) {
        if (!skip) {
            throw error;
        }
        count++;
        if (lines.size() < LINES_SHOWN) {
            lines.add(line);
        }
        if (first == null) {
            first = error.getMessage();
        }
    }

    /** How many records were skipped. */
    public int count() {
        return count;
    }

    public boolean skipping() {
        return skip;
    }

    /**
     * One line: {@code FILE: skipped N bad rows (lines a, b, …; the first: REASON)}, or null when none was
     * skipped.
     */
    public String summary() {
        if (count == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder().append(file).append(": skipped ").append(count)
                .append(count == 1 ? " bad row (line " : " bad rows (lines ");
        for (int i = 0; i < lines.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(lines.get(i));
        }
        if (count > lines.size()) {
            b.append(", …");
        }
        String reason = first.startsWith(file + ":") ? first.substring(file.toString().length() + 1) : first;
        return b.append("; the first: ").append(reason.strip()).append(')').toString();
    }
}
