package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.npy.NpyArray;

/**
 * {@code vog}: variance of gradients, read from {@code vog.npy} [R, N] and averaged over runs (NaN left
 * out), optionally standardised within each class as (v − μ_c) / σ_c with the population σ_c of the
 * class's observed values (Agarwal et al. 2022, "Estimating Example Difficulty using Variance of
 * Gradients"). A class with σ_c = 0 maps to 0. Examples with no value stay NaN.
 */
public final class VogScore extends AbstractScore {
    private final boolean perClass;

    public VogScore(boolean perClass) {
        super("vog");
        this.perClass = perClass;
    }

    @Override
    float[] scores(DynamicsStore store) {
        NpyArray vog = store.vog().orElseThrow(() -> new WinnowException(store.dir()
                + ": score 'vog' needs vog.npy (variance of gradients per run), which the store lacks"));
        int n = store.examples();
        RunMean acc = new RunMean(n);
        float[] row = new float[n];
        for (int r = 0; r < vog.dim(0); r++) {
            vog.floatRow(r).get(row);
            acc.add(row);
        }
        float[] out = acc.mean(row);
        if (perClass) {
            standardiseWithinClass(out, store.labels(), store.classes());
        }
        return out;
    }

    static void standardiseWithinClass(float[] v, int[] labels, int classes) {
        double[] sum = new double[classes];
        double[] sq = new double[classes];
        int[] count = new int[classes];
        for (int i = 0; i < v.length; i++) {
            if (!Float.isNaN(v[i])) {
                sum[labels[i]] += v[i];
                count[labels[i]]++;
            }
        }
        double[] mu = new double[classes];
        for (int c = 0; c < classes; c++) {
            mu[c] = count[c] == 0 ? 0 : sum[c] / count[c];
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isNaN(v[i])) {
                double d = v[i] - mu[labels[i]];
                sq[labels[i]] += d * d;
            }
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isNaN(v[i])) {
                int c = labels[i];
                double sigma = Math.sqrt(sq[c] / count[c]);
                v[i] = sigma == 0 ? 0f : (float) ((v[i] - mu[c]) / sigma);
            }
        }
    }
}
