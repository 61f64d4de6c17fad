/**
 * Fitting forecasters of one time series ({@link dev.occam.core.forecast.TimeSeries}: values and a seasonal period):
 * the benchmarks ({@link dev.occam.core.forecast.Benchmarks}), exponential smoothing chosen by AICc
 * ({@link dev.occam.core.forecast.ExponentialSmoothing}), the Theta method ({@link dev.occam.core.forecast.Theta}) and
 * ARIMA chosen by auto.arima's search ({@link dev.occam.core.forecast.Arima}), each as R forecast 8.20 does it; the
 * ladder of them ({@link dev.occam.core.forecast.ForecastLadder}); accuracy by the M4/M5 definitions
 * ({@link dev.occam.core.forecast.ForecastAccuracy}) and rolling-origin evaluation
 * ({@link dev.occam.core.forecast.RollingOrigin}). The fitted models are runtime records
 * ({@code dev.occam.runtime.forecast}). Not yet wired into the use case, the fit job or the CLI. See
 * {@code docs/forecasting.md}.
 */
package dev.occam.core.forecast;
