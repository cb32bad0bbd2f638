package dev.winnow.catalogue;

import java.util.List;
import java.util.Objects;

/**
 * One method of the catalogue: how to write it, its parameters with their defaults, one help line and the
 * paper it comes from. Every command's help text and every parser of a spec reads these entries, so a
 * default cannot differ between two commands.
 *
 * @param kind   what it is
 * @param name   the word that names it in specs ({@code el2n}, {@code calibrated}, {@code ucb})
 * @param usage  how it is written, e.g. {@code el2n@E} or {@code ucb:F[,C]}
 * @param params its parameters in the order they are written
 * @param help   one line: what it does and when to use it
 * @param source the paper (or {@code baseline})
 */
public record Entry(Kind kind, String name, String usage, List<Param> params, String help, String source) {
    /** The three families of methods. */
    public enum Kind { SCORE, STRATEGY, POLICY }

    public Entry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(usage, "usage");
        params = List.copyOf(params);
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(source, "source");
    }

    /** The parameter called {@code name}. */
    public Param param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no parameter '" + paramName + "'"));
    }

    /** The default of parameter {@code paramName} as a number; fails when it has none. */
    public double defaultOf(String paramName) {
        Param p = param(paramName);
        if (p.isRequired()) {
            throw new IllegalStateException(name + ": parameter '" + paramName + "' has no default");
        }
        return Double.parseDouble(p.defaultValue());
    }
}
