package dev.occam.runtime.forecast;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a fitted panel keeps of one series: its key, the time of its last value, and either its own fitted
 * {@link Forecaster} or (for the global model) its last values and scale.
 *
 * @param key the value of the series column ("" when there is no series column)
 * @param lastTime the time of the series' last value
 * @param forecaster the series' own model, or null when the panel's global model forecasts it
 * @param tail the series' last values, oldest first, that the global model reads (empty otherwise)
 * @param scale the series' scale for the global model (1 otherwise)
 */
public record SeriesModel(String key, LocalDateTime lastTime, Forecaster forecaster, double[] tail, double scale) {

    public SeriesModel {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastTime, "lastTime");
        tail = tail == null ? new double[0] : tail.clone();
        if (forecaster == null && tail.length == 0) {
            throw new IllegalArgumentException("series '" + key + "' has neither a model nor the values a global "
                    + "model reads");
        }
        if (!(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("series '" + key + "': scale must be positive: " + scale);
        }
    }

    @Override
    public double[] tail() {
        return tail.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesModel s && key.equals(s.key) && lastTime.equals(s.lastTime)
                && Objects.equals(forecaster, s.forecaster) && Arrays.equals(tail, s.tail) && scale == s.scale;
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }
}
