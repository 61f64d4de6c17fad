package dev.occam.runtime.forecast;

import java.util.Arrays;
import java.util.Objects;

/**
 * A forecaster of a seasonally adjusted series with the season added back, as R forecast's {@code stlf} and
 * {@code forecast.stl} do: the season (one or more STL seasonal components, for hourly data the day and the week:
 * MSTL, Bandara, Hyndman &amp; Bergmeir 2021) is forecast by its last cycle, each component by its own seasonal naive
 * forecast, and added to the adjusted series' forecast and to both ends of its intervals (the season's own
 * uncertainty is ignored, as R ignores it).
 *
 * @param adjusted the model of the seasonally adjusted series
 * @param lastCycles each seasonal component's last cycle, oldest first (its length is the component's period)
 */
public record SeasonallyAdjustedForecaster(Forecaster adjusted, double[][] lastCycles) implements Forecaster {

    public SeasonallyAdjustedForecaster {
        Objects.requireNonNull(adjusted, "adjusted");
        if (adjusted instanceof SeasonallyAdjustedForecaster) {
            throw new IllegalArgumentException("a seasonally adjusted forecaster cannot adjust another");
        }
        if (lastCycles.length == 0) {
            throw new IllegalArgumentException("a seasonally adjusted forecaster needs at least one seasonal cycle");
        }
        double[][] copy = new double[lastCycles.length][];
        for (int c = 0; c < lastCycles.length; c++) {
            if (lastCycles[c].length < 2) {
                throw new IllegalArgumentException("a seasonal cycle needs at least 2 values: got "
                        + lastCycles[c].length);
            }
            for (double v : lastCycles[c]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("a seasonal cycle holds a non-finite value: " + v);
                }
            }
            copy[c] = lastCycles[c].clone();
        }
        lastCycles = copy;
    }

    @Override
    public double[][] lastCycles() {
        double[][] copy = new double[lastCycles.length][];
        for (int c = 0; c < copy.length; c++) {
            copy[c] = lastCycles[c].clone();
        }
        return copy;
    }

    @Override
    public Forecast forecast(int horizon) {
        Forecaster.checkHorizon(horizon);
        Forecast f = adjusted.forecast(horizon);
        double[] mean = f.mean();
        double[] lo80 = f.lower80();
        double[] hi80 = f.upper80();
        double[] lo95 = f.lower95();
        double[] hi95 = f.upper95();
        for (int h = 0; h < horizon; h++) {
            double season = 0;
            for (double[] cycle : lastCycles) {
                season += cycle[h % cycle.length];
            }
            mean[h] += season;
            lo80[h] += season;
            hi80[h] += season;
            lo95[h] += season;
            hi95[h] += season;
        }
        return new Forecast(mean, lo80, hi80, lo95, hi95);
    }

    @Override
    public String describe() {
        StringBuilder periods = new StringBuilder();
        for (double[] c : lastCycles) {
            periods.append(periods.length() == 0 ? "" : ",").append(c.length);
        }
        return "STL[" + periods + "] + " + adjusted.describe();
    }

    /** The adjusted model's values and one seasonal value per position of each cycle. */
    @Override
    public int parameterCount() {
        int n = adjusted.parameterCount();
        for (double[] c : lastCycles) {
            n += c.length;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeasonallyAdjustedForecaster s && adjusted.equals(s.adjusted)
                && Arrays.deepEquals(lastCycles, s.lastCycles);
    }

    @Override
    public int hashCode() {
        return adjusted.hashCode() * 31 + Arrays.deepHashCode(lastCycles);
    }

    @Override
    public String toString() {
        return "SeasonallyAdjustedForecaster[" + describe() + "]";
    }
}
