package dev.winnow.study.report;

import dev.winnow.study.StudyResults;
import dev.winnow.study.StudyResults.Cell;
import dev.winnow.study.results.ExtremeExamples;
import dev.winnow.study.results.RunRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static dev.winnow.study.report.Format.pct;

/**
 * A method that collapsed: far below random selection at the same kept fraction — more than
 * {@link #BELOW_RANDOM} under random's mean and under random's worst seed — so that a user who trusted its
 * keep-list would have lost accuracy a coin would have kept. The report calls it out in red, with the
 * likely reason it can tell from the folder: what the strategy keeps, flipped labels, and the classes its
 * keep-list over-represents (from the stored scores).
 *
 * @param method     the method's name
 * @param keep       the kept fraction
 * @param accMean    its mean accuracy
 * @param randomMean random selection's mean accuracy at the same kept fraction
 * @param randomMin  random selection's lowest seed
 * @param reason     the likely reason, in words
 */
public record Collapse(String method, double keep, double accMean, double randomMean, double randomMin, String reason) {
    /** How far under random's mean a method must fall to have collapsed (5 pt). */
    public static final double BELOW_RANDOM = 0.05;

    /** A class over-represented by at least this much (10 pt) is named as part of the reason. */
    static final double OVER_REPRESENTED = 0.10;

    /** The collapsed cells of {@code res}, in the order of its methods and kept fractions. */
    public static List<Collapse> find(StudyResults res) {
        List<Collapse> out = new ArrayList<>();
        List<String> names = classNames(res.dir());
        for (Map.Entry<String, Map<Double, Cell>> row : res.cells().entrySet()) {
            if (Verdicts.isBaseline(row.getKey()) || row.getKey().equals("random")) {
                continue;
            }
            for (Cell c : row.getValue().values()) {
                Cell random = res.cell("random", c.keep());
                if (random != null && collapsed(c, random)) {
                    out.add(new Collapse(c.method(), c.keep(), c.accMean(), random.accMean(), random.accMin(),
                            reason(res, c, names)));
                }
            }
        }
        return out;
    }

    /** More than {@link #BELOW_RANDOM} under random's mean (a hair's rounding spared) and under its lowest seed. */
    static boolean collapsed(Cell c, Cell random) {
        return random.accMean() - c.accMean() > BELOW_RANDOM + 1e-12 && c.accMean() < random.accMin();
    }

    private static List<String> classNames(Path dir) {
        Path ej = dir.resolve("examples.json");
        if (!Files.isRegularFile(ej)) {
            return List.of();
        }
        try {
            return ExtremeExamples.read(ej).classNames();
        } catch (RuntimeException e) {
            return List.of(); // the names only decorate the reason; the examples section reports a bad file
        }
    }

    /** What the strategy keeps, flipped labels where there are any, and the class it over-represents. */
    static String reason(StudyResults res, Cell c, List<String> classNames) {
        List<RunRecord> runs = Verdicts.runsOf(res, c.method(), c.keep());
        RunRecord first = runs.isEmpty() ? null : runs.get(0);
        String[] parts = c.method().split(":");
        String strategy = first != null && first.strategy() != null ? first.strategy()
                : parts.length > 1 ? parts[1] : parts[0];
        String score = first != null && first.score() != null ? first.score() : parts[0];
        RunRecord.Provenance p = first == null ? null : first.provenance();
        List<Double> params = p == null || p.params() == null ? List.of() : p.params();
        boolean balanced = p != null && p.classBalanced() != null ? p.classBalanced() : c.method().endsWith(":balanced");
        double noise = res.spec() != null ? res.spec().labelNoise() : p == null ? 0 : p.labelNoise();
        StringBuilder sb = new StringBuilder(switch (strategy) {
            case "hard" -> "hardest examples only: ambiguous and mislabelled examples are over-represented";
            case "window" -> "the hardest after skipping the top " + (params.isEmpty() ? "few" : pct(params.get(0)))
                    + ": still mostly ambiguous examples";
            case "stratified" -> "the budget spread evenly over score bins over-samples the sparse hardest bins "
                    + "(ambiguous examples)";
            case "calibrated" -> "its hardest share takes ambiguous examples and the random rest carries large loss weights";
            case "easy" -> "easiest examples only: redundant examples far from the class boundaries, "
                    + "little to learn where classes meet";
            case "dynamic" -> "the policy trains on too few examples per epoch for this schedule";
            default -> "its keep-list is far from a uniform sample of the training set";
        });
        boolean hardSide = List.of("hard", "window", "stratified", "calibrated").contains(strategy);
        if (hardSide && noise > 0) {
            sb.append("; with ").append(pct(noise)).append(" of the labels flipped, the flipped ones rank hardest");
        }
        if (!balanced && List.of("hard", "window", "easy").contains(strategy)) {
            String share = classShare(res, score, c.keep(), strategy, params.isEmpty() ? 0 : params.get(0), classNames);
            if (share != null) {
                sb.append("; ").append(share);
            }
        }
        return sb.toString();
    }

    /**
     * The class the strategy's kept examples over-represent most, from the first seed's stored scores
     * ({@code null} when the folder has none for {@code score} or no class is over-represented by
     * {@link #OVER_REPRESENTED}). The kept set is re-ranked here: the k = round(keep · n) highest scores
     * (hard), lowest (easy), or highest after skipping the top offset (window), ties by position.
     */
    static String classShare(StudyResults res, String score, double keep, String strategy, double offset,
                             List<String> classNames) {
        for (Map.Entry<Long, Map<String, float[]>> e : res.scores().entrySet()) {
            float[] s = e.getValue().get(score);
            int[] y = res.scoreLabels(e.getKey());
            if (s != null && y != null && y.length == s.length && s.length > 0) {
                return classShare(s, y, keep, strategy, offset, classNames);
            }
        }
        return null;
    }

    static String classShare(float[] s, int[] y, double keep, String strategy, double offset, List<String> classNames) {
        int n = s.length;
        int k = (int) Math.max(1, Math.min(n, Math.round(keep * n)));
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Comparator<Integer> byScore = Comparator.comparingDouble(i -> s[i]);
        Arrays.sort(order, (strategy.equals("easy") ? byScore : byScore.reversed()).thenComparingInt(i -> i));
        int from = strategy.equals("window") ? (int) Math.min(n - k, Math.round(offset * n)) : 0;
        int classes = Arrays.stream(y).max().orElse(0) + 1;
        int[] kept = new int[classes];
        int[] all = new int[classes];
        for (int label : y) {
            all[label]++;
        }
        for (int j = from; j < from + k; j++) {
            kept[y[order[j]]]++;
        }
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if ((double) kept[c] / k - (double) all[c] / n > (double) kept[best] / k - (double) all[best] / n) {
                best = c;
            }
        }
        double keptShare = (double) kept[best] / k;
        double allShare = (double) all[best] / n;
        if (keptShare - allShare < OVER_REPRESENTED) {
            return null;
        }
        String name = best < classNames.size() ? "'" + classNames.get(best) + "'" : "class " + best;
        return "its kept " + pct(keep) + " are " + pct(Math.round(keptShare * 1000) / 1000.0) + " " + name
                + ", against " + pct(Math.round(allShare * 1000) / 1000.0) + " of the training set";
    }
}
