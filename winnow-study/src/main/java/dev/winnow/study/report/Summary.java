package dev.winnow.study.report;

import dev.winnow.study.Stats;
import dev.winnow.study.StudyResults;
import dev.winnow.study.StudyResults.Cell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static dev.winnow.study.report.Format.pct;
import static dev.winnow.study.report.Format.pt;
import static dev.winnow.study.report.Format.secs;

/**
 * The report's "what this says" paragraph: sentences computed from the numbers — full training, the
 * best and worst method at a few kept fractions against random, the cheapest run near full accuracy,
 * the best detector of flipped labels, and which scores agree.
 */
public final class Summary {
    private Summary() {
    }

    /** The sentences, in the order the paragraph says them; never empty. */
    public static List<String> sentences(StudyResults res, List<NoiseDetection> noise) {
        List<String> out = new ArrayList<>();
        Cell full = res.full();
        if (full != null) {
            out.add(String.format(Locale.ROOT, "Training on all %,d training examples reaches %s test accuracy (mean of %d seed%s) for %s of compute.",
                    Math.round(full.k()), pct(full.accMean()), full.seeds(), full.seeds() == 1 ? "" : "s", secs(full.total())));
        }
        TreeSet<Double> keeps = new TreeSet<>();
        res.cells().forEach((m, row) -> {
            if (!Verdicts.isBaseline(m)) {
                keeps.addAll(row.keySet());
            }
        });
        for (double k : summaryKeeps(keeps)) {
            List<Cell> at = new ArrayList<>();
            res.cells().forEach((m, row) -> {
                if (!Verdicts.isBaseline(m) && row.containsKey(k)) {
                    at.add(row.get(k));
                }
            });
            if (!at.isEmpty()) {
                out.add(atKeep(k, at, res.cell("random", k), full));
            }
        }
        if (full != null && keeps.size() > 0) {
            out.add(cheapest(res, full));
        }
        if (!noise.isEmpty()) {
            NoiseDetection best = noise.get(0);
            for (NoiseDetection d : noise) {
                if (d.auroc() > best.auroc()) {
                    best = d;
                }
            }
            String f = pct(res.spec() == null ? best.flippedFraction() : res.spec().labelNoise());
            out.add(String.format(Locale.ROOT, "With %s of training labels flipped, %s finds them best: AUROC %.3f, and %s of its top %s are flipped labels (chance: AUROC 0.5, %s).",
                    f, best.score(), best.auroc(), pct(best.precisionAtF()), f, f));
        }
        String agree = agreement(res.firstScores());
        if (agree != null) {
            out.add(agree);
        }
        if (out.isEmpty()) {
            out.add("No finished runs yet.");
        }
        return List.copyOf(out);
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

    /** The best and worst method at kept fraction {@code k}, against random (or full where random is absent). */
    private static String atKeep(double k, List<Cell> at, Cell random, Cell full) {
        Cell best = at.stream().max((a, b) -> Double.compare(a.accMean(), b.accMean())).get();
        Cell worst = at.stream().min((a, b) -> Double.compare(a.accMean(), b.accMean())).get();
        StringBuilder sb = new StringBuilder();
        sb.append("At ").append(pct(k)).append(" kept, ");
        if (random != null) {
            sb.append("random reaches ").append(pct(random.accMean()));
            if (full != null) {
                sb.append(" (").append(pt(random.accMean() - full.accMean())).append(" against full)");
            }
            if (best != random) {
                sb.append("; ").append(best.method()).append(" is best at ").append(pct(best.accMean()))
                        .append(" (").append(pt(best.accMean() - random.accMean())).append(" over random")
                        .append(spreadNote(best, random)).append(")");
            } else {
                sb.append(", the best of all methods");
            }
            if (worst != random && worst != best) {
                sb.append(", and ").append(worst.method()).append(" is worst at ").append(pct(worst.accMean()))
                        .append(" (").append(pt(worst.accMean() - random.accMean())).append(" under random")
                        .append(spreadNote(worst, random)).append(")");
            }
        } else {
            sb.append(best.method()).append(" is best at ").append(pct(best.accMean()));
            if (full != null) {
                sb.append(" (").append(pt(best.accMean() - full.accMean())).append(" against full)");
            }
        }
        return sb.append('.').toString();
    }

    /** Whether two cells' seeds overlap (a difference inside the noise between seeds). */
    private static String spreadNote(Cell a, Cell b) {
        if (a.seeds() < 2 || b.seeds() < 2) {
            return ", one seed";
        }
        boolean overlap = a.accMin() <= b.accMax() && b.accMin() <= a.accMax();
        return overlap ? ", within the seed spread" : "";
    }

    /** The cheapest pruned run within 1 pt of full accuracy, with its cost against full training. */
    private static String cheapest(StudyResults res, Cell full) {
        Cell cheapest = null;
        for (Map.Entry<String, Map<Double, Cell>> e : res.cells().entrySet()) {
            if (Verdicts.isBaseline(e.getKey())) {
                continue;
            }
            for (Cell c : e.getValue().values()) {
                if (c.accMean() >= full.accMean() - 0.01 && (cheapest == null || c.total() < cheapest.total())) {
                    cheapest = c;
                }
            }
        }
        if (cheapest == null) {
            return "No pruned run came within 1 pt of full-data accuracy.";
        }
        if (cheapest.total() < full.total()) {
            return String.format(Locale.ROOT, "The cheapest run within 1 pt of full accuracy is %s at %s kept: %s in %s against %s for full, %.1f× less compute with its scoring counted.",
                    cheapest.method(), pct(cheapest.keep()), pct(cheapest.accMean()), secs(cheapest.total()),
                    secs(full.total()), full.total() / cheapest.total());
        }
        return String.format(Locale.ROOT, "Runs within 1 pt of full accuracy cost at least as much as full training once proxy and scoring are counted (best: %s at %s kept, %s against %s).",
                cheapest.method(), pct(cheapest.keep()), secs(cheapest.total()), secs(full.total()));
    }

    /** The pair of scores that rank examples most alike and, with three or more, least; {@code null} with fewer than two. */
    private static String agreement(Map<String, float[]> sc) {
        if (sc.size() < 2) {
            return null;
        }
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
        if (hiA == null) {
            return null;
        }
        String s = String.format(Locale.ROOT, "The scores %s and %s rank examples most alike (Spearman ρ = %.2f)", hiA, hiB, hi);
        if (names.size() > 2 && loA != null && !(loA.equals(hiA) && loB.equals(hiB))) {
            s += String.format(Locale.ROOT, "; %s and %s least (ρ = %.2f)", loA, loB, lo);
        }
        return s + ".";
    }
}
