package dev.winnow.score;

import dev.winnow.WinnowException;

import java.util.stream.IntStream;

/**
 * A multinomial logistic regression on fixed features, fitted with L2 damping, θ̂ = argmin L(θ) + (λ/2)‖θ‖²
 * by Newton's method with backtracking, with its mean loss, mean (undamped) gradient and damped Hessian at
 * θ̂: the model whose influence {@link InfluenceScore} measures. x_i = [h_i, 1] (the features plus a bias
 * input, K = D + 1) and θ = W is a C × K matrix, row-major. Examples with a non-finite feature or a label
 * outside [0, C) are left out ({@link #used}). The sums run in a fixed number of parts, so the fit is the
 * same on any machine.
 */
final class LogisticFit {
    private static final int MAX_NEWTON = 100;

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

    private LogisticFit(int classes, int dim, int n, double lambda) {
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

    /** θ̂ = argmin L + (λ/2)‖θ‖² by Newton's method with backtracking, evaluated at θ̂. */
    static LogisticFit fit(float[] h, int d, int[] y, int c, double lambda) {
        int n = y.length;
        LogisticFit f = new LogisticFit(c, d, n, lambda);
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
            Cholesky.factor(chol, p);
            Cholesky.solve(chol, p, step);
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
}
