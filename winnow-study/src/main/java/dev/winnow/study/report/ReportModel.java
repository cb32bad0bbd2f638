package dev.winnow.study.report;

import dev.winnow.study.Method;
import dev.winnow.study.Stats;
import dev.winnow.study.StudyFolder;
import dev.winnow.study.StudyResults;
import dev.winnow.study.StudyResults.Cell;
import dev.winnow.study.StudySpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.winnow.study.report.Format.pct;
import static dev.winnow.study.report.Format.shortData;
import static dev.winnow.study.report.Format.trim;

/**
 * What a study's report says, computed once from the folder: the page, the charts and the example grids
 * are drawn from it and compute nothing of their own. Immutable.
 *
 * @param title    the page title
 * @param settings one line of the study's settings ("" when the folder has no spec)
 * @param summary  the "what this says" sentences
 * @param series   each method's cells: full training, full:shorter, then the spec's order (empty: no finished run)
 * @param full     the full-data baseline (kept fraction 1), or {@code null} before it has run
 * @param results  the rows of the results table
 * @param noise    each score's detection of the flipped labels (empty without label noise)
 * @param scores   score distributions and their agreement, or {@code null} when the folder has no scores
 * @param examples the hardest and easiest examples, or {@code null} when the folder cannot show them
 * @param source   the study folder, as an absolute path
 * @param runs     finished runs in {@code results.jsonl}
 * @param payoff   whether pruning paid: verdicts, Pareto frontier, learning curves against cost, collapses
 */
