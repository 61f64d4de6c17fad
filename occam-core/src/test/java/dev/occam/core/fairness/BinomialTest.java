package dev.occam.core.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.stat.inference.ChiSquareTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The binomial draws of the fairness bootstrap, against the binomial distribution itself. */
class BinomialTest {

    @Test
    void logFactorial_againstSumOfLogs_within1e12Relative() {
        double sum = 0;
        for (int k = 1; k <= 2000; k++) {
            sum += Math.log(k);
            assertEquals(sum, Binomial.logFactorial(k), 1e-12 * Math.max(1, sum), "k = " + k);
        }
        assertEquals(0, Binomial.logFactorial(0));
    }

    /**
     * 200,000 seeded draws of each (n, p), on both sides of the switch between inversion (n·p below 10) and
     * transformed rejection, and with p above 1/2: a chi-square test of the counts against the exact
     * probabilities (cells with fewer than 5 expected pooled into the tails), and the mean and variance.
     */
    @ParameterizedTest
    @CsvSource({"1, 0.3", "5, 0.3", "40, 0.2", "49, 0.2", "51, 0.2", "100, 0.5", "1000, 0.03", "60, 0.9",
        "4454, 0.28", "250000, 0.28", "2000000, 0.0001", "1000000, 0.999"})
    void sample_manyDraws_followTheBinomialDistribution(int n, double p) {
        SplittableRandom random = new SplittableRandom(n * 31L + (long) (p * 1e6));
        int draws = 200_000;
        double mean = n * p;
        double sd = Math.sqrt(n * p * (1 - p));
        // Exact probabilities over mean ± 12 sd (beyond it under 1e-30), by the log pmf.
        int lo = (int) Math.max(0, Math.floor(mean - 12 * sd - 2));
        int hi = (int) Math.min(n, Math.ceil(mean + 12 * sd + 2));
        double[] pmf = new double[hi - lo + 1];
        for (int k = lo; k <= hi; k++) {
            pmf[k - lo] = Math.exp(Binomial.logFactorial(n) - Binomial.logFactorial(k) - Binomial.logFactorial(n - k)
                    + k * Math.log(p) + (n - k) * Math.log1p(-p));
        }
        long[] observed = new long[pmf.length];
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < draws; i++) {
            int k = Binomial.sample(random, n, p);
            assertTrue(k >= 0 && k <= n, "draw " + k + " outside 0.." + n);
            assertTrue(k >= lo && k <= hi, "draw " + k + " beyond 12 sd of " + mean);
            observed[k - lo]++;
            sum += k;
            sumSquares += (k - mean) * (k - mean);
        }
        assertEquals(mean, sum / draws, 5 * sd / Math.sqrt(draws) + 1e-12, "mean");
        if (sd > 0) {
            assertEquals(sd * sd, sumSquares / draws, 6 * sd * sd * Math.sqrt(2.0 / draws), "variance");
        }
        // Cells of at least 5 expected draws; the rest pooled into the two tails.
        List<double[]> cells = new ArrayList<>();
        double pooledExpected = 0;
        long pooledObserved = 0;
        for (int k = 0; k < pmf.length; k++) {
            double expected = pmf[k] * draws;
            if (expected >= 5) {
                cells.add(new double[] {expected, observed[k]});
            } else {
                pooledExpected += expected;
                pooledObserved += observed[k];
            }
        }
        if (pooledExpected >= 5) {
            cells.add(new double[] {pooledExpected, pooledObserved});
        }
        if (cells.size() < 2) {
            return;
        }
        double[] expected = cells.stream().mapToDouble(c -> c[0]).toArray();
        long[] counts = cells.stream().mapToLong(c -> (long) c[1]).toArray();
        double pValue = new ChiSquareTest().chiSquareTest(expected, counts);
        assertTrue(pValue > 1e-4, "chi-square p = " + pValue + " for n = " + n + ", p = " + p);
    }

    @Test
    void sample_edges_zeroAndAllAndErrorsNameTheValue() {
        SplittableRandom random = new SplittableRandom(1);
        assertEquals(0, Binomial.sample(random, 0, 0.4));
        assertEquals(0, Binomial.sample(random, 10, 0.0));
        assertEquals(10, Binomial.sample(random, 10, 1.0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Binomial.sample(random, -1, 0.5))
                .getMessage().contains("-1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Binomial.sample(random, 5, 1.5))
                .getMessage().contains("1.5"));
    }
}
