package dev.occam.runtime.forecast;

/**
 * The drift method: the last value plus h times the average change, b = (y<sub>T</sub> − y<sub>1</sub>)/(T − 1).
 * The h-step standard error is √(σ²h + (h·se(b))²) = σ√(h(1 + h/(T − 1))), σ the standard deviation of the
 * one-step differences around b (Hyndman &amp; Athanasopoulos, FPP3 §5.5; as R forecast's {@code rwf(drift = TRUE)},
 * which takes σ and se(b) from a regression of the differences on a constant).
 *
 * @param last the last observed value
 * @param slope the drift b
 * @param sigma the residual standard deviation, finite and >= 0
 * @param slopeSe the standard error of b, finite and >= 0
 */
public record DriftForecaster(double last, double slope, double sigma, double slopeSe) implements Forecaster {

    public DriftForecaster {
        if (!Double.isFinite(last) || !Double.isFinite(slope)) {
            throw new IllegalArgumentException("drift: last value and slope must be finite: " + last + ", " + slope);
        }
        if (!(sigma >= 0 && sigma < Double.POSITIVE_INFINITY) || !(slopeSe >= 0 && slopeSe < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("drift: sigma and slope se must be finite and >= 0: " + sigma + ", "
                    + slopeSe);
        }
    }

    @Override
    public Forecast forecast(int horizon) {
        Forecaster.checkHorizon(horizon);
        double[] mean = new double[horizon];
        double[] se = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            mean[h - 1] = last + h * slope;
            se[h - 1] = Math.sqrt(sigma * sigma * h + (h * slopeSe) * (h * slopeSe));
        }
        return Forecast.normal(mean, se);
    }

    @Override
    public String describe() {
        return "drift";
    }

    @Override
    public int parameterCount() {
        return 1;
    }
}
