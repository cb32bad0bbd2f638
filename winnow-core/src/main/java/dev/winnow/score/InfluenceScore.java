package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.npy.NpyArray;

import java.nio.FloatBuffer;

/**
 * <code>influence</code>: the influence of an example on the mean training loss through the last layer
 * (Koh &amp; Liang 2017; the surrogate influence of DEALRec, Lin et al. 2024), exact for a multinomial
 * logistic regression on the store's fixed features.
 *
 * <p>Per run r, with x_i = [h_i, 1] (the run's features from {@code features.npy} plus a bias input,
 * K = D + 1) and θ = W, a C × K matrix:
 * <pre>
 *   ℓ_i(θ) = −log softmax(W x_i)_{y_i}                    (cross-entropy of example i)
 *   L(θ)   = (1/N) Σ_i ℓ_i(θ)                              (mean training loss)
 *   θ̂      = argmin L(θ) + (λ/2)‖θ‖²                       (Newton's method with line search, λ = damping)
 *   ∇ℓ_i   = (p_i − onehot(y_i)) ⊗ x_i,   p_i = softmax(Ŵ x_i)
 *   H      = (1/N) Σ_i (diag(p_i) − p_i p_iᵀ) ⊗ x_i x_iᵀ + λI   (exact damped Hessian of the fitted objective)
 *   score(z) = ∇L(θ̂)ᵀ H⁻¹ ∇ℓ_z(θ̂)                         (H solved by Cholesky)
 * </pre>
 * Koh &amp; Liang's influence of up-weighting z by ε on the mean training loss is
 * I_up(z) = dL(θ̂_ε)/dε = −∇L(θ̂)ᵀ H⁻¹ ∇ℓ_z(θ̂), exactly (θ̂_ε minimises the damped objective plus
 * ε·ℓ_z, and H is that objective's Hessian). Removing z is up-weighting it by −1/N, which changes the
 * mean training loss by ≈ score(z)/N: <b>score = −I_up</b>, so a higher score means removing the example
 * raises the training loss more, i.e. it is more influential (higher = harder). This is DEALRec's
 * definition (their Eq. 11: the mean training gradient, times the inverse damped Hessian, times the
 * sample gradient; the 1/N is dropped, it does not change the order). Note that at the damped optimum
 * ∇L(θ̂) = −λθ̂ exactly, so the score is −λ θ̂ᵀ H⁻¹ ∇ℓ_z: it measures how the example pulls against the
 * damping, and its scale is proportional to λ. The code takes ∇L as the mean of the per-example gradients.
 *
 * <p>Averaged over runs. Examples whose features hold a NaN or infinity are left out of that run's fit and
 * get no value from it. Cost per Newton step O(N·P²) with P = C·(D+1), plus O(P³) for the Cholesky; P is
 * capped at {@value #MAX_PARAMETERS}. Needs {@code features.npy}; reads no signal. The fit is
 * {@link LogisticFit}; this class reads the store and forms the score on top of it.
 */
public final class InfluenceScore extends AbstractScore {
    /** The largest C·(D+1) the exact Hessian is built for (a P × P double matrix: 288 MB). */
    static final int MAX_PARAMETERS = 6000;

    private final double damping;

    public InfluenceScore(double damping) {
        super("influence");
        if (!(damping > 0) || Double.isInfinite(damping)) {
            throw new IllegalArgumentException("influence needs a damping λ > 0, got " + damping);
        }
        this.damping = damping;
    }

    public double damping() {
        return damping;
    }

    @Override
    float[] scores(DynamicsStore store) {
        NpyArray features = requireFeatures(store, name());
        int n = store.examples();
        int c = store.classes();
        int d = Math.toIntExact(features.dim(2));
        long p = (long) c * (d + 1);
        if (p > MAX_PARAMETERS) {
            throw new WinnowException(store.dir() + ": score '" + name() + "' fits a logistic regression with C·(D+1) = "
                    + c + "·" + (d + 1) + " = " + p + " parameters on features.npy, more than the "
                    + MAX_PARAMETERS + " its exact Hessian allows; record fewer features (a smaller "
                    + "penultimate layer, or project them to fewer dimensions) or use another score");
        }
        if ((long) n * d > Integer.MAX_VALUE - 8) {
            throw new WinnowException(store.dir() + ": score '" + name() + "': features.npy holds N·D = "
                    + ((long) n * d) + " values per run, more than one array can hold; record fewer features");
        }
        int[] labels = store.labels();
        float[] h = new float[n * d];
        float[] value = new float[n];
        RunMean acc = new RunMean(n);
        for (int r = 0; r < store.runs(); r++) {
            readRun(features, r, n, d, h);
            double[] s = scores(h, d, labels, c, damping);
            for (int i = 0; i < n; i++) {
                value[i] = (float) s[i];
            }
            acc.add(value);
        }
        return acc.mean(value);
    }

    /** features.npy, or a failure naming the store and how to get it. */
    static NpyArray requireFeatures(DynamicsStore store, String score) {
        return store.features().orElseThrow(() -> new WinnowException(store.dir() + ": score '" + score
                + "' needs features.npy (the penultimate-layer features h of each run), which the store lacks; "
                + "record features: winnow train records them at the last checkpoint, and winnow import "
                + "takes them with --features"));
    }

    private static void readRun(NpyArray features, int r, int n, int d, float[] h) {
        int chunk = Math.max(1, (1 << 22) / Math.max(1, d));
        for (int i0 = 0; i0 < n; i0 += chunk) {
            int m = Math.min(chunk, n - i0);
            FloatBuffer b = features.floats(((long) r * n + i0) * d, m * d);
            b.get(h, i0 * d, m * d);
        }
    }

    /**
     * The score of every example for features {@code h} (N × d, row-major) and labels {@code y}; NaN for
     * examples with non-finite features or a label outside [0, c).
     */
    static double[] scores(float[] h, int d, int[] y, int c, double lambda) {
        LogisticFit fit = LogisticFit.fit(h, d, y, c, lambda);
        int k = d + 1;
        int n = y.length;
        double[] u = fit.meanGradient.clone();
        Cholesky.factor(fit.hessian, fit.size);
        Cholesky.solve(fit.hessian, fit.size, u);
        double[] out = new double[n];
        double[] pr = new double[c];
        for (int i = 0; i < n; i++) {
            if (!fit.used[i]) {
                out[i] = Double.NaN;
                continue;
            }
            fit.probabilities(h, i, pr);
            double s = 0;
            for (int cl = 0; cl < c; cl++) {
                double e = pr[cl] - (cl == y[i] ? 1 : 0);
                double ux = u[cl * k + d];
                for (int j = 0; j < d; j++) {
                    ux += u[cl * k + j] * h[i * d + j];
                }
                s += e * ux;
            }
            out[i] = s;
        }
        return out;
    }
}
