package dev.occam.runtime.forecast;

import java.util.Arrays;

/**
 * The seasonal naive forecast: each future value equals the last observed value of the same season. The h-step
 * standard error is σ√(k + 1), k = ⌊(h − 1)/m⌋ the number of whole seasons before step h, σ² the mean squared
 * residual y<sub>t</sub> − y<sub>t−m</sub> (Hyndman &amp; Athanasopoulos, FPP3 §5.5; as R forecast's
 * {@code snaive}).
 *
 * @param lastSeason the last m observed values, oldest first (m = the seasonal period)
 * @param sigma the residual standard deviation, finite and >= 0
 */
public record SeasonalNaiveForecaster(double[] lastSeason, double sigma) implements Forecaster {

    public SeasonalNaiveForecaster {
        if (lastSeason.length < 1) {
            throw new IllegalArgumentException("seasonal naive: the last season is empty");
        }
        for (double v : lastSeason) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("seasonal naive: last season holds a non-finite value: " + v);
            }
        }
        if (!(sigma >= 0 && sigma < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("seasonal naive: sigma must be finite and >= 0: " + sigma);
        }
        lastSeason = lastSeason.clone();
    }

    @Override
    public double[] lastSeason() {
        return lastSeason.clone();
    }

    @Override
    public Forecast forecast(int horizon) {
        Forecaster.checkHorizon(horizon);
        int m = lastSeason.length;
        double[] mean = new double[horizon];
        double[] se = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            mean[h - 1] = lastSeason[(h - 1) % m];
            se[h - 1] = sigma * Math.sqrt((h - 1) / m + 1);
        }
        return Forecast.normal(mean, se);
    }

    @Override
    public String describe() {
        return "seasonal naive [" + lastSeason.length + "]";
    }

    @Override
    public int parameterCount() {
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeasonalNaiveForecaster s && Arrays.equals(lastSeason, s.lastSeason) && sigma == s.sigma;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lastSeason) * 31 + Double.hashCode(sigma);
    }

    @Override
    public String toString() {
        return "SeasonalNaiveForecaster[m=" + lastSeason.length + ", sigma=" + sigma + "]";
    }
}
