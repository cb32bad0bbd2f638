package dev.winnow.study.report;

import dev.winnow.study.results.RunRecord;
import dev.winnow.study.results.RunRecord.CurvePoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One (method, kept fraction)'s learning curve averaged over its seeds: test accuracy against cumulative
 * seconds, so that the cost of reaching an accuracy (time-to-accuracy) can be read off rather than the
 * epochs. Points are matched by epoch; an epoch enters the mean only when every seed with a curve has it.
 *
 * @param method the method's name
 * @param keep   the kept fraction
 * @param seeds  runs whose curves were averaged
 * @param points the mean points in epoch order
 */
public record CostCurve(String method, double keep, int seeds, List<CurvePoint> points) {
    public CostCurve {
        points = List.copyOf(points);
    }

    /**
     * The mean curve of the runs of one cell, or {@code null} when none of them recorded a curve (a folder
     * from before curves, or a resumed study's older runs: only the runs with one are averaged).
     */
    public static CostCurve mean(String method, double keep, List<RunRecord> runs) {
        List<List<CurvePoint>> curves = runs.stream().map(RunRecord::curvePoints).filter(c -> !c.isEmpty()).toList();
        if (curves.isEmpty()) {
            return null;
        }
        Map<Integer, double[]> sums = new TreeMap<>();
        for (List<CurvePoint> c : curves) {
            for (CurvePoint p : c) {
                double[] s = sums.computeIfAbsent(p.epoch(), e -> new double[4]);
                s[0] += p.testAccuracy();
                s[1] += p.seconds();
                s[2] += p.backwardExamples();
                s[3]++;
            }
        }
        List<CurvePoint> points = new ArrayList<>();
        int n = curves.size();
        sums.forEach((epoch, s) -> {
            if (s[3] == n) {
                points.add(new CurvePoint(epoch, s[0] / n, s[1] / n, Math.round(s[2] / n)));
            }
        });
        return points.isEmpty() ? null : new CostCurve(method, keep, n, points);
    }

    /**
     * The cumulative seconds at the first point whose accuracy is at least {@code accuracy}; infinity when
     * the curve never gets there.
     */
    public double secondsToReach(double accuracy) {
        for (CurvePoint p : points) {
            if (p.testAccuracy() >= accuracy) {
                return p.seconds();
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
