package dev.winnow.train.data;

import dev.winnow.WinnowException;
import dev.winnow.io.BadRows;
import dev.winnow.io.DelimitedReader;
import dev.winnow.io.Header;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A CSV or TSV dataset file read whole before its header is decided: every record (line 1 included) with
 * its line, the blank lines skipped, and, once {@link #decide} has run, whether line 1 is the header. What
 * the reader decided or skipped is said in {@link #notes()}, printed on stderr and kept in the dataset's
 * description (the provenance of every store trained on it).
 */
final class TableFile {
    private final Path file;
    private final List<DelimitedReader.Row> records;
    private final int blankLines;
    private final BadRows bad;
    private boolean header;
    private String headerNote;

    private TableFile(Path file, List<DelimitedReader.Row> records, int blankLines, BadRows bad) {
        this.file = file;
        this.records = records;
        this.blankLines = blankLines;
        this.bad = bad;
    }

    static TableFile read(Path file, DelimitedReader.Format format, boolean skipBadRows) {
        List<DelimitedReader.Row> records = new ArrayList<>();
        try (DelimitedReader r = DelimitedReader.open(file, format, false)) {
            for (DelimitedReader.Row row : r.rows()) {
                records.add(row);
            }
            if (records.isEmpty()) {
                throw new WinnowException(file + ": no rows" + (r.blankLines() > 0 ? " (only blank lines)" : ""));
            }
            return new TableFile(file, records, r.blankLines(), BadRows.of(file, skipBadRows));
        }
    }

    Path file() {
        return file;
    }

    /** Line 1's record. */
    DelimitedReader.Row first() {
        return records.get(0);
    }

    /** The records after line 1. */
    List<DelimitedReader.Row> rest() {
        return records.subList(1, records.size());
    }

    /**
     * Settles whether line 1 is the header: as declared, else (auto) by {@code looksLikeHeader} on it, whose
     * rule {@code rule} states. A named column needs a header.
     */
    void decide(Header declared, boolean namesColumns, Predicate<DelimitedReader.Row> looksLikeHeader, String rule) {
        if (declared == Header.AUTO && namesColumns) {
            header = true;
            headerNote = "line 1 is the header (a column is named)";
        } else if (declared == Header.AUTO) {
            header = looksLikeHeader.test(first());
            headerNote = "line 1 read as " + (header ? "a header" : "data") + " (" + rule + "; say header="
                    + (header ? "no" : "yes") + " if it is " + (header ? "data" : "one") + ")";
        } else {
            header = declared == Header.YES;
        }
        if (header && records.size() == 1) {
            throw new WinnowException(file + ": no data rows after the header line");
        }
    }

    /** Whether line 1 is the header (after {@link #decide}). */
    boolean hasHeader() {
        return header;
    }

    /** The header's fields, stripped, or null when the file has none. */
    List<String> header() {
        return header ? first().fields().stream().map(String::strip).toList() : null;
    }

    /** The data records. */
    List<DelimitedReader.Row> data() {
        return header ? rest() : records;
    }

    /** Where the rows that cannot be read go. */
    BadRows bad() {
        return bad;
    }

    /** What was decided or skipped in this file, or an empty list. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (headerNote != null) {
            notes.add(file + ": " + headerNote);
        }
        if (blankLines > 0) {
            notes.add(file + ": " + blankLines + " blank line" + (blankLines == 1 ? "" : "s") + " skipped");
        }
        if (bad.summary() != null) {
            notes.add(bad.summary());
        }
        return notes;
    }

    /** Prints the notes of {@code files} on stderr and returns them for the dataset's description. */
    static String report(TableFile... files) {
        List<String> all = new ArrayList<>();
        for (TableFile f : files) {
            if (f != null) {
                all.addAll(f.notes());
            }
        }
        for (String n : all) {
            System.err.println(n);
        }
        return all.isEmpty() ? "" : "; " + String.join("; ", all);
    }
}
