package dev.occam.core.forecast;

import java.util.Arrays;

/** Prints our ETS against R's on the oracle series (a development aid; the assertions are in ExponentialSmoothingTest). */
public final class EtsOracleProbe {
    public static void main(String[] args) {
        for (String name : ForecastOracle.SERIES) {
            ForecastOracle.Summary s = ForecastOracle.summary(name);
            TimeSeries train = ForecastOracle.training(name);
            long t0 = System.nanoTime();
            ExponentialSmoothing.Fit fit = ExponentialSmoothing.select(train);
            ExponentialSmoothing.Fit same = ExponentialSmoothing.fit(train,
                    ExponentialSmoothing.Spec.parse(s.etsModel()), ExponentialSmoothing.Criterion.LIKELIHOOD);
            double ms = (System.nanoTime() - t0) / 1e6;
            double[] ours = same.forecaster().forecast(s.h()).mean();
            double[] r = ForecastOracle.forecasts(name).column("ets_mean");
            System.out.printf("%s R %s %.4f | ours %s %.4f | same-model aicc %.4f conv=%s evals=%d fc diff %.2e (%.0f ms)%n",
                    name, s.etsModel(), s.etsAicc(), fit.spec(), fit.aicc(), same.aicc(), same.converged(),
                    same.evaluations(), ForecastOracle.maxRelativeDiff(ours, r), ms);
            var fc = same.forecaster().forecast(s.h());
            var of = ForecastOracle.forecasts(name);
            System.out.printf("   intervals lo80 %.2e hi80 %.2e lo95 %.2e hi95 %.2e%n",
                    ForecastOracle.maxRelativeDiff(fc.lower80(), of.column("ets_lo80")),
                    ForecastOracle.maxRelativeDiff(fc.upper80(), of.column("ets_hi80")),
                    ForecastOracle.maxRelativeDiff(fc.lower95(), of.column("ets_lo95")),
                    ForecastOracle.maxRelativeDiff(fc.upper95(), of.column("ets_hi95")));
            System.out.println("   R   " + s.etsParams().values());
            System.out.println("   ours alpha=" + same.alpha() + " beta=" + same.beta() + " gamma=" + same.gamma()
                    + " phi=" + same.phi() + " init=" + Arrays.toString(same.initialStates()));
        }
    }
}
