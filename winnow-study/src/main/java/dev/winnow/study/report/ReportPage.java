package dev.winnow.study.report;

import dev.winnow.study.StudyResults.Cell;
import dev.winnow.study.report.ExampleSection.Pick;
import dev.winnow.study.report.ExampleSection.Side;
import dev.winnow.study.report.ExampleSection.TextRow;
import dev.winnow.study.report.ReportModel.Histogram;
import dev.winnow.study.report.ReportModel.ResultRow;
import dev.winnow.study.report.ReportModel.ScoreSection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static dev.winnow.study.report.Format.count;
import static dev.winnow.study.report.Format.num;
import static dev.winnow.study.report.Format.pct;

/**
 * {@code report.html}: the {@link ReportModel} as one self-contained page (no scripts, no external URLs;
 * the style sheet inline, the images in {@link #FILES} beside it). Every value goes through
 * {@link HtmlElement}, which escapes it.
 */
public final class ReportPage {
    /** The folder of the report's images, beside {@code report.html}. */
    public static final String FILES = "report-files";

    private ReportPage() {
    }

    /** The page of {@code model}. */
    public static String render(ReportModel model) {
        return render(model, null);
    }

    /** The page of {@code model}, with the data map of its proxy when {@code dataMap} is given. */
    public static String render(ReportModel model, DataMapChart.Summary dataMap) {
        HtmlElement html = new HtmlElement("html").attr("lang", "en");
        HtmlElement head = html.element("head");
        head.element("meta").attr("charset", "utf-8");
        head.element("title", model.title());
        head.element("style").css(styleSheet());
        HtmlElement main = html.element("body").element("main");
        main.element("h1", model.title());
        main.element("p", model.settings()).cls("sub");
        HtmlElement summary = main.element("section").cls("summary");
        summary.element("h2", "What this says");
        summary.element("p", String.join(" ", model.summary()));
        if (!model.series().isEmpty()) {
            PayoffSection.summary(summary, model.payoff());
            PayoffSection.render(main, model.payoff());
            charts(main);
            results(main, model.results());
        }
        noise(main, model.noise());
        scores(main, model.scores());
        examples(main, model.examples());
        dataMap(main, dataMap);
        HtmlElement footer = main.element("footer").text("Made by ");
        footer.element("b", "winnow report");
        footer.text(" from " + model.source() + " · " + model.runs() + " runs in results.jsonl");
        return html.renderPage();
    }

