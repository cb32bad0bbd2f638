package dev.winnow.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winnow.WinnowException;
import dev.winnow.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code report.html} of a study folder: self-contained and offline (no scripts, no external URLs), with
 * its charts and example grids as PNG files in {@code report-files/} beside it. Regenerated from the
 * folder alone ({@code winnow report DIR}); the dataset is not needed.
 */
public final class Report {
    /** The folder of the report's images, beside {@code report.html}. */
    public static final String FILES = "report-files";

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x7f7f7f),
    };

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final StudyResults res;
    private final Path files;
    private final StringBuilder html = new StringBuilder();
    private final List<String> images = new ArrayList<>();

    private Report(StudyResults res, Path files) {
        this.res = res;
        this.files = files;
    }

    /** Writes {@code report.html} and {@code report-files/} into the study folder {@code dir}; returns the page. */
    public static Path write(Path dir) {
        StudyResults res = StudyResults.read(dir);
        Path tmp = AtomicFiles.temporaryFolder(dir.resolve(FILES));
        Report r = new Report(res, tmp);
        String page;
        try {
            page = r.build();
        } catch (RuntimeException e) {
            AtomicFiles.deleteQuietly(tmp);
            throw e;
        }
        AtomicFiles.moveInto(tmp, dir.resolve(FILES));
        Path out = dir.resolve("report.html");
        AtomicFiles.writeString(out, page);
        return out;
    }

    // ---------------------------------------------------------------------------------------- page

    private String build() {
        StudySpec spec = res.spec();
        String title = spec == null ? "Pruning study" : "Pruning study: " + shortData(spec.data()) + ", " + spec.model();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style></head>\n<body>\n<main>\n");
        html.append("<h1>").append(esc(title)).append("</h1>\n");
        html.append("<p class=\"sub\">").append(esc(settingsLine())).append("</p>\n");

        html.append("<section class=\"summary\"><h2>What this says</h2>\n<p>")
                .append(esc(String.join(" ", summary(res)))).append("</p></section>\n");

        if (!res.cells().isEmpty()) {
            html.append("<section><h2>Accuracy against kept fraction</h2>\n");
            html.append("<p class=\"note\">Mean test accuracy over seeds; bars span the lowest to the highest seed. "
                    + "The dashed line is training on all the data.</p>\n");
            img(accuracyChart(), "Test accuracy against the kept fraction, per method");
            html.append("</section>\n<section><h2>Accuracy against total cost</h2>\n");
            html.append("<p class=\"note\">Seconds per run, everything counted: proxy training, scoring, selection, "
                    + "target training and evaluation (mean over seeds). Up and to the left is better. "
                    + "Score-based methods pay for their proxy; random and full do not need one.</p>\n");
            img(costChart(), "Test accuracy against total seconds, per method and kept fraction");
            html.append("<p class=\"note\">The same against examples backpropagated per run (the proxy's included): "
                    + "dynamic methods (dynamic:POLICY) spend their budget across epochs, static ones on one keep-list; "
                    + "forward-only refresh passes are in the table's forward counts and the seconds above.</p>\n");
            img(backwardChart(), "Test accuracy against examples backpropagated, per method and kept fraction");
            html.append("</section>\n");
            resultsTable();
        }
        noiseSection();
        scoresSection();
        examplesSection();
        html.append("<footer>Made by <b>winnow report</b> from ").append(esc(res.dir().toAbsolutePath().toString()))
                .append(" · ").append(res.runs().size()).append(" runs in results.jsonl</footer>\n");
        html.append("</main></body></html>\n");
        return html.toString();
    }

    /** A dataset spec with its paths cut to file names: {@code text:/a/b/train.tsv,test=/a/b/dev.tsv} → {@code text:train.tsv,test=dev.tsv}. */
    static String shortData(String data) {
        return data.replaceAll("[^:,=]*/([^/,]+)", "$1");
    }

    private String settingsLine() {
        StudySpec s = res.spec();
        if (s == null) {
            return "";
        }
        return String.format(Locale.ROOT,
                "%s%s · model %s · %d epochs, batch %d, %s lr %s · budget: same %s as full · proxy %d run(s) × %d epochs · seeds %s%s",
                shortData(s.data()), s.limit() > 0 ? " (first " + s.limit() + ")" : "", s.model(), s.epochs(), s.batchSize(),
                s.optimizer(), trim(s.lr()), s.budget(), s.proxyRuns(), s.proxyEpochs(), s.seeds(),
                s.labelNoise() > 0 ? " · " + pct(s.labelNoise()) + " of training labels flipped" : "");
    }

    private void img(String file, String alt) {
        html.append("<figure><img src=\"").append(FILES).append('/').append(esc(file)).append("\" alt=\"")
                .append(esc(alt)).append("\"></figure>\n");
    }

    // ------------------------------------------------------------------------------------- summary

    /** The "what this says" sentences, computed from the numbers. */
    static List<String> summary(StudyResults res) {
        List<String> out = new ArrayList<>();
        StudyResults.Cell full = res.full();
        if (full != null) {
            out.add(String.format(Locale.ROOT, "Training on all %,d training examples reaches %s test accuracy (mean of %d seed%s) for %s of compute.",
                    Math.round(full.k()), pct(full.accMean()), full.seeds(), full.seeds() == 1 ? "" : "s", secs(full.total())));
        }
        TreeSet<Double> keeps = new TreeSet<>();
        res.cells().forEach((m, row) -> {
            if (!m.equals(MethodSpec.FULL)) {
                keeps.addAll(row.keySet());
            }
        });
        for (double k : summaryKeeps(keeps)) {
            List<StudyResults.Cell> at = new ArrayList<>();
            res.cells().forEach((m, row) -> {
                if (!m.equals(MethodSpec.FULL) && row.containsKey(k)) {
                    at.add(row.get(k));
                }
            });
            if (at.isEmpty()) {
                continue;
            }
            StudyResults.Cell random = res.cell("random", k);
            StudyResults.Cell best = at.stream().max((a, b) -> Double.compare(a.accMean(), b.accMean())).get();
            StudyResults.Cell worst = at.stream().min((a, b) -> Double.compare(a.accMean(), b.accMean())).get();
            StringBuilder sb = new StringBuilder();
            sb.append("At ").append(pct(k)).append(" kept, ");
            StudyResults.Cell ref = random != null ? random : full;
            if (random != null) {
                sb.append("random reaches ").append(pct(random.accMean()));
                if (full != null) {
                    sb.append(" (").append(pt(random.accMean() - full.accMean())).append(" against full)");
                }
                if (best != random) {
                    sb.append("; ").append(best.method()).append(" is best at ").append(pct(best.accMean()))
                            .append(" (").append(pt(best.accMean() - random.accMean())).append(" over random")
                            .append(noiseNote(best, random)).append(")");
                } else {
                    sb.append(", the best of all methods");
                }
                if (worst != random && worst != best) {
                    sb.append(", and ").append(worst.method()).append(" is worst at ").append(pct(worst.accMean()))
                            .append(" (").append(pt(worst.accMean() - random.accMean())).append(" under random")
                            .append(noiseNote(worst, random)).append(")");
                }
            } else {
                sb.append(best.method()).append(" is best at ").append(pct(best.accMean()));
                if (ref != null) {
                    sb.append(" (").append(pt(best.accMean() - ref.accMean())).append(" against full)");
                }
            }
            sb.append('.');
            out.add(sb.toString());
        }
        if (full != null && keeps.size() > 0) {
            StudyResults.Cell cheapest = null;
            for (Map.Entry<String, Map<Double, StudyResults.Cell>> e : res.cells().entrySet()) {
                if (e.getKey().equals(MethodSpec.FULL)) {
                    continue;
                }
                for (StudyResults.Cell c : e.getValue().values()) {
                    if (c.accMean() >= full.accMean() - 0.01 && (cheapest == null || c.total() < cheapest.total())) {
                        cheapest = c;
                    }
                }
            }
            if (cheapest == null) {
                out.add("No pruned run came within 1 pt of full-data accuracy.");
            } else if (cheapest.total() < full.total()) {
                out.add(String.format(Locale.ROOT, "The cheapest run within 1 pt of full accuracy is %s at %s kept: %s in %s against %s for full, %.1f× less compute with its scoring counted.",
                        cheapest.method(), pct(cheapest.keep()), pct(cheapest.accMean()), secs(cheapest.total()),
                        secs(full.total()), full.total() / cheapest.total()));
            } else {
                out.add(String.format(Locale.ROOT, "Runs within 1 pt of full accuracy cost at least as much as full training once proxy and scoring are counted (best: %s at %s kept, %s against %s).",
                        cheapest.method(), pct(cheapest.keep()), secs(cheapest.total()), secs(full.total())));
            }
        }
        Map<String, double[]> noise = noiseDetection(res);
        if (!noise.isEmpty()) {
            String bestScore = null;
            for (Map.Entry<String, double[]> e : noise.entrySet()) {
                if (bestScore == null || e.getValue()[0] > noise.get(bestScore)[0]) {
                    bestScore = e.getKey();
                }
            }
            double[] b = noise.get(bestScore);
            out.add(String.format(Locale.ROOT, "With %s of training labels flipped, %s finds them best: AUROC %.3f, and %s of its top %s are flipped labels (chance: AUROC 0.5, %s).",
                    pct(res.spec() == null ? b[2] : res.spec().labelNoise()), bestScore, b[0], pct(b[1]),
                    pct(res.spec() == null ? b[2] : res.spec().labelNoise()), pct(res.spec() == null ? b[2] : res.spec().labelNoise())));
        }
        Map<String, float[]> sc = firstScores(res);
        if (sc.size() >= 2) {
            List<String> names = new ArrayList<>(sc.keySet());
            String hiA = null;
            String hiB = null;
            double hi = Double.NEGATIVE_INFINITY;
            String loA = null;
            String loB = null;
            double lo = Double.POSITIVE_INFINITY;
            for (int i = 0; i < names.size(); i++) {
                for (int j = i + 1; j < names.size(); j++) {
                    double r = Stats.spearman(sc.get(names.get(i)), sc.get(names.get(j)));
                    if (Double.isNaN(r)) {
                        continue;
                    }
                    if (r > hi) {
                        hi = r;
                        hiA = names.get(i);
                        hiB = names.get(j);
                    }
                    if (r < lo) {
                        lo = r;
                        loA = names.get(i);
                        loB = names.get(j);
                    }
                }
            }
            if (hiA != null) {
                String s = String.format(Locale.ROOT, "The scores %s and %s rank examples most alike (Spearman ρ = %.2f)", hiA, hiB, hi);
                if (names.size() > 2 && loA != null && !(loA.equals(hiA) && loB.equals(hiB))) {
                    s += String.format(Locale.ROOT, "; %s and %s least (ρ = %.2f)", loA, loB, lo);
                }
                out.add(s + ".");
            }
        }
        if (out.isEmpty()) {
            out.add("No finished runs yet.");
        }
        return out;
    }

    /** At most three kept fractions to talk about: the smallest, 30% and 50% where studied, else the next ones. */
    static List<Double> summaryKeeps(TreeSet<Double> keeps) {
        List<Double> out = new ArrayList<>();
        if (keeps.isEmpty()) {
            return out;
        }
        out.add(keeps.first());
        for (double k : new double[] {0.3, 0.5}) {
            if (keeps.contains(k) && !out.contains(k)) {
                out.add(k);
            }
        }
        for (double k : keeps) {
            if (out.size() >= 3) {
                break;
            }
            if (!out.contains(k)) {
                out.add(k);
            }
        }
        out.sort(null);
        return out;
    }

    private static String noiseNote(StudyResults.Cell a, StudyResults.Cell b) {
        if (a.seeds() < 2 || b.seeds() < 2) {
            return ", one seed";
        }
        boolean overlap = a.accMin() <= b.accMax() && b.accMin() <= a.accMax();
        return overlap ? ", within the seed spread" : "";
    }

    /** Score → {mean AUROC, mean precision at F, F} over seeds for finding flipped labels; empty without noise. */
    static Map<String, double[]> noiseDetection(StudyResults res) {
        Map<String, List<double[]>> acc = new LinkedHashMap<>();
        for (Map.Entry<Long, Map<String, float[]>> e : res.scores().entrySet()) {
            Set<Long> flipped = res.flipped().get(e.getKey());
            if (flipped == null || flipped.isEmpty()) {
                continue;
            }
            long[] ids = res.scoreIds(e.getKey());
            boolean[] pos = new boolean[ids.length];
            int np = 0;
            for (int i = 0; i < ids.length; i++) {
                pos[i] = flipped.contains(ids[i]);
                np += pos[i] ? 1 : 0;
            }
            if (np == 0 || np == ids.length) {
                continue;
            }
            for (Map.Entry<String, float[]> s : e.getValue().entrySet()) {
                acc.computeIfAbsent(s.getKey(), x -> new ArrayList<>()).add(new double[] {
                    Stats.auroc(s.getValue(), pos), Stats.precisionAt(s.getValue(), pos, np), (double) np / ids.length});
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        acc.forEach((k, l) -> {
            double[] au = l.stream().mapToDouble(v -> v[0]).toArray();
            double[] pr = l.stream().mapToDouble(v -> v[1]).toArray();
            out.put(k, new double[] {Stats.mean(au), Stats.mean(pr), l.get(0)[2], Stats.std(au), l.size()});
        });
        return out;
    }

    private static Map<String, float[]> firstScores(StudyResults res) {
        return res.scores().isEmpty() ? Map.of() : res.scores().values().iterator().next();
    }

    // -------------------------------------------------------------------------------------- charts

    private Color color(String method) {
        if (method.equals(MethodSpec.FULL)) {
            return Color.BLACK;
        }
        List<String> names = new ArrayList<>(res.cells().keySet());
        names.remove(MethodSpec.FULL);
        int i = Math.max(0, names.indexOf(method));
        return PALETTE[i % PALETTE.length];
    }

    private static void style(XYChart c) {
        Styler st = c.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(false);
        st.setLegendBorderColor(new Color(0xdddddd));
        st.setChartTitleVisible(false);
        st.setChartFontColor(new Color(0x333333));
        st.setAntiAlias(true);
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        st.setLegendFont(base);
        c.getStyler().setAxisTitleFont(base.deriveFont(Font.BOLD));
        c.getStyler().setAxisTickLabelsFont(base.deriveFont(12f));
        c.getStyler().setPlotGridLinesColor(new Color(0xeeeeee));
    }

    private String accuracyChart() {
        XYChart c = new XYChartBuilder().width(900).height(520).xAxisTitle("kept fraction of the training set")
                .yAxisTitle("test accuracy (%)").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        c.getStyler().setYAxisDecimalPattern("0.#");
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(1.0);
        StudyResults.Cell full = res.full();
        if (full != null) {
            XYSeries s = c.addSeries("full", new double[] {0, 1}, new double[] {full.accMean() * 100, full.accMean() * 100});
            s.setLineColor(Color.BLACK);
            s.setLineStyle(SeriesLines.DASH_DASH);
            s.setMarker(SeriesMarkers.NONE);
        }
        for (Map.Entry<String, Map<Double, StudyResults.Cell>> e : res.cells().entrySet()) {
            if (e.getKey().equals(MethodSpec.FULL)) {
                continue;
            }
            List<StudyResults.Cell> cs = new ArrayList<>(e.getValue().values());
            double[] x = cs.stream().mapToDouble(StudyResults.Cell::keep).toArray();
            double[] y = cs.stream().mapToDouble(v -> v.accMean() * 100).toArray();
            // XChart's bars are symmetric: half the min–max range around the midpoint would move the mean,
            // so the bar is the larger distance from the mean to an extreme (it covers every seed)
            double[] err = cs.stream().mapToDouble(v -> Math.max(v.accMax() - v.accMean(), v.accMean() - v.accMin()) * 100).toArray();
            XYSeries s = c.addSeries(e.getKey(), x, y, err);
            s.setLineColor(color(e.getKey()));
            s.setMarkerColor(color(e.getKey()));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineWidth(2f);
        }
        return save(c, "accuracy.png");
    }

    private String costChart() {
        return accuracyAgainst("total seconds per run (proxy + scoring + selection + training + evaluation)",
                "#,##0.#", StudyResults.Cell::total, "cost.png");
    }

    private String backwardChart() {
        return accuracyAgainst("examples backpropagated per run (proxy included)", "#,##0",
                StudyResults.Cell::backward, "backward.png");
    }

    /** Mean accuracy of every method against one cost of its runs, the full-data run as a lone diamond. */
    private String accuracyAgainst(String xTitle, String xPattern,
                                   java.util.function.ToDoubleFunction<StudyResults.Cell> cost, String file) {
        XYChart c = new XYChartBuilder().width(900).height(520).xAxisTitle(xTitle).yAxisTitle("test accuracy (%)").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setYAxisDecimalPattern("0.#");
        c.getStyler().setXAxisDecimalPattern(xPattern);
        for (Map.Entry<String, Map<Double, StudyResults.Cell>> e : res.cells().entrySet()) {
            List<StudyResults.Cell> cs = new ArrayList<>(e.getValue().values());
            double[] x = cs.stream().mapToDouble(cost).toArray();
            double[] y = cs.stream().mapToDouble(v -> v.accMean() * 100).toArray();
            XYSeries s = c.addSeries(e.getKey(), x, y);
            s.setLineColor(color(e.getKey()));
            s.setMarkerColor(color(e.getKey()));
            s.setLineWidth(1.2f);
            boolean full = e.getKey().equals(MethodSpec.FULL);
            s.setMarker(full ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            if (full) {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
        }
        return save(c, file);
    }

    private String histogram(String score, float[] v, int index) {
        int bins = 40;
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        double width = hi > lo ? (hi - lo) / (double) bins : 1;
        double[] counts = new double[bins];
        for (float x : v) {
            int b = hi > lo ? (int) Math.min(bins - 1, Math.floor((x - lo) / width)) : 0;
            counts[b]++;
        }
        double[] xs = new double[bins + 1];
        double[] ys = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            xs[b] = lo + b * width;
            ys[b] = b < bins ? counts[b] : counts[bins - 1];
        }
        XYChart c = new XYChartBuilder().width(440).height(260).xAxisTitle(score + " (higher = harder)").yAxisTitle("examples").build();
        style(c);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        c.getStyler().setXAxisDecimalPattern(hi - lo >= 20 ? "#,##0" : hi - lo >= 2 ? "0.#" : "0.###");
        c.getStyler().setYAxisDecimalPattern("#,##0");
        XYSeries s = c.addSeries(score, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        Color col = PALETTE[index % PALETTE.length];
        s.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 110));
        s.setLineColor(col);
        s.setMarker(SeriesMarkers.NONE);
        return save(c, "hist-" + StudyRunner.fileName(score) + ".png");
    }

    private String save(XYChart c, String name) {
        try {
            BufferedImage im = BitmapEncoder.getBufferedImage(c);
            ImageIO.write(im, "png", files.resolve(name).toFile());
        } catch (IOException e) {
            throw new WinnowException(files + ": cannot write " + name + " (" + e.getMessage() + ")", e);
        }
        images.add(name);
        return name;
    }

    // --------------------------------------------------------------------------------------- tables

    private void resultsTable() {
        StudyResults.Cell full = res.full();
        html.append("<section><h2>Results</h2>\n<p class=\"note\">Accuracy as mean ± standard deviation over seeds, "
                + "with the lowest and highest seed; seconds are wall-clock means per run. “× full” is the run's total "
                + "cost as a fraction of full training. CPU s is the process CPU time of the run, all threads, "
                + "everything counted: steadier than wall time on a shared machine.</p>\n<div class=\"scroll\"><table class=\"results\">\n<thead><tr>"
                + "<th>method</th><th>kept</th><th>examples</th><th>seeds</th><th>accuracy</th><th>min–max</th>"
                + "<th>vs full</th><th>proxy s</th><th>scoring s</th><th>selection s</th><th>training s</th>"
                + "<th>eval s</th><th>total s</th><th>× full</th><th>CPU s</th><th>fwd / bwd examples</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Map<Double, StudyResults.Cell>> e : res.cells().entrySet()) {
            boolean first = true;
            for (StudyResults.Cell c : e.getValue().values()) {
                html.append(first ? "<tr class=\"first\">" : "<tr>");
                html.append("<td><span class=\"dot\" style=\"background:").append(hex(color(c.method()))).append("\"></span>")
                        .append(esc(c.method())).append("</td>");
                html.append("<td>").append(pct(c.keep())).append("</td>");
                html.append("<td>").append(Math.round(c.k())).append("</td>");
                html.append("<td>").append(c.seeds()).append("</td>");
                html.append(String.format(Locale.ROOT, "<td><b>%.2f</b> ± %.2f</td>", c.accMean() * 100, c.accStd() * 100));
                html.append(String.format(Locale.ROOT, "<td>%.2f–%.2f</td>", c.accMin() * 100, c.accMax() * 100));
                if (full != null && c != full) {
                    double d = (c.accMean() - full.accMean()) * 100;
                    html.append("<td class=\"").append(d >= 0 ? "up" : "down").append("\">")
                            .append(String.format(Locale.ROOT, "%+.2f pt", d)).append("</td>");
                } else {
                    html.append("<td></td>");
                }
                for (double v : new double[] {c.proxy(), c.scoring(), c.selection(), c.training(), c.evaluation(), c.total()}) {
                    html.append("<td>").append(num(v)).append("</td>");
                }
                html.append("<td>").append(full != null && full.total() > 0 ? String.format(Locale.ROOT, "%.2f", c.total() / full.total()) : "")
                        .append("</td>");
                html.append("<td>").append(Double.isNaN(c.cpu()) ? "–" : num(c.cpu())).append("</td>");
                html.append("<td>").append(count(c.forward())).append(" / ").append(count(c.backward())).append("</td>");
                html.append("</tr>\n");
                first = false;
            }
        }
        html.append("</tbody></table></div></section>\n");
    }

    private void noiseSection() {
        Map<String, double[]> noise = noiseDetection(res);
        if (noise.isEmpty()) {
            return;
        }
        double f = noise.values().iterator().next()[2];
        html.append("<section><h2>Finding the flipped labels</h2>\n<p class=\"note\">")
                .append(pct(f)).append(" of the training labels were flipped to another class before the proxy trained. "
                        + "How well does each score rank them as the hardest? AUROC (rank formula, ties count ½) and the "
                        + "share of flipped labels among each score's top ").append(pct(f))
                .append(" (precision at F); chance is 0.5 and ").append(pct(f)).append(".</p>\n");
        html.append("<table class=\"small\"><thead><tr><th>score</th><th>AUROC</th><th></th><th>precision at F</th><th>seeds</th></tr></thead><tbody>\n");
        for (Map.Entry<String, double[]> e : noise.entrySet()) {
            double[] v = e.getValue();
            html.append("<tr><td>").append(esc(e.getKey())).append("</td>")
                    .append(String.format(Locale.ROOT, "<td><b>%.3f</b>%s</td>", v[0], v[4] > 1 ? String.format(Locale.ROOT, " ± %.3f", v[3]) : ""))
                    .append("<td><div class=\"bar\"><div style=\"width:").append(String.format(Locale.ROOT, "%.1f", Math.max(0, v[0]) * 100))
                    .append("%\"></div></div></td>")
                    .append("<td>").append(pct(v[1])).append("</td><td>").append((int) v[4]).append("</td></tr>\n");
        }
        html.append("</tbody></table></section>\n");
    }

    private void scoresSection() {
        Map<String, float[]> sc = firstScores(res);
        if (sc.isEmpty()) {
            return;
        }
        long seed = res.scores().keySet().iterator().next();
        html.append("<section><h2>Score distributions</h2>\n<p class=\"note\">Each score over the training set (seed ")
                .append(seed).append("). Higher means harder.</p>\n<div class=\"grid2\">\n");
        int i = 0;
        for (Map.Entry<String, float[]> e : sc.entrySet()) {
            String f = histogram(e.getKey(), e.getValue(), i++);
            html.append("<figure class=\"hist\"><img src=\"").append(FILES).append('/').append(esc(f))
                    .append("\" alt=\"histogram of ").append(esc(e.getKey())).append("\"><figcaption>")
                    .append(esc(e.getKey())).append("</figcaption></figure>\n");
        }
        html.append("</div>\n");
        if (sc.size() >= 2) {
            List<String> names = new ArrayList<>(sc.keySet());
            html.append("<h3>Do the scores agree?</h3>\n<p class=\"note\">Spearman rank correlation between scores "
                    + "(1 = same order, 0 = unrelated, −1 = reversed).</p>\n<table class=\"corr\"><thead><tr><th></th>");
            for (String n : names) {
                html.append("<th>").append(esc(n)).append("</th>");
            }
            html.append("</tr></thead><tbody>\n");
            for (String a : names) {
                html.append("<tr><th>").append(esc(a)).append("</th>");
                for (String b : names) {
                    double r = a.equals(b) ? 1 : Stats.spearman(sc.get(a), sc.get(b));
                    html.append("<td style=\"background:").append(corrColor(r)).append("\">")
                            .append(Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.2f", r)).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        html.append("</section>\n");
    }

    private static String corrColor(double r) {
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

    // ------------------------------------------------------------------------------------- examples

    private void examplesSection() {
        Path ej = res.dir().resolve("examples.json");
        Map<String, float[]> sc = firstScores(res);
        if (!Files.isRegularFile(ej) || sc.isEmpty()) {
            return;
        }
        JsonNode root;
        try {
            root = ResultsLog.JSON.readTree(ej.toFile());
        } catch (IOException e) {
            throw new WinnowException(ej + ": cannot read (" + e.getMessage() + ")", e);
        }
        String kind = root.path("kind").asText();
        if (!kind.equals("image") && !kind.equals("text")) {
            return;
        }
        long seed = root.path("seed").asLong();
        Map<String, float[]> seedScores = res.scores().getOrDefault(seed, sc);
        long[] ids = res.scoreIds(res.scores().containsKey(seed) ? seed : res.scores().keySet().iterator().next());
        List<String> classNames = new ArrayList<>();
        root.path("class_names").forEach(n -> classNames.add(n.asText()));
        JsonNode ex = root.path("examples");
        html.append("<section><h2>Which examples are hard?</h2>\n<p class=\"note\">The training examples each score "
                + "ranks hardest and easiest (seed ").append(seed).append("). ");
        if (kind.equals("image")) {
            html.append("A red frame and label mark an example whose training label was flipped (shown: true → training label).");
        }
        html.append("</p>\n");
        int i = 0;
        for (Map.Entry<String, float[]> e : seedScores.entrySet()) {
            String score = e.getKey();
            float[] v = e.getValue();
            Integer[] order = new Integer[v.length];
            for (int j = 0; j < v.length; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Float.compare(v[b], v[a]));
            int n = Math.min(StudyRunner.GRID, v.length);
            long[] hardest = new long[n];
            long[] easiest = new long[n];
            for (int j = 0; j < n; j++) {
                hardest[j] = ids[order[j]];
                easiest[j] = ids[order[v.length - 1 - j]];
            }
            boolean forgetting = score.startsWith("forgetting");
            String hardTitle = forgetting ? "Most forgotten (" + score + ")" : "Hardest by " + score;
            String easyTitle = forgetting ? "Least forgotten (" + score + ")" : "Easiest by " + score;
            html.append("<h3>").append(esc(score)).append("</h3>\n<div class=\"pair\">");
            if (kind.equals("image")) {
                String fh = grid(root, ex, hardest, classNames, "grid-" + StudyRunner.fileName(score) + "-hardest.png");
                String fe = grid(root, ex, easiest, classNames, "grid-" + StudyRunner.fileName(score) + "-easiest.png");
                gridFigure(fh, hardTitle);
                gridFigure(fe, easyTitle);
            } else {
                textTable(ex, hardest, classNames, hardTitle);
                textTable(ex, easiest, classNames, easyTitle);
            }
            html.append("</div>\n");
            i++;
        }
        html.append("</section>\n");
    }

    private void gridFigure(String file, String title) {
        html.append("<figure class=\"grid\"><figcaption>").append(esc(title)).append("</figcaption><img src=\"")
                .append(FILES).append('/').append(esc(file)).append("\" alt=\"").append(esc(title)).append("\"></figure>");
    }

    private static String className(List<String> names, int c) {
        return c >= 0 && c < names.size() ? names.get(c) : Integer.toString(c);
    }

    private void textTable(JsonNode ex, long[] ids, List<String> classNames, String title) {
        html.append("<div class=\"texts\"><h4>").append(esc(title)).append("</h4><table class=\"small\"><thead><tr><th>id</th><th>label</th><th>text</th></tr></thead><tbody>");
        for (int j = 0; j < Math.min(10, ids.length); j++) {
            JsonNode e = ex.path(Long.toString(ids[j]));
            if (e.isMissingNode()) {
                continue;
            }
            int y = e.path("label").asInt();
            int ty = e.path("train_label").asInt(y);
            html.append("<tr").append(y != ty ? " class=\"flipped\"" : "").append("><td>").append(ids[j]).append("</td><td>")
                    .append(esc(className(classNames, y) + (y != ty ? " → " + className(classNames, ty) : "")))
                    .append("</td><td>").append(esc(e.path("text").asText())).append("</td></tr>");
        }
        html.append("</tbody></table></div>");
    }

    private String grid(JsonNode root, JsonNode ex, long[] ids, List<String> classNames, String name) {
        int h = root.path("shape").path(0).asInt(28);
        int w = root.path("shape").path(1).asInt(28);
        int scale = Math.max(1, 84 / Math.max(h, w));
        int cols = 8;
        int rows = (ids.length + cols - 1) / cols;
        int cellW = Math.max(w * scale + 8, 124);
        int capH = 16;
        int cellH = h * scale + 8 + capH;
        BufferedImage im = new BufferedImage(cols * cellW, rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = im.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, im.getWidth(), im.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int j = 0; j < ids.length; j++) {
            JsonNode e = ex.path(Long.toString(ids[j]));
            if (e.isMissingNode()) {
                continue;
            }
            byte[] px = Base64.getDecoder().decode(e.path("pixels").asText());
            int x0 = (j % cols) * cellW + (cellW - w * scale) / 2;
            int y0 = (j / cols) * cellH + 4;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int v = 255 - (px[r * w + c] & 255); // dark ink on white paper
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x0 + c * scale, y0 + r * scale, scale, scale);
                }
            }
            int y = e.path("label").asInt();
            int ty = e.path("train_label").asInt(y);
            boolean flipped = y != ty;
            if (flipped) {
                g.setColor(new Color(0xd62728));
                g.setStroke(new BasicStroke(3));
                g.drawRect(x0 - 2, y0 - 2, w * scale + 3, h * scale + 3);
            }
            String cap = flipped ? className(classNames, y) + "→" + className(classNames, ty) : className(classNames, y);
            g.setColor(flipped ? new Color(0xd62728) : new Color(0x555555));
            for (float size = 11f; size >= 8f; size -= 0.5f) { // the largest font whose caption fits the cell
                g.setFont(g.getFont().deriveFont(size));
                if (g.getFontMetrics().stringWidth(cap) <= cellW - 6) {
                    break;
                }
            }
            int tw = g.getFontMetrics().stringWidth(cap);
            int cellX = (j % cols) * cellW;
            g.drawString(cap, cellX + Math.max(3, (cellW - tw) / 2), y0 + h * scale + 14);
        }
        g.dispose();
        try {
            ImageIO.write(im, "png", files.resolve(name).toFile());
        } catch (IOException e) {
            throw new WinnowException(files + ": cannot write " + name + " (" + e.getMessage() + ")", e);
        }
        images.add(name);
        return name;
    }

    // --------------------------------------------------------------------------------------- format

    static String pct(double f) {
        double p = f * 100;
        if (Math.abs(p - Math.rint(p)) < 1e-9) {
            return String.format(Locale.ROOT, "%.0f%%", p);
        }
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    static String pt(double d) {
        return String.format(Locale.ROOT, "%+.1f pt", d * 100).replace('-', '−');
    }

    private static String secs(double s) {
        return s < 100 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%.0f s", s);
    }

    private static String num(double v) {
        if (v == 0) {
            return "0";
        }
        return v < 0.1 ? String.format(Locale.ROOT, "%.3f", v) : v < 100 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String count(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String trim(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static String hex(Color c) {
        return String.format("#%06x", c.getRGB() & 0xffffff);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            :root { --ink:#222; --muted:#666; --line:#e5e5e5; --accent:#1f77b4; }
            * { box-sizing: border-box; }
            body { margin:0; background:#f6f7f9; color:var(--ink);
                   font: 15px/1.5 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1180px; margin: 0 auto; padding: 28px 32px 48px; background:#fff; }
            h1 { font-size: 28px; margin: 0 0 4px; }
            h2 { font-size: 21px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
            h3 { font-size: 16px; margin: 22px 0 6px; }
            h4 { font-size: 14px; margin: 6px 0; }
            .sub { color: var(--muted); margin: 0 0 12px; }
            .note { color: var(--muted); font-size: 14px; margin: 4px 0 10px; }
            .summary { background: #eef5fb; border-left: 5px solid var(--accent); padding: 4px 20px 10px; margin-top: 18px; }
            .summary h2 { border: none; margin-top: 12px; }
            .summary p { font-size: 16px; }
            figure { margin: 8px 0; }
            figure img { max-width: 100%; height: auto; display: block; }
            figcaption { font-weight: bold; font-size: 14px; margin: 4px 0; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; font-size: 12.5px; }
            th, td { padding: 3px 6px; text-align: right; border-bottom: 1px solid var(--line); white-space: nowrap; }
            th { background: #fafafa; }
            td:first-child, th:first-child { text-align: left; }
            tr.first td { border-top: 2px solid #ccc; }
            td.up { color: #2a7d2a; } td.down { color: #b22222; }
            .dot { display:inline-block; width:10px; height:10px; border-radius:50%; margin-right:6px; }
            .grid2 { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 8px 20px; }
            .pair { display: flex; flex-wrap: wrap; gap: 24px; }
            .corr td { text-align: center; min-width: 70px; }
            .bar { width: 160px; height: 10px; background: #eee; }
            .bar div { height: 10px; background: var(--accent); }
            .texts td:last-child, .texts th:last-child { text-align: left; white-space: normal; max-width: 420px; }
            tr.flipped td { color: #b22222; }
            footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
            """;
}
