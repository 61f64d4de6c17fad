package dev.occam.runtime.forecast;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A fitted forecaster of one series: forecasts the next {@code horizon} values after the series it was fitted
 * on, with 80% and 95% prediction intervals. Implementations are immutable records, safe to share between
 * threads, and written to JSON with a {@code method} property naming the kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "method")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NaiveForecaster.class, name = "naive"),
    @JsonSubTypes.Type(value = SeasonalNaiveForecaster.class, name = "seasonal-naive"),
    @JsonSubTypes.Type(value = DriftForecaster.class, name = "drift"),
    @JsonSubTypes.Type(value = EtsForecaster.class, name = "ets"),
    @JsonSubTypes.Type(value = ThetaForecaster.class, name = "theta"),
    @JsonSubTypes.Type(value = ArimaForecaster.class, name = "arima"),
    @JsonSubTypes.Type(value = SeasonallyAdjustedForecaster.class, name = "stl")
})
public sealed interface Forecaster permits NaiveForecaster, SeasonalNaiveForecaster, DriftForecaster, EtsForecaster,
        ThetaForecaster, ArimaForecaster, SeasonallyAdjustedForecaster {

    /**
     * The point forecasts and 80% / 95% intervals of the next {@code horizon} values.
     *
     * @throws IllegalArgumentException when horizon is below 1
     */
    Forecast forecast(int horizon);

    /** A short name of the fitted model, such as "ETS(M,Ad,M)" or "ARIMA(0,1,1)(0,1,1)[12]". */
    String describe();

    /** How many values were estimated from the series (smoothing parameters, initial states, coefficients). */
    int parameterCount();

    static void checkHorizon(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("forecast horizon must be >= 1: " + horizon);
        }
    }
}
