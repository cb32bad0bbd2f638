package dev.winnow.io;

import java.util.Locale;

/**
 * Whether the first line of a data file is a header: declared ({@code header=yes}, {@code header=no}) or
 * left to the reader ({@code auto}), which decides by a rule it states and prints, never silently.
 */
public enum Header {
    YES, NO, AUTO;

    /** {@code yes}, {@code no} or {@code auto} (any case); anything else is refused naming {@code what}. */
    public static Header parse(String value, String what) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> YES;
            case "no", "false" -> NO;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException(what + ": header must be yes, no or auto, got '" + value + "'");
        };
    }
}
