package dev.occam.core.forecast;

/**
 * Accuracy of h forecasts against the values that came, by the definitions of the M4 and M5 competitions
 * (Makridakis, Spiliotis &amp; Assimakopoulos 2020, "The M4 Competition", IJF 36; 2022, "M5 accuracy competition",
 * IJF 38). The scaled errors divide by an in-sample naive error of the training series, so they compare across
 * series of different scales: below 1 means better than the naive method was in-sample.
 *
 * @param mae mean absolute error
 * @param smape symmetric MAPE in percent, 200/h · Σ|y − ŷ|/(|y| + |ŷ|) (a step where both are 0 counts 0)
 * @param mase MAE divided by the in-sample MAE of the seasonal naive method (lag m; lag 1 when m = 1), M4
 * @param rmsse root of the MSE divided by the in-sample MSE of the naive method (lag 1), M5
 */
public record ForecastAccuracy(double mae, double smape, double mase, double rmsse) {

    /**
     * Measures forecasts of {@code actual} made from {@code training}.
     *
     * @throws IllegalArgumentException when the lengths differ, nothing is forecast, or the training series is not
     *         longer than its period
     */
    public static ForecastAccuracy of(TimeSeries training, double[] actual, double[] forecast) {
        if (actual.length != forecast.length || actual.length == 0) {
            throw new IllegalArgumentException("actual and forecast values must have the same, non-zero length: "
                    + actual.length + " and " + forecast.length);
        }
        int h = actual.length;
        double absolute = 0;
        double squared = 0;
        double symmetric = 0;
        for (int i = 0; i < h; i++) {
            double e = actual[i] - forecast[i];
            absolute += Math.abs(e);
            squared += e * e;
            double denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
            symmetric += denominator == 0 ? 0 : Math.abs(e) / denominator;
        }
        double mae = absolute / h;
        return new ForecastAccuracy(mae, 200 * symmetric / h, mae / seasonalNaiveMae(training),
                Math.sqrt((squared / h) / Benchmarks.meanSquaredLagChange(training.raw(), 1)));
    }

    /** The in-sample MAE of the seasonal naive method, MASE's scale (lag 1 without a season). */
    public static double seasonalNaiveMae(TimeSeries training) {
        double[] y = training.raw();
        int lag = training.period();
        if (y.length <= lag) {
            throw new IllegalArgumentException("scaled errors need a training series longer than its period " + lag
                    + ": got " + y.length + " values");
        }
        double sum = 0;
        for (int t = lag; t < y.length; t++) {
            sum += Math.abs(y[t] - y[t - lag]);
        }
        return sum / (y.length - lag);
    }
}
