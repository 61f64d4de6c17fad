package dev.occam.runtime.forecast;

/**
 * One future value of one series: the series (null when the use case has one series), the time in ISO form, the
 * point forecast and the 80% and 95% prediction intervals.
 */
public record ForecastRow(String series, String time, double forecast, double lower80, double upper80,
        double lower95, double upper95) {
}
