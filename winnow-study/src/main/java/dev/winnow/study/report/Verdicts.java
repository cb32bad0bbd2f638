package dev.winnow.study.report;

import dev.winnow.study.Method;
import dev.winnow.study.StudyResults;
import dev.winnow.study.StudyResults.Cell;
import dev.winnow.study.report.Verdict.Outcome;
import dev.winnow.study.results.RunRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import static dev.winnow.study.report.Format.pct;
import static dev.winnow.study.report.Format.pt;
import static dev.winnow.study.report.Format.secs;

/**
 * Did pruning pay? Judges every (method, kept fraction) of a study against the honest alternative, training
 * on all the data for as many steps ({@code full:shorter}), and against full training: the verdict, the
 * saving at matched accuracy, the time to come within {@link #MATCH} of full training's accuracy, and the
 * break-even reuse count of a proxy's scores (DESIGN "Cost accounting"). Every number comes from the
 * folder's {@code results.jsonl}; a folder without {@code full:shorter} runs is judged against full only.
 */
public final class Verdicts {
    /** The method name of training on all the data for ⌈keep · steps of full⌉ steps, in {@code results.jsonl}. */
    public static final String SHORTER = Method.SHORTER;

    /** Accuracy within this of full training's (0.5 pt) counts as matching it. */
    public static final double MATCH = 0.005;

    private Verdicts() {
    }

    /**
     * "Did pruning pay?" for {@code res}, in a few sentences with their numbers: the answer, the best method
     * that paid, the break-even reuse count, the time to accuracy and any collapse. For the end of a demo.
     */
    public static List<String> summaryLines(StudyResults res) {
        Payoff p = analyse(res);
        List<String> out = new ArrayList<>(p.lines());
        out.addAll(p.warnings());
        return out;
    }

    /** Everything the report says about whether pruning paid in {@code res}. */
    public static Payoff analyse(StudyResults res) {
        Cell full = res.full();
        List<Cell> all = new ArrayList<>();
        List<Cell> fullData = new ArrayList<>();
        res.cells().forEach((m, row) -> {
            all.addAll(row.values());
            if (isBaseline(m)) {
                fullData.addAll(row.values());
            }
        });
        List<Cell> frontier = Pareto.frontier(all);
        List<CostCurve> curves = new ArrayList<>();
        for (Cell c : all) {
            CostCurve curve = CostCurve.mean(c.method(), c.keep(), runsOf(res, c.method(), c.keep()));
            if (curve != null) {
                curves.add(curve);
            }
        }
        double target = full == null ? Double.NaN : full.accMean() - MATCH;
        boolean hasShorter = res.cells().containsKey(SHORTER);
        List<Verdict> verdicts = new ArrayList<>();
        List<Collapse> collapses = List.of();
        if (full != null) {
            for (Cell c : all) {
                CostCurve curve = curves.stream().filter(k -> k.method().equals(c.method()) && k.keep() == c.keep())
                        .findFirst().orElse(null);
                verdicts.add(verdict(c, full, shorter(res, c.keep()), fullData, curve, target, frontier.contains(c)));
            }
            verdicts.sort(Comparator.comparing((Verdict v) -> v.outcome() != Outcome.BASELINE));
            collapses = Collapse.find(res);
        }
        List<String> lines = lines(full, hasShorter, verdicts, curves, target);
        List<String> warnings = collapses.stream().map(c -> String.format(Locale.ROOT,
                "Warning: %s at %s kept collapsed to %s against random's %s (lowest seed %s): %s.", c.method(),
                pct(c.keep()), pct(c.accMean()), pct(c.randomMean()), pct(c.randomMin()), c.reason())).toList();
        return new Payoff(full, target, hasShorter, verdicts, frontier, curves, collapses, lines, warnings);
    }

    /** Whether {@code method} is full training or {@code full:shorter}, the runs the others are judged against. */
    public static boolean isBaseline(String method) {
        return method.equals(Method.FULL) || method.equals(SHORTER);
    }

