package dev.occam.core.forecast;

import dev.occam.runtime.forecast.Forecaster;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The forecasting ladder, simplest first: the benchmarks (naive, seasonal naive, drift), exponential smoothing
 * chosen by AICc, the Theta method, and ARIMA chosen by auto.arima's search. Each method is a function of the
 * training series alone, so {@link RollingOrigin} can refit it at every origin.
 */
public final class ForecastLadder {

    /** One rung's method. */
    public enum Method {
        NAIVE("naive", Benchmarks::naive),
        SEASONAL_NAIVE("seasonal-naive", Benchmarks::seasonalNaive),
        DRIFT("drift", Benchmarks::drift),
        ETS("ets", s -> ExponentialSmoothing.select(s).forecaster()),
        THETA("theta", Theta::fit),
        ARIMA("arima", s -> Arima.select(s).forecaster());

        private final String id;
        private final Function<TimeSeries, ? extends Forecaster> fitter;

        Method(String id, Function<TimeSeries, ? extends Forecaster> fitter) {
            this.id = id;
            this.fitter = fitter;
        }

        /** The name used in files and messages ("seasonal-naive"). */
        public String id() {
            return id;
        }

        /** Fits this method to the series. */
        public Forecaster fit(TimeSeries series) {
            return fitter.apply(series);
        }

        /** Whether the method applies to the series: the seasonal naive method needs a period above 1. */
        public boolean appliesTo(TimeSeries series) {
            return this != SEASONAL_NAIVE || series.period() > 1;
        }
    }

    /**
     * One rung's outcome: the fitted forecaster, or why it could not be fitted (in words, naming the method).
     *
     * @param method the method
     * @param forecaster the fitted model, or null when skipped
     * @param skipped why it was skipped, or null when fitted
     */
    public record Rung(Method method, Forecaster forecaster, String skipped) {
        public Rung {
            Objects.requireNonNull(method, "method");
            if ((forecaster == null) == (skipped == null)) {
                throw new IllegalArgumentException("a rung holds either a forecaster or the reason it was skipped");
            }
        }
    }

    private ForecastLadder() {
    }

    /** Fits every method of the ladder that applies to the series, in ladder order. */
    public static List<Rung> fit(TimeSeries series) {
        List<Rung> rungs = new ArrayList<>();
        for (Method method : Method.values()) {
            if (!method.appliesTo(series)) {
                continue;
            }
            try {
                rungs.add(new Rung(method, method.fit(series), null));
            } catch (IllegalArgumentException e) {
                rungs.add(new Rung(method, null, method.id() + " was not fitted: " + e.getMessage()));
            }
        }
        return rungs;
    }
}