    /** The style sheet, a classpath resource beside this class. */
    static String styleSheet() {
        try (InputStream in = ReportPage.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void dataMap(HtmlElement main, DataMapChart.Summary m) {
        if (m == null) {
            return;
        }
        HtmlElement section = main.element("section");
        section.element("h2", "Data map of the proxy");
        String[] names = {"easy-to-learn", "ambiguous", "hard-to-learn"};
        StringBuilder regions = new StringBuilder();
        for (int r = 0; r < names.length; r++) {
            regions.append(r == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,d", m.regions()[r])).append(' ')
                    .append(names[r]);
        }
        StringBuilder flipped = new StringBuilder();
        if (m.flipped() > 0) {
            flipped.append(" Of the ").append(String.format(Locale.ROOT, "%,d", m.flipped())).append(" flipped labels (black crosses), ");
            for (int r = 0; r < names.length; r++) {
                flipped.append(r == 0 ? "" : ", ").append(pct((double) m.flippedRegions()[r] / m.flipped()))
                        .append(" land in ").append(names[r]);
            }
            flipped.append('.');
        }
        section.element("p", "Dataset Cartography (Swayamdipta et al. 2020) from the proxy of seed " + m.seed()
                + ": per training example, the mean (confidence) and standard deviation (variability) of p_true over "
                + "its presentations, coloured by the fraction predicted correctly. Ambiguous: variability ≥ "
                + dev.winnow.quality.DataMap.AMBIGUOUS_VARIABILITY + "; below, easy-to-learn at confidence ≥ "
                + dev.winnow.quality.DataMap.EASY_CONFIDENCE + ", hard-to-learn under. " + regions + "." + flipped)
                .cls("note");
        figure(section, DataMapChart.FILE, "data map of the proxy");
    }

    static void figure(HtmlElement parent, String file, String alt) {
        parent.element("figure").element("img").attr("src", FILES + "/" + file).attr("alt", alt);
    }

    private static void charts(HtmlElement main) {
        HtmlElement kept = main.element("section");
        kept.element("h2", "Accuracy against kept fraction");
        kept.element("p", "Mean test accuracy over seeds; bars span the lowest to the highest seed. "
                + "The dashed line is training on all the data.").cls("note");
        figure(kept, Charts.ACCURACY, "Test accuracy against the kept fraction, per method");
        HtmlElement cost = main.element("section");
        cost.element("h2", "Accuracy against total cost");
        cost.element("p", "Seconds per run, everything counted: proxy training, scoring, selection, "
                + "target training and evaluation (mean over seeds). Up and to the left is better. "
                + "Score-based methods pay for their proxy; random and full do not need one. "
                + "The yellow staircase is the Pareto frontier: the runs no other run beats on both "
                + "cost and accuracy.").cls("note");
        figure(cost, Charts.COST, "Test accuracy against total seconds, per method and kept fraction");
        cost.element("p", "The same against examples backpropagated per run (the proxy's included): "
                + "dynamic methods (dynamic:POLICY) spend their budget across epochs, static ones on one keep-list; "
                + "forward-only refresh passes are in the table's forward counts and the seconds above.").cls("note");
        figure(cost, Charts.BACKWARD, "Test accuracy against examples backpropagated, per method and kept fraction");
    }

    private static void results(HtmlElement main, List<ResultRow> rows) {
        HtmlElement section = main.element("section");
        section.element("h2", "Results");
        section.element("p", "Accuracy as mean ± standard deviation over seeds, "
                + "with the lowest and highest seed; seconds are wall-clock means per run. “× full” is the run's total "
                + "cost as a fraction of full training. CPU s is the process CPU time of the run, all threads, "
                + "everything counted: steadier than wall time on a shared machine.").cls("note");
        HtmlElement table = section.element("div").cls("scroll").element("table").cls("results");
        header(table, "method", "kept", "examples", "seeds", "accuracy", "min–max", "vs full", "proxy s", "scoring s",
                "selection s", "training s", "eval s", "total s", "× full", "CPU s", "fwd / bwd examples");
        HtmlElement body = table.element("tbody");
        for (ResultRow r : rows) {
            Cell c = r.cell();
            HtmlElement tr = body.element("tr");
            if (r.first()) {
                tr.cls("first");
            }
            HtmlElement name = tr.element("td");
            name.element("span").cls("dot").attr("style", String.format(Locale.ROOT, "background:#%06x", r.rgb()));
            name.text(c.method());
            tr.element("td", pct(c.keep()));
            tr.element("td", Long.toString(Math.round(c.k())));
            tr.element("td", Integer.toString(c.seeds()));
            HtmlElement acc = tr.element("td");
            acc.element("b", String.format(Locale.ROOT, "%.2f", c.accMean() * 100));
            acc.text(String.format(Locale.ROOT, " ± %.2f", c.accStd() * 100));
            tr.element("td", String.format(Locale.ROOT, "%.2f–%.2f", c.accMin() * 100, c.accMax() * 100));
            if (Double.isNaN(r.vsFull())) {
                tr.element("td");
            } else {
                double d = r.vsFull() * 100;
                tr.element("td", String.format(Locale.ROOT, "%+.2f pt", d)).cls(d >= 0 ? "up" : "down");
            }
            for (double v : new double[] {c.proxy(), c.scoring(), c.selection(), c.training(), c.evaluation(), c.total()}) {
                tr.element("td", num(v));
            }
            tr.element("td", Double.isNaN(r.timesFull()) ? "" : String.format(Locale.ROOT, "%.2f", r.timesFull()));
            tr.element("td", Double.isNaN(c.cpu()) ? "–" : num(c.cpu()));
            tr.element("td", count(c.forward()) + " / " + count(c.backward()));
        }
    }

    static void header(HtmlElement table, String... names) {
        HtmlElement tr = table.element("thead").element("tr");
        for (String n : names) {
            tr.element("th", n);
        }
    }

    private static void noise(HtmlElement main, List<NoiseDetection> noise) {
        if (noise.isEmpty()) {
            return;
        }
        String f = pct(noise.get(0).flippedFraction());
        HtmlElement section = main.element("section");
        section.element("h2", "Finding the flipped labels");
        section.element("p", f + " of the training labels were flipped to another class before the proxy trained. "
                + "How well does each score rank them as the hardest? AUROC (rank formula, ties count ½) and the "
                + "share of flipped labels among each score's top " + f + " (precision at F); chance is 0.5 and "
                + f + ".").cls("note");
        HtmlElement table = section.element("table").cls("small");
        header(table, "score", "AUROC", "", "precision at F", "seeds");
        HtmlElement body = table.element("tbody");
        for (NoiseDetection d : noise) {
            HtmlElement tr = body.element("tr");
            tr.element("td", d.score());
            HtmlElement auroc = tr.element("td");
            auroc.element("b", String.format(Locale.ROOT, "%.3f", d.auroc()));
            if (d.seeds() > 1) {
                auroc.text(String.format(Locale.ROOT, " ± %.3f", d.aurocStd()));
            }
            tr.element("td").element("div").cls("bar").element("div")
                    .attr("style", String.format(Locale.ROOT, "width:%.1f%%", Math.max(0, d.auroc()) * 100));
            tr.element("td", pct(d.precisionAtF()));
            tr.element("td", Integer.toString(d.seeds()));
        }
    }

    private static void scores(HtmlElement main, ScoreSection scores) {
        if (scores == null) {
            return;
        }
        HtmlElement section = main.element("section");
        section.element("h2", "Score distributions");
        section.element("p", "Each score over the training set (seed " + scores.seed() + "). Higher means harder.")
                .cls("note");
        HtmlElement grid = section.element("div").cls("grid2");
        for (Histogram h : scores.histograms()) {
            HtmlElement fig = grid.element("figure").cls("hist");
            fig.element("img").attr("src", FILES + "/" + h.file()).attr("alt", "histogram of " + h.score());
            fig.element("figcaption", h.score());
        }
        List<String> names = scores.names();
        if (names.size() < 2) {
            return;
        }
        section.element("h3", "Do the scores agree?");
        section.element("p", "Spearman rank correlation between scores "
                + "(1 = same order, 0 = unrelated, −1 = reversed).").cls("note");
        HtmlElement table = section.element("table").cls("corr");
        HtmlElement head = table.element("thead").element("tr");
        head.element("th");
        names.forEach(n -> head.element("th", n));
        HtmlElement body = table.element("tbody");
        for (int i = 0; i < names.size(); i++) {
            HtmlElement tr = body.element("tr");
            tr.element("th", names.get(i));
            for (double r : scores.correlations().get(i)) {
                tr.element("td", Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.2f", r))
                        .attr("style", "background:" + corrColor(r));
            }
        }
    }

    /** A cell colour for ρ: blue for agreement, red for disagreement, the paler the weaker. */
    static String corrColor(double r) {
        if (Double.isNaN(r)) {
            return "#f4f4f4";
        }
        double a = Math.min(1, Math.abs(r));
        int base = r >= 0 ? 0x1f77b4 : 0xd62728;
        int rr = (int) Math.round(255 - a * 0.55 * (255 - ((base >> 16) & 255)));
        int gg = (int) Math.round(255 - a * 0.55 * (255 - ((base >> 8) & 255)));
        int bb = (int) Math.round(255 - a * 0.55 * (255 - (base & 255)));
        return String.format("#%02x%02x%02x", rr, gg, bb);
    }

    private static void examples(HtmlElement main, ExampleSection ex) {
        if (ex == null) {
            return;
        }
        HtmlElement section = main.element("section");
        section.element("h2", "Which examples are hard?");
        section.element("p", "The training examples each score ranks hardest and easiest (seed " + ex.seed() + "). "
                + (ex.images() ? "A red frame and label mark an example whose training label was flipped "
                + "(shown: true → training label)." : "")).cls("note");
        for (Pick p : ex.picks()) {
            section.element("h3", p.score());
            HtmlElement pair = section.element("div").cls("pair");
            for (Side side : List.of(p.hardest(), p.easiest())) {
                if (ex.images()) {
                    HtmlElement fig = pair.element("figure").cls("grid");
                    fig.element("figcaption", side.title());
                    fig.element("img").attr("src", FILES + "/" + side.file()).attr("alt", side.title());
                } else {
                    texts(pair, side);
                }
            }
        }
    }

    private static void texts(HtmlElement pair, Side side) {
        HtmlElement div = pair.element("div").cls("texts");
        div.element("h4", side.title());
        HtmlElement table = div.element("table").cls("small");
        header(table, "id", "label", "text");
        HtmlElement body = table.element("tbody");
        for (TextRow r : side.rows()) {
            HtmlElement tr = body.element("tr");
            if (r.flipped()) {
                tr.cls("flipped");
            }
            tr.element("td", Long.toString(r.id()));
            tr.element("td", r.label());
            tr.element("td", r.text());
        }
    }
}
