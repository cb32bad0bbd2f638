package dev.winnow.study.report;

import dev.winnow.study.Method;
import dev.winnow.study.StudyResults.Cell;
import dev.winnow.study.results.RunRecord.CurvePoint;
import dev.winnow.study.report.ReportModel.Histogram;
import dev.winnow.study.report.ReportModel.Series;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The report's charts (XChart, drawn into PNG files): accuracy against the kept fraction, against total
 * seconds (with the Pareto frontier) and against examples backpropagated, the learning curves against
 * cumulative seconds per kept fraction (where runs recorded them), and one histogram per score. Drawn from
 * the {@link ReportModel} alone.
 */
public final class Charts {
    /** Accuracy against the kept fraction. */
    public static final String ACCURACY = "accuracy.png";
    /** Accuracy against total seconds. */
    public static final String COST = "cost.png";
    /** Accuracy against examples backpropagated. */
    public static final String BACKWARD = "backward.png";

    /** The series name of the Pareto frontier in the cost chart. */
    static final String FRONTIER = "Pareto frontier";

    private Charts() {
    }

    /** The file of the learning curves at kept fraction {@code keep}: {@code curves-30.png}, {@code curves-12.5.png}. */
    public static String curvesFile(double keep) {
        return "curves-" + Format.pct(keep).replace("%", "") + ".png";
    }

