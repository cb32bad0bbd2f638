package dev.winnow.study.report;

import dev.winnow.study.Method;
import dev.winnow.study.StudyResults.Cell;

import java.util.List;

/**
 * The report's answer to "did pruning pay?", computed once by {@link Verdicts#analyse}: a verdict per
 * method and kept fraction, the Pareto frontier of cost and accuracy, the learning curves against cost,
 * the methods that collapsed, and the answer in words.
 *
 * @param full       full training's cell, or {@code null} before it has run (then nothing is judged)
 * @param target     the accuracy that counts as reaching full training's: its mean minus {@link Verdicts#MATCH}
 *                   (NaN without full training)
 * @param hasShorter whether the study has any {@code full:shorter} run
 * @param verdicts   one row per (method, kept fraction), baselines first, in the results' order
 * @param frontier   the undominated cells, cheapest first
 * @param curves     the mean learning curve of every cell whose runs recorded one
 * @param collapses  the cells far below random at the same kept fraction
 * @param lines      "did pruning pay?" in sentences, for the report's summary and the demo's last lines
 * @param warnings   one sentence per collapse, with its likely reason
 */
public record Payoff(Cell full, double target, boolean hasShorter, List<Verdict> verdicts, List<Cell> frontier,
                     List<CostCurve> curves, List<Collapse> collapses, List<String> lines, List<String> warnings) {
    public Payoff {
        verdicts = List.copyOf(verdicts);
        frontier = List.copyOf(frontier);
        curves = List.copyOf(curves);
        collapses = List.copyOf(collapses);
        lines = List.copyOf(lines);
        warnings = List.copyOf(warnings);
    }

    /**
     * The kept fractions with a learning curve other than full training's (which every curve chart shows),
     * in increasing order.
     */
    public List<Double> curveKeeps() {
        return curves.stream().filter(c -> !c.method().equals(Method.FULL)).map(CostCurve::keep)
                .distinct().sorted().toList();
    }

    /** The curve of {@code method} at {@code keep}, or {@code null}. */
    public CostCurve curve(String method, double keep) {
        return curves.stream().filter(c -> c.method().equals(method) && c.keep() == keep).findFirst().orElse(null);
    }
}
