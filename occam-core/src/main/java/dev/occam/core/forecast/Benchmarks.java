package dev.occam.core.forecast;

import dev.occam.runtime.forecast.DriftForecaster;
import dev.occam.runtime.forecast.NaiveForecaster;
import dev.occam.runtime.forecast.SeasonalNaiveForecaster;

/**
 * The benchmark forecasts of Hyndman &amp; Athanasopoulos, <i>Forecasting: Principles and Practice</i>, 3rd ed.,
 * §5.2 and §5.5, fitted as R forecast 8.20's {@code naive}, {@code snaive} and {@code rwf(drift = TRUE)} (its
 * {@code lagwalk}): the bottom rungs every other method must beat.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    /**
     * The last value, with σ² the mean squared one-step change.
     *
     * @throws IllegalArgumentException with fewer than 2 values
     */
    public static NaiveForecaster naive(TimeSeries series) {
        double[] y = series.raw();
        if (y.length < 2) {
            throw new IllegalArgumentException("the naive method needs at least 2 values, got " + y.length);
        }
        return new NaiveForecaster(y[y.length - 1], Math.sqrt(meanSquaredLagChange(y, 1)));
    }

    /**
     * The last season, with σ² the mean squared change from one season to the next.
     *
     * @throws IllegalArgumentException when the series is not longer than one season
     */
    public static SeasonalNaiveForecaster seasonalNaive(TimeSeries series) {
        double[] y = series.raw();
        int m = series.period();
        if (y.length <= m) {
            throw new IllegalArgumentException("the seasonal naive method needs more than one season (" + m
                    + " values), got " + y.length);
        }
        double[] last = new double[m];
        System.arraycopy(y, y.length - m, last, 0, m);
        return new SeasonalNaiveForecaster(last, Math.sqrt(meanSquaredLagChange(y, m)));
    }

    /**
     * The last value plus the mean change b per step; σ the standard deviation of the changes (T − 1 degrees of
     * freedom, T = n − 1 changes) and se(b) = σ/√T, as R's regression of the changes on a constant.
     *
     * @throws IllegalArgumentException with fewer than 3 values
     */
    public static DriftForecaster drift(TimeSeries series) {
        double[] y = series.raw();
        int n = y.length;
        if (n < 3) {
            throw new IllegalArgumentException("the drift method needs at least 3 values, got " + n);
        }
        int changes = n - 1;
        double slope = (y[n - 1] - y[0]) / changes;
        double ss = 0;
        for (int t = 1; t < n; t++) {
            double d = y[t] - y[t - 1] - slope;
            ss += d * d;
        }
        double sigma = Math.sqrt(ss / (changes - 1));
        return new DriftForecaster(y[n - 1], slope, sigma, sigma / Math.sqrt(changes));
    }

    /** Mean of (y_t − y_{t−lag})² over t = lag..n−1: the seasonal naive method's in-sample MSE. */
    static double meanSquaredLagChange(double[] y, int lag) {
        double sum = 0;
        for (int t = lag; t < y.length; t++) {
            double d = y[t] - y[t - lag];
            sum += d * d;
        }
        return sum / (y.length - lag);
    }
}
