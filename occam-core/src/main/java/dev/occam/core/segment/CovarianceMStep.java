package dev.occam.core.segment;

import dev.occam.runtime.segment.CovarianceModel;

/**
 * The covariance M-step of each mclust family: the maximum-likelihood covariances given each component's weighted
 * scatter matrix {@code W_k = sum_i z_ik (x_i - mu_k)(x_i - mu_k)'} and weight {@code n_k} (Celeux &amp; Govaert 1995,
 * Pattern Recognition 28:781-793, section 3; Bensmail &amp; Celeux 1996 for the diagonal ones). Returns null when a
 * scatter is degenerate (a zero volume), which the caller reports as a singular covariance.
 */
final class CovarianceMStep {

    private static final int MAX_INNER = 500;
    private static final double INNER_TOLERANCE = 1e-10;

    private CovarianceMStep() {
    }

    static double[][][] covariances(CovarianceModel model, double[][][] w, double[] nk, int n) {
        int g = w.length;
        int d = w[0].length;
        double[][][] s = new double[g][][];
        switch (model) {
            case EII -> {
                double tr = 0;
                for (double[][] wk : w) {
                    tr += trace(wk);
                }
                for (int k = 0; k < g; k++) {
                    s[k] = scaledIdentity(d, tr / (n * d));
                }
            }
            case VII -> {
                for (int k = 0; k < g; k++) {
                    s[k] = scaledIdentity(d, trace(w[k]) / (nk[k] * d));
                }
            }
            case EEI -> {
                double[] diag = new double[d];
                for (double[][] wk : w) {
                    for (int j = 0; j < d; j++) {
                        diag[j] += wk[j][j] / n;
                    }
                }
                for (int k = 0; k < g; k++) {
                    s[k] = diagonal(diag, 1);
                }
            }
            case VVI -> {
                for (int k = 0; k < g; k++) {
                    double[] diag = new double[d];
                    for (int j = 0; j < d; j++) {
                        diag[j] = w[k][j][j] / nk[k];
                    }
                    s[k] = diagonal(diag, 1);
                }
            }
            case EVI -> {
                // A_k = diag(W_k) / |diag(W_k)|^(1/d); lambda = sum_k |diag(W_k)|^(1/d) / n.
                double lambda = 0;
                double[][] shapes = new double[g][d];
                for (int k = 0; k < g; k++) {
                    double[] b = new double[d];
                    for (int j = 0; j < d; j++) {
                        b[j] = w[k][j][j];
                    }
                    double root = geometricMean(b);
                    if (!(root > 0)) {
                        return null;
                    }
                    lambda += root / n;
                    for (int j = 0; j < d; j++) {
                        shapes[k][j] = b[j] / root;
                    }
                }
                for (int k = 0; k < g; k++) {
                    s[k] = diagonal(shapes[k], lambda);
                }
            }
            case VEI -> {
                // Alternate: lambda_k = tr(W_k A^-1) / (d n_k); A = normalised sum_k diag(W_k) / lambda_k.
                double[] a = new double[d];
                for (double[][] wk : w) {
                    for (int j = 0; j < d; j++) {
                        a[j] += wk[j][j];
                    }
                }
                if (!normaliseDiagonal(a)) {
                    return null;
                }
                double[] lambda = new double[g];
                for (int it = 0; it < MAX_INNER; it++) {
                    for (int k = 0; k < g; k++) {
                        double t = 0;
                        for (int j = 0; j < d; j++) {
                            t += w[k][j][j] / a[j];
                        }
                        lambda[k] = t / (d * nk[k]);
                        if (!(lambda[k] > 0)) {
                            return null;
                        }
                    }
                    double[] next = new double[d];
                    for (int k = 0; k < g; k++) {
                        for (int j = 0; j < d; j++) {
                            next[j] += w[k][j][j] / lambda[k];
                        }
                    }
                    if (!normaliseDiagonal(next)) {
                        return null;
                    }
                    double change = maxRelativeChange(a, next);
                    a = next;
                    if (change < INNER_TOLERANCE) {
                        break;
                    }
                }
                for (int k = 0; k < g; k++) {
                    double t = 0;
                    for (int j = 0; j < d; j++) {
                        t += w[k][j][j] / a[j];
                    }
                    s[k] = diagonal(a, t / (d * nk[k]));
                }
            }
            case EEE -> {
                double[][] sum = new double[d][d];
                for (double[][] wk : w) {
                    add(sum, wk, 1.0 / n);
                }
                for (int k = 0; k < g; k++) {
                    s[k] = copy(sum);
                }
            }
            case VVV -> {
                for (int k = 0; k < g; k++) {
                    s[k] = new double[d][d];
                    add(s[k], w[k], 1.0 / nk[k]);
                }
            }
            case EVV -> {
                // C_k = W_k / |W_k|^(1/d); lambda = sum_k |W_k|^(1/d) / n.
                double lambda = 0;
                double[] roots = new double[g];
                for (int k = 0; k < g; k++) {
                    double[] values = GaussianMixtures.eigen(w[k])[0][0];
                    roots[k] = geometricMean(values);
                    if (!(roots[k] > 0)) {
                        return null;
                    }
                    lambda += roots[k] / n;
                }
                for (int k = 0; k < g; k++) {
                    s[k] = new double[d][d];
                    add(s[k], w[k], lambda / roots[k]);
                }
            }
            case VEE -> {
                // Alternate: lambda_k = tr(W_k C^-1) / (d n_k); C = normalised sum_k W_k / lambda_k (|C| = 1).
                double[][] c = new double[d][d];
                for (double[][] wk : w) {
                    add(c, wk, 1.0);
                }
                c = normaliseMatrix(c);
                if (c == null) {
                    return null;
                }
                double[] lambda = new double[g];
                for (int it = 0; it < MAX_INNER; it++) {
                    double[][] inverse = inverse(c);
                    for (int k = 0; k < g; k++) {
                        lambda[k] = traceOfProduct(w[k], inverse) / (d * nk[k]);
                        if (!(lambda[k] > 0)) {
                            return null;
                        }
                    }
                    double[][] next = new double[d][d];
                    for (int k = 0; k < g; k++) {
                        add(next, w[k], 1.0 / lambda[k]);
                    }
                    next = normaliseMatrix(next);
                    if (next == null) {
                        return null;
                    }
                    double change = maxRelativeChange(flatten(c), flatten(next));
                    c = next;
                    if (change < INNER_TOLERANCE) {
                        break;
                    }
                }
                double[][] inverse = inverse(c);
                for (int k = 0; k < g; k++) {
                    s[k] = new double[d][d];
                    add(s[k], c, traceOfProduct(w[k], inverse) / (d * nk[k]));
                }
            }
            case EEV, VEV -> {
                // Orientation D_k from W_k's eigenvectors (eigenvalues Omega_k, descending), a common shape A.
                double[][] omega = new double[g][];
                double[][][] vectors = new double[g][][];
                for (int k = 0; k < g; k++) {
                    double[][][] e = GaussianMixtures.eigen(w[k]);
                    omega[k] = e[0][0];
                    vectors[k] = e[1];
                }
                double[] a = new double[d];
                double[] lambda = new double[g];
                if (model == CovarianceModel.EEV) {
                    // lambda A = sum_k Omega_k / n.
                    for (int k = 0; k < g; k++) {
                        for (int j = 0; j < d; j++) {
                            a[j] += omega[k][j] / n;
                        }
                    }
                    for (int j = 0; j < d; j++) {
                        if (!(a[j] > 0)) {
                            return null;
                        }
                    }
                    java.util.Arrays.fill(lambda, 1.0);
                } else {
                    for (int k = 0; k < g; k++) {
                        for (int j = 0; j < d; j++) {
                            a[j] += omega[k][j];
                        }
                    }
                    if (!normaliseDiagonal(a)) {
                        return null;
                    }
                    for (int it = 0; it < MAX_INNER; it++) {
                        for (int k = 0; k < g; k++) {
                            double t = 0;
                            for (int j = 0; j < d; j++) {
                                t += omega[k][j] / a[j];
                            }
                            lambda[k] = t / (d * nk[k]);
                            if (!(lambda[k] > 0)) {
                                return null;
                            }
                        }
                        double[] next = new double[d];
                        for (int k = 0; k < g; k++) {
                            for (int j = 0; j < d; j++) {
                                next[j] += omega[k][j] / lambda[k];
                            }
                        }
                        if (!normaliseDiagonal(next)) {
                            return null;
                        }
                        double change = maxRelativeChange(a, next);
                        a = next;
                        if (change < INNER_TOLERANCE) {
                            break;
                        }
                    }
                    for (int k = 0; k < g; k++) {
                        double t = 0;
                        for (int j = 0; j < d; j++) {
                            t += omega[k][j] / a[j];
                        }
                        lambda[k] = t / (d * nk[k]);
                    }
                }
                for (int k = 0; k < g; k++) {
                    s[k] = new double[d][d];
                    for (int r = 0; r < d; r++) {
                        for (int c = 0; c < d; c++) {
                            double v = 0;
                            for (int j = 0; j < d; j++) {
                                v += vectors[k][r][j] * a[j] * vectors[k][c][j];
                            }
                            s[k][r][c] = lambda[k] * v;
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("no M-step for " + model);
        }
        return s;
    }

    private static double trace(double[][] m) {
        double t = 0;
        for (int i = 0; i < m.length; i++) {
            t += m[i][i];
        }
        return t;
    }

    private static double traceOfProduct(double[][] a, double[][] b) {
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                t += a[i][j] * b[j][i];
            }
        }
        return t;
    }

    private static double[][] scaledIdentity(int d, double v) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            m[i][i] = v;
        }
        return m;
    }

