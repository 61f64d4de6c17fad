package dev.occam.core.learn.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The blocked normal equations against the plain row-order sums, their independence from the thread count, and
 * the Design paths built on them (aliasing screen, standard errors) against Householder QR.
 */
class WeightedGramTest {

    /** Rounding of sums of about 10⁵ products of order 1 (relative to the largest entry). */
    private static final double SUMS = 1e-11;
    /** What the issue asks of exact methods whatever the route to them. */
    private static final double EXACT = 1e-9;

    private static double[][] gaussianColumns(int n, int p, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[p][n];
        for (double[] column : x) {
            for (int i = 0; i < n; i++) {
                column[i] = random.nextGaussian();
            }
        }
        return x;
    }

    private static double[] positive(int n, long seed) {
        Random random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.05 + random.nextDouble();
        }
        return v;
    }

    private static double[] gaussian(int n, long seed) {
        Random random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    /** G and r summed row by row, intercept first, the textbook way. */
    private static double[][] naive(double[][] x, int n, double[] v, double[] z, double[] rhs) {
        int q = x.length + 1;
        double[][] g = new double[q][q];
        double[] row = new double[q];
        for (int i = 0; i < n; i++) {
            row[0] = 1.0;
            for (int j = 1; j < q; j++) {
                row[j] = x[j - 1][i];
            }
            for (int a = 0; a < q; a++) {
                rhs[a] += v[i] * z[i] * row[a];
                for (int b = 0; b < q; b++) {
                    g[a][b] += v[i] * row[a] * row[b];
                }
            }
        }
        return g;
    }

    @Test
    void compute_oddRowsAndColumns_equalsRowOrderSums() {
        // 70,003 rows: several chunks, a last tile that is not full, and rows left over from groups of four.
        int n = 70_003;
        double[][] x = gaussianColumns(n, 7, 1);
        double[] v = positive(n, 2);
        double[] z = gaussian(n, 3);
        WeightedGram gram = new WeightedGram(x, n);
        gram.compute(v, z);
        double[] expectedRhs = new double[8];
        double[][] expected = naive(x, n, v, z, expectedRhs);
        double[][] got = gram.gram();
        double scale = expected[0][0];
        for (int a = 0; a < 8; a++) {
            for (int b = 0; b < 8; b++) {
                assertEquals(expected[a][b], got[a][b], SUMS * scale, "G[" + a + "][" + b + "]");
            }
            assertEquals(expectedRhs[a], gram.rhs()[a], SUMS * scale, "r[" + a + "]");
        }
    }

    @Test
    void compute_oneThreadOrFour_bitIdentical() throws Exception {
        int n = 200_000;
        double[][] x = gaussianColumns(n, 12, 4);
        double[] v = positive(n, 5);
        double[] z = gaussian(n, 6);
        double[][][] results = new double[2][][];
        double[][] rhs = new double[2][];
        int[] threads = {1, 4};
        for (int t = 0; t < 2; t++) {
            ForkJoinPool pool = new ForkJoinPool(threads[t]);
            try {
                WeightedGram gram = new WeightedGram(x, n);
                // A parallel stream started inside a pool's task runs on that pool.
                pool.submit(() -> gram.compute(v, z)).get();
                results[t] = gram.gram();
                rhs[t] = gram.rhs();
            } finally {
                pool.shutdown();
            }
        }
        for (int a = 0; a < results[0].length; a++) {
            assertArrayEquals(results[0][a], results[1][a], 0.0, "row " + a);
        }
        assertArrayEquals(rhs[0], rhs[1], 0.0);
    }

    @Test
    void clearlyIndependent_duplicateColumn_falseAndQrDecides() {
        int n = 5_000;
        double[][] x = gaussianColumns(n, 4, 7);
        assertTrue(Design.clearlyIndependent(x, n));
        double[][] withDuplicate = {x[0], x[1], x[0].clone(), x[3]};
        assertFalse(Design.clearlyIndependent(withDuplicate, n));
        assertArrayEquals(new boolean[] {false, false, true, false}, Design.findAliased(withDuplicate, n, 1e-7));
        double[] constant = new double[n];
        java.util.Arrays.fill(constant, 3.0);
        assertFalse(Design.clearlyIndependent(new double[][] {x[0], constant}, n), "a constant is the intercept");
    }

    @Test
    void findAliased_independentColumns_sameAsQr() {
        int n = 3_000;
        double[][] x = gaussianColumns(n, 9, 8);
        assertArrayEquals(Design.findAliasedByQr(x, n, 1e-11), Design.findAliased(x, n, 1e-11));
    }

    @Test
    void scaledCholeskyInverseDiagonal_wellConditioned_equalsQrTo1e9() {
        int n = 20_000;
        double[][] x = gaussianColumns(n, 10, 9);
        // Columns on very different scales, correlated, one off-centre: the scaled condition stays below 1e6.
        for (int i = 0; i < n; i++) {
            x[1][i] = 1e4 * (x[1][i] + 0.5 * x[0][i]);
            x[2][i] = 0.1 * x[2][i] + 3.0;
        }
        double[] w = new double[n];
        double[] v = positive(n, 10);
        for (int i = 0; i < n; i++) {
            w[i] = Math.sqrt(v[i]);
        }
        WeightedGram gram = new WeightedGram(x, n);
        gram.compute(v, null);
        double[] cholesky = Design.scaledCholeskyInverseDiagonal(gram.gram());
        assertNotNull(cholesky);
        double[][] qrt = new double[x.length + 1][n];
        for (int i = 0; i < n; i++) {
            qrt[0][i] = w[i];
            for (int j = 0; j < x.length; j++) {
                qrt[j + 1][i] = w[i] * x[j][i];
            }
        }
        double[] rDiagonal = Design.householder(qrt);
        // diag((RᵀR)⁻¹) from R: the squared row norms of R⁻¹, by back substitution on unit vectors.
        int q = qrt.length;
        double[] qr = new double[q];
        for (int j = 0; j < q; j++) {
            double[] e = new double[q];
            e[j] = 1.0;
            for (int row = q - 1; row >= 0; row--) {
                double s = e[row];
                for (int col = row + 1; col < q; col++) {
                    s -= qrt[col][row] * e[col];
                }
                e[row] = s / rDiagonal[row];
            }
            for (int i = 0; i < q; i++) {
                qr[i] += e[i] * e[i];
            }
        }
        for (int k = 0; k < q; k++) {
            assertEquals(qr[k], cholesky[k], EXACT * qr[k], "variance " + k);
        }
    }

    @Test
    void scaledCholeskyInverseDiagonal_farOffCentreColumn_nullSoQrIsUsed() {
        // A column whose mean is 7,000 of its standard deviations is nearly the intercept once scaled: its scaled
        // condition number is about 5e7, where Cholesky of the normal equations would lose digits QR keeps.
        int n = 2_000;
        double[][] x = gaussianColumns(n, 1, 12);
        for (int i = 0; i < n; i++) {
            x[0][i] = 1e-3 * x[0][i] + 7.0;
        }
        WeightedGram gram = new WeightedGram(x, n);
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        gram.compute(ones, null);
        assertNull(Design.scaledCholeskyInverseDiagonal(gram.gram()));
    }

    @Test
    void scaledCholeskyInverseDiagonal_nearlyCollinear_nullSoQrIsUsed() {
        int n = 1_000;
        double[][] x = gaussianColumns(n, 2, 11);
        for (int i = 0; i < n; i++) {
            x[1][i] = x[0][i] + 1e-5 * x[1][i];
        }
        WeightedGram gram = new WeightedGram(x, n);
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        gram.compute(ones, null);
        assertNull(Design.scaledCholeskyInverseDiagonal(gram.gram()));
    }
}