public record ReportModel(String title, String settings, List<String> summary, List<Series> series, Cell full,
                          List<ResultRow> results, List<NoiseDetection> noise, ScoreSection scores,
                          ExampleSection examples, String source, int runs, Payoff payoff) {

    /** The colour of {@code full:shorter}: grey, a baseline like full training's black. */
    static final int SHORTER_RGB = 0x808080;

    /** Colours of the methods (in order) and of the score histograms; full training is black. */
    private static final int[] PALETTE = {
        0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf, 0xbcbd22, 0x7f7f7f,
    };

    /** Bins of a score histogram. */
    static final int BINS = 40;

    public ReportModel {
        summary = List.copyOf(summary);
        series = List.copyOf(series);
        results = List.copyOf(results);
        noise = List.copyOf(noise);
    }

    /**
     * One method's cells in kept-fraction order, with its colour.
     *
     * @param rgb the colour as {@code 0xRRGGBB}
     */
    public record Series(String method, int rgb, List<Cell> cells) {
        public Series {
            cells = List.copyOf(cells);
        }

        /** Whether this is the full-data baseline. */
        public boolean full() {
            return method.equals(Method.FULL);
        }

        /** Whether this is training on all the data for fewer steps ({@code full:shorter}). */
        public boolean shorter() {
            return method.equals(Verdicts.SHORTER);
        }
    }

    /**
     * One row of the results table: a cell with what it is compared against.
     *
     * @param rgb       the method's colour
     * @param first     whether it is the method's first row
     * @param vsFull    accuracy minus full training's, in fractions; NaN for full itself or without full
     * @param timesFull total seconds over full training's; NaN without a full run that took time
     */
    public record ResultRow(Cell cell, int rgb, boolean first, double vsFull, double timesFull) {
    }

    /**
     * Score distributions of one seed and how the scores agree.
     *
     * @param seed         the seed the scores are of
     * @param histograms   one per score
     * @param names        the score specs, in the order of the matrix
     * @param correlations Spearman's ρ of every pair (1 on the diagonal; NaN where a score is constant)
     */
    public record ScoreSection(long seed, List<Histogram> histograms, List<String> names, List<List<Double>> correlations) {
        public ScoreSection {
            histograms = List.copyOf(histograms);
            names = List.copyOf(names);
            correlations = correlations.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A score's histogram: {@code counts.size()} equal bins from {@code lo} to {@code hi} (one bin of width
     * 1 when every value is the same); the last bin includes {@code hi}.
     *
     * @param file the chart's file name
     * @param rgb  the colour as {@code 0xRRGGBB}
     */
    public record Histogram(String score, String file, int rgb, float lo, float hi, List<Double> counts) {
        public Histogram {
            counts = List.copyOf(counts);
        }

        /** The width of a bin. */
        public double width() {
            return hi > lo ? (hi - lo) / (double) counts.size() : 1;
        }

        /** Bins {@code v} into {@code bins} equal bins between its smallest and largest value. */
        static Histogram of(String score, String file, int rgb, float[] v, int bins) {
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
            List<Double> c = new ArrayList<>();
            for (double x : counts) {
                c.add(x);
            }
            return new Histogram(score, file, rgb, lo, hi, c);
        }
    }

    /** Everything the report of {@code res} says. */
    public static ReportModel of(StudyResults res) {
        StudySpec spec = res.spec();
        String title = spec == null ? "Pruning study" : "Pruning study: " + shortData(spec.data()) + ", " + spec.model();
        List<NoiseDetection> noise = NoiseDetection.of(res);
        List<Series> series = series(res);
        return new ReportModel(title, settings(spec), Summary.sentences(res, noise), series, res.full(),
                results(series, res.full()),
                noise, scores(res), ExampleSection.of(res), res.dir().toAbsolutePath().toString(), res.runs().size(),
                Verdicts.analyse(res));
    }

    private static String settings(StudySpec s) {
        if (s == null) {
            return "";
        }
        return String.format(Locale.ROOT,
                "%s%s · model %s · %d epochs, batch %d, %s lr %s · budget: same %s as full · proxy %d run(s) × %d epochs · seeds %s%s",
                shortData(s.data()), s.limit() > 0 ? " (first " + s.limit() + ")" : "", s.model(), s.epochs(), s.batchSize(),
                s.optimizer(), trim(s.lr()), s.budget(), s.proxyRuns(), s.proxyEpochs(), s.seeds(),
                s.labelNoise() > 0 ? " · " + pct(s.labelNoise()) + " of training labels flipped" : "");
    }

    /** Full training first, then {@code full:shorter}, then the methods in the results' order, each with its colour. */
    private static List<Series> series(StudyResults res) {
        List<String> methods = new ArrayList<>(res.cells().keySet());
        methods.removeIf(Verdicts::isBaseline);
        List<Series> out = new ArrayList<>();
        for (String m : List.of(Method.FULL, Verdicts.SHORTER)) {
            Map<Double, Cell> row = res.cells().get(m);
            if (row != null) {
                out.add(new Series(m, m.equals(Method.FULL) ? 0x000000 : SHORTER_RGB, new ArrayList<>(row.values())));
            }
        }
        for (String m : methods) {
            out.add(new Series(m, PALETTE[methods.indexOf(m) % PALETTE.length], new ArrayList<>(res.cells().get(m).values())));
        }
        return out;
    }

    /** The colour of {@code method}'s series; grey for one the model does not know. */
    public int rgbOf(String method) {
        return series.stream().filter(s -> s.method().equals(method)).mapToInt(Series::rgb).findFirst().orElse(SHORTER_RGB);
    }

    private static List<ResultRow> results(List<Series> series, Cell full) {
        List<ResultRow> out = new ArrayList<>();
        for (Series s : series) {
            boolean first = true;
            for (Cell c : s.cells()) {
                double vsFull = full != null && c != full ? c.accMean() - full.accMean() : Double.NaN;
                double timesFull = full != null && full.total() > 0 ? c.total() / full.total() : Double.NaN;
                out.add(new ResultRow(c, s.rgb(), first, vsFull, timesFull));
                first = false;
            }
        }
        return out;
    }

    private static ScoreSection scores(StudyResults res) {
        Map<String, float[]> sc = res.firstScores();
        if (sc.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>(sc.keySet());
        List<Histogram> histograms = new ArrayList<>();
        List<List<Double>> corr = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String a = names.get(i);
            histograms.add(Histogram.of(a, "hist-" + StudyFolder.fileName(a) + ".png", PALETTE[i % PALETTE.length],
                    sc.get(a), BINS));
            List<Double> row = new ArrayList<>();
            for (String b : names) {
                row.add(a.equals(b) ? 1 : Stats.spearman(sc.get(a), sc.get(b)));
            }
            corr.add(row);
        }
        return new ScoreSection(res.scores().keySet().iterator().next(), histograms, names, corr);
    }
}
