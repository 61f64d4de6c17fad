package dev.occam.core.usecase;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A forecasting use case ({@code task: forecast}), as {@link ForecastUseCaseReader} reads it.
 *
 * @param file the use-case file
 * @param name lowercase letters, digits and hyphens; names the output folder and the served model
 * @param question the question, in one sentence
 * @param data where the rows come from (path, sql or jdbc)
 * @param target the column to forecast
 * @param time the date or timestamp column
 * @param frequency "hourly" .. "annual", or null to infer it from the times
 * @param series the column naming each series, or null for one series
 * @param horizon values ahead, at least 1
 * @param metric mase, smape, rmsse or mae (a loss)
 * @param atMost the bound the chosen method's mean metric must stay at or under
 * @param rule how the method is chosen (significance, one-se, best)
 * @param alpha the comparisons' significance level
 * @param origins rolling origins, or null for the default (5 for up to 20 series, else 3)
 */
public record ForecastUseCase(Path file, String name, String question, DataSpec data, String target, String time,
        String frequency, String series, int horizon, String metric, double atMost, SelectionRule rule, double alpha,
        Integer origins) {

    /** The metrics a forecast may be judged by. */
    public static final List<String> METRICS = List.of("mase", "smape", "rmsse", "mae");

    public ForecastUseCase {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(rule, "rule");
        if (!UseCase.NAME.matcher(name).matches()) {
            throw new KeyedArgumentException("name", "name must be lowercase letters, digits and hyphens "
                    + "([a-z0-9-]+): " + Text.quote(name));
        }
        if (horizon < 1) {
            throw new KeyedArgumentException("horizon", "horizon must be at least 1 step: " + horizon);
        }
        if (horizon > 10_000) {
            throw new KeyedArgumentException("horizon", "horizon must be at most 10000 steps: " + horizon);
        }
        if (!METRICS.contains(metric)) {
            throw new KeyedArgumentException("success.metric", "success.metric must be one of "
                    + String.join(", ", METRICS) + " for a forecast: " + Text.quote(metric));
        }
        if (!(atMost >= 0) || Double.isInfinite(atMost)) {
            throw new KeyedArgumentException("success.at_most", "success.at_most must be a number >= 0 for "
                    + metric + ": " + atMost);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new KeyedArgumentException("selection.alpha", "selection.alpha must be in (0, 1): " + alpha);
        }
        if (origins != null && (origins < 2 || origins > 50)) {
            throw new KeyedArgumentException("selection.origins", "selection.origins must be in 2..50: " + origins);
        }
        if (target.equals(time)) {
            throw new KeyedArgumentException("time", "time and target both name " + Text.quote(time)
                    + "; time is the date column, target the value to forecast");
        }
        if (series != null && (series.equals(target) || series.equals(time))) {
            throw new KeyedArgumentException("series", "series names " + Text.quote(series)
                    + ", which is already the " + (series.equals(target) ? "target" : "time") + " column");
        }
    }
}
