package dev.occam.runtime.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fitted forecasting use case: one model per series (the method the fit chose, refitted on each whole series)
 * or the panel's global model, and the calendar to step forward in. Immutable and thread-safe; {@link #forecast}
 * gives the rows {@code occam predict}, {@code Occam.forecast} and {@code POST /v1/models/{name}/forecast} return.
 *
 * @param name the use case's name
 * @param target the forecast column
 * @param timeColumn the time column
 * @param seriesColumn the column naming the series, or null for one series
 * @param frequency the series' frequency
 * @param method the chosen method's id ("ets", "global-boosting", ...)
 * @param horizon the horizon the use case asked for, the default of {@link #forecast}
 * @param series every series, in the data's order of first appearance
 * @param global the global model, or null when each series has its own
 */
public record ForecastModel(String name, String target, String timeColumn, String seriesColumn, Frequency frequency,
        String method, int horizon, List<SeriesModel> series, GlobalBoostedModel global) {

    public ForecastModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeColumn, "timeColumn");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(method, "method");
        Forecaster.checkHorizon(horizon);
        series = List.copyOf(series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a forecast model needs at least one series");
        }
        for (SeriesModel s : series) {
            if (s.forecaster() == null && global == null) {
                throw new IllegalArgumentException("series '" + s.key() + "' has no model and there is no global "
                        + "model");
            }
        }
    }

    /** The series by key, in order. */
    public Map<String, SeriesModel> byKey() {
        Map<String, SeriesModel> map = new LinkedHashMap<>();
        series.forEach(s -> map.put(s.key(), s));
        return map;
    }

    /** The forecast of one series. @throws IllegalArgumentException when the series is unknown or horizon < 1 */
    public Forecast forecastOf(String key, int steps) {
        SeriesModel s = byKey().get(key);
        if (s == null) {
            throw unknownSeries(key);
        }
        return forecastOf(s, steps);
    }

    private Forecast forecastOf(SeriesModel s, int steps) {
        return s.forecaster() != null ? s.forecaster().forecast(steps)
                : global.forecast(s.tail(), s.scale(), s.lastTime(), steps);
    }

    private IllegalArgumentException unknownSeries(String key) {
        return new IllegalArgumentException(seriesColumn == null
                ? "this model forecasts one series and has no series column; leave the series out"
                : "unknown series '" + key + "' in " + seriesColumn + "; the model knows " + series.size()
                        + " series, such as '" + series.get(0).key() + "'");
    }

    /**
     * One row per series (every series when {@code key} is null, else that one) and future time, series by series,
     * time ascending.
     *
     * @param steps values ahead, at least 1
     * @throws IllegalArgumentException when the series is unknown or steps < 1
     */
    public List<ForecastRow> forecast(String key, int steps) {
        Forecaster.checkHorizon(steps);
        List<SeriesModel> chosen = series;
        if (key != null) {
            SeriesModel one = byKey().get(key);
            if (one == null) {
                throw unknownSeries(key);
            }
            chosen = List.of(one);
        }
        List<ForecastRow> rows = new ArrayList<>(chosen.size() * steps);
        for (SeriesModel s : chosen) {
            Forecast f = forecastOf(s, steps);
            double[] mean = f.mean();
            double[] lo80 = f.lower80();
            double[] hi80 = f.upper80();
            double[] lo95 = f.lower95();
            double[] hi95 = f.upper95();
            for (int h = 0; h < steps; h++) {
                rows.add(new ForecastRow(seriesColumn == null ? null : s.key(),
                        frequency.format(frequency.plus(s.lastTime(), h + 1)), mean[h], lo80[h], hi80[h], lo95[h],
                        hi95[h]));
            }
        }
        return rows;
    }
}
