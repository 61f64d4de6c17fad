package dev.occam.core.fairness;

import java.util.SplittableRandom;

/**
 * Exact binomial random numbers in constant expected time, so that a bootstrap can resample a group's counts
 * rather than its rows ({@link FairnessAudit}): the cost of a resample then does not grow with the rows.
 *
 * <p>When {@code n·min(p, 1−p) < 10}, inversion from zero (Kachitvichyanukul &amp; Schmeiser's BINV: about
 * {@code n·p} steps, so at most about ten); otherwise Hörmann's transformed rejection with squeeze, BTRS
 * (W. Hörmann, "The generation of binomial random variates", J. Statist. Comput. Simul. 46, 1993), which accepts
 * about 9 proposals in 10 and needs {@code log k!} only on the rare proposals its squeeze does not accept. Both
 * draw from the binomial distribution exactly (up to the rounding of doubles); for {@code p > 1/2} the count of
 * failures is drawn and subtracted.
 */
final class Binomial {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    /** {@code log k!} for k below 64, as sums of logs. */
    private static final double[] LOG_FACTORIAL = new double[64];

    static {
        for (int k = 1; k < LOG_FACTORIAL.length; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
        }
    }

    private Binomial() {
    }

    /**
     * One draw of the number of successes in {@code n} independent trials of chance {@code p}.
     *
     * @throws IllegalArgumentException when n is negative or p is not within [0, 1]
     */
    static int sample(SplittableRandom random, int n, double p) {
        if (n < 0) {
            throw new IllegalArgumentException("trials must be >= 0: " + n);
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("chance must be within [0, 1]: " + p);
        }
        if (n == 0 || p == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        if (p > 0.5) {
            return n - sample(random, n, 1 - p);
        }
        return n * p < 10 ? inversion(random, n, p) : transformedRejection(random, n, p);
    }

    /** BINV: walks the distribution function up from zero by the ratio of consecutive probabilities. */
    private static int inversion(SplittableRandom random, int n, double p) {
        double q = 1 - p;
        double s = p / q;
        double a = (n + 1) * s;
        while (true) {
            double r = Math.pow(q, n);
            double u = random.nextDouble();
            int x = 0;
            while (u > r) {
                u -= r;
                x++;
                if (x > n) {
                    break;
                }
                r *= a / x - s;
            }
            // Rounding can leave u above the whole distribution: the draw is then made again.
            if (x <= n) {
                return x;
            }
        }
    }

    /** BTRS, for n·p at least 10 and p at most 1/2. */
    private static int transformedRejection(SplittableRandom random, int n, double p) {
        double q = 1 - p;
        double spq = Math.sqrt(n * p * q);
        double b = 1.15 + 2.53 * spq;
        double a = -0.0873 + 0.0248 * b + 0.01 * p;
        double c = n * p + 0.5;
        double alpha = (2.83 + 5.1 / b) * spq;
        double vr = 0.92 - 4.2 / b;
        double urvr = 0.86 * vr;
        int m = (int) Math.floor((n + 1) * p);
        double logRatio = Math.log(p / q);
        double h = logFactorial(m) + logFactorial(n - m);
        while (true) {
            double v = random.nextDouble();
            double u;
            if (v <= urvr) {
                // The squeeze: inside it every proposal is accepted.
                u = v / vr - 0.43;
                return (int) Math.floor((2 * a / (0.5 - Math.abs(u)) + b) * u + c);
            }
            if (v >= vr) {
                u = random.nextDouble() - 0.5;
            } else {
                u = v / vr - 0.93;
                u = Math.signum(u) * 0.5 - u;
                v = random.nextDouble() * vr;
            }
            double us = 0.5 - Math.abs(u);
            double kk = Math.floor((2 * a / us + b) * u + c);
            if (kk < 0 || kk > n) {
                continue;
            }
            int k = (int) kk;
            v = v * alpha / (a / (us * us) + b);
            double bound = h - logFactorial(k) - logFactorial(n - k) + (k - m) * logRatio;
            if (Math.log(v) <= bound) {
                return k;
            }
        }
    }

    /** {@code log k!}: a table below 64, Stirling's series from 64 on (its first term left out is under 1e-15). */
    static double logFactorial(int k) {
        if (k < LOG_FACTORIAL.length) {
            return LOG_FACTORIAL[k];
        }
        double x = k + 1.0;
        double x2 = x * x;
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI
                + (1.0 / 12 - (1.0 / 360 - 1.0 / (1260 * x2)) / x2) / x;
    }
}
