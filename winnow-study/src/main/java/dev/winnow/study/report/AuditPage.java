package dev.winnow.study.report;

import dev.winnow.quality.DataMap;
import dev.winnow.study.report.AuditModel.Issue;
import dev.winnow.study.report.AuditModel.Outlier;
import dev.winnow.study.results.ExtremeExamples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.winnow.study.report.Format.count;
import static dev.winnow.study.report.Format.pct;

/**
 * {@code audit.html}: what a person checks before training, from an {@link AuditModel} — the label issues
 * confident learning found (with their images or sentences), the near-duplicate groups, the outliers, the
 * class balance and the data map. Self-contained like the study report: the report's style sheet inline, its
 * images in {@value #FILES} beside it; every value escaped by {@link HtmlElement}.
 */
public final class AuditPage {
    /** The folder of the page's images, beside {@code audit.html}. */
    public static final String FILES = "audit-files";
    /** Examples shown per grid. */
    static final int SHOWN = 48;
    static final String ISSUES = "issues.png";
    static final String DUPLICATES = "duplicates.png";
    static final String OUTLIERS = "outliers.png";

    private AuditPage() {
    }

    /** Writes {@code audit.html} and its images into the folder {@code dir} (which exists). */
    public static void write(AuditModel model, Path dir) {
        try {
            Path files = Files.createDirectories(dir.resolve(FILES));
            ReportOutput out = ReportOutput.folder(files);
            if (model.dataMap() != null) {
                out.png(DataMapChart.FILE, DataMapChart.draw(model.dataMap(), model.ids(), null));
            }
            if (images(model)) {
                out.png(ISSUES, ExampleGrids.draw(model.sheet(), issueIds(model)));
                if (model.duplicates() != null && model.duplicates().groups() > 0) {
                    out.png(DUPLICATES, ExampleGrids.draw(model.sheet(), groupRows(model.duplicates().largest())));
                }
                if (!model.outliers().isEmpty()) {
                    out.png(OUTLIERS, ExampleGrids.draw(model.sheet(),
                            model.outliers().stream().map(Outlier::id).toList()));
                }
            }
            Files.writeString(dir.resolve("audit.html"), render(model), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new dev.winnow.WinnowException(dir + ": cannot write the audit (" + e.getMessage() + ")", e);
        }
    }

    private static boolean images(AuditModel m) {
        return m.sheet() != null && "image".equals(m.sheet().kind());
    }

    private static boolean texts(AuditModel m) {
        return m.sheet() != null && "text".equals(m.sheet().kind());
    }

    static List<Long> issueIds(AuditModel m) {
        return m.issues().stream().limit(SHOWN).map(Issue::id).toList();
    }

    /** Each group on rows of its own: its ids, then blank cells to the end of the row of eight. */
    static List<Long> groupRows(List<List<Long>> groups) {
        List<Long> out = new ArrayList<>();
        for (List<Long> g : groups) {
            List<Long> row = g.subList(0, Math.min(8, g.size()));
            out.addAll(row);
            for (int k = row.size(); k < 8; k++) {
                out.add(Long.MIN_VALUE); // no such example: a blank cell
            }
        }
        return out;
    }

    /** The page of {@code model}. */
    public static String render(AuditModel m) {
        HtmlElement html = new HtmlElement("html").attr("lang", "en");
        HtmlElement head = html.element("head");
        head.element("meta").attr("charset", "utf-8");
        head.element("title", m.title());
        head.element("style").css(ReportPage.styleSheet());
        HtmlElement main = html.element("body").element("main");
        main.element("h1", m.title());
        long n = 0;
        for (long c : m.classCounts()) {
            n += c;
        }
        main.element("p", count(n) + " examples, " + m.classCounts().length + " classes; " + m.probabilities())
                .cls("sub");
        HtmlElement summary = main.element("section").cls("summary");
        summary.element("h2", "What to check");
        summary.element("p", "Confident learning estimates " + count(m.estimatedIssues()) + " label issues ("
                + pct((double) m.estimatedIssues() / Math.max(1, n)) + " of the examples) and flags "
                + count(m.issues().size()) + "." + (m.duplicates() == null ? ""
                : " " + count(m.duplicates().members()) + " examples fall in " + count(m.duplicates().groups())
                + " near-duplicate groups (a keep-list would drop " + count(m.duplicates().members()
                - m.duplicates().groups()) + ").")
                + (m.dataMap() == null ? "" : " " + regions(m.dataMap())));
        issues(main, m);
        duplicates(main, m);
        outliers(main, m);
        balance(main, m);
        dataMap(main, m);
        HtmlElement footer = main.element("footer").text("Made by ");
        footer.element("b", "winnow audit");
        footer.text(" from " + m.source());
        return html.renderPage();
    }

    private static String regions(DataMap map) {
        int[] r = map.regionCounts();
        return String.format(Locale.ROOT, "Data map: %,d easy-to-learn, %,d ambiguous, %,d hard-to-learn.", r[0], r[1],
                r[2]);
    }

    private static void figure(HtmlElement parent, String file, String alt) {
        parent.element("figure").element("img").attr("src", FILES + "/" + file).attr("alt", alt);
    }

    private static void issues(HtmlElement main, AuditModel m) {
        HtmlElement s = main.element("section");
        s.element("h2", "Label issues");
        s.element("p", "Per-class thresholds t_j = mean p_j over the examples labelled j; each example counted "
                + "under its label and the most probable class reaching its threshold (the confident joint), "
                + "calibrated to the label counts. Off its diagonal lies the estimate; in each cell, the examples "
                + "with the largest p_suggested − p_given are flagged (Northcutt et al. 2021). Ranked by "
                + "self-confidence p_given, lowest first; all of them are in label-issues.csv.").cls("note");
        if (m.issues().isEmpty()) {
            s.element("p", "No example was flagged.");
        } else if (images(m)) {
            s.element("p", "The " + Math.min(SHOWN, m.issues().size()) + " most likely, captioned given → suggested label.")
                    .cls("note");
            figure(s, ISSUES, "examples flagged as label issues");
        } else {
            HtmlElement table = s.element("div").cls("scroll texts").element("table").cls("small");
            ReportPage.header(table, "id", "given", "suggested", "p_given", texts(m) ? "text" : "");
            HtmlElement body = table.element("tbody");
            for (Issue i : m.issues().subList(0, Math.min(SHOWN, m.issues().size()))) {
                HtmlElement tr = body.element("tr");
                tr.element("td", Long.toString(i.id()));
                tr.element("td", m.className(i.label()));
                tr.element("td", m.className(i.suggested()));
                tr.element("td", String.format(Locale.ROOT, "%.3f", i.quality()));
                ExtremeExamples.Example e = m.sheet() == null ? null : m.sheet().example(i.id());
                tr.element("td", e == null || e.text() == null ? "" : e.text());
            }
        }
        s.element("h3", "Calibrated confident joint (rows: given label, columns: suggested)");
        HtmlElement table = s.element("div").cls("scroll").element("table").cls("small");
        List<String> head = new ArrayList<>(List.of("given \\ suggested"));
        for (int j = 0; j < m.calibrated().length; j++) {
            head.add(m.className(j));
        }
        ReportPage.header(table, head.toArray(String[]::new));
        HtmlElement body = table.element("tbody");
        for (int k = 0; k < m.calibrated().length; k++) {
            HtmlElement tr = body.element("tr");
            tr.element("td", m.className(k));
            for (int j = 0; j < m.calibrated().length; j++) {
                HtmlElement td = tr.element("td", count(m.calibrated()[k][j]));
                if (j != k && m.calibrated()[k][j] > 0) {
                    td.cls("down");
                }
            }
        }
    }

    private static void duplicates(HtmlElement main, AuditModel m) {
        HtmlElement s = main.element("section");
        s.element("h2", "Near-duplicates");
        if (m.duplicates() == null) {
            s.element("p", m.duplicatesNote()).cls("note");
            return;
        }
        AuditModel.Duplicates d = m.duplicates();
        s.element("p", String.format(Locale.ROOT, "Pairs with cosine similarity ≥ %s of their L2-normalised "
                + "features, joined into groups (SemDeDup, Abbas et al. 2023): %s groups, %s examples. The largest "
                + "groups, one per row, the member a keep-list keeps first; all of them are in duplicates.csv.",
                Format.num(1 - d.epsilon()), count(d.groups()), count(d.members()))).cls("note");
        if (d.groups() == 0) {
            return;
        }
        if (images(m)) {
            figure(s, DUPLICATES, "the largest near-duplicate groups");
        } else {
            HtmlElement table = s.element("table").cls("small");
            ReportPage.header(table, "group", "ids (kept first)");
            HtmlElement body = table.element("tbody");
            for (int g = 0; g < d.largest().size(); g++) {
                HtmlElement tr = body.element("tr");
                tr.element("td", Integer.toString(g + 1));
                tr.element("td", d.largest().get(g).toString());
            }
        }
    }

    private static void outliers(HtmlElement main, AuditModel m) {
        if (m.outliers().isEmpty()) {
            return;
        }
        HtmlElement s = main.element("section");
        s.element("h2", "Outliers");
        s.element("p", "The examples whose L2-normalised features lie farthest (Euclidean) from the mean of their "
                + "class's; all ranked in outliers.csv.").cls("note");
        if (images(m)) {
            figure(s, OUTLIERS, "the examples farthest from their class centre");
            return;
        }
        HtmlElement table = s.element("div").cls("scroll texts").element("table").cls("small");
        ReportPage.header(table, "id", "label", "distance", texts(m) ? "text" : "");
        HtmlElement body = table.element("tbody");
        for (Outlier o : m.outliers()) {
            HtmlElement tr = body.element("tr");
            tr.element("td", Long.toString(o.id()));
            tr.element("td", m.className(o.label()));
            tr.element("td", String.format(Locale.ROOT, "%.3f", o.distance()));
            ExtremeExamples.Example e = m.sheet() == null ? null : m.sheet().example(o.id());
            tr.element("td", e == null || e.text() == null ? "" : e.text());
        }
    }

    private static void balance(HtmlElement main, AuditModel m) {
        HtmlElement s = main.element("section");
        s.element("h2", "Class balance");
        long max = 1;
        long n = 0;
        for (long c : m.classCounts()) {
            max = Math.max(max, c);
            n += c;
        }
        HtmlElement table = s.element("table").cls("small");
        ReportPage.header(table, "class", "examples", "share", "");
        HtmlElement body = table.element("tbody");
        for (int c = 0; c < m.classCounts().length; c++) {
            HtmlElement tr = body.element("tr");
            tr.element("td", m.className(c));
            tr.element("td", count(m.classCounts()[c]));
            tr.element("td", pct((double) m.classCounts()[c] / Math.max(1, n)));
            tr.element("td").element("div").cls("bar").element("div")
                    .attr("style", String.format(Locale.ROOT, "width:%.1f%%", 100.0 * m.classCounts()[c] / max));
        }
    }

    private static void dataMap(HtmlElement main, AuditModel m) {
        HtmlElement s = main.element("section");
        s.element("h2", "Data map");
        if (m.dataMap() == null) {
            s.element("p", m.dataMapNote()).cls("note");
            return;
        }
        s.element("p", "Dataset Cartography (Swayamdipta et al. 2020): per example, the mean (confidence) and the "
                + "standard deviation (variability) of p_true over its presentations, coloured by the fraction "
                + "predicted correctly. Ambiguous: variability ≥ " + DataMap.AMBIGUOUS_VARIABILITY
                + "; below it, easy-to-learn at confidence ≥ " + DataMap.EASY_CONFIDENCE
                + ", hard-to-learn under (hard-to-learn is where mislabelled examples gather). " + regions(m.dataMap()))
                .cls("note");
        figure(s, DataMapChart.FILE, "data map: variability against confidence");
    }
}
