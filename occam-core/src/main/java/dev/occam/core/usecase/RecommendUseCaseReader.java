package dev.occam.core.usecase;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code task: recommend} use-case file into a {@link RecommendUseCase}, with the checks and messages of
 * {@link UseCaseReader}: an unknown key names its line and the nearest known key, a missing one says what it
 * holds, a wrong value names the key and the value.
 *
 * <pre>
 * name: shop-recommendations
 * question: Which ten products should each customer see next?
 * task: recommend
 * data:
 *   path: orders.csv        # one row per interaction
 * user: customer_id
 * item: product_id
 * time: ordered_at          # optional
 * rating: stars             # optional
 * success:
 *   metric: ndcg@10         # ndcg@10 | recall@10 | map@10 | coverage
 *   at_least: 0.05
 * </pre>
 */
public final class RecommendUseCaseReader {

    static final List<String> TOP_KEYS = List.of("name", "question", "task", "data", "user", "item", "time", "rating",
            "success");
    static final List<String> DATA_KEYS = List.of("path", "sql", "jdbc");
    static final List<String> SUCCESS_KEYS = List.of("metric", "at_least");

    private RecommendUseCaseReader() {
    }

    /** @throws UseCaseException if the file is missing or unreadable, or anything in it is wrong */
    public static RecommendUseCase read(Path file) throws UseCaseException {
        return parse(UseCaseReader.text(file), file);
    }

    /** Parses use-case text as if read from {@code file} (which names it in messages; it need not exist). */
    public static RecommendUseCase parse(String yaml, Path file) throws UseCaseException {
        Map<String, String> homes = new LinkedHashMap<>();
        TOP_KEYS.forEach(k -> homes.put(k, ""));
        DATA_KEYS.forEach(k -> homes.putIfAbsent(k, "data"));
        SUCCESS_KEYS.forEach(k -> homes.putIfAbsent(k, "success"));
        return UseCaseText.parse(yaml, file, homes, TOP_KEYS, RecommendUseCaseReader::read);
    }

    private static RecommendUseCase read(Section top, Path file) throws UseCaseException {
        Section data = top.section("data", DATA_KEYS);
        Section success = top.section("success", SUCCESS_KEYS);
        String task = top.choice("task", List.of("recommend"));
        if (task == null) {
            throw top.missing("task", "recommend");
        }
        String name = top.requiredText("name", "lowercase letters, digits and hyphens, such as shop-recommendations");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw top.error("name", "name must be lowercase letters, digits and hyphens, such as shop-recommendations: "
                    + Text.quote(name));
        }
        String question = top.requiredText("question", "the question the recommendations answer, in one sentence");
        if (data == null) {
            throw top.missing("data", "where the interactions come from: path to a CSV or Parquet file, or sql");
        }
        DataSpec dataSpec = data(data, file);
        String user = top.requiredText("user", "the column naming the user of each interaction, such as customer_id");
        String item = top.requiredText("item", "the column naming the item, such as product_id");
        String time = top.text("time");
        String rating = top.text("rating");
        if (success == null) {
            throw top.missing("success", "the metric and the bar, such as {metric: ndcg@10, at_least: 0.05}");
        }
        List<String> metricKeys = Arrays.stream(RecommendUseCase.Metric.values()).map(RecommendUseCase.Metric::key).toList();
        String metric = success.choice("metric", metricKeys);
        if (metric == null) {
            throw success.missing("metric", "one of " + String.join(", ", metricKeys));
        }
        Double bar = success.number("at_least");
        if (bar == null) {
            throw success.missing("at_least", "the lowest acceptable " + metric);
        }
        return new RecommendUseCase(file, name, question, dataSpec, user, item, time, rating,
                RecommendUseCase.Metric.fromKey(metric), bar);
    }

    private static DataSpec data(Section data, Path file) throws UseCaseException {
        Path base = file.toAbsolutePath().normalize().getParent();
        Path path = UseCaseText.dataPath(data, base);
        return new DataSpec(path, data.text("sql"), data.text("jdbc"), List.of(), false, base);
    }
}
