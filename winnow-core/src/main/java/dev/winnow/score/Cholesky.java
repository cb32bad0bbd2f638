package dev.winnow.score;

import dev.winnow.WinnowException;

/**
 * Cholesky factorisation and solve for the damped Hessians of {@link LogisticFit}: symmetric positive
 * definite, row-major {@code p × p}, of which only the lower triangle is built and read.
 */
final class Cholesky {
    private Cholesky() {
    }

    /**
     * In-place Cholesky factorisation A = L Lᵀ of the symmetric positive definite {@code p × p} matrix whose
     * lower triangle {@code a} holds (row-major); L replaces the lower triangle.
     */
    static void factor(double[] a, int p) {
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

    /** Solves L Lᵀ x = b in place ({@code b} becomes x) with the factor from {@link #factor}. */
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
