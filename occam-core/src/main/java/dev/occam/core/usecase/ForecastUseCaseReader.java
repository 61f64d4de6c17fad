package dev.occam.core.usecase;

import dev.occam.runtime.forecast.Frequency;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a forecasting use case ({@code task: forecast}; see docs/usecase.md). Mistakes name the file, the line,
 * the key and the nearest valid key, as {@link UseCaseReader} does for the prediction tasks; data files are not
 * opened.
 */
public final class ForecastUseCaseReader {

    static final List<String> TOP_KEYS = List.of("name", "question", "task", "data", "target", "time", "frequency",
            "series", "horizon", "success", "selection");
    static final List<String> DATA_KEYS = List.of("path", "sql", "jdbc");
    static final List<String> SUCCESS_KEYS = List.of("metric", "at_most");
    static final List<String> SELECTION_KEYS = List.of("rule", "alpha", "origins");

    private ForecastUseCaseReader() {
    }

    /** @throws UseCaseException if the file is missing or unreadable, or anything in it is wrong */
    public static ForecastUseCase read(Path file) throws UseCaseException {
        return parse(UseCaseReader.text(file), file);
    }

    /** Parses use-case text as if read from {@code file} (which need not exist). */
    public static ForecastUseCase parse(String yaml, Path file) throws UseCaseException {
        Map<String, String> homes = new LinkedHashMap<>();
        TOP_KEYS.forEach(k -> homes.put(k, ""));
        DATA_KEYS.forEach(k -> homes.putIfAbsent(k, "data"));
        SUCCESS_KEYS.forEach(k -> homes.putIfAbsent(k, "success"));
        SELECTION_KEYS.forEach(k -> homes.putIfAbsent(k, "selection"));
        return UseCaseText.parse(yaml, file, homes, TOP_KEYS, ForecastUseCaseReader::read);
    }

    private static ForecastUseCase read(Section top, Path file) throws UseCaseException {
        Section data = top.section("data", DATA_KEYS);
        Section success = top.section("success", SUCCESS_KEYS);
        Section selection = top.section("selection", SELECTION_KEYS);
        String task = top.choice("task", UseCaseReader.ALL_TASKS);
        if (!"forecast".equals(task)) {
            throw top.error("task", "this reader is for task: forecast, not " + task);
        }
        String name = top.requiredText("name", "lowercase letters, digits and hyphens, such as wine-sales");
        String question = top.requiredText("question", "the question the forecast answers, in one sentence");
        if (data == null) {
            throw top.missing("data", "where the rows come from: path to a CSV or Parquet file, or sql");
        }
        String target = top.requiredText("target", "the column to forecast");
        String time = top.requiredText("time", "the date or timestamp column");
        String frequency = top.choice("frequency", Frequency.words());
        String series = top.text("series");
        Long horizon = top.whole("horizon");
        if (horizon == null) {
            throw top.missing("horizon", "how many steps ahead to forecast, such as 24");
        }
        if (horizon < 1 || horizon > 10_000) {
            throw top.error("horizon", "horizon must be in 1..10000 steps: " + horizon);
        }
        if (success == null) {
            throw top.missing("success", "the metric and the bound, such as {metric: mase, at_most: 1.0}");
        }
        String metric = success.choice("metric", ForecastUseCase.METRICS);
        if (metric == null) {
            throw success.missing("metric", "one of " + String.join(", ", ForecastUseCase.METRICS));
        }
        Double atMost = success.number("at_most");
        if (atMost == null) {
            throw success.missing("at_most", "the highest acceptable " + metric + ", a loss");
        }
        SelectionRule rule = SelectionRule.SIGNIFICANCE;
        double alpha = SelectionSpec.DEFAULT_ALPHA;
        Integer origins = null;
        if (selection != null) {
            String r = selection.choice("rule", SelectionRule.keys());
            rule = r == null ? rule : SelectionRule.fromKey(r);
            Double a = selection.number("alpha");
            alpha = a == null ? alpha : a;
            Long o = selection.whole("origins");
            if (o != null) {
                if (o < 2 || o > 50) {
                    throw selection.error("origins", "selection.origins must be in 2..50: " + o);
                }
                origins = o.intValue();
            }
        }
        return new ForecastUseCase(file, name, question, dataSpec(data, file), target, time, frequency, series,
                horizon.intValue(), metric, atMost, rule, alpha, origins);
    }

    private static DataSpec dataSpec(Section data, Path file) throws UseCaseException {
        Path base = file.toAbsolutePath().normalize().getParent();
        Path path = UseCaseText.dataPath(data, base);
        return new DataSpec(path, data.text("sql"), data.text("jdbc"), List.of(), false, base);
    }
}
