package dev.occam.core.forecast;

import dev.occam.runtime.forecast.Forecaster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Rolling-origin evaluation (time-series cross-validation with an expanding window; Tashman 2000, "Out-of-sample
 * tests of forecasting accuracy", IJF 16; Hyndman &amp; Athanasopoulos, FPP3 §5.10): the method is fitted on the
 * first values up to each origin and judged on the next {@code horizon} values, never on anything it saw. The last
 * origin leaves exactly {@code horizon} values after it; the earlier ones step back by {@code step}; the first
 * must keep at least 2 values to fit on.
 */
public final class RollingOrigin {

    /**
     * @param origins how many origins (folds), at least 1
     * @param horizon values forecast and judged after each origin, at least 1
     * @param step values between consecutive origins, at least 1
     */
    public record Options(int origins, int horizon, int step) {
        public Options {
            if (origins < 1) {
                throw new IllegalArgumentException("rolling origins must be >= 1: " + origins);
            }
            if (horizon < 1) {
                throw new IllegalArgumentException("rolling-origin horizon must be >= 1: " + horizon);
            }
            if (step < 1) {
                throw new IllegalArgumentException("rolling-origin step must be >= 1: " + step);
            }
        }
    }

    /**
     * One origin's result.
     *
     * @param trainingLength values the method was fitted on (positions 0..trainingLength−1)
     * @param actual the next {@code horizon} values
     * @param forecast the method's point forecasts of them
     * @param accuracy the errors, scaled by this origin's training values
     */
    public record Origin(int trainingLength, double[] actual, double[] forecast, ForecastAccuracy accuracy) {
        @Override
        public double[] actual() {
            return actual.clone();
        }

        @Override
        public double[] forecast() {
            return forecast.clone();
        }

        @Override
        public String toString() {
            return "Origin[trainingLength=" + trainingLength + ", forecast=" + Arrays.toString(forecast) + ", "
                    + accuracy + "]";
        }
    }

    private RollingOrigin() {
    }

    /** The training lengths of the origins, first to last. */
    public static int[] trainingLengths(int seriesLength, Options options) {
        int last = seriesLength - options.horizon();
        int first = last - (options.origins() - 1) * options.step();
        if (first < 2) {
            throw new IllegalArgumentException(options.origins() + " origins " + options.step() + " apart with horizon "
                    + options.horizon() + " need at least " + (options.horizon() + (options.origins() - 1)
                    * options.step() + 2) + " values: the series has " + seriesLength);
        }
        int[] lengths = new int[options.origins()];
        for (int k = 0; k < lengths.length; k++) {
            lengths[k] = first + k * options.step();
        }
        return lengths;
    }

    /**
     * Fits {@code method} at each origin and measures its forecasts, in origin order.
     *
     * @throws IllegalArgumentException when the series is too short for the origins asked for, or when the method
     *         cannot be fitted at an origin (its message names the origin)
     */
    public static List<Origin> evaluate(TimeSeries series, Function<TimeSeries, ? extends Forecaster> method,
            Options options) {
        double[] y = series.raw();
        List<Origin> out = new ArrayList<>();
        for (int length : trainingLengths(y.length, options)) {
            TimeSeries training = series.head(length);
            Forecaster fitted;
            try {
                fitted = method.apply(training);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("origin after " + length + " values: " + e.getMessage(), e);
            }
            double[] actual = Arrays.copyOfRange(y, length, length + options.horizon());
            double[] forecast = fitted.forecast(options.horizon()).mean();
            out.add(new Origin(length, actual, forecast, ForecastAccuracy.of(training, actual, forecast)));
        }
        return out;
    }
}
