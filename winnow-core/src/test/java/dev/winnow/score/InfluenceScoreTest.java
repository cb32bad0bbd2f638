package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code influence} and {@code dealrec}. The reference for the influence is independent of the score's
 * code: a plain gradient-descent fit of the (weighted, damped) softmax regression written here, and the
 * derivative of the mean training loss under up-weighting one example, by central finite differences.
 */
class InfluenceScoreTest {
    private static final double LAMBDA = 0.01;

    /** 1-D features, 2 classes, 4 examples (not separable: the undamped fit exists too). */
    private static final float[] H1 = {-1f, 0.5f, 1f, 2f};
    private static final int[] Y1 = {0, 1, 0, 1};

    /** 2-D features, 3 classes, 6 examples. */
    private static final float[] H2 = {
        0f, 0f,
        1f, 0.5f,
        -1f, 1f,
        0.5f, -1f,
        2f, 1f,
        -0.5f, -0.5f,
    };
    private static final int[] Y2 = {0, 1, 2, 0, 1, 2};

    // ---- the independent reference -------------------------------------------------------------

    /** softmax(W x_i) with x_i = [h_i, 1], θ row-major C × (d+1). */
    private static double[] softmax(double[] th, float[] h, int d, int c, int i) {
        double[] z = new double[c];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
            z[k] = th[k * (d + 1) + d];
            for (int j = 0; j < d; j++) {
                z[k] += th[k * (d + 1) + j] * h[i * d + j];
            }
            max = Math.max(max, z[k]);
        }
        double s = 0;
        for (int k = 0; k < c; k++) {
            z[k] = Math.exp(z[k] - max);
            s += z[k];
        }
        for (int k = 0; k < c; k++) {
            z[k] /= s;
        }
        return z;
    }

    /** Mean cross-entropy (1/N) Σ ℓ_i, no damping. */
    private static double meanLoss(double[] th, float[] h, int d, int[] y, int c) {
        double l = 0;
        for (int i = 0; i < y.length; i++) {
            l -= Math.log(softmax(th, h, d, c, i)[y[i]]);
        }
        return l / y.length;
    }

    /** Gradient of (1/N) Σ ℓ_i + eps·ℓ_z + (λ/2)‖θ‖² (z < 0: no up-weighting). */
    private static double[] gradient(double[] th, float[] h, int d, int[] y, int c, int z, double eps) {
        int k = d + 1;
        double[] g = new double[th.length];
        for (int i = 0; i < y.length; i++) {
            double w = 1.0 / y.length + (i == z ? eps : 0);
            double[] p = softmax(th, h, d, c, i);
            for (int cl = 0; cl < c; cl++) {
                double e = w * (p[cl] - (cl == y[i] ? 1 : 0));
                for (int j = 0; j < d; j++) {
                    g[cl * k + j] += e * h[i * d + j];
                }
                g[cl * k + d] += e;
            }
        }
        for (int a = 0; a < th.length; a++) {
            g[a] += LAMBDA * th[a];
        }
        return g;
    }

    /** Plain gradient descent to ‖∇‖∞ < 1e-13, step 1 / (½·max‖x‖²·(1+eps·N) + λ). */
    private static double[] descend(float[] h, int d, int[] y, int c, int z, double eps) {
        double maxSq = 0;
        for (int i = 0; i < y.length; i++) {
            double s = 1;
            for (int j = 0; j < d; j++) {
                s += h[i * d + j] * h[i * d + j];
            }
            maxSq = Math.max(maxSq, s);
        }
        double step = 1 / (0.5 * maxSq * (1 + Math.abs(eps) * y.length) + LAMBDA);
        double[] th = new double[c * (d + 1)];
        for (int it = 0; it < 2_000_000; it++) {
            double[] g = gradient(th, h, d, y, c, z, eps);
            double norm = 0;
            for (double v : g) {
                norm = Math.max(norm, Math.abs(v));
            }
            if (norm < 1e-13) {
                return th;
            }
            for (int a = 0; a < th.length; a++) {
                th[a] -= step * g[a];
            }
        }
        throw new AssertionError("gradient descent did not converge");
    }

    /** I_up(z) = dL(θ̂_ε)/dε at ε = 0, by central differences over refits. */
    private static double[] upweightDerivative(float[] h, int d, int[] y, int c) {
        double eps = 1e-4;
        double[] out = new double[y.length];
        for (int z = 0; z < y.length; z++) {
            double plus = meanLoss(descend(h, d, y, c, z, eps), h, d, y, c);
            double minus = meanLoss(descend(h, d, y, c, z, -eps), h, d, y, c);
            out[z] = (plus - minus) / (2 * eps);
        }
        return out;
    }

    private static void assertRelative(double actual, double expected, double rel) {
        assertThat(actual).isCloseTo(expected, within(rel * Math.abs(expected) + 1e-12));
    }

    // ---- the fit and the formula ----------------------------------------------------------------

    @Test
    void theFitIsTheDampedOptimum() {
        for (int[] dc : new int[][] {{1, 2}, {2, 3}}) {
            float[] h = dc[0] == 1 ? H1 : H2;
            int[] y = dc[0] == 1 ? Y1 : Y2;
            LogisticFit f = LogisticFit.fit(h, dc[0], y, dc[1], LAMBDA);
            // (a) the gradient of the damped objective vanishes, so ∇L(θ̂) = −λθ̂
            for (double g : gradient(f.theta, h, dc[0], y, dc[1], -1, 0)) {
                assertThat(Math.abs(g)).isLessThan(1e-10);
            }
            for (int a = 0; a < f.theta.length; a++) {
                assertThat(f.meanGradient[a]).isCloseTo(-LAMBDA * f.theta[a], within(1e-10));
            }
            // the same θ̂ as plain gradient descent, and the same mean loss
            double[] ref = descend(h, dc[0], y, dc[1], -1, 0);
            for (int a = 0; a < ref.length; a++) {
                assertThat(f.theta[a]).isCloseTo(ref[a], within(1e-9));
            }
            assertThat(f.meanLoss).isCloseTo(meanLoss(ref, h, dc[0], y, dc[1]), within(1e-12));
        }
    }

    @Test
    void theScoreIsMinusTheDerivativeOfTheMeanLossUnderUpweighting() {
        // (b) 1-D, 2 classes
        double[] s1 = InfluenceScore.scores(H1, 1, Y1, 2, LAMBDA);
        double[] fd1 = upweightDerivative(H1, 1, Y1, 2);
        for (int z = 0; z < Y1.length; z++) {
            assertRelative(s1[z], -fd1[z], 1e-3);
        }
        // not trivially zero, and not all alike
        assertThat(Math.abs(s1[0])).isGreaterThan(1e-4);
        assertThat(s1[0]).isNotCloseTo(s1[1], within(1e-5));
        // 2-D, 3 classes: the cross-class Hessian blocks
        double[] s2 = InfluenceScore.scores(H2, 2, Y2, 3, LAMBDA);
        double[] fd2 = upweightDerivative(H2, 2, Y2, 3);
        for (int z = 0; z < Y2.length; z++) {
            assertRelative(s2[z], -fd2[z], 1e-3);
        }
    }

    @Test
    void manyExamplesSummedInPartsGiveTheOptimumAndTheHessian() {
        // 5000 examples: evaluate() splits them into parts; check ∇ = 0 and H v against differences of ∇
        int n = 5000;
        int d = 2;
        int c = 3;
        java.util.Random r = new java.util.Random(7);
        float[] h = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(c);
            h[i * d] = (float) (r.nextGaussian() + y[i]);
            h[i * d + 1] = (float) r.nextGaussian();
        }
        LogisticFit f = LogisticFit.fit(h, d, y, c, LAMBDA);
        for (double g : gradient(f.theta, h, d, y, c, -1, 0)) {
            assertThat(Math.abs(g)).isLessThan(1e-10);
        }
        int p = f.theta.length;
        double[] v = new double[p];
        for (int a = 0; a < p; a++) {
            v[a] = r.nextGaussian();
        }
        double delta = 1e-5;
        double[] tp = f.theta.clone();
        double[] tm = f.theta.clone();
        for (int a = 0; a < p; a++) {
            tp[a] += delta * v[a];
            tm[a] -= delta * v[a];
        }
        double[] gp = gradient(tp, h, d, y, c, -1, 0);
        double[] gm = gradient(tm, h, d, y, c, -1, 0);
        for (int a = 0; a < p; a++) {
            double hv = 0;
            for (int b = 0; b < p; b++) {
                hv += (a >= b ? f.hessian[a * p + b] : f.hessian[b * p + a]) * v[b];
            }
            assertThat(hv).isCloseTo((gp[a] - gm[a]) / (2 * delta), within(1e-7));
        }
    }

    // ---- through a store ------------------------------------------------------------------------

    /** 4 examples (labels Y1), 2 classes, two runs with 1-D features, grad_norm at epochs 1 and 2. */
    private static final float[] H1_RUN1 = {-2f, 1f, 0.5f, 1.5f};
    private static final float[][] GRAD_NORM = {
        {1f, 2f, 3f, 4f},   // run 0 epoch 1 checkpoint
        {4f, 2f, 2f, 0f},   // run 0 epoch 2 checkpoint
        {1f, 2f, 3f, 4f},   // run 1 epoch 1 checkpoint
        {2f, 2f, 6f, 0f},   // run 1 epoch 2 checkpoint
    };

    private static DynamicsStore store(Path dir, boolean features) {
        Observation[] obs = {
            new Observation(0, 1, ObservationKind.CHECKPOINT),
            new Observation(0, 2, ObservationKind.CHECKPOINT),
            new Observation(1, 1, ObservationKind.CHECKPOINT),
            new Observation(1, 2, ObservationKind.CHECKPOINT),
        };
        try (DynamicsWriter w = DynamicsWriter.create(dir, 4, 2, EnumSet.of(Signal.GRAD_NORM), false, false)) {
            w.labels(Y1);
            for (int t = 0; t < obs.length; t++) {
                w.observeSignals(obs[t], Map.of(Signal.GRAD_NORM, GRAD_NORM[t]), null);
            }
            if (features) {
                w.features(0, H1, 1).features(1, H1_RUN1, 1);
            }
            return DynamicsStore.open(w.commit());
        }
    }

    @Test
    void theStoreScoreIsTheRunMeanOfMinusTheUpweightingDerivative(@TempDir Path dir) {
        float[] s = ScoreSpec.parse("influence").create(ScoreOptions.defaults()).compute(store(dir.resolve("s"), true));
        double[] r0 = upweightDerivative(H1, 1, Y1, 2);
        double[] r1 = upweightDerivative(H1_RUN1, 1, Y1, 2);
        for (int i = 0; i < 4; i++) {
            assertRelative(s[i], -(r0[i] + r1[i]) / 2, 1e-3);
        }
    }

    @Test
    void dealrecIsMinmaxInfluencePlusLambdaMinmaxEffort() {
        // (c) influence {1, 3, NaN, 5} -> {0, .5, NaN, 1}; effort {10, 20, 30, 10} -> {0, .5, 1, 0}
        float[] out = DealrecScore.combine(new float[] {1, 3, Float.NaN, 5}, new float[] {10, 20, 30, 10}, 0.5);
        assertThat(out[0]).isCloseTo(0f, within(1e-7f));
        assertThat(out[1]).isCloseTo(0.75f, within(1e-7f));   // .5 + .5·.5
        assertThat(out[2]).isNaN();
        assertThat(out[3]).isCloseTo(1f, within(1e-7f));      // 1 + .5·0
        // a constant part normalises to 0
        assertThat(DealrecScore.combine(new float[] {2, 2}, new float[] {0, 4}, 1)).containsExactly(0f, 1f);
    }

    @Test
    void dealrecThroughTheStoreReadsGradNormAtTheLastEpochOrAtE(@TempDir Path dir) {
        DynamicsStore st = store(dir.resolve("s"), true);
        float[] inf = new InfluenceScore(LAMBDA).compute(st);
        double[] mi = DealrecScore.minmax(inf);
        // epoch 2 (the last): grad_norm mean of runs {3, 2, 4, 0} -> minmax {.75, .5, 1, 0}
        float[] last = ScoreSpec.parse("dealrec").create(ScoreOptions.defaults()).compute(st);
        double[] e2 = {0.75, 0.5, 1, 0};
        // epoch 1: {1, 2, 3, 4} -> {0, 1/3, 2/3, 1}; λ = 2
        float[] at1 = ScoreSpec.parse("dealrec@1").create(ScoreOptions.defaults().withDealrecLambda(2)).compute(st);
        double[] e1 = {0, 1.0 / 3, 2.0 / 3, 1};
        for (int i = 0; i < 4; i++) {
            assertThat((double) last[i]).isCloseTo(mi[i] + e2[i], within(1e-6));
            assertThat((double) at1[i]).isCloseTo(mi[i] + 2 * e1[i], within(1e-6));
        }
        assertThat(ScoreSpec.parse("dealrec").create(ScoreOptions.defaults()).name()).isEqualTo("dealrec");
        assertThat(ScoreSpec.parse("dealrec@7").create(ScoreOptions.defaults()).name()).isEqualTo("dealrec@7");
        assertThat(ScoreSpec.parse("dealrec").create(ScoreOptions.defaults()).requiredSignals()).containsExactly("grad_norm");
    }

    @Test
    void aStoreWithoutFeaturesIsAnErrorSayingToRecordThem(@TempDir Path dir) {
        // (d)
        DynamicsStore st = store(dir.resolve("nofeat"), false);
        for (String spec : new String[] {"influence", "dealrec"}) {
            assertThatThrownBy(() -> ScoreSpec.parse(spec).create(ScoreOptions.defaults()).compute(st))
                    .isInstanceOf(WinnowException.class)
                    .hasMessageContaining(st.dir().toString())
                    .hasMessageContaining("'" + spec + "'")
                    .hasMessageContaining("features.npy")
                    .hasMessageContaining("winnow train records them");
        }
    }

    @Test
    void tooManyParametersIsAnErrorSuggestingFewerFeatures(@TempDir Path dir) {
        int d = 3000; // C·(D+1) = 2·3001 = 6002 > 6000
        DynamicsStore st;
        try (DynamicsWriter w = DynamicsWriter.create(dir.resolve("wide"), 1, 2, EnumSet.of(Signal.GRAD_NORM),
                false, false)) {
            w.labels(new int[] {0});
            w.observeSignals(new Observation(0, 1, ObservationKind.CHECKPOINT),
                    Map.of(Signal.GRAD_NORM, new float[] {1}), null);
            w.features(0, new float[d], d);
            st = DynamicsStore.open(w.commit());
        }
        assertThatThrownBy(() -> new InfluenceScore(LAMBDA).compute(st))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("6002").hasMessageContaining("fewer features");
    }

    @Test
    void parseAndOptions() {
        assertThat(ScoreSpec.parse("influence").create(ScoreOptions.defaults()).name()).isEqualTo("influence");
        assertThat(((InfluenceScore) ScoreSpec.parse("influence").create(ScoreOptions.defaults().withInfluenceDamping(0.5)))
                .damping()).isEqualTo(0.5);
        assertThatThrownBy(() -> ScoreSpec.parse("influence@3")).hasMessageContaining("takes no @");
        assertThatThrownBy(() -> ScoreSpec.parse("dealrec@0")).hasMessageContaining("epoch ≥ 1");
        assertThatThrownBy(() -> ScoreOptions.defaults().withInfluenceDamping(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Scores.known()).contains("influence").contains("dealrec[@E]");
    }
}
