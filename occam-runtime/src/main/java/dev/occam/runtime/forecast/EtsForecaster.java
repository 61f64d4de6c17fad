package dev.occam.runtime.forecast;

import java.util.Arrays;
import java.util.Locale;

/**
 * A fitted exponential smoothing model in innovations state-space form, ETS(error, trend, season) (Hyndman,
 * Koehler, Snyder &amp; Grose 2002, "A state space framework for automatic forecasting using exponential smoothing
 * methods", IJF 18; Hyndman, Koehler, Ord &amp; Snyder 2008, <i>Forecasting with Exponential Smoothing</i>, Springer),
 * holding its smoothing parameters and its state after the last observation.
 *
 * <p>Errors are additive (A) or multiplicative (M); the trend none (N), additive (A) or damped (Ad, {@code damped});
 * the season none (N), additive (A) or multiplicative (M). Additive errors with a multiplicative season are not
 * allowed (R forecast's {@code restrict = TRUE}: their variance is unstable). The forecasts are those of R forecast's
 * {@code forecast.ets}: for the linear models (class 1: A errors) the mean and variance of Hyndman et al. (2008),
 * ch. 6.3; for M errors with no or an additive season (class 2) the exact variance of their §6.4; for M errors with a
 * multiplicative season (class 3) the exact conditional mean and variance of their §6.5 (so past one season the point
 * forecast is the conditional mean, not the recursion's value). Intervals are mean ± z·sd, as R.
 *
 * @param error "A" or "M"
 * @param trend "N" or "A"
 * @param damped whether the trend is damped (only with trend "A")
 * @param season "N", "A" or "M"
 * @param period the seasonal period m (1 without a season)
 * @param alpha level smoothing
 * @param beta slope smoothing (0 without a trend)
 * @param gamma season smoothing (0 without a season)
 * @param phi damping (1 when not damped)
 * @param level the level after the last observation
 * @param slope the slope after the last observation (0 without a trend)
 * @param seasonals the m seasonal states after the last observation, most recent first (empty without a season)
 * @param sigma2 the innovation variance (of relative errors for M errors)
 */
