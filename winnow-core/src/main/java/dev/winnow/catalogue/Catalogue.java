package dev.winnow.catalogue;

import dev.winnow.score.Scores;
import dev.winnow.select.Strategy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one catalogue of methods: every score and selection strategy with its parameters, defaults, help line
 * and paper, and the help text made from them. Each family keeps its entries next to its code
 * ({@link Scores#catalogue()}, {@link Strategy#entry()}); parsers ({@code ScoreSpec}, {@code StrategySpec})
 * and options records read the same entries, so a command's help and what its parser does cannot disagree.
 *
 * <p>Help lines contain no {@code %}, so picocli can take them as descriptions or footers as they are.
 */
public final class Catalogue {
    private Catalogue() {
    }

    /** Every score ({@code el2n@E}, {@code aum}, ...), in the order of the help text. */
    public static List<Entry> scores() {
        return Scores.catalogue();
    }

    /** Every selection strategy ({@code hard}, {@code window:OFFSET}, ...), in the order of the help text. */
    public static List<Entry> strategies() {
        return Arrays.stream(Strategy.values()).map(Strategy::entry).toList();
    }

    /**
     * How the catalogue writes a number, in defaults and canonical specs: plain decimal, no exponent, no
     * trailing zeros ({@code 0.5}, {@code 50}, {@code 0}, {@code 0.0001}).
     */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * A help table: per entry, its usage, help line and source on one line (usages padded to one width so
     * the help lines align), then one indented line per parameter with its range and default.
     */
    public static List<String> helpLines(List<Entry> entries) {
        int width = entries.stream().mapToInt(e -> e.usage().length()).max().orElse(0);
        String pad = " ".repeat(width + 6);
        List<String> lines = new ArrayList<>();
        for (Entry e : entries) {
            String usage = e.usage() + " ".repeat(width - e.usage().length());
            lines.add("  " + usage + "  " + e.help() + " (" + e.source() + ")");
            for (Param p : e.params()) {
                lines.add(pad + p.helpLine());
            }
        }
        return lines;
    }

    /** One line for an entry, e.g. for an option's description: {@code usage: help (source); parameters}. */
    public static String line(Entry e) {
        StringBuilder s = new StringBuilder(e.usage()).append(": ").append(e.help()).append(" (").append(e.source())
                .append(')');
        for (Param p : e.params()) {
            s.append("; ").append(p.helpLine());
        }
        return s.toString();
    }
}