    /** Draws every chart the model has data for into {@code out}. */
    public static void write(ReportModel model, ReportOutput out) {
        if (!model.series().isEmpty()) {
            out.png(ACCURACY, BitmapEncoder.getBufferedImage(accuracy(model)));
            out.png(COST, BitmapEncoder.getBufferedImage(accuracyAgainst(model,
                    "total seconds per run (proxy + scoring + selection + training + evaluation)", "#,##0.#", Cell::total,
                    model.payoff().frontier())));
            out.png(BACKWARD, BitmapEncoder.getBufferedImage(accuracyAgainst(model,
                    "examples backpropagated per run (proxy included)", "#,##0", Cell::backward, List.of())));
        }
        for (double keep : model.payoff().curveKeeps()) {
            out.png(curvesFile(keep), BitmapEncoder.getBufferedImage(curves(model, keep)));
        }
        if (model.scores() != null) {
            for (Histogram h : model.scores().histograms()) {
                out.png(h.file(), BitmapEncoder.getBufferedImage(histogram(h)));
            }
        }
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

    /** Mean accuracy of every method against the kept fraction, bars over the seeds, full as a dashed line. */
    static XYChart accuracy(ReportModel model) {
        XYChart c = new XYChartBuilder().width(900).height(520).xAxisTitle("kept fraction of the training set")
                .yAxisTitle("test accuracy (%)").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        c.getStyler().setYAxisDecimalPattern("0.#");
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(1.0);
        if (model.full() != null) {
            double acc = model.full().accMean() * 100;
            XYSeries s = c.addSeries(Method.FULL, new double[] {0, 1}, new double[] {acc, acc});
            s.setLineColor(Color.BLACK);
            s.setLineStyle(SeriesLines.DASH_DASH);
            s.setMarker(SeriesMarkers.NONE);
        }
        for (Series m : model.series()) {
            if (m.full()) {
                continue;
            }
            double[] x = m.cells().stream().mapToDouble(Cell::keep).toArray();
            double[] y = m.cells().stream().mapToDouble(v -> v.accMean() * 100).toArray();
            // XChart's bars are symmetric: half the min–max range around the midpoint would move the mean,
            // so the bar is the larger distance from the mean to an extreme (it covers every seed)
            double[] err = m.cells().stream()
                    .mapToDouble(v -> Math.max(v.accMax() - v.accMean(), v.accMean() - v.accMin()) * 100).toArray();
            XYSeries s = c.addSeries(m.method(), x, y, err);
            s.setLineColor(new Color(m.rgb()));
            s.setMarkerColor(new Color(m.rgb()));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineWidth(2f);
            if (m.shorter()) {
                s.setLineStyle(SeriesLines.DASH_DASH);
                s.setMarker(SeriesMarkers.DIAMOND);
            }
        }
        return c;
    }

    /**
     * Mean accuracy of every method against one cost of its runs, the full-data run as a lone diamond, over a
     * highlighted {@code frontier} (none when empty).
     */
    static XYChart accuracyAgainst(ReportModel model, String xTitle, String xPattern, ToDoubleFunction<Cell> cost,
                                   List<Cell> frontier) {
        XYChart c = new XYChartBuilder().width(900).height(520).xAxisTitle(xTitle).yAxisTitle("test accuracy (%)").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setYAxisDecimalPattern("0.#");
        c.getStyler().setXAxisDecimalPattern(xPattern);
        frontier(c, frontier);
        for (Series m : model.series()) {
            double[] x = m.cells().stream().mapToDouble(cost).toArray();
            double[] y = m.cells().stream().mapToDouble(v -> v.accMean() * 100).toArray();
            XYSeries s = c.addSeries(m.method(), x, y);
            s.setLineColor(new Color(m.rgb()));
            s.setMarkerColor(new Color(m.rgb()));
            s.setLineWidth(1.2f);
            s.setMarker(m.full() || m.shorter() ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            if (m.full()) {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
            if (m.shorter()) {
                s.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        return c;
    }

    /**
     * Marks the Pareto frontier on a chart of accuracy against total seconds: a wide highlighter staircase
     * through the undominated cells (cheapest first), each step flat until the next cell's cost; added first,
     * so the methods are drawn over it.
     */
    static void frontier(XYChart c, List<Cell> frontier) {
        if (frontier.isEmpty()) {
            return;
        }
        int n = frontier.size();
        double[] x = new double[2 * n - 1];
        double[] y = new double[2 * n - 1];
        for (int i = 0; i < n; i++) {
            x[2 * i] = frontier.get(i).total();
            y[2 * i] = frontier.get(i).accMean() * 100;
            if (i + 1 < n) {
                x[2 * i + 1] = frontier.get(i + 1).total();
                y[2 * i + 1] = y[2 * i];
            }
        }
        XYSeries s = c.addSeries(FRONTIER, x, y);
        s.setLineColor(new Color(255, 190, 0, 120));
        s.setLineWidth(9f);
        s.setMarker(SeriesMarkers.NONE);
    }

    /**
     * Test accuracy against cumulative seconds for every method at kept fraction {@code keep} (proxy and
     * scoring counted from the start), with full training's curve, {@code full:shorter}'s and the level
     * that counts as reaching full training's accuracy.
     */
    static XYChart curves(ReportModel model, double keep) {
        XYChart c = new XYChartBuilder().width(900).height(520)
                .xAxisTitle("cumulative seconds (proxy and scoring from the start; evaluation not counted)")
                .yAxisTitle("test accuracy (%)").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setYAxisDecimalPattern("0.#");
        c.getStyler().setXAxisDecimalPattern("#,##0.#");
        Payoff p = model.payoff();
        double xMax = 0;
        for (CostCurve k : p.curves()) {
            boolean here = k.keep() == keep || k.method().equals(Method.FULL);
            if (!here) {
                continue;
            }
            double[] x = k.points().stream().mapToDouble(CurvePoint::seconds).toArray();
            double[] y = k.points().stream().mapToDouble(q -> q.testAccuracy() * 100).toArray();
            xMax = Math.max(xMax, x[x.length - 1]);
            String name = k.method().equals(Verdicts.SHORTER) ? k.method() + " " + Format.pct(keep) : k.method();
            XYSeries s = c.addSeries(name, x, y);
            Color col = new Color(model.rgbOf(k.method()));
            s.setLineColor(col);
            s.setMarkerColor(col);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineWidth(k.method().equals(Method.FULL) ? 2.5f : 1.6f);
            if (k.method().equals(Verdicts.SHORTER)) {
                s.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        if (!Double.isNaN(p.target()) && xMax > 0) {
            XYSeries s = c.addSeries("full − 0.5 pt", new double[] {0, xMax},
                    new double[] {p.target() * 100, p.target() * 100});
            s.setLineColor(new Color(0xb22222));
            s.setLineStyle(SeriesLines.DOT_DOT);
            s.setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    /** A score's histogram as a filled step line. */
    static XYChart histogram(Histogram h) {
        int bins = h.counts().size();
        double width = h.width();
        double[] xs = new double[bins + 1];
        double[] ys = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            xs[b] = h.lo() + b * width;
            ys[b] = b < bins ? h.counts().get(b) : h.counts().get(bins - 1);
        }
        XYChart c = new XYChartBuilder().width(440).height(260).xAxisTitle(h.score() + " (higher = harder)")
                .yAxisTitle("examples").build();
        style(c);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        float range = h.hi() - h.lo();
        c.getStyler().setXAxisDecimalPattern(range >= 20 ? "#,##0" : range >= 2 ? "0.#" : "0.###");
        c.getStyler().setYAxisDecimalPattern("#,##0");
        XYSeries s = c.addSeries(h.score(), xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        Color col = new Color(h.rgb());
        s.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 110));
        s.setLineColor(col);
        s.setMarker(SeriesMarkers.NONE);
        return c;
    }
}