public record EtsForecaster(String error, String trend, boolean damped, String season, int period, double alpha,
        double beta, double gamma, double phi, double level, double slope, double[] seasonals, double sigma2)
        implements Forecaster {

    public EtsForecaster {
        if (!error.equals("A") && !error.equals("M")) {
            throw new IllegalArgumentException("ETS error must be A or M: " + error);
        }
        if (!trend.equals("N") && !trend.equals("A")) {
            throw new IllegalArgumentException("ETS trend must be N or A (damped with damped = true): " + trend);
        }
        if (!season.equals("N") && !season.equals("A") && !season.equals("M")) {
            throw new IllegalArgumentException("ETS season must be N, A or M: " + season);
        }
        if (damped && trend.equals("N")) {
            throw new IllegalArgumentException("ETS: a damped trend needs trend A");
        }
        if (error.equals("A") && season.equals("M")) {
            throw new IllegalArgumentException("ETS(A," + trend + ",M) is not allowed: additive errors with a "
                    + "multiplicative season");
        }
        if (period < 1 || (!season.equals("N") && period < 2)) {
            throw new IllegalArgumentException("ETS period must be >= 1, and >= 2 with a season: " + period);
        }
        int expected = season.equals("N") ? 0 : period;
        if (seasonals.length != expected) {
            throw new IllegalArgumentException("ETS needs " + expected + " seasonal states, got " + seasonals.length);
        }
        for (double v : new double[] {alpha, beta, gamma, phi, level, slope, sigma2}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("ETS parameters and states must be finite: " + v);
            }
        }
        for (double v : seasonals) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("ETS seasonal states must be finite: " + v);
            }
        }
        if (sigma2 < 0) {
            throw new IllegalArgumentException("ETS sigma2 must be >= 0: " + sigma2);
        }
        seasonals = seasonals.clone();
    }

    @Override
    public double[] seasonals() {
        return seasonals.clone();
    }

    /** "ETS(M,Ad,M)", as R names the model. */
    @Override
    public String describe() {
        return String.format(Locale.ROOT, "ETS(%s,%s%s,%s)", error, trend, damped ? "d" : "", season);
    }

    /** Smoothing parameters plus free initial states (m − 1 seasonal ones: they sum to 0 or m). */
    @Override
    public int parameterCount() {
        boolean hasTrend = trend.equals("A");
        boolean hasSeason = !season.equals("N");
        return 1 + (hasTrend ? 2 : 0) + (damped ? 1 : 0) + 1 + (hasSeason ? 1 + period - 1 : 0);
    }

    @Override
    public Forecast forecast(int horizon) {
        Forecaster.checkHorizon(horizon);
        double[][] meanAndVariance;
        if (season.equals("M")) {
            meanAndVariance = multiplicativeSeason(horizon);
        } else if (error.equals("A")) {
            meanAndVariance = linear(horizon);
        } else {
            meanAndVariance = multiplicativeError(horizon);
        }
        double[] se = new double[horizon];
        for (int i = 0; i < horizon; i++) {
            se[i] = Math.sqrt(Math.max(0, meanAndVariance[1][i]));
        }
        return Forecast.normal(meanAndVariance[0], se);
    }

    private double[] state() {
        boolean hasTrend = trend.equals("A");
        double[] x = new double[1 + (hasTrend ? 1 : 0) + seasonals.length];
        x[0] = level;
        if (hasTrend) {
            x[1] = slope;
        }
        System.arraycopy(seasonals, 0, x, hasTrend ? 2 : 1, seasonals.length);
        return x;
    }

    /**
     * Class 1 (Hyndman et al. 2008, §6.3): μ_h = w'F^{h−1}x, c_j = w'F^{j−1}g, v_h = σ²(1 + Σ_{j<h} c_j²). Returns
     * the means, variances and the c_j (index j − 1) that class 2 reuses.
     */
    private double[][] linear(int horizon) {
        double[] x = state();
        int p = x.length;
        boolean hasTrend = trend.equals("A");
        boolean additiveSeason = season.equals("A");
        double trendWeight = damped ? phi : 1;
        double[] w = new double[p];
        w[0] = 1;
        if (hasTrend) {
            w[1] = trendWeight;
        }
        if (additiveSeason) {
            w[p - 1] = 1;
        }
        double[][] f = new double[p][p];
        f[0][0] = 1;
        if (hasTrend) {
            f[0][1] = trendWeight;
            f[1][1] = trendWeight;
        }
        int m = period;
        if (additiveSeason) {
            f[p - m][p - 1] = 1;
            for (int i = 1; i < m; i++) {
                f[p - m + i][p - m + i - 1] = 1;
            }
        }
        double[] g = new double[p];
        g[0] = alpha;
        if (hasTrend) {
            g[1] = beta;
        }
        if (additiveSeason) {
            g[hasTrend ? 2 : 1] = gamma;
        }
        double[] mean = new double[horizon];
        double[] variance = new double[horizon];
        double[] c = new double[horizon];
        // wF^{j}: the row vector advanced one step at a time
        double[] row = w.clone();
        double cumulative = 0;
        for (int h = 0; h < horizon; h++) {
            mean[h] = dot(row, x);
            variance[h] = sigma2 * (1 + cumulative);
            c[h] = dot(row, g);
            cumulative += c[h] * c[h];
            row = rowTimes(row, f);
        }
        return new double[][] {mean, variance, c};
    }

    /** Class 2 (Hyndman et al. 2008, §6.4): θ_1 = μ_1², θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j}, v_h = (1 + σ²)θ_h − μ_h². */
    private double[][] multiplicativeError(int horizon) {
        double[][] lin = linear(horizon);
        double[] mean = lin[0];
        double[] c = lin[2];
        double[] theta = new double[horizon];
        double[] variance = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double sum = 0;
            for (int j = 1; j <= h; j++) {
                sum += c[j - 1] * c[j - 1] * theta[h - j];
            }
            theta[h] = mean[h] * mean[h] + sigma2 * sum;
            variance[h] = (1 + sigma2) * theta[h] - mean[h] * mean[h];
        }
        return new double[][] {mean, variance};
    }

    /**
     * Class 3 (Hyndman et al. 2008, §6.5; R forecast's {@code class3}): M errors, a multiplicative season and no or
     * an additive trend. The mean M_h of the outer product of the level/trend part and the seasonal part, and the
     * variance V_h of its vectorisation, advance exactly; the forecast is μ_h = H₁M_hH₂'.
     */
    private double[][] multiplicativeSeason(int horizon) {
        boolean hasTrend = trend.equals("A");
        int q = hasTrend ? 2 : 1;
        int m = period;
        double[][] h1 = new double[1][q];
        Arrays.fill(h1[0], 1);
        double[][] h2 = new double[1][m];
        h2[0][m - 1] = 1;
        double[][] f1;
        double[][] g1;
        if (hasTrend) {
            f1 = new double[][] {{1, 1}, {0, damped ? phi : 1}};
            g1 = new double[][] {{alpha, alpha}, {beta, beta}};
        } else {
            f1 = new double[][] {{1}};
            g1 = new double[][] {{alpha}};
        }
        double[][] f2 = new double[m][m];
        f2[0][m - 1] = 1;
        for (int i = 1; i < m; i++) {
            f2[i][i - 1] = 1;
        }
        double[][] g2 = new double[m][m];
        g2[0][m - 1] = gamma;
        double[] trendPart = hasTrend ? new double[] {level, slope} : new double[] {level};
        double[][] mh = new double[q][m];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < m; j++) {
                mh[i][j] = trendPart[i] * seasonals[j];
            }
        }
        int k = q * m;
        double[][] vh = new double[k][k];
        double[][] h21 = Matrices.kronecker(h2, h1);
        double[][] f21 = Matrices.kronecker(f2, f1);
        double[][] g21 = Matrices.kronecker(g2, g1);
        double[][] kk = Matrices.add(Matrices.kronecker(g2, f1), Matrices.kronecker(f2, g1));
        double[][] f21t = Matrices.transpose(f21);
        double[][] g21t = Matrices.transpose(g21);
        double[][] kkt = Matrices.transpose(kk);
        double[][] f1t = Matrices.transpose(f1);
        double[][] f2t = Matrices.transpose(f2);
        double[][] g2t = Matrices.transpose(g2);
        double[] mean = new double[horizon];
        double[] variance = new double[horizon];
        for (int i = 0; i < horizon; i++) {
            mean[i] = Matrices.multiply(Matrices.multiply(h1, mh), Matrices.transpose(h2))[0][0];
            double hvh = Matrices.multiply(Matrices.multiply(h21, vh), Matrices.transpose(h21))[0][0];
            variance[i] = (1 + sigma2) * hvh + sigma2 * mean[i] * mean[i];
            double[] vec = Matrices.vectorise(mh);
            double[][] outer = Matrices.outer(vec, vec);
            double[][] next = Matrices.multiply(Matrices.multiply(f21, vh), f21t);
            double[][] cross = Matrices.add(Matrices.multiply(Matrices.multiply(f21, vh), g21t),
                    Matrices.multiply(Matrices.multiply(g21, vh), f21t));
            cross = Matrices.add(cross, Matrices.multiply(Matrices.multiply(kk, Matrices.add(vh, outer)), kkt));
            double[][] fourth = Matrices.add(Matrices.scale(vh, 3), Matrices.scale(outer, 2));
            cross = Matrices.add(cross, Matrices.scale(Matrices.multiply(Matrices.multiply(g21, fourth), g21t), sigma2));
            vh = Matrices.add(next, Matrices.scale(cross, sigma2));
            mh = Matrices.add(Matrices.multiply(Matrices.multiply(f1, mh), f2t),
                    Matrices.scale(Matrices.multiply(Matrices.multiply(g1, mh), g2t), sigma2));
        }
        return new double[][] {mean, variance};
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] rowTimes(double[] row, double[][] f) {
        int p = row.length;
        double[] out = new double[p];
        for (int i = 0; i < p; i++) {
            if (row[i] != 0) {
                for (int j = 0; j < p; j++) {
                    out[j] += row[i] * f[i][j];
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EtsForecaster e && error.equals(e.error) && trend.equals(e.trend) && damped == e.damped
                && season.equals(e.season) && period == e.period && alpha == e.alpha && beta == e.beta
                && gamma == e.gamma && phi == e.phi && level == e.level && slope == e.slope
                && Arrays.equals(seasonals, e.seasonals) && sigma2 == e.sigma2;
    }

    @Override
    public int hashCode() {
        return describe().hashCode() * 31 + Double.hashCode(level) * 17 + Arrays.hashCode(seasonals);
    }

    @Override
    public String toString() {
        return describe() + "[alpha=" + alpha + ", beta=" + beta + ", gamma=" + gamma + ", phi=" + phi + ", level="
                + level + ", slope=" + slope + ", seasonals=" + Arrays.toString(seasonals) + ", sigma2=" + sigma2 + "]";
    }
}
