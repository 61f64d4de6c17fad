package dev.occam.runtime.forecast;

import java.util.Arrays;

/**
 * The Theta method of Assimakopoulos &amp; Nikolopoulos (2000) in the form shown by Hyndman &amp; Billah (2003),
 * "Unmasking the Theta method", IJF 19: simple exponential smoothing with drift equal to half the slope of a
 * linear regression on time, on the seasonally adjusted series when a seasonality test passes, the forecasts then
 * reseasonalised (as R forecast's {@code thetaf}).
 *
 * <p>Step h: (ℓ + b·(h − 1 + (1 − (1 − α)<sup>n</sup>)/α))·s<sub>h</sub>, ℓ the smoothed level after the last
 * observation, b the half slope, s<sub>h</sub> the seasonal index of that step (1 without a season). Standard error
 * σ√(1 + (h − 1)α²), σ² the SES innovation variance, as {@code thetaf} (which does not rescale it by the season).
 *
 * @param level the SES level after the last observation (of the seasonally adjusted series)
 * @param alpha SES smoothing parameter, in (0, 1]
 * @param drift half the regression slope b
 * @param n the number of observations fitted
 * @param sigma2 SES innovation variance
 * @param seasonalIndices multiplicative indices of the next m steps, in order (empty: no season); finite and non-zero
 *        (a series that crosses zero can give negative ones: R's thetaf keeps them, and so do we)
 */
public record ThetaForecaster(double level, double alpha, double drift, int n, double sigma2, double[] seasonalIndices)
        implements Forecaster {

    public ThetaForecaster {
        if (!Double.isFinite(level) || !Double.isFinite(drift)) {
            throw new IllegalArgumentException("theta: level and drift must be finite: " + level + ", " + drift);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("theta: alpha must be in (0, 1]: " + alpha);
        }
        if (n < 1) {
            throw new IllegalArgumentException("theta: n must be >= 1: " + n);
        }
        if (!(sigma2 >= 0 && sigma2 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("theta: sigma2 must be finite and >= 0: " + sigma2);
        }
        for (double s : seasonalIndices) {
            if (!Double.isFinite(s) || s == 0) {
                throw new IllegalArgumentException("theta: seasonal indices must be finite and non-zero: " + s);
            }
        }
        seasonalIndices = seasonalIndices.clone();
    }

    @Override
    public double[] seasonalIndices() {
        return seasonalIndices.clone();
    }

    @Override
    public Forecast forecast(int horizon) {
        Forecaster.checkHorizon(horizon);
        double[] mean = new double[horizon];
        double[] se = new double[horizon];
        double start = (1 - Math.pow(1 - alpha, n)) / alpha;
        double sigma = Math.sqrt(sigma2);
        for (int h = 1; h <= horizon; h++) {
            double value = level + drift * (h - 1 + start);
            if (seasonalIndices.length > 0) {
                value *= seasonalIndices[(h - 1) % seasonalIndices.length];
            }
            mean[h - 1] = value;
            se[h - 1] = sigma * Math.sqrt(1 + (h - 1) * alpha * alpha);
        }
        return Forecast.normal(mean, se);
    }

    @Override
    public String describe() {
        return seasonalIndices.length > 0 ? "theta (seasonally adjusted, m = " + seasonalIndices.length + ")" : "theta";
    }

    /** α, the initial level and the drift, plus m − 1 seasonal indices when seasonal. */
    @Override
    public int parameterCount() {
        return 3 + Math.max(0, seasonalIndices.length - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThetaForecaster t && level == t.level && alpha == t.alpha && drift == t.drift && n == t.n
                && sigma2 == t.sigma2 && Arrays.equals(seasonalIndices, t.seasonalIndices);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(level) * 31 + Arrays.hashCode(seasonalIndices);
    }

    @Override
    public String toString() {
        return "ThetaForecaster[level=" + level + ", alpha=" + alpha + ", drift=" + drift + ", n=" + n + ", sigma2="
                + sigma2 + ", seasonalIndices=" + Arrays.toString(seasonalIndices) + "]";
    }
}
