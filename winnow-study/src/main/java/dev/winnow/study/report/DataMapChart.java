package dev.winnow.study.report;

import dev.winnow.quality.DataMap;
import dev.winnow.random.RandomKey;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The data map of Dataset Cartography (Swayamdipta et al. 2020) as a PNG: variability on x, confidence on y,
 * one dot per example coloured by its correctness (five bands from red, never right, to blue, always right),
 * the region cuts of {@link DataMap} drawn as grey lines with the three regions named, and, where labels were
 * flipped, those examples as black crosses on top. At most {@value #MAX_POINTS} examples are drawn: those with
 * the smallest random keys of their ids under seed 0 (every flipped one is drawn).
 */
public final class DataMapChart {
    /** The file name in a report's files. */
    public static final String FILE = "data-map.png";
    static final int MAX_POINTS = 20_000;
    private static final Color[] BANDS = {new Color(0xd62728), new Color(0xff7f0e), new Color(0xbcbd22),
        new Color(0x17becf), new Color(0x1f77b4)};

    private DataMapChart() {
    }

    /**
     * What the study report says under its data map: the seed whose proxy drew it, the examples per region and,
     * with label noise, the flipped examples per region (in {@link DataMap.Region} order; all zero without).
     */
    public record Summary(long seed, int[] regions, int[] flippedRegions, int flipped) {
        /** The map of {@code map} with {@code flipped} (index order, may be {@code null}) counted per region. */
        public static Summary of(long seed, DataMap map, boolean[] flipped) {
            int[] f = new int[DataMap.Region.values().length];
            int total = 0;
            for (int i = 0; flipped != null && i < map.size(); i++) {
                if (flipped[i] && map.region(i) != null) {
                    f[map.region(i).ordinal()]++;
                    total++;
                }
            }
            return new Summary(seed, map.regionCounts(), f, total);
        }
    }

    /**
     * Draws {@code map} for examples {@code ids}; {@code flipped} (index order, may be {@code null}) marks the
     * examples whose training label was flipped.
     */
    public static BufferedImage draw(DataMap map, long[] ids, boolean[] flipped) {
        int n = map.size();
        boolean[] drawn = sample(ids, n);
        XYChart c = new XYChartBuilder().width(760).height(520)
                .xAxisTitle("variability (std of p_true over presentations)")
                .yAxisTitle("confidence (mean p_true)").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBorderVisible(false);
        c.getStyler().setChartTitleVisible(false);
        c.getStyler().setAntiAlias(true);
        c.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        c.getStyler().setPlotGridLinesColor(new Color(0xeeeeee));
        c.getStyler().setMarkerSize(4);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(0.5);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        c.getStyler().setXAxisDecimalPattern("0.0#");
        c.getStyler().setYAxisDecimalPattern("0.0");
        for (int b = 0; b < BANDS.length; b++) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                float corr = map.correctness()[i];
                if (drawn[i] && !Float.isNaN(map.confidence()[i]) && !Float.isNaN(corr)
                        && Math.min(BANDS.length - 1, (int) (corr * BANDS.length)) == b) {
                    pts.add(new double[] {map.variability()[i], map.confidence()[i]});
                }
            }
            String name = String.format(java.util.Locale.ROOT, "correctness %.1f–%.1f", b / 5.0, (b + 1) / 5.0);
            scatter(c, name, pts, BANDS[b], SeriesMarkers.CIRCLE);
        }
        if (flipped != null) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (flipped[i] && !Float.isNaN(map.confidence()[i])) {
                    pts.add(new double[] {map.variability()[i], map.confidence()[i]});
                }
            }
            scatter(c, "flipped label", pts, Color.BLACK, SeriesMarkers.CROSS);
        }
        double v = DataMap.AMBIGUOUS_VARIABILITY;
        double e = DataMap.EASY_CONFIDENCE;
        line(c, "cut: variability " + v, new double[] {v, v}, new double[] {0, 1});
        line(c, "cut: confidence " + e, new double[] {0, v}, new double[] {e, e});
        c.addAnnotation(label("easy-to-learn", v / 2, 0.97));
        c.addAnnotation(label("hard-to-learn", v / 2, 0.03));
        c.addAnnotation(label("ambiguous", (v + 0.5) / 2, 0.97));
        return BitmapEncoder.getBufferedImage(c);
    }

    private static AnnotationText label(String text, double x, double y) {
        AnnotationText t = new AnnotationText(text, x, y, false);
        return t;
    }

    private static void scatter(XYChart c, String name, List<double[]> pts, Color color,
                                org.knowm.xchart.style.markers.Marker marker) {
        if (pts.isEmpty()) {
            return;
        }
        double[] xs = pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] ys = pts.stream().mapToDouble(p -> p[1]).toArray();
        XYSeries s = c.addSeries(name + " (" + pts.size() + ")", xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), marker == SeriesMarkers.CROSS ? 200 : 90));
    }

    private static void line(XYChart c, String name, double[] xs, double[] ys) {
        XYSeries s = c.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(new Color(0x777777));
        s.setLineStyle(new BasicStroke(1.5f));
        s.setShowInLegend(false);
    }

    /** Which examples are drawn: all when few, else the {@value #MAX_POINTS} smallest keys under seed 0. */
    static boolean[] sample(long[] ids, int n) {
        boolean[] out = new boolean[n];
        if (n <= MAX_POINTS) {
            Arrays.fill(out, true);
            return out;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = RandomKey.key(0, ids[i]) ^ Long.MIN_VALUE; // unsigned order as signed
        }
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        long cut = sorted[MAX_POINTS - 1];
        for (int i = 0; i < n; i++) {
            out[i] = keys[i] <= cut;
        }
        return out;
    }
}
