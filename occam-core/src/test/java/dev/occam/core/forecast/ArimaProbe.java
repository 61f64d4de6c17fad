package dev.occam.core.forecast;

import java.util.Arrays;

public final class ArimaProbe {
    public static void main(String[] args) {
        String only = args.length > 0 ? args[0] : null;
        for (String name : ForecastOracle.SERIES) {
            if (only != null && !only.equals(name)) {
                continue;
            }
            ForecastOracle.Summary s = ForecastOracle.summary(name);
            TimeSeries train = ForecastOracle.training(name);
            int[] a = s.arimaOrder(); // p q P Q m d D
            int m = a[4];
            Arima.Order order = (a[2] + a[3] + a[6]) > 0 ? new Arima.Order(a[0], a[5], a[1], a[2], a[6], a[3], m)
                    : Arima.Order.of(a[0], a[5], a[1]);
            boolean constant = s.arimaLabel().contains("drift") || s.arimaLabel().contains("non-zero");
            long t0 = System.nanoTime();
            Arima.Fit fit = Arima.fit(train, order, constant);
            double ms = (System.nanoTime() - t0) / 1e6;
            double[] r = ForecastOracle.forecasts(name).column("arima_mean");
            System.out.printf("%s R %s | ours %s coef %s names %s aicc %.4f ll %.4f sigma2 %.6g acc=%s fc diff %.2e (%.0f ms)%n",
                    name, s.arimaLabel(), fit.label(), Arrays.toString(fit.coefficients()), fit.names(), fit.aicc(),
                    fit.logLikelihood(), fit.sigma2(), fit.acceptable(),
                    ForecastOracle.maxRelativeDiff(fit.forecaster().forecast(s.h()).mean(), r), ms);
            t0 = System.nanoTime();
            try {
                Arima.Fit auto = Arima.select(train);
                System.out.printf("   auto: %s aicc %.4f (%.0f ms)%n", auto.label(), auto.aicc(), (System.nanoTime() - t0) / 1e6);
            } catch (RuntimeException e) {
                System.out.println("   auto failed: " + e);
            }
        }
    }
}
