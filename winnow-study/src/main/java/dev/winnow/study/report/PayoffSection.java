package dev.winnow.study.report;

import dev.winnow.study.report.Verdict.Outcome;

import java.util.Locale;

import static dev.winnow.study.report.Format.pct;
import static dev.winnow.study.report.Format.secs;

/**
 * The page's "Did pruning pay?" parts, drawn from a {@link Payoff}: the answer in words with the collapse
 * call-outs in red (in the summary box), then a section with the rule, the verdict table and the learning
 * curves against cost. A part of {@link ReportPage}, apart because
 * it is one idea of its own.
 */
final class PayoffSection {
    private PayoffSection() {
    }

    /** The answer in words, as the second paragraph of the summary box; collapses in red. */
    static void summary(HtmlElement box, Payoff p) {
        HtmlElement para = box.element("p").cls("verdict");
        para.element("b", "Did pruning pay? ");
        String first = p.lines().get(0);
        para.text(first.startsWith("Did pruning pay? ") ? first.substring("Did pruning pay? ".length()) : first);
        for (String line : p.lines().subList(1, p.lines().size())) {
            para.text(" " + line);
        }
        for (String w : p.warnings()) {
            box.element("p", w).cls("collapse");
        }
    }

    /** The section: nothing to judge without full training. */
    static void render(HtmlElement main, Payoff p) {
        HtmlElement section = main.element("section");
        section.element("h2", "Did pruning pay?");
        if (p.full() == null) {
            section.element("p", "There is no full training run to judge against yet.").cls("note");
            return;
        }
        section.element("p", "A method pays at a kept fraction when its mean accuracy beats full:shorter's "
                + "(all the data, as many optimizer steps as the pruned runs at that fraction) at no more total cost, "
                + "or comes within 0.5 pt of full training's for less; one that full:shorter matches for no more cost "
                + "never pays. Saving at matched accuracy: against the cheapest full-data run (full or full:shorter) "
                + "at least as accurate. Time to accuracy: cumulative seconds until the mean learning curve comes "
                + "within 0.5 pt of full training's " + pct(p.full().accMean()) + ". Break-even R: how many target "
                + "trainings must share one proxy's scores before a method costs no more than full training per "
                + "target. ● marks the Pareto frontier of cost and accuracy.").cls("note");
        if (!p.hasShorter()) {
            section.element("p", "No full:shorter runs in this study: methods are judged against full training "
                    + "only.").cls("note");
        }
        HtmlElement table = section.element("div").cls("scroll").element("table").cls("results payoff");
        ReportPage.header(table, "method", "kept", "accuracy", "total s", "× full", "full:shorter", "verdict",
                "saving at matched accuracy", "time to accuracy", "break-even R", "Pareto");
        HtmlElement body = table.element("tbody");
        for (Verdict v : p.verdicts()) {
            HtmlElement tr = body.element("tr");
            boolean base = v.outcome() == Outcome.BASELINE;
            boolean collapsed = p.collapses().stream().anyMatch(c -> c.method().equals(v.method()) && c.keep() == v.keep());
            if (base || collapsed) {
                tr.cls(base ? "base" : "collapsed");
            }
            tr.element("td", v.method());
            tr.element("td", pct(v.keep()));
            tr.element("td", String.format(Locale.ROOT, "%.2f", v.accMean() * 100));
            tr.element("td", Format.num(v.total()));
            tr.element("td", Double.isNaN(v.timesFull()) ? "" : String.format(Locale.ROOT, "%.2f", v.timesFull()));
            tr.element("td", !v.hasShorter() || base ? "" : String.format(Locale.ROOT, "%.2f in %s",
                    v.shorterAcc() * 100, Format.num(v.shorterTotal())));
            HtmlElement verdict = tr.element("td").cls(v.pays() ? "up why" : base ? "why" : "down why");
            verdict.element("b", v.outcome().words() + (collapsed ? ", collapsed" : ""));
            if (!v.why().isEmpty()) {
                verdict.element("div", v.why());
            }
            HtmlElement saving = tr.element("td").cls("two");
            if (!base && !Double.isNaN(v.saving())) {
                saving.text(saving(v));
                saving.element("div", "vs " + v.matchedBy() + (v.beyond() ? ", more accurate" : ""));
            }
            tr.element("td", Double.isNaN(v.timeToAccuracy()) ? "–"
                    : Double.isInfinite(v.timeToAccuracy()) ? "never" : secs(v.timeToAccuracy()));
            tr.element("td", base ? "" : v.breakEven().isPresent() ? Integer.toString(v.breakEven().getAsInt()) : "never");
            tr.element("td", v.pareto() ? "●" : "");
        }
        if (!p.curves().isEmpty()) {
            section.element("h3", "Accuracy over cumulative cost");
            section.element("p", "Each method's mean learning curve at one kept fraction, against the seconds spent "
                    + "so far: a proxy's training and scoring are paid before the first point. Full training in black, "
                    + "full:shorter dashed grey, the dotted red line is full training's accuracy less 0.5 pt.").cls("note");
            HtmlElement grid = section.element("div").cls("grid2");
            for (double keep : p.curveKeeps()) {
                HtmlElement fig = grid.element("figure");
                fig.element("figcaption", pct(keep) + " kept");
                fig.element("img").attr("src", ReportPage.FILES + "/" + Charts.curvesFile(keep))
                        .attr("alt", "Learning curves against cumulative seconds at " + pct(keep) + " kept");
            }
        }
    }

    /** {@code saves 41%}, {@code costs 20% more}; a dash without a full-data run to match. */
    static String saving(Verdict v) {
        if (Double.isNaN(v.saving())) {
            return "–";
        }
        return v.saving() >= 0 ? String.format(Locale.ROOT, "saves %.0f%%", v.saving() * 100)
                : String.format(Locale.ROOT, "costs %.0f%% more", -v.saving() * 100);
    }
}
