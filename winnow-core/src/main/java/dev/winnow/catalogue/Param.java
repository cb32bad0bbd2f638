package dev.winnow.catalogue;

import java.util.Objects;

/**
 * One parameter of a catalogued method (a score, a selection strategy or a dynamic policy): its name as
 * written in a spec or flag, what it means, its default ({@code null} when it must be given) and the range
 * a value must lie in, as a help line shows it.
 *
 * @param name         the name in specs and flags, e.g. {@code alpha}
 * @param meaning      one short phrase, e.g. {@code "share of k taken hardest"}
 * @param defaultValue the default as text ({@code "0.5"}), or {@code null} when the parameter is required
 * @param range        the valid values, e.g. {@code "[0, 1)"}
 */
public record Param(String name, String meaning, String defaultValue, String range) {
    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(range, "range");
    }

    /** A parameter that must be given. */
    public static Param required(String name, String meaning, String range) {
        return new Param(name, meaning, null, range);
    }

    /** A parameter with a default. */
    public static Param optional(String name, String meaning, Object defaultValue, String range) {
        return new Param(name, meaning, String.valueOf(defaultValue), range);
    }

    /** Whether the parameter has no default. */
    public boolean isRequired() {
        return defaultValue == null;
    }

    /** {@code name in range (default d)}, or {@code name in range, required}. */
    public String helpLine() {
        return name + ": " + meaning + ", " + range + (isRequired() ? ", required" : ", default " + defaultValue);
    }
}
