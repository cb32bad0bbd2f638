package dev.winnow.io;

import dev.winnow.WinnowException;

import java.nio.file.Path;
import java.util.List;

/**
 * A column of a delimited file, by header name ({@code label=sentiment}) or by number counted from 1
 * ({@code label=2}); a value of digits only is a number.
 *
 * @param name   the header name, or null for a numbered column
 * @param number the 1-based column number, or 0 for a named column
 */
public record ColumnRef(String name, int number) {
    public ColumnRef {
        if ((name == null) == (number < 1)) {
            throw new IllegalArgumentException("a column is a name or a number from 1");
        }
    }

    /** Parses {@code value}: digits are a 1-based number, anything else a header name. */
    public static ColumnRef parse(String value, String what) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException(what + ": empty column");
        }
        if (v.chars().allMatch(Character::isDigit)) {
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new IllegalArgumentException(what + ": columns are numbered from 1, got '" + value + "'");
            }
            return new ColumnRef(null, n);
        }
        return new ColumnRef(v, 0);
    }

    /** Whether the column is named (so the file needs a header). */
    public boolean named() {
        return name != null;
    }

    /**
     * The 0-based index of this column in {@code header} (null when the file has none). A name must be in the
     * header; a number is not checked against it (each record's width is).
     */
    public int index(List<String> header, Path file) {
        if (name == null) {
            return number - 1;
        }
        if (header == null) {
            throw new WinnowException(file + ": column '" + name + "' is named, but the file has no header line"
                    + " (number the columns from 1 instead)");
        }
        int i = header.indexOf(name);
        if (i < 0) {
            throw new WinnowException(file + ": no column '" + WinnowException.shown(name) + "' (columns: "
                    + WinnowException.shown(String.join(", ", header)) + ")");
        }
        return i;
    }

    @Override
    public String toString() {
        return name != null ? name : Integer.toString(number);
    }
}
