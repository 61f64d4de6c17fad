package dev.occam.core.recommend;

/**
 * The inverse of a dense symmetric positive definite matrix, in place, by its Cholesky factor
 * {@code A = LLᵀ}, then {@code M = L⁻¹} row by row, then {@code A⁻¹ = MᵀM} (Golub &amp; Van Loan, "Matrix
 * Computations", 4th ed., §4.2). About m³/2 multiply-adds, every inner loop over a contiguous row, no
 * memory beyond one row.
 */
final class SymmetricInverse {

    private SymmetricInverse() {
    }

    /** {@code Σ_{k<n} a[k]·b[k]} in four running sums, so the additions overlap (about 2x faster than one sum). */
    private static double dot(double[] a, double[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
            s2 += a[k + 2] * b[k + 2];
            s3 += a[k + 3] * b[k + 3];
        }
        for (; k < n; k++) {
            s0 += a[k] * b[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Replaces {@code a} (m × m, symmetric, only the lower triangle read) by its inverse (full, symmetric).
     *
     * @throws IllegalArgumentException when a is not positive definite (the message names the pivot)
     */
    static void invertInPlace(double[][] a) {
        int m = a.length;
        // 1. Cholesky, lower triangle: L[i][j] = (a[i][j] − Σ_{k<j} L[i][k] L[j][k]) / L[j][j]
        for (int i = 0; i < m; i++) {
            double[] ri = a[i];
            for (int j = 0; j <= i; j++) {
                double[] rj = a[j];
                double s = ri[j] - dot(ri, rj, j);
                if (j < i) {
                    ri[j] = s / rj[j];
                } else {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("the matrix is not positive definite: pivot " + i + " is " + s);
                    }
                    ri[i] = Math.sqrt(s);
                }
            }
        }
        // 2. M = L⁻¹, lower: row i of M = (e_i − Σ_{k<i} L[i][k] · row k of M) / L[i][i]
        double[] row = new double[m];
        for (int i = 0; i < m; i++) {
            double[] ri = a[i];
            java.util.Arrays.fill(row, 0, i + 1, 0.0);
            row[i] = 1.0;
            for (int k = 0; k < i; k++) {
                double l = ri[k];
                if (l == 0) {
                    continue;
                }
                double[] mk = a[k];
                for (int j = 0; j <= k; j++) {
                    row[j] -= l * mk[j];
                }
            }
            double d = ri[i];
            for (int j = 0; j <= i; j++) {
                ri[j] = row[j] / d;
            }
        }
        // 3. A⁻¹ = MᵀM: (A⁻¹)[i][j] = Σ_{k≥i} M[k][i] M[k][j] for j ≤ i; row i is final once computed
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0, i + 1, 0.0);
            for (int k = i; k < m; k++) {
                double[] mk = a[k];
                double mki = mk[i];
                if (mki == 0) {
                    continue;
                }
                for (int j = 0; j <= i; j++) {
                    row[j] += mki * mk[j];
                }
            }
            System.arraycopy(row, 0, a[i], 0, i + 1);
        }
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                a[i][j] = a[j][i];
            }
        }
    }
}
