package dev.winnow.study.report;

import dev.winnow.study.Method;
import dev.winnow.study.StudyResults.Cell;
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
import java.util.function.ToDoubleFunction;

/**
 * The report's charts (XChart, drawn into PNG files): accuracy against the kept fraction, against total
 * seconds and against examples backpropagated, and one histogram per score. Drawn from the
 * {@link ReportModel} alone.
 */
public final class Charts {
    /** Accuracy against the kept fraction. */
    public static final String ACCURACY = "accuracy.png";
    /** Accuracy against total seconds. */
    public static final String COST = "cost.png";
    /** Accuracy against examples backpropagated. */
    public static final String BACKWARD = "backward.png";

    private Charts() {
    }

    /** Draws every chart the model has data for into {@code out}. */
    public static void write(ReportModel model, ReportOutput out) {
        if (!model.series().isEmpty()) {
            out.png(ACCURACY, BitmapEncoder.getBufferedImage(accuracy(model)));
            out.png(COST, BitmapEncoder.getBufferedImage(accuracyAgainst(model,
                    "total seconds per run (proxy + scoring + selection + training + evaluation)", "#,##0.#", Cell::total)));
            out.png(BACKWARD, BitmapEncoder.getBufferedImage(accuracyAgainst(model,
                    "examples backpropagated per run (proxy included)", "#,##0", Cell::backward)));
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
        }
        return c;
    }

    /** Mean accuracy of every method against one cost of its runs, the full-data run as a lone diamond. */
    static XYChart accuracyAgainst(ReportModel model, String xTitle, String xPattern, ToDoubleFunction<Cell> cost) {
        XYChart c = new XYChartBuilder().width(900).height(520).xAxisTitle(xTitle).yAxisTitle("test accuracy (%)").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setYAxisDecimalPattern("0.#");
        c.getStyler().setXAxisDecimalPattern(xPattern);
        for (Series m : model.series()) {
            double[] x = m.cells().stream().mapToDouble(cost).toArray();
            double[] y = m.cells().stream().mapToDouble(v -> v.accMean() * 100).toArray();
            XYSeries s = c.addSeries(m.method(), x, y);
            s.setLineColor(new Color(m.rgb()));
            s.setMarkerColor(new Color(m.rgb()));
            s.setLineWidth(1.2f);
            s.setMarker(m.full() ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            if (m.full()) {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
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
