package dev.winnow.study;

import java.util.Arrays;

/** Rank statistics for the report: average ranks with ties, Spearman's ρ, AUROC, precision at k. */
public final class Stats {
    private Stats() {
    }

    /**
     * 1-based ranks of {@code v} in ascending order; tied values share the mean of the ranks they span
     * (so {@code [10, 20, 20, 30]} ranks {@code [1, 2.5, 2.5, 4]}).
     */
    public static double[] ranks(float[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(v[a], v[b]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && Float.compare(v[order[j + 1]], v[order[i]]) == 0) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                r[order[t]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    /** Spearman's ρ: the Pearson correlation of the tie-averaged ranks; NaN when either side is constant. */
    public static double spearman(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ");
        }
        return pearson(ranks(a), ranks(b));
    }

    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /**
     * Area under the ROC curve of {@code score} for finding the {@code positive} examples (higher score =
     * more likely positive), by the rank formula (Mann–Whitney U): (R₊ − n₊(n₊+1)/2) / (n₊·n₋) with R₊ the
     * sum of the positives' tie-averaged ranks, so a tie between a positive and a negative counts one half.
     * NaN when either class is empty.
     */
    public static double auroc(float[] score, boolean[] positive) {
        if (score.length != positive.length) {
            throw new IllegalArgumentException("lengths differ");
        }
        double[] r = ranks(score);
        long pos = 0;
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            if (positive[i]) {
                pos++;
                sum += r[i];
            }
        }
        long neg = r.length - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (sum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /**
     * Fraction of positives among the {@code k} highest scores. Ties at the cut are counted in expectation
     * (a tie group straddling the cut contributes its positive share of the places left), so the result
     * does not depend on the order of tied examples.
     */
    public static double precisionAt(float[] score, boolean[] positive, int k) {
        int n = score.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "]");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(score[b], score[a]));
        double hits = 0;
        int taken = 0;
        int i = 0;
        while (taken < k) {
            int j = i;
            int groupPos = 0;
            while (j < n && Float.compare(score[order[j]], score[order[i]]) == 0) {
                if (positive[order[j]]) {
                    groupPos++;
                }
                j++;
            }
            int size = j - i;
            int take = Math.min(size, k - taken);
            hits += (double) groupPos * take / size;
            taken += take;
            i = j;
        }
        return hits / k;
    }

    /** Mean of the values. */
    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample standard deviation (n − 1); 0 for one value. */
    public static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
