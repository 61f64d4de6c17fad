package dev.occam.core.forecast;

import dev.occam.runtime.forecast.SeasonallyAdjustedForecaster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * R forecast's {@code stlf} with {@code mstl}'s decomposition: the season is taken out by STL, one component per
 * seasonal period (for hourly data the day, 24, and the week, 168: MSTL, Bandara, Hyndman &amp; Bergmeir 2021,
 * "MSTL: a seasonal-trend decomposition algorithm for time series with multiple seasonal patterns"), each
 * re-estimated twice on the series less the others, as {@code mstl} iterates; the adjusted series is forecast by
 * exponential smoothing without a season (chosen by AICc, as {@code stlf}'s default {@code ets}), and each component
 * by its last cycle. A period is used when the series holds more than two of its cycles.
 */
public final class SeasonalAdjustment {

    private SeasonalAdjustment() {
    }

    /** The periods STL can use on a series of length n: those with more than two cycles in it, ascending. */
    public static int[] usablePeriods(int n, int... periods) {
        return Arrays.stream(periods).filter(p -> p > 1 && n > 2 * p).sorted().distinct().toArray();
    }

    /**
     * Fits the model.
     *
     * @param periods the seasonal periods, such as {24, 168}
     * @throws IllegalArgumentException when no period has more than two cycles in the series, or the adjusted
     *     series cannot be fitted
     */
    public static SeasonallyAdjustedForecaster fit(TimeSeries series, int... periods) {
        double[] x = series.raw();
        int[] usable = usablePeriods(x.length, periods);
        if (usable.length == 0) {
            throw new IllegalArgumentException("seasonal adjustment needs more than two cycles of the period "
                    + Arrays.toString(periods) + ": the series has " + x.length + " values");
        }
        int n = x.length;
        double[][] seasonal = new double[usable.length][n];
        double[] adjusted = x.clone();
        for (int iteration = 0; iteration < 2; iteration++) {
            for (int c = 0; c < usable.length; c++) {
                for (int i = 0; i < n; i++) {
                    adjusted[i] += seasonal[c][i];
                }
                // mstl's s.window: 7 + 4·k for the k-th period (11, 15, ...).
                seasonal[c] = SeasonalTrendLoess.stl(adjusted, usable[c], 11 + 4 * c).seasonal();
                for (int i = 0; i < n; i++) {
                    adjusted[i] -= seasonal[c][i];
                }
            }
        }
        List<double[]> cycles = new ArrayList<>();
        for (int c = 0; c < usable.length; c++) {
            cycles.add(Arrays.copyOfRange(seasonal[c], n - usable[c], n));
        }
        return new SeasonallyAdjustedForecaster(ExponentialSmoothing.select(new TimeSeries(adjusted, 1)).forecaster(),
                cycles.toArray(new double[0][]));
    }
}
