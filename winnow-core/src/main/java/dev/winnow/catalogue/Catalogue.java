package dev.winnow.catalogue;

import dev.winnow.policy.DynamicPolicies;
import dev.winnow.score.Scores;
import dev.winnow.select.Strategy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one catalogue of methods: every score, selection strategy and dynamic pruning policy with its
 * parameters, defaults, help line and paper, and the help text made from them. Each family keeps its entries
 * next to its code ({@link Scores#catalogue()}, {@link Strategy#entry()}, {@link DynamicPolicies#catalogue()});
 * parsers ({@code ScoreSpec}, {@code StrategySpec}, {@code PolicySpec}) and options records read the same entries, so a command's help and what its parser does cannot disagree.
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

    /** Every dynamic pruning policy ({@code uniform:F}, {@code ucb:F[,C]}, ...), in the order of the help text. */
    public static List<Entry> policies() {
        return DynamicPolicies.catalogue();
    }

    /** The whole catalogue: scores, then strategies, then policies. */
    public static List<Entry> all() {
        List<Entry> all = new ArrayList<>(scores());
        all.addAll(strategies());
        all.addAll(policies());
        return all;
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

    /** The widest usage column of a help table; a longer usage stands on a line of its own. */
    static final int MAX_USAGE_COLUMN = 22;

    /** {@link #helpLines(List, int)} for an 80-column terminal. */
    public static List<String> helpLines(List<Entry> entries) {
        return helpLines(entries, 80);
    }

    /**
     * A help table no wider than {@code width} columns: per entry, its usage, help line and source (usages padded
     * to one width so the help lines align; a usage wider than {@value #MAX_USAGE_COLUMN} columns stands alone and
     * its help starts on the next line), then one indented line per parameter with its range and default. Long
     * lines wrap at spaces with a hanging indent, so a terminal never breaks them itself.
     */
    public static List<String> helpLines(List<Entry> entries, int width) {
        int usageWidth = entries.stream().mapToInt(e -> e.usage().length()).filter(n -> n <= MAX_USAGE_COLUMN)
                .max().orElse(0);
        int column = 2 + usageWidth + 2;
        List<String> lines = new ArrayList<>();
        for (Entry e : entries) {
            String text = e.help() + " (" + e.source() + ")";
            if (e.usage().length() <= usageWidth) {
                wrap(lines, "  " + e.usage() + " ".repeat(usageWidth - e.usage().length() + 2), text, column, width);
            } else {
                lines.add("  " + e.usage());
                wrap(lines, " ".repeat(column), text, column, width);
            }
            for (Param p : e.params()) {
                wrap(lines, " ".repeat(column + 2), p.helpLine(), column + 2, width);
            }
        }
        return lines;
    }

    /** Adds {@code text} after {@code first}, broken at spaces into lines of at most {@code width} columns. */
    private static void wrap(List<String> lines, String first, String text, int indent, int width) {
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(" ".repeat(indent));
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        lines.add(line.toString());
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
