package dev.occam.core.usecase;

import dev.occam.runtime.Task;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code task: segment} use-case file into a {@link SegmentUseCase}, checking every key as
 * {@link UseCaseReader} does for prediction tasks: an unknown key names its line and the nearest known key, a wrong
 * value names the key and the value. Data files are not opened.
 */
public final class SegmentUseCaseReader {

    static final List<String> TOP_KEYS = List.of("name", "question", "task", "data", "success", "selection");
    static final List<String> DATA_KEYS = List.of("path", "sql", "jdbc", "exclude");
    static final List<String> SUCCESS_KEYS = List.of("metric", "at_least");
    static final List<String> SELECTION_KEYS = List.of("seed", "max_segments", "resamples", "max_rows");

    private static final Map<String, List<String>> KEYS_BY_SECTION = sections();

    private SegmentUseCaseReader() {
    }

    private static Map<String, List<String>> sections() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("", TOP_KEYS);
        m.put("data", DATA_KEYS);
        m.put("success", SUCCESS_KEYS);
        m.put("selection", SELECTION_KEYS);
        return Collections.unmodifiableMap(m);
    }

    /** @throws UseCaseException if the file is missing or unreadable, or anything in it is wrong */
    public static SegmentUseCase read(Path file) throws UseCaseException {
        return parse(UseCaseReader.text(file), file);
    }

    /** Parses use-case text as if read from {@code file} (which need not exist). */
    public static SegmentUseCase parse(String yaml, Path file) throws UseCaseException {
        Map<String, String> homes = new LinkedHashMap<>();
        KEYS_BY_SECTION.forEach((section, keys) -> keys.forEach(k -> homes.put(k, section)));
        return UseCaseText.parse(yaml, file, homes, TOP_KEYS, SegmentUseCaseReader::read);
    }

    private static SegmentUseCase read(Section top, Path file) throws UseCaseException {
        Section data = top.section("data", DATA_KEYS);
        Section success = top.section("success", SUCCESS_KEYS);
        Section selection = top.section("selection", SELECTION_KEYS);
        String task = top.choice("task", UseCaseReader.ALL_TASKS);
        if (task == null || Task.fromWord(task) != Task.SEGMENTATION) {
            throw top.error("task", "this reader is for task: segment, the file says "
                    + (task == null ? "no task" : "task: " + task));
        }
        String name = top.requiredText("name", "lowercase letters, digits and hyphens, such as customer-segments");
        String question = top.requiredText("question", "the question the segments answer, in one sentence");
        if (data == null) {
            throw top.missing("data", "where the rows come from: path to a CSV or Parquet file, or sql");
        }
        if (success == null) {
            throw top.missing("success", "the metric and the bound the segments must reach, such as {metric: "
                    + "stability, at_least: 0.6}");
        }
        return new SegmentUseCase(file, name, question, data(data, file), success(success), settings(selection));
    }

    private static DataSpec data(Section data, Path file) throws UseCaseException {
        Path base = file.toAbsolutePath().normalize().getParent();
        Path path = UseCaseText.dataPath(data, base);
        List<String> exclude = data.texts("exclude");
        return new DataSpec(path, data.text("sql"), data.text("jdbc"), exclude == null ? List.of() : exclude, false,
                base);
    }

    private static SegmentUseCase.Success success(Section success) throws UseCaseException {
        String metric = success.choice("metric", SegmentUseCase.METRICS);
        if (metric == null) {
            throw success.missing("metric", "one of " + String.join(", ", SegmentUseCase.METRICS));
        }
        Double atLeast = success.number("at_least");
        if (atLeast == null) {
            throw success.missing("at_least", "the lowest acceptable " + metric);
        }
        return new SegmentUseCase.Success(metric, atLeast);
    }

    private static SegmentUseCase.Settings settings(Section s) throws UseCaseException {
        SegmentUseCase.Settings d = SegmentUseCase.Settings.DEFAULTS;
        if (s == null) {
            return d;
        }
        Long seed = s.whole("seed");
        return new SegmentUseCase.Settings(seed == null ? d.seed() : seed, s.wholeInt("max_segments", d.maxSegments()),
                s.wholeInt("resamples", d.resamples()), s.wholeInt("max_rows", d.maxRows()));
    }
}