    private static double[][] diagonal(double[] values, double factor) {
        double[][] m = new double[values.length][values.length];
        for (int i = 0; i < values.length; i++) {
            m[i][i] = values[i] * factor;
        }
        return m;
    }

    private static double geometricMean(double[] values) {
        double s = 0;
        for (double v : values) {
            if (!(v > 0)) {
                return 0;
            }
            s += Math.log(v);
        }
        return Math.exp(s / values.length);
    }

    /** Divides by the geometric mean so the product is 1; false when a value is not positive. */
    private static boolean normaliseDiagonal(double[] a) {
        double root = geometricMean(a);
        if (!(root > 0)) {
            return false;
        }
        for (int j = 0; j < a.length; j++) {
            a[j] /= root;
        }
        return true;
    }

    /** The matrix divided by det^(1/d), or null when it is not positive definite. */
    private static double[][] normaliseMatrix(double[][] m) {
        double root = geometricMean(GaussianMixtures.eigen(m)[0][0]);
        if (!(root > 0)) {
            return null;
        }
        double[][] out = new double[m.length][m.length];
        add(out, m, 1 / root);
        return out;
    }

    private static double[][] inverse(double[][] m) {
        return new org.hipparchus.linear.CholeskyDecomposition(org.hipparchus.linear.MatrixUtils.createRealMatrix(m),
                1e-12, 1e-300).getSolver().getInverse().getData();
    }

    private static void add(double[][] into, double[][] m, double factor) {
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                into[i][j] += factor * m[i][j];
            }
        }
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    private static double[] flatten(double[][] m) {
        double[] out = new double[m.length * m.length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m.length, m.length);
        }
        return out;
    }

    private static double maxRelativeChange(double[] a, double[] b) {
        double change = 0;
        double scale = 0;
        for (int j = 0; j < a.length; j++) {
            change = Math.max(change, Math.abs(a[j] - b[j]));
            scale = Math.max(scale, Math.abs(a[j]));
        }
        return change / Math.max(scale, 1e-300);
    }
}
