package dev.winnow.io;

import dev.winnow.WinnowException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads delimited text with a header row (CSV, TSV) one record at a time. Every Winnow reader of such
 * files (score tables, external scores, keep-lists, tabular and text datasets) goes through it, so that
 * quoting, line endings, blank lines and the place of an error are handled once, the same way.
 *
 * <ul>
 * <li>The first line is the header (a byte-order mark before it is dropped); {@link #header()} is empty
 *     when the file is empty or that line is blank. A file opened without a header ({@link #open(Path,
 *     Format, boolean)}) has its first line read as a record like any other.</li>
 * <li>Quoting (RFC 4180, when the {@link Format} has it): a field whose first character other than spaces
 *     is {@code "} runs to the next lone {@code "}; {@code ""} inside stands for one quote; delimiters and
 *     line breaks inside are content. Text after the closing quote, up to the delimiter, is kept as is. A
 *     {@code "} inside an unquoted field is an ordinary character. Without quoting, {@code "} is never
 *     special (GLUE's TSV files). With strict quotes ({@link Format#withStrictQuotes()}) text after a
 *     closing quote is refused, so that a stray quote cannot silently join the lines up to the next one
 *     into one field.</li>
 * <li>Lines end with LF, CRLF or CR; a line break inside quotes is read as LF.</li>
 * <li>Blank lines (only whitespace) between records are skipped or refused, as the format says; the
 *     skipped ones are counted ({@link #blankLines()}).</li>
 * <li>Every error names the file and the line the record starts on: {@code file:LINE: message}.</li>
 * </ul>
 * Fields are returned exactly as written (inside the quotes), not stripped; callers strip where they
 * tolerate spaces.
 */
public final class DelimitedReader implements AutoCloseable {
    /** What a blank line between records means. */
    public enum BlankLines {
        /** Skip it (a trailing newline or spacing in a hand-written file). */
        SKIP,
        /** Refuse it with the line's number. */
        FAIL
    }

    /**
     * How a file is delimited.
     *
     * @param delimiter   the field separator, e.g. {@code ','} or {@code '\t'}
     * @param quoting     whether {@code "} quotes fields (RFC 4180)
     * @param blankLines  what a blank line between records means
     * @param headerWidth whether every record must have as many fields as the header
     * @param strictQuotes whether a closing quote must end its field (RFC 4180) rather than be followed by
     *                     more text up to the delimiter
     */
    public record Format(char delimiter, boolean quoting, BlankLines blankLines, boolean headerWidth,
                         boolean strictQuotes) {
        /** Comma-separated, quoted, blank lines skipped, rows of any width. */
        public static final Format CSV = new Format(',', true, BlankLines.SKIP, false);
        /** Tab-separated, no quoting, blank lines skipped, rows of any width. */
        public static final Format TSV = new Format('\t', false, BlankLines.SKIP, false);

        public Format {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("a delimiter cannot be a quote or a line break");
            }
            if (blankLines == null) {
                throw new IllegalArgumentException("blankLines is required");
            }
        }

        /** A format whose closing quotes may be followed by more text (the readers' default). */
        public Format(char delimiter, boolean quoting, BlankLines blankLines, boolean headerWidth) {
            this(delimiter, quoting, blankLines, headerWidth, false);
        }

        public Format withBlankLines(BlankLines b) {
            return new Format(delimiter, quoting, b, headerWidth, strictQuotes);
        }

        /** The same format, refusing a record whose number of fields differs from the header's. */
        public Format withHeaderWidth() {
            return new Format(delimiter, quoting, blankLines, true, strictQuotes);
        }

        /** The same format with or without quoting. */
        public Format withQuoting(boolean q) {
            return new Format(delimiter, q, blankLines, headerWidth, strictQuotes);
        }

        /** The same format, refusing text after a closing quote (see the class comment). */
        public Format withStrictQuotes() {
            return new Format(delimiter, quoting, blankLines, headerWidth, true);
        }
    }

    /** One record: the line it starts on and its fields. */
    public static final class Row {
        private final Path file;
        private final int line;
        private final String[] fields;

        private Row(Path file, int line, String[] fields) {
            this.file = file;
            this.line = line;
            this.fields = fields;
        }

        /** The 1-based line of the file the record starts on (the header is line 1). */
        public int line() {
            return line;
        }

        public int size() {
            return fields.length;
        }

        /** Field {@code i} (0-based) as written; fails naming the line when the record is shorter. */
        public String field(int i) {
            if (i >= fields.length) {
                throw error("has " + fields.length + " field" + (fields.length == 1 ? "" : "s")
                        + ", needs at least " + (i + 1));
            }
            return fields[i];
        }

        /** All fields, in order (unmodifiable). */
        public List<String> fields() {
            return Collections.unmodifiableList(Arrays.asList(fields));
        }

        /** A data error at this record: {@code file:LINE: message}. */
        public WinnowException error(String message) {
            return new WinnowException(file + ":" + line + ": " + message);
        }
    }

    private final Path file;
    private final Format format;
    private final BufferedReader in;
    private final List<String> header;
    private int lineNo;
    private int blankLines;
    private boolean done;

    private DelimitedReader(Path file, Format format, BufferedReader in, boolean hasHeader) {
        this.file = file;
        this.format = format;
        this.in = in;
        if (!hasHeader) {
            this.header = List.of();
            return;
        }
        String first = readLine();
        this.header = first == null || first.isBlank() ? List.of() : List.of(parse(first, 1));
    }

    /**
     * Opens {@code file} and reads its header. A missing file fails with {@code file: no such file}.
     */
    public static DelimitedReader open(Path file, Format format) {
        return open(file, format, true);
    }

    /**
     * Opens {@code file}; with {@code hasHeader} false its first line is the first record and
     * {@link #header()} is empty.
     */
    public static DelimitedReader open(Path file, Format format, boolean hasHeader) {
        if (!Files.isRegularFile(file)) {
            throw new WinnowException(file + ": no such file");
        }
        BufferedReader in;
        try {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WinnowException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            return new DelimitedReader(file, format, in, hasHeader);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** The header's fields as written; empty when the file is empty or its first line is blank. */
    public List<String> header() {
        return header;
    }

    /** The number of blank lines skipped so far. */
    public int blankLines() {
        return blankLines;
    }

    /** The index of the first header field that is {@code name} (ignoring spaces around it), or −1. */
    public int column(String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The next record, or {@code null} at the end of the file. */
    public Row next() {
        while (!done) {
            String line = readLine();
            if (line == null) {
                done = true;
                break;
            }
            if (line.isBlank()) {
                if (format.blankLines() == BlankLines.FAIL) {
                    throw new WinnowException(file + ":" + lineNo + ": blank line");
                }
                blankLines++;
                continue;
            }
            int start = lineNo;
            String[] fields = parse(line, start);
            if (format.headerWidth() && fields.length != header.size()) {
                throw new WinnowException(file + ":" + start + ": " + fields.length + " fields, the header has "
                        + header.size());
            }
            return new Row(file, start, fields);
        }
        return null;
    }

    /** The remaining records, for a for-each loop (one pass). */
    public Iterable<Row> rows() {
        return () -> new Iterator<>() {
            private Row ahead = DelimitedReader.this.next();

            @Override
            public boolean hasNext() {
                return ahead != null;
            }

            @Override
            public Row next() {
                if (ahead == null) {
                    throw new NoSuchElementException();
                }
                Row r = ahead;
                ahead = DelimitedReader.this.next();
                return r;
            }
        };
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new WinnowException(file + ": cannot close (" + e.getMessage() + ")", e);
        }
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
            }
            return line;
        } catch (IOException e) {
            throw new WinnowException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Splits the record that starts with {@code line} (reading on while a quoted field is open). */
    private String[] parse(String line, int start) {
        char delim = format.delimiter();
        if (!format.quoting() || line.indexOf('"') < 0) {
            return split(line, delim);
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean onlySpaces = true;
        String text = line;
        int i = 0;
        while (true) {
            if (i == text.length()) {
                if (!quoted) {
                    out.add(cur.toString());
                    return out.toArray(new String[0]);
                }
                text = readLine();
                if (text == null) {
                    throw new WinnowException(file + ":" + start
                            + ": a quoted field opened on this line is never closed");
                }
                cur.append('\n');
                i = 0;
                continue;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c != '"') {
                    cur.append(c);
                } else if (i < text.length() && text.charAt(i) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = false;
                    if (format.strictQuotes() && i < text.length() && text.charAt(i) != delim) {
                        throw new WinnowException(file + ":" + start + ": text after the closing quote of a quoted"
                                + " field (a quote inside a quoted field is written \"\"; or read the quotes as"
                                + " ordinary characters)");
                    }
                }
            } else if (c == delim) {
                out.add(cur.toString());
                cur.setLength(0);
                onlySpaces = true;
            } else if (c == '"' && onlySpaces) {
                cur.setLength(0);
                quoted = true;
                onlySpaces = false;
            } else {
                cur.append(c);
                onlySpaces &= c == ' ';
            }
        }
    }

    private static String[] split(String line, char delim) {
        int count = 1;
        for (int i = line.indexOf(delim); i >= 0; i = line.indexOf(delim, i + 1)) {
            count++;
        }
        String[] out = new String[count];
        int from = 0;
        for (int k = 0; k < count - 1; k++) {
            int to = line.indexOf(delim, from);
            out[k] = line.substring(from, to);
            from = to + 1;
        }
        out[count - 1] = line.substring(from);
        return out;
    }

    private static void closeQuietly(BufferedReader in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the first failure is the one reported
        }
    }
}