    /** The runs of {@code method} at {@code keep}, in file order. */
    static List<RunRecord> runsOf(StudyResults res, String method, double keep) {
        return res.runs().stream().filter(r -> r.method().equals(method) && Math.abs(r.keep() - keep) < 1e-12).toList();
    }

    /** What a method at {@code keep} is compared with: {@code full:shorter} there, full training at 1, else {@code null}. */
    static Cell shorter(StudyResults res, double keep) {
        Cell s = res.cell(SHORTER, keep);
        return s != null || Math.abs(keep - 1) > 1e-12 ? s : res.full();
    }

    static Verdict verdict(Cell c, Cell full, Cell shorter, List<Cell> fullData, CostCurve curve, double target,
                           boolean pareto) {
        double tta = curve == null ? Double.NaN : curve.secondsToReach(target);
        double timesFull = full.total() > 0 ? c.total() / full.total() : Double.NaN;
        double sAcc = shorter == null ? Double.NaN : shorter.accMean();
        double sTotal = shorter == null ? Double.NaN : shorter.total();
        if (isBaseline(c.method())) {
            return new Verdict(c.method(), c.keep(), c.seeds(), c.accMean(), c.total(), 0, timesFull, sAcc, sTotal,
                    Outcome.BASELINE, "", Double.NaN, null, false, tta, OptionalInt.empty(), pareto);
        }
        double acc = c.accMean();
        double total = c.total();
        boolean dominated = shorter != null && sAcc >= acc && sTotal <= total;
        boolean beatsShorter = shorter != null && acc > sAcc && total <= sTotal;
        boolean matchesFull = acc >= target && total < full.total();
        Outcome outcome = !dominated && (beatsShorter || matchesFull) ? Outcome.PAYS : Outcome.DOES_NOT_PAY;
        String why = why(acc, total, shorter, full, dominated, beatsShorter, matchesFull, target);

        Cell matched = null;
        for (Cell f : fullData) {
            if (f.accMean() >= acc && (matched == null || f.total() < matched.total())) {
                matched = f;
            }
        }
        boolean beyond = matched == null;
        if (beyond) {
            matched = fullData.stream().max(Comparator.comparingDouble(Cell::accMean)).orElse(full);
        }
        double saving = matched.total() > 0 ? 1 - total / matched.total() : Double.NaN;
        String matchedBy = matched.method().equals(Method.FULL) ? Method.FULL
                : matched.method() + " at " + pct(matched.keep());
        double amortised = c.proxy() + c.scoring();
        OptionalInt breakEven = Verdict.breakEven(amortised, c.selection() + c.training() + c.evaluation(), full.total());
        return new Verdict(c.method(), c.keep(), c.seeds(), acc, total, amortised, timesFull, sAcc, sTotal, outcome, why,
                saving, matchedBy, beyond, tta, breakEven, pareto);
    }

    private static String why(double acc, double total, Cell shorter, Cell full, boolean dominated, boolean beatsShorter,
                              boolean matchesFull, double target) {
        String vsFull = pt(acc - full.accMean()) + " against full";
        if (shorter == null) {
            return matchesFull ? "matches full (" + vsFull + ") at " + times(total / full.total()) + " its cost"
                    : acc >= target ? "matches full but costs " + times(total / full.total()) + " as much"
                    : vsFull + ", and no full:shorter to compare with";
        }
        String name = shorter.method(); // full training itself at kept fraction 1
        String vsShorter = pt(acc - shorter.accMean()) + " against " + name;
        if (dominated) {
            return name + " is at least as accurate (" + vsShorter + ") at " + times(shorter.total() / total)
                    + " the cost";
        }
        if (beatsShorter) {
            return "beats " + name + " (" + pt(acc - shorter.accMean()) + ") at " + times(total / shorter.total())
                    + " its cost";
        }
        if (matchesFull) {
            return "matches full (" + vsFull + ") at " + times(total / full.total()) + " its cost";
        }
        String s = acc > shorter.accMean() ? "beats " + name + " (" + pt(acc - shorter.accMean()) + ") but costs "
                + times(total / shorter.total()) + " as much"
                : "cheaper than " + name + " (" + times(total / shorter.total()) + ") but " + vsShorter;
        return s + (acc >= target ? ", and costs " + times(total / full.total()) + " full's" : ", " + vsFull);
    }

