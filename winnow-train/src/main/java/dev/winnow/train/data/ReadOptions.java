package dev.winnow.train.data;

import dev.winnow.io.ColumnRef;
import dev.winnow.io.Header;

/**
 * How a CSV or text dataset file is read (the {@code --data} options {@code header=}, {@code text=},
 * {@code label=}, {@code id=}, {@code quote=}, {@code skip-bad-rows=}).
 *
 * @param header      whether line 1 is a header ({@link Header#AUTO}: decided by a stated rule, and printed)
 * @param text        the text column (text data); null = the column {@code sentence} or {@code text} of the
 *                    header, else every field but the label's, joined by tabs
 * @param label       the label column; null = the column {@code label} of the header, else the last field
 * @param id          the integer id column (CSV data); null = the 0-based row
 * @param quoting     whether {@code "} quotes fields (RFC 4180, strict: a closing quote ends its field)
 * @param skipBadRows skip and count the rows that cannot be read instead of stopping at the first
 */
public record ReadOptions(Header header, ColumnRef text, ColumnRef label, ColumnRef id, boolean quoting,
                          boolean skipBadRows) {
    /** Header detected, default columns, quoting on, bad rows stop the run. */
    public static final ReadOptions DEFAULT = new ReadOptions(Header.AUTO, null, null, null, true, false);

    public ReadOptions {
        if (header == null) {
            throw new IllegalArgumentException("header is required");
        }
        if (header == Header.NO && (named(text) || named(label) || named(id))) {
            throw new IllegalArgumentException("header=no, so columns must be numbered from 1, not named");
        }
    }

    private static boolean named(ColumnRef c) {
        return c != null && c.named();
    }

    /** Whether a column is named, so line 1 must be the header. */
    boolean namesColumns() {
        return named(text) || named(label) || named(id);
    }

    public ReadOptions withLabel(ColumnRef c) {
        return new ReadOptions(header, text, c, id, quoting, skipBadRows);
    }

    public ReadOptions withId(ColumnRef c) {
        return new ReadOptions(header, text, label, c, quoting, skipBadRows);
    }
}
