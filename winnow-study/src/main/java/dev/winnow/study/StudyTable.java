package dev.winnow.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The short plain-text results table that {@code winnow study} and {@code winnow demo} print at the end. */
public final class StudyTable {
    private StudyTable() {
    }

    /** Methods as rows, kept fractions as columns: mean test accuracy (%) over seeds, then full and its cost. */
    public static String format(StudyResults res) {
        TreeSet<Double> keeps = new TreeSet<>();
        res.cells().forEach((m, row) -> {
            if (!m.equals(Method.FULL)) {
                keeps.addAll(row.keySet());
            }
        });
        int w = "method".length();
        for (String m : res.cells().keySet()) {
            w = Math.max(w, m.length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + w + "s", "test accuracy %"));
        List<Double> cols = new ArrayList<>(keeps);
        for (double k : cols) {
            sb.append(String.format(Locale.ROOT, "  %9s", "keep " + trim(k)));
        }
        sb.append(String.format(Locale.ROOT, "  %9s  %s%n", "full", "seconds at each keep (total, all costs)"));
        StudyResults.Cell full = res.full();
        for (Map.Entry<String, Map<Double, StudyResults.Cell>> e : res.cells().entrySet()) {
            if (e.getKey().equals(Method.FULL)) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-" + w + "s", e.getKey()));
            List<String> secs = new ArrayList<>();
            for (double k : cols) {
                StudyResults.Cell c = e.getValue().get(k);
                sb.append(c == null ? String.format(Locale.ROOT, "  %9s", "–")
                        : String.format(Locale.ROOT, "  %9.2f", c.accMean() * 100));
                secs.add(c == null ? "–" : String.format(Locale.ROOT, "%.1f", c.total()));
            }
            sb.append(String.format(Locale.ROOT, "  %9s  %s%n", "", String.join(" / ", secs)));
        }
        if (full != null) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s", Method.FULL));
            for (int i = 0; i < cols.size(); i++) {
                sb.append(String.format(Locale.ROOT, "  %9s", ""));
            }
            sb.append(String.format(Locale.ROOT, "  %9.2f  %.1f%n", full.accMean() * 100, full.total()));
        }
        return sb.toString();
    }

    private static String trim(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
