package dev.occam.core.forecast;

/**
 * How many differences auto.arima takes: first differences by repeated KPSS tests (Kwiatkowski, Phillips, Schmidt
 * &amp; Shin 1992, as urca's {@code ur.kpss} and forecast's {@code ndiffs}), seasonal differences by the strength of
 * the seasonal component (Wang, Smith &amp; Hyndman 2006; forecast's {@code nsdiffs(test = "seas")}).
 */
final class UnitRootTests {

    /** urca's 5% critical value of the level-stationarity KPSS statistic. */
    private static final double KPSS_CRITICAL_5 = 0.463;
    /** forecast's threshold on the seasonal strength. */
    private static final double SEASONAL_STRENGTH = 0.64;

    private UnitRootTests() {
    }

    /**
     * R forecast's {@code ndiffs(x)}: difference while the KPSS test rejects level stationarity at 5% (p-value
     * interpolated in urca's table, so a statistic above 0.463), at most {@code maxD} times, stopping at a constant.
     */
    static int differences(double[] x, int maxD) {
        int d = 0;
        double[] w = x;
        if (constant(w)) {
            return 0;
        }
        while (d < maxD && kpss(w) > KPSS_CRITICAL_5) {
            d++;
            w = Arima.difference(w, 1, 0, 1);
            if (constant(w)) {
                return d;
            }
        }
        return d;
    }

    /**
     * The KPSS statistic for level stationarity with the Bartlett long-run variance at lag ⌊3√n/13⌋ (ndiffs' choice):
     * Σ S_t² / (n² σ̂²), S the partial sums of the deviations from the mean.
     */
    static double kpss(double[] y) {
        int n = y.length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double[] e = new double[n];
        double s2 = 0;
        double partial = 0;
        double eta = 0;
        for (int t = 0; t < n; t++) {
            e[t] = y[t] - mean;
            s2 += e[t] * e[t];
            partial += e[t];
            eta += partial * partial;
        }
        eta /= (double) n * n;
        s2 /= n;
        int lags = (int) (3 * Math.sqrt(n) / 13);
        double longRun = s2;
        for (int i = 1; i <= lags; i++) {
            double cov = 0;
            for (int t = i; t < n; t++) {
                cov += e[t] * e[t - i];
            }
            longRun += 2.0 / n * (1 - i / (lags + 1.0)) * cov;
        }
        return eta / longRun;
    }

    /**
     * One seasonal difference when the seasonal strength max(0, min(1, 1 − Var(R)/Var(S + R))) of an STL
     * decomposition ({@link SeasonalTrendLoess#mstl}) exceeds 0.64, as forecast's {@code nsdiffs} (none when the
     * period is not below half the series' length, where mstl finds no season).
     */
    static int seasonalDifferences(double[] x, int m) {
        if (constant(x) || m >= x.length || 2 * m >= x.length) {
            return 0;
        }
        return seasonalStrength(x, m) > SEASONAL_STRENGTH ? 1 : 0;
    }

    static double seasonalStrength(double[] x, int m) {
        SeasonalTrendLoess.Components c = SeasonalTrendLoess.mstl(x, m);
        int n = x.length;
        double[] seasonPlusRemainder = new double[n];
        for (int t = 0; t < n; t++) {
            seasonPlusRemainder[t] = c.seasonal()[t] + c.remainder()[t];
        }
        double strength = 1 - variance(c.remainder(), n) / variance(seasonPlusRemainder, n);
        return Math.max(0, Math.min(1, strength));
    }

    private static double variance(double[] v, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += v[i];
        }
        mean /= n;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (v[i] - mean) * (v[i] - mean);
        }
        return s / (n - 1);
    }

    private static boolean constant(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }
}
