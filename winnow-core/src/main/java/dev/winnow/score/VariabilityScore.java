package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.ObservationKind;

import java.util.EnumSet;
import java.util.List;

/**
 * {@code variability}: the data-map variability of Dataset Cartography (Swayamdipta et al. 2020), the
 * population standard deviation (divide by the count) of p_true over the example's presentations in a run,
 * averaged over runs; as it is (a high variability, the ambiguous region, ranks as hard). NaN presentations
 * are left out; an example presented once in a run has variability 0 there.
 */
public final class VariabilityScore extends RunAveragedScore {
    public VariabilityScore() {
        super("variability", "p_true", EnumSet.of(ObservationKind.PRESENTATION));
    }

    @Override
    void runValues(DynamicsStore store, int run, List<Integer> rows, float[] out) {
        int n = out.length;
        double[] sum = new double[n];
        double[] sq = new double[n];
        int[] count = new int[n];
        for (int t : rows) {
            read(store, t, out);
            for (int i = 0; i < n; i++) {
                float v = out[i];
                if (v == v) {
                    sum[i] += v;
                    sq[i] += (double) v * v;
                    count[i]++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (count[i] == 0) {
                out[i] = Float.NaN;
            } else {
                double m = sum[i] / count[i];
                out[i] = (float) Math.sqrt(Math.max(0, sq[i] / count[i] - m * m));
            }
        }
    }
}
