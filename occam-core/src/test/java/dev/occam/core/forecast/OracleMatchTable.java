package dev.occam.core.forecast;

import java.util.Locale;

/**
 * Prints the oracle match table of docs/forecasting.md (run by hand; the assertions are in the tests): for each
 * series, R's and our ETS and ARIMA models, the largest relative parameter difference and the largest relative
 * difference of the point forecasts and interval ends.
 */
public final class OracleMatchTable {

    private OracleMatchTable() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("| series | R ETS | our ETS | max rel. param diff | max rel. forecast diff | max rel. interval diff"
                + " | R ARIMA | our ARIMA | max rel. coef diff | max rel. forecast diff | max rel. interval diff |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (String name : ForecastOracle.SERIES) {
            ForecastOracle.Summary s = ForecastOracle.summary(name);
            TimeSeries train = ForecastOracle.training(name);
            ExponentialSmoothing.Fit ets = ExponentialSmoothing.select(train);
            double[] theirs = s.etsParams().values().stream().mapToDouble(Double::doubleValue).toArray();
            double[] states = ets.initialStates();
            int free = ets.spec().hasSeason() ? states.length - 1 : states.length;
            double[] ours = new double[theirs.length];
            int k = 0;
            ours[k++] = ets.alpha();
            for (double v : new double[] {ets.beta(), ets.gamma(), ets.phi()}) {
                if (!Double.isNaN(v)) {
                    ours[k++] = v;
                }
            }
            for (int i = 0; i < free; i++) {
                ours[k++] = states[i];
            }
            var fc = ForecastOracle.forecasts(name);
            var f = ets.forecaster().forecast(s.h());
            double interval = Math.max(Math.max(ForecastOracle.maxRelativeDiff(f.lower80(), fc.column("ets_lo80")),
                    ForecastOracle.maxRelativeDiff(f.upper80(), fc.column("ets_hi80"))),
                    Math.max(ForecastOracle.maxRelativeDiff(f.lower95(), fc.column("ets_lo95")),
                            ForecastOracle.maxRelativeDiff(f.upper95(), fc.column("ets_hi95"))));
            ArimaTest.Oracle ro = ArimaTest.oracle(name);
            Arima.Fit arima = Arima.select(train);
            double coefDiff = ro.coef().length == 0 ? 0
                    : ForecastOracle.maxRelativeDiff(arima.coefficients(), ro.coef());
            var af = arima.forecaster().forecast(s.h());
            double aInterval = Math.max(ForecastOracle.maxRelativeDiff(af.lower80(), ro.lo80()),
                    ForecastOracle.maxRelativeDiff(af.upper95(), ro.hi95()));
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1e | %.1e | %.1e | %s | %s | %.1e | %.1e | %.1e |%n", name,
                    s.etsModel(), ets.spec(), ForecastOracle.maxRelativeDiff(ours, theirs),
                    ForecastOracle.maxRelativeDiff(f.mean(), fc.column("ets_mean")), interval, s.arimaLabel(),
                    arima.label(), coefDiff, ForecastOracle.maxRelativeDiff(af.mean(), ro.mean()), aInterval);
        }
    }
}
