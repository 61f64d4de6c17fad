package dev.occam.runtime.forecast;

import java.util.Arrays;

/**
 * The naive forecast: every future value equals the last observed one (a random walk). The h-step standard
 * error is σ√h, σ² the mean squared one-step residual (Hyndman &amp; Athanasopoulos, <i>Forecasting: Principles
 * and Practice</i>, 3rd ed., §5.5; as R forecast's {@code naive}).
 *
 * @param last the last observed value
 * @param sigma the residual standard deviation, finite and >= 0
 */
public record NaiveForecaster(double last, double sigma) implements Forecaster {

    public NaiveForecaster {
        if (!Double.isFinite(last)) {
            throw new IllegalArgumentException("naive: last value must be finite: " + last);
        }
        if (!(sigma >= 0 && sigma < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("naive: sigma must be finite and >= 0: " + sigma);
        }
    }

    @Override
    public Forecast forecast(int horizon) {
        Forecaster.checkHorizon(horizon);
        double[] mean = new double[horizon];
        double[] se = new double[horizon];
        Arrays.fill(mean, last);
        for (int h = 1; h <= horizon; h++) {
            se[h - 1] = sigma * Math.sqrt(h);
        }
        return Forecast.normal(mean, se);
    }

    @Override
    public String describe() {
        return "naive";
    }

    @Override
    public int parameterCount() {
        return 0;
    }
}
