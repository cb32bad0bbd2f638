package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.npy.NpyArray;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

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
 * capped at {@value #MAX_PARAMETERS}. Needs {@code features.npy}; reads no signal.
 */
public final class InfluenceScore extends AbstractScore {
    /** The largest C·(D+1) the exact Hessian is built for (a P × P double matrix: 288 MB). */
    static final int MAX_PARAMETERS = 6000;
    private static final int MAX_NEWTON = 100;

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
        Fit fit = fit(h, d, y, c, lambda);
        int k = d + 1;
        int n = y.length;
        double[] u = fit.meanGradient.clone();
        cholesky(fit.hessian, fit.size);
        solve(fit.hessian, fit.size, u);
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

    /** A fitted model with its mean loss, mean (undamped) gradient and damped Hessian (lower triangle). */
    static final class Fit {
        final int classes;
        final int dim;
        final int size;
        final double lambda;
        final boolean[] used;
        final double[] theta;
        double meanLoss;
        double[] meanGradient;
        double[] hessian;
        int iterations;

        Fit(int classes, int dim, int n, double lambda) {
            this.classes = classes;
            this.dim = dim;
            this.size = classes * (dim + 1);
            this.lambda = lambda;
            this.used = new boolean[n];
            this.theta = new double[size];
        }

        /** softmax(W x_i) into {@code pr}. */
        void probabilities(float[] h, int i, double[] pr) {
            probabilities(theta, h, i, pr);
        }

        void probabilities(double[] th, float[] h, int i, double[] pr) {
            int k = dim + 1;
            double max = Double.NEGATIVE_INFINITY;
            for (int cl = 0; cl < classes; cl++) {
                double z = th[cl * k + dim];
                for (int j = 0; j < dim; j++) {
                    z += th[cl * k + j] * h[i * dim + j];
                }
                pr[cl] = z;
                max = Math.max(max, z);
            }
            double sum = 0;
            for (int cl = 0; cl < classes; cl++) {
                pr[cl] = Math.exp(pr[cl] - max);
                sum += pr[cl];
            }
            for (int cl = 0; cl < classes; cl++) {
                pr[cl] /= sum;
            }
        }

        /** The damped objective L(θ) + (λ/2)‖θ‖² at {@code th}. */
        double objective(double[] th, float[] h, int[] y) {
            double[] pr = new double[classes];
            double loss = 0;
            int m = 0;
            for (int i = 0; i < used.length; i++) {
                if (used[i]) {
                    probabilities(th, h, i, pr);
                    loss -= Math.log(pr[y[i]]);
                    m++;
                }
            }
            double sq = 0;
            for (double t : th) {
                sq += t * t;
            }
            return loss / m + 0.5 * lambda * sq;
        }

        /**
         * Mean loss, mean undamped gradient and damped Hessian (lower triangle) at the current θ. The
         * examples are split into a fixed number of parts (a function of N and P only, so the sums are
         * the same on any machine), accumulated in parallel and added in part order.
         */
        void evaluate(float[] h, int[] y) {
            int n = used.length;
            long bytes = 8L * size * size;
            int parts = (int) Math.max(1, Math.min(Math.min(16, n / 2048), (256L << 20) / bytes));
            double[][] gs = new double[parts][];
            double[][] hss = new double[parts][];
            double[] losses = new double[parts];
            int[] counts = new int[parts];
            IntStream.range(0, parts).parallel().forEach(q -> {
                int from = (int) ((long) n * q / parts);
                int to = (int) ((long) n * (q + 1) / parts);
                gs[q] = new double[size];
                hss[q] = new double[size * size];
                double[] lc = accumulate(h, y, from, to, gs[q], hss[q]);
                losses[q] = lc[0];
                counts[q] = (int) lc[1];
            });
            double[] g = gs[0];
            double[] hs = hss[0];
            double loss = losses[0];
            int m = counts[0];
            for (int q = 1; q < parts; q++) {
                loss += losses[q];
                m += counts[q];
                for (int a = 0; a < size; a++) {
                    g[a] += gs[q][a];
                }
                double[] o = hss[q];
                for (int a = 0; a < size; a++) {
                    int r = a * size;
                    for (int b = 0; b <= a; b++) {
                        hs[r + b] += o[r + b];
                    }
                }
                gs[q] = null;
                hss[q] = null;
            }
            for (int a = 0; a < size; a++) {
                g[a] /= m;
                for (int b = 0; b <= a; b++) {
                    hs[a * size + b] /= m;
                }
                hs[a * size + a] += lambda;
            }
            meanLoss = loss / m;
            meanGradient = g;
            hessian = hs;
        }

        /** Sums of loss, gradient and undamped Hessian over the used examples in [from, to); {loss, count}. */
        private double[] accumulate(float[] h, int[] y, int from, int to, double[] g, double[] hs) {
            int k = dim + 1;
            double[] pr = new double[classes];
            double[] x = new double[k];
            double[] xx = new double[k * k];
            double loss = 0;
            int m = 0;
            for (int i = from; i < to; i++) {
                if (!used[i]) {
                    continue;
                }
                m++;
                probabilities(h, i, pr);
                loss -= Math.log(pr[y[i]]);
                for (int j = 0; j < dim; j++) {
                    x[j] = h[i * dim + j];
                }
                x[dim] = 1;
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        xx[a * k + b] = x[a] * x[b];
                    }
                }
                for (int cl = 0; cl < classes; cl++) {
                    double e = pr[cl] - (cl == y[i] ? 1 : 0);
                    for (int j = 0; j < k; j++) {
                        g[cl * k + j] += e * x[j];
                    }
                    for (int c2 = 0; c2 <= cl; c2++) {
                        double a = (cl == c2 ? pr[cl] : 0) - pr[cl] * pr[c2];
                        if (a == 0) {
                            continue;
                        }
                        for (int j = 0; j < k; j++) {
                            int row = (cl * k + j) * size + c2 * k;
                            int top = cl == c2 ? j : k - 1;
                            int xr = j * k;
                            for (int l = 0; l <= top; l++) {
                                hs[row + l] += a * xx[xr + l];
                            }
                        }
                    }
                }
            }
            return new double[] {loss, m};
        }
    }

    /** θ̂ = argmin L + (λ/2)‖θ‖² by Newton's method with backtracking, evaluated at θ̂. */
    static Fit fit(float[] h, int d, int[] y, int c, double lambda) {
        int n = y.length;
        Fit f = new Fit(c, d, n, lambda);
        int m = 0;
        for (int i = 0; i < n; i++) {
            boolean ok = y[i] >= 0 && y[i] < c;
            for (int j = 0; ok && j < d; j++) {
                ok = Float.isFinite(h[i * d + j]);
            }
            f.used[i] = ok;
            m += ok ? 1 : 0;
        }
        if (m == 0) {
            throw new WinnowException("influence: no example has finite features and a label in [0, " + c + ")");
        }
        int p = f.size;
        double[] trial = new double[p];
        for (int it = 0; it < MAX_NEWTON; it++) {
            f.evaluate(h, y);
            double[] grad = new double[p];
            for (int a = 0; a < p; a++) {
                grad[a] = f.meanGradient[a] + lambda * f.theta[a];
            }
            double[] step = grad.clone();
            double[] chol = f.hessian.clone();
            cholesky(chol, p);
            solve(chol, p, step);
            double decrement = 0;
            for (int a = 0; a < p; a++) {
                decrement += grad[a] * step[a];
            }
            f.iterations = it;
            if (decrement < 1e-24) {
                return f;
            }
            double obj = f.meanLoss + 0.5 * lambda * dot(f.theta, f.theta);
            double t = 1;
            while (true) {
                for (int a = 0; a < p; a++) {
                    trial[a] = f.theta[a] - t * step[a];
                }
                if (f.objective(trial, h, y) <= obj - 0.25 * t * decrement || t < 1e-10) {
                    break;
                }
                t *= 0.5;
            }
            if (t < 1e-10) {
                break; // no further decrease in double precision: θ is as good as it gets
            }
            System.arraycopy(trial, 0, f.theta, 0, p);
        }
        f.evaluate(h, y);
        return f;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * In-place Cholesky factorisation A = L Lᵀ of the symmetric positive definite {@code p × p} matrix whose
     * lower triangle {@code a} holds (row-major); L replaces the lower triangle.
     */
    static void cholesky(double[] a, int p) {
        for (int j = 0; j < p; j++) {
            int rj = j * p;
            double s = a[rj + j];
            for (int l = 0; l < j; l++) {
                s -= a[rj + l] * a[rj + l];
            }
            if (!(s > 0)) {
                throw new WinnowException("influence: the damped Hessian is not positive definite (pivot " + s
                        + " at " + j + "); use a larger damping");
            }
            double djj = Math.sqrt(s);
            a[rj + j] = djj;
            for (int i = j + 1; i < p; i++) {
                int ri = i * p;
                double t = a[ri + j];
                for (int l = 0; l < j; l++) {
                    t -= a[ri + l] * a[rj + l];
                }
                a[ri + j] = t / djj;
            }
        }
    }

    /** Solves L Lᵀ x = b in place ({@code b} becomes x) with the factor from {@link #cholesky}. */
    static void solve(double[] l, int p, double[] b) {
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * p + k] * b[k];
            }
            b[i] = s / l[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < p; k++) {
                s -= l[k * p + i] * b[k];
            }
            b[i] = s / l[i * p + i];
        }
    }
}
