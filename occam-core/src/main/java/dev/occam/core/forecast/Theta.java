package dev.occam.core.forecast;

import dev.occam.runtime.forecast.ThetaForecaster;

/**
 * The Theta method (Assimakopoulos &amp; Nikolopoulos 2000) as simple exponential smoothing with drift (Hyndman &amp;
 * Billah 2003, "Unmasking the Theta method", IJF 19), fitted as R forecast 8.20's {@code thetaf}:
 *
 * <ol>
 *   <li>Seasonality test (m &gt; 1, the series not constant and longer than two seasons): the lag-m autocorrelation
 *       r<sub>m</sub> is significant at 90% two-sided, |r<sub>m</sub>| &gt; 1.645·√((1 + 2Σ<sub>k&lt;m</sub>
 *       r<sub>k</sub>²)/n) (Bartlett's standard error).</li>
 *   <li>When it passes, the series is divided by the seasonal component of a multiplicative classical
 *       decomposition (not when an index is below 10<sup>−4</sup>).</li>
 *   <li>SES, ETS(A,N,N) fitted by one-step mean squared error ({@code ses}), gives α, the last level and σ².</li>
 *   <li>The drift is half the slope of a least-squares line on time; the forecasts are reseasonalised by the last
 *       season's indices.</li>
 * </ol>
 */
public final class Theta {

    /** R's {@code qnorm(0.95)}: the seasonality test's critical value. */
    private static final double Z90_TWO_SIDED = 1.6448536269514722;

    private Theta() {
    }

    /**
     * Fits the Theta method.
     *
     * @throws IllegalArgumentException when the series is too short for simple exponential smoothing
     */
    public static ThetaForecaster fit(TimeSeries series) {
        double[] y = series.raw();
        int n = y.length;
        int m = series.period();
        boolean seasonal = m > 1 && !constant(y) && n > 2 * m && seasonalityTest(y, m);
        double[] x = y;
        double[] indices = new double[0];
        if (seasonal) {
            double[] s = ClassicalDecomposition.seasonal(y, m, true);
            boolean nearZero = false;
            for (double v : s) {
                nearZero |= Math.abs(v) < 1e-4;
            }
            if (!nearZero) {
                x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = y[i] / s[i];
                }
                indices = new double[m];
                System.arraycopy(s, n - m, indices, 0, m);
            }
        }
        ExponentialSmoothing.Fit ses = ExponentialSmoothing.fit(new TimeSeries(x, 1),
                new ExponentialSmoothing.Spec("A", "N", false, "N"), ExponentialSmoothing.Criterion.MSE);
        double alpha = Math.max(1e-10, ses.alpha());
        double slope = slopeOnTime(x);
        return new ThetaForecaster(ses.forecaster().level(), alpha, slope / 2, n, ses.sigma2(), indices);
    }

    /** Whether the lag-m autocorrelation is significant (thetaf's test). */
    static boolean seasonalityTest(double[] y, int m) {
        double[] r = autocorrelations(y, m);
        double sum = 0;
        for (int k = 1; k < m; k++) {
            sum += r[k] * r[k];
        }
        double stat = Math.sqrt((1 + 2 * sum) / y.length);
        return Math.abs(r[m]) / stat > Z90_TWO_SIDED;
    }

    /** Sample autocorrelations r_0..r_maxLag as R's {@code acf} (mean removed, divided by the lag-0 sum). */
    static double[] autocorrelations(double[] y, int maxLag) {
        int n = y.length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double c0 = 0;
        for (double v : y) {
            c0 += (v - mean) * (v - mean);
        }
        double[] r = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            double c = 0;
            for (int t = 0; t + k < n; t++) {
                c += (y[t] - mean) * (y[t + k] - mean);
            }
            r[k] = c / c0;
        }
        return r;
    }

    private static double slopeOnTime(double[] x) {
        int n = x.length;
        double mt = (n - 1) / 2.0;
        double mx = 0;
        for (double v : x) {
            mx += v;
        }
        mx /= n;
        double sxy = 0;
        double stt = 0;
        for (int t = 0; t < n; t++) {
            sxy += (t - mt) * (x[t] - mx);
            stt += (t - mt) * (t - mt);
        }
        return sxy / stt;
    }

    private static boolean constant(double[] y) {
        for (double v : y) {
            if (v != y[0]) {
                return false;
            }
        }
        return true;
    }
}
