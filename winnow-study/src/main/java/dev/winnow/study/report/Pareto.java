package dev.winnow.study.report;

import dev.winnow.study.StudyResults.Cell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The Pareto frontier of (total seconds, mean test accuracy): the cells no other cell beats on both,
 * that is, the runs worth choosing for some budget. A cell is dominated when another costs no more and
 * is at least as accurate, and is strictly better on one of the two.
 */
public final class Pareto {
    private Pareto() {
    }

    /** The undominated cells, cheapest first (a cell without a finite cost or accuracy takes no part). */
    public static List<Cell> frontier(Collection<Cell> cells) {
        List<Cell> valid = cells.stream()
                .filter(c -> Double.isFinite(c.total()) && Double.isFinite(c.accMean())).toList();
        List<Cell> out = new ArrayList<>();
        for (Cell c : valid) {
            boolean dominated = false;
            for (Cell o : valid) {
                if (o != c && dominates(o, c)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingDouble(Cell::total).thenComparing(Comparator.comparingDouble(Cell::accMean).reversed()));
        return out;
    }

    /** Whether {@code a} costs no more than {@code b}, is at least as accurate, and is strictly better on one. */
    static boolean dominates(Cell a, Cell b) {
        return a.total() <= b.total() && a.accMean() >= b.accMean()
                && (a.total() < b.total() || a.accMean() > b.accMean());
    }
}
