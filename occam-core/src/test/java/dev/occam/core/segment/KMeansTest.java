package dev.occam.core.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Direct computation (centres are their rows' means, every row sits at its nearest centre, no single move lowers the
 * within sum of squares) and R's {@code kmeans(scale(x), k)$tot.withinss} in resources/segment/summary.csv (the oracle's nstart was not
 * recorded; with 50 k-means++ starts we reach the same optimum for k <= 6).
 */
class KMeansTest {

    @Test
    void fit_faithfulStandardised_isAFixedPointOfLloydAndHartigan() {
        double[][] x = standardised(SegmentOracles.numericRows("faithful.csv"));
        KMeans.Result r = KMeans.fit(x, KMeans.Options.of(3));
        double[][] means = new double[3][2];
        int[] sizes = new int[3];
        double within = 0;
        for (int i = 0; i < x.length; i++) {
            sizes[r.labels()[i]]++;
            means[r.labels()[i]][0] += x[i][0];
            means[r.labels()[i]][1] += x[i][1];
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(sizes[c], r.sizes()[c]);
            assertArrayEquals(new double[] {means[c][0] / sizes[c], means[c][1] / sizes[c]}, r.centres()[c], 1e-12);
        }
        for (int i = 0; i < x.length; i++) {
            int own = r.labels()[i];
            double d = KMeans.squaredDistance(x[i], r.centres()[own]);
            within += d;
            for (int c = 0; c < 3; c++) {
                double other = KMeans.squaredDistance(x[i], r.centres()[c]);
                assertTrue(d <= other + 1e-12, "row " + i + " is nearer centre " + c);
                if (c != own) {
                    // Hartigan: moving row i from own to c would not lower the total.
                    assertTrue(sizes[c] / (sizes[c] + 1.0) * other >= sizes[own] / (sizes[own] - 1.0) * d - 1e-9);
                }
            }
        }
        assertEquals(within, r.withinSumOfSquares(), 1e-9);
    }

    @Test
    void fit_standardisedData_matchesRKmeansWithinSumOfSquares() {
        for (String dataset : new String[] {"faithful", "iris"}) {
            double[][] x = standardised(SegmentOracles.numericRows(dataset + ".csv"));
            String[] r = SegmentOracles.summary(dataset)[6].trim().split(" ");
            for (int k = 1; k <= 6; k++) {
                double expected = Double.parseDouble(r[k - 1]);
                double got = KMeans.fit(x, KMeans.Options.of(k).withRestarts(50)).withinSumOfSquares();
                // R prints 6 significant digits; a worse local optimum would differ by far more.
                assertEquals(expected, got, 1e-5 * expected, dataset + " k = " + k);
            }
        }
    }

    @Test
    void fit_sameSeed_sameClusters() {
        double[][] x = standardised(SegmentOracles.numericRows("iris.csv"));
        KMeans.Options options = new KMeans.Options(4, 3, 100, 11);
        assertArrayEquals(KMeans.fit(x, options).labels(), KMeans.fit(x, options).labels());
    }

    /** Like R's scale(): centred, divided by the sample standard deviation (n - 1). */
    static double[][] standardised(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[][] out = new double[n][d];
        for (int j = 0; j < d; j++) {
            double m = 0;
            for (double[] r : x) {
                m += r[j] / n;
            }
            double ss = 0;
            for (double[] r : x) {
                ss += (r[j] - m) * (r[j] - m);
            }
            double sd = Math.sqrt(ss / (n - 1));
            for (int i = 0; i < n; i++) {
                out[i][j] = (x[i][j] - m) / sd;
            }
        }
        return out;
    }
}
