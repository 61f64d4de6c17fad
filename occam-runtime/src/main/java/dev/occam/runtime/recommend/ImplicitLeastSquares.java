package dev.occam.runtime.recommend;

/**
 * One row's step of implicit-feedback alternating least squares (Hu, Koren &amp; Volinsky, "Collaborative
 * filtering for implicit feedback datasets", ICDM 2008, eq. 4): with the other side's factors Y fixed, the
 * row's factors are {@code x = (YᵀY + Yᵀ(C − I)Y + λI)⁻¹ YᵀCp}, where the row's preferences p are 1 on its
 * items and 0 elsewhere and its confidences are {@code c = 1 + α·w} on its items (w the interaction weight)
 * and 1 elsewhere. {@code YᵀY} is computed once per sweep, so a row costs O(n_u·f² + f³) for its n_u items.
 *
 * <p>The exact fit uses it for every user and item; {@link FactorRecommender} uses the same code to fold a
 * history in, so a user's factors at scoring time are the exact least-squares answer given the stored item
 * factors.
 */
public final class ImplicitLeastSquares {

    private ImplicitLeastSquares() {
    }

    /** {@code YᵀY} (f × f, row-major) of {@code rows × f} row-major factors. */
    public static double[] gram(double[] factors, int rows, int f) {
        double[] g = new double[f * f];
        for (int r = 0; r < rows; r++) {
            int o = r * f;
            for (int a = 0; a < f; a++) {
                double ya = factors[o + a];
                if (ya == 0) {
                    continue;
                }
                for (int b = a; b < f; b++) {
                    g[a * f + b] += ya * factors[o + b];
                }
            }
        }
        mirror(g, f);
        return g;
    }

    /**
     * The row's factors given the other side's.
     *
     * @param factors the other side's factors, row-major with {@code f} per row
     * @param gram their {@link #gram}
     * @param items the row's items (rows of {@code factors}) are {@code items[from..to)}
     * @param weights their interaction weights, aligned with {@code items}
     */
    public static double[] solve(double[] factors, int f, double[] gram, double lambda, double alpha, int[] items,
            double[] weights, int from, int to) {
        double[] a = normalMatrix(factors, f, gram, lambda, alpha, items, weights, from, to);
        double[] b = new double[f];
        for (int k = from; k < to; k++) {
            double c = 1 + alpha * weights[k];
            int o = items[k] * f;
            for (int p = 0; p < f; p++) {
                b[p] += c * factors[o + p];
            }
        }
        if (!choleskyInPlace(a, f)) {
            throw new IllegalStateException("the least-squares system of a row is not positive definite (lambda " + lambda + ")");
        }
        solveInPlace(a, f, b);
        return b;
    }

    /** {@code YᵀY + λI + Σ (c_k − 1) y_k y_kᵀ}. */
    static double[] normalMatrix(double[] factors, int f, double[] gram, double lambda, double alpha, int[] items,
            double[] weights, int from, int to) {
        double[] a = gram.clone();
        for (int k = from; k < to; k++) {
            double extra = alpha * weights[k];
            int o = items[k] * f;
            for (int p = 0; p < f; p++) {
                double yp = extra * factors[o + p];
                if (yp == 0) {
                    continue;
                }
                for (int q = p; q < f; q++) {
                    a[p * f + q] += yp * factors[o + q];
                }
            }
        }
        mirror(a, f);
        for (int p = 0; p < f; p++) {
            a[p * f + p] += lambda;
        }
        return a;
    }

    /** Copies the upper triangle into the lower. */
    private static void mirror(double[] a, int f) {
        for (int p = 0; p < f; p++) {
            for (int q = p + 1; q < f; q++) {
                a[q * f + p] = a[p * f + q];
            }
        }
    }

    /** Overwrites the lower triangle of {@code a} with L, {@code a = LLᵀ}; false when a is not positive definite. */
    static boolean choleskyInPlace(double[] a, int f) {
        for (int j = 0; j < f; j++) {
            double d = a[j * f + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * f + k] * a[j * f + k];
            }
            if (!(d > 0)) {
                return false;
            }
            double l = Math.sqrt(d);
            a[j * f + j] = l;
            for (int i = j + 1; i < f; i++) {
                double s = a[i * f + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * f + k] * a[j * f + k];
                }
                a[i * f + j] = s / l;
            }
        }
        return true;
    }

    /** Solves {@code LLᵀx = b} in place, L in the lower triangle of {@code l}. */
    static void solveInPlace(double[] l, int f, double[] b) {
        for (int i = 0; i < f; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * f + k] * b[k];
            }
            b[i] = s / l[i * f + i];
        }
        for (int i = f - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < f; k++) {
                s -= l[k * f + i] * b[k];
            }
            b[i] = s / l[i * f + i];
        }
    }
}
