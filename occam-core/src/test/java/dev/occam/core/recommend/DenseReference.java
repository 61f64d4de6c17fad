package dev.occam.core.recommend;

import java.util.SplittableRandom;

/** Plain dense computations written out directly, for checking the sparse code against. */
final class DenseReference {

    private DenseReference() {
    }

    /** A random users × items matrix, about {@code density} of it non-zero with weights 1..5, every item used. */
    static double[][] randomMatrix(int users, int items, double density, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[users][items];
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (r.nextDouble() < density) {
                    x[u][i] = 1 + r.nextInt(5);
                }
            }
        }
        for (int i = 0; i < items; i++) {
            x[i % users][i] = Math.max(1, x[i % users][i]);
        }
        for (int u = 0; u < users; u++) {
            x[u][u % items] = Math.max(1, x[u][u % items]);
        }
        return x;
    }

    static InteractionMatrix sparse(double[][] x) {
        int n = 0;
        for (double[] row : x) {
            for (double v : row) {
                n += v != 0 ? 1 : 0;
            }
        }
        int[] users = new int[n];
        int[] items = new int[n];
        double[] weights = new double[n];
        int k = 0;
        for (int u = 0; u < x.length; u++) {
            for (int i = 0; i < x[u].length; i++) {
                if (x[u][i] != 0) {
                    users[k] = u;
                    items[k] = i;
                    weights[k++] = x[u][i];
                }
            }
        }
        return InteractionMatrix.of(x.length, x[0].length, users, items, weights, null);
    }

    /** Gauss–Jordan elimination with partial pivoting. */
    static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            double d = m[c][c];
            for (int j = 0; j < 2 * n; j++) {
                m[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }

    /** {@code x[u] · w}: the user's score for every item. */
    static double[] scores(double[] xu, double[][] w) {
        double[] s = new double[w[0].length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < s.length; j++) {
                s[j] += xu[i] * w[i][j];
            }
        }
        return s;
    }
}