    /** A ratio of costs: {@code 0.72×}. */
    static String times(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }

    static List<String> lines(Cell full, boolean hasShorter, List<Verdict> verdicts, List<CostCurve> curves,
                              double target) {
        List<String> out = new ArrayList<>();
        if (full == null) {
            out.add("Did pruning pay? There is no full training run to compare with yet.");
            return out;
        }
        List<Verdict> judged = verdicts.stream().filter(v -> v.outcome() != Outcome.BASELINE).toList();
        if (judged.isEmpty()) {
            out.add("Did pruning pay? No pruned run has finished yet.");
            return out;
        }
        List<Verdict> paying = judged.stream().filter(Verdict::pays).toList();
        String rule = "beat training on all the data for as many steps (full:shorter) at no more cost, "
                + "or matched full training's accuracy (within 0.5 pt) for less";
        out.add(paying.isEmpty() ? "Did pruning pay? No: no method " + rule + "."
                : String.format(Locale.ROOT, "Did pruning pay? Yes, for %d of %d method budgets: they %s.",
                        paying.size(), judged.size(), rule));
        if (!hasShorter) {
            out.add("No full:shorter runs in this study, so a method pays here only by matching full training for less.");
        }
        Verdict best = paying.stream().filter(v -> v.accMean() >= target).min(Comparator.comparingDouble(Verdict::total))
                .orElse(paying.stream().max(Comparator.comparingDouble(Verdict::accMean)).orElse(null));
        if (best != null) {
            String s = String.format(Locale.ROOT, "Best: %s at %s kept reaches %s (%s against full) in %s, %s full training's %s",
                    best.method(), pct(best.keep()), pct(best.accMean()), pt(best.accMean() - full.accMean()),
                    secs(best.total()), times(best.timesFull()), secs(full.total()));
            if (best.hasShorter() && Math.abs(best.keep() - 1) > 1e-12) {
                s += String.format(Locale.ROOT, "; full:shorter at that budget reaches %s in %s",
                        pct(best.shorterAcc()), secs(best.shorterTotal()));
            }
            out.add(s + ".");
        }
        List<Verdict> proxied = judged.stream().filter(v -> v.amortised() > 0).toList();
        if (!proxied.isEmpty()) {
            Verdict r = proxied.stream().filter(v -> v.breakEven().isPresent())
                    .min(Comparator.comparingInt((Verdict v) -> v.breakEven().getAsInt())).orElse(null);
            if (r == null) {
                out.add("No proxy-based method gets below full training's cost, however many target trainings share "
                        + "its proxy's scores (break-even: never).");
            } else {
                int n = r.breakEven().getAsInt();
                out.add(String.format(Locale.ROOT, "Reusing one proxy's scores, %s at %s kept costs no more than full "
                        + "training per target %s (break-even R = %d).", r.method(), pct(r.keep()),
                        n == 1 ? "even for a single target" : "from " + n + " target trainings on", n));
            }
        }
        CostCurve fullCurve = curves.stream().filter(c -> c.method().equals(Method.FULL)).findFirst().orElse(null);
        if (fullCurve != null || judged.stream().anyMatch(v -> !Double.isNaN(v.timeToAccuracy()))) {
            Verdict fastest = judged.stream().filter(v -> Double.isFinite(v.timeToAccuracy()))
                    .min(Comparator.comparingDouble(Verdict::timeToAccuracy)).orElse(null);
            String s = "Within 0.5 pt of full training's " + pct(full.accMean()) + ": ";
            if (fullCurve != null) {
                double t = fullCurve.secondsToReach(target);
                s += "full training gets there after " + (Double.isFinite(t) ? secs(t) : "its last epoch") + "; ";
            }
            out.add(s + (fastest == null ? "no pruned run gets there."
                    : fastest.method() + " at " + pct(fastest.keep()) + " kept after " + secs(fastest.timeToAccuracy()) + "."));
        }
        return out;
    }
}
