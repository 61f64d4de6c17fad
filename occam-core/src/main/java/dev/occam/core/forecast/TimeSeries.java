package dev.occam.core.forecast;

import java.util.Arrays;

/**
 * One regularly spaced series to forecast: its values, oldest first, and its seasonal period m (12 for monthly data
 * with a yearly pattern, 4 for quarterly, 1 for none).
 *
 * @param values the observations, oldest first; finite, at least one
 * @param period the seasonal period m, at least 1
 */
public record TimeSeries(double[] values, int period) {

    public TimeSeries {
        if (values.length == 0) {
            throw new IllegalArgumentException("a time series needs at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("time series value " + (i + 1) + " is not a finite number: "
                        + values[i]);
            }
        }
        if (period < 1) {
            throw new IllegalArgumentException("seasonal period must be >= 1: " + period);
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The value at position i (0 = oldest), without copying. */
    public double at(int i) {
        return values[i];
    }

    public int length() {
        return values.length;
    }

    /** The first {@code n} values, with the same period. */
    public TimeSeries head(int n) {
        if (n < 1 || n > values.length) {
            throw new IllegalArgumentException("head length must be in 1.." + values.length + ": " + n);
        }
        return new TimeSeries(Arrays.copyOf(values, n), period);
    }

    double[] raw() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSeries t && period == t.period && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + period;
    }

    @Override
    public String toString() {
        return "TimeSeries[n=" + values.length + ", period=" + period + "]";
    }
}
