package dev.occam.core.usecase;

import dev.occam.core.evaluate.Metric;
import dev.occam.runtime.Task;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads a use-case file (format {@code occam-usecase/1}) into a {@link UseCase}. Every key is checked
 * now, also those that later stages act on: unknown keys (typos), wrong types, values out of range and
 * settings that contradict each other are refused with one line naming the file, the line, the key and
 * the value. Data files are not opened; {@code data.path} is resolved against the use-case file's folder.
 */
public final class UseCaseReader {

    static final List<String> TOP_KEYS = List.of("name", "question", "data", "target", "task", "positive",
            "threshold", "interval", "time", "success", "current_rule", "constraints", "fairness", "selection", "stakeholders",
            "operation", "formula", "start", "costs");
    static final List<String> DATA_KEYS = List.of("path", "sql", "jdbc", "exclude", "drop_leaks");
    static final List<String> SUCCESS_KEYS = List.of("metric", "precision", "at_least", "at_most");
    static final List<String> CONSTRAINTS_KEYS = List.of("max_latency_us", "max_parameters", "interpretable",
            "monotone");
    static final List<String> FAIRNESS_KEYS = List.of("protected", "min_selection_rate_ratio", "use_protected",
            "favourable");
    static final List<String> SELECTION_KEYS = List.of("rule", "alpha", "candidates", "folds", "repeats", "seed",
            "split", "groups", "class_weight");
    static final List<String> COSTS_KEYS = List.of("false_positive", "false_negative");
    /** The keys of a candidate written as a mapping in {@code selection.candidates}. */
    static final List<String> CANDIDATE_KEYS = List.of("id", "learner", "options", "engine", "path");

    /** Each known key's section, "" for the top level. */
    static final Map<String, List<String>> KEYS_BY_SECTION = orderedSections();

    /** The required keys, each with what it holds, for messages. */
    private static final Map<String, String> REQUIRED = requiredKeys();

    private static final List<String> TASKS = List.of("classification", "regression");

    private UseCaseReader() {
    }

    private static Map<String, List<String>> orderedSections() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("", TOP_KEYS);
        m.put("data", DATA_KEYS);
        m.put("success", SUCCESS_KEYS);
        m.put("constraints", CONSTRAINTS_KEYS);
        m.put("fairness", FAIRNESS_KEYS);
        m.put("selection", SELECTION_KEYS);
        m.put("costs", COSTS_KEYS);
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, String> requiredKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", "lowercase letters, digits and hyphens, such as credit-scoring");
        m.put("question", "the question the model answers, in one sentence");
        m.put("data", "where the rows come from: path to a CSV or Parquet file, or sql");
        m.put("target", "the column to predict");
        m.put("success", "the metric and the bound a model must reach, such as {metric: auc, at_least: 0.8}");
        return Collections.unmodifiableMap(m);
    }

    /** Names every missing required key at once, so a new file is fixed in one round. */
    private static void requireKeys(Section top) throws UseCaseException {
        List<String> missing = REQUIRED.keySet().stream().filter(k -> !top.has(k)).toList();
        if (missing.size() == 1) {
            throw top.missing(missing.get(0), REQUIRED.get(missing.get(0)));
        }
        if (missing.size() > 1) {
            throw top.errorAtLine(0, "missing required keys " + missing.stream()
                    .map(k -> "'" + k + "' (" + REQUIRED.get(k) + ")").collect(Collectors.joining("; ")));
        }
    }

    /**
     * Reads and checks the use-case file.
     *
     * @throws UseCaseException if the file is missing or unreadable, or anything in it is wrong
     */
    public static UseCase read(Path file) throws UseCaseException {
        return parse(text(file), file);
    }

    /**
     * Every task a use case may name in {@code task:}: the prediction tasks read by {@link #read}, and the tasks
     * with readers of their own (forecast, segment, recommend), which {@link #taskOf} lets a caller choose.
     */
    public static final List<String> ALL_TASKS = Task.all().stream().map(Task::word).toList();

    /**
     * The task a use-case file names in its top-level {@code task:} key, or null when it names none (a prediction
     * task, then inferred from the data). Read before the file is checked against a task's keys, so that the CLI can
     * hand the file to that task's reader ({@link #read} for classification, multiclass and regression).
     *
     * @throws UseCaseException if the file cannot be read, is not YAML, or names an unknown task (the message
     *     names the line and the tasks)
     */
    public static Task taskOf(Path file) throws UseCaseException {
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String text = text(file);
        text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Source source = new Source(fileName, Map.of());
        YamlTree.Mapping tree = YamlTree.parse(text, fileName);
        // Only the task is read here: every other key is the chosen reader's to check.
        Section top = new Section(source, "", tree, 0, List.copyOf(tree.entries().keySet()));
        String word = top.choice("task", ALL_TASKS);
        return word == null ? null : Task.fromWord(word);
    }

    /** The largest use-case file read: 1 MiB, a thousand times the examples. */
    public static final long MAX_BYTES = 1 << 20;

    /** The file's text. @throws UseCaseException naming the file when it cannot be read as UTF-8 text */
    static String text(Path file) throws UseCaseException {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new UseCaseException(file + ": is a folder, not a use-case file (such as "
                    + file.resolve("usecase.yaml") + ")");
        }
        String yaml;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                // A use case is a page of settings; a large file is a mistake (the data?) or an attack on the parser.
                throw new UseCaseException(String.format(java.util.Locale.ROOT, "%s: the file is %,d bytes; a use"
                        + " case is at most %,d bytes of YAML (is this the data file? name it in data.path)", file,
                        size, MAX_BYTES), 0, null);
            }
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UseCaseException(file + ": no such file", 0, e);
        } catch (MalformedInputException e) {
            throw new UseCaseException(file + ": not UTF-8 text; save it as UTF-8", 0, e);
        } catch (IOException e) {
            throw new UseCaseException(file + ": cannot read: " + e.getMessage(), 0, e);
        }
        return yaml;
    }

    /**
     * Parses and checks use-case text as if read from {@code file}, which names it in messages and whose
     * folder relative paths are resolved against; the file need not exist.
     *
     * @throws UseCaseException if anything in it is wrong
     */
    public static UseCase parse(String yaml, Path file) throws UseCaseException {
        Map<String, String> homes = new LinkedHashMap<>();
        KEYS_BY_SECTION.forEach((section, keys) -> keys.forEach(k -> homes.put(k, section)));
        return UseCaseText.parse(yaml, file, homes, TOP_KEYS, UseCaseReader::read);
    }

    private static UseCase read(Section top, Path file) throws UseCaseException {
        // Structure first: an unknown key anywhere (such as target indented under data) explains more
        // than the missing key it causes.
        Map<String, Section> sections = new HashMap<>();
        for (Map.Entry<String, List<String>> e : KEYS_BY_SECTION.entrySet()) {
            if (!e.getKey().isEmpty()) {
                sections.put(e.getKey(), top.section(e.getKey(), e.getValue()));
            }
        }
        requireKeys(top);
        String name = top.requiredText("name", REQUIRED.get("name"));
        String question = top.requiredText("question", REQUIRED.get("question"));
        DataSpec data = data(sections.get("data"), file);
        String target = top.requiredText("target", REQUIRED.get("target"));
        String taskText = top.choice("task", TASKS);
        Task task = taskText == null ? null : Task.fromWord(taskText);
        String positive = top.text("positive");
        Double threshold = top.number("threshold");
        Success success = success(sections.get("success"));
        String currentRule = top.text("current_rule");
        Constraints constraints = constraints(sections.get("constraints"));
        Fairness fairness = fairness(sections.get("fairness"));
        SelectionSpec selection = selection(sections.get("selection"), file.toAbsolutePath().normalize().getParent());
        List<String> stakeholders = top.texts("stakeholders");
        String operation = top.text("operation");
        Double interval = top.number("interval");
        return new UseCase(file, name, question, data, target, task, positive, threshold, success, currentRule,
                constraints, fairness, selection, stakeholders == null ? List.of() : stakeholders, operation, interval,
                top.text("time"), formula(top), costs(sections.get("costs")));
    }

    /** {@code costs}: both kinds of mistake priced, or null without the section. */
    private static Costs costs(Section c) throws UseCaseException {
        if (c == null) {
            return null;
        }
        Double falsePositive = c.number("false_positive");
        Double falseNegative = c.number("false_negative");
        if (falsePositive == null || falseNegative == null) {
            String absent = falsePositive == null ? "false_positive" : "false_negative";
            throw c.missing(absent, "the cost of a " + absent.replace('_', ' ') + ", a number >= 0 (0 if it costs"
                    + " nothing), such as {false_positive: 1, false_negative: 10}");
        }
        return new Costs(falsePositive, falseNegative);
    }

    /** {@code formula} and {@code start}, or null without a formula (a start without one is refused). */
    private static FormulaSpec formula(Section top) throws UseCaseException {
        String text = top.text("formula");
        Map<String, YamlTree.Entry> entries = top.freeMapping("start",
                "a mapping of parameter: starting value, such as {Vm: 200, K: 0.1}");
        Map<String, Double> start = new LinkedHashMap<>();
        if (entries != null) {
            if (text == null) {
                throw top.error("start", "start gives starting values for a formula, but there is no formula");
            }
            for (YamlTree.Entry e : entries.values()) {
                if (!(e.value() instanceof YamlTree.Scalar s) || !s.isNumber()) {
                    throw top.errorAtLine(e.keyLine(), "start." + e.key() + " must be a number, not "
                            + YamlTree.describe(e.value()));
                }
                start.put(e.key(), s.number().doubleValue());
            }
        }
        return text == null ? null : new FormulaSpec(text, start);
    }

    private static DataSpec data(Section data, Path file) throws UseCaseException {
        Path base = file.toAbsolutePath().normalize().getParent();
        Path path = UseCaseText.dataPath(data, base);
        List<String> exclude = data.texts("exclude");
        Boolean dropLeaks = data.bool("drop_leaks");
        return new DataSpec(path, data.text("sql"), data.text("jdbc"), exclude == null ? List.of() : exclude,
                dropLeaks != null && dropLeaks, base);
    }

    private static Success success(Section success) throws UseCaseException {
        List<String> metricKeys = new ArrayList<>();
        for (Metric.Kind k : Metric.Kind.values()) {
            metricKeys.add(k.key());
        }
        String metricText = success.choice("metric", metricKeys);
        if (metricText == null) {
            throw success.missing("metric", "one of " + String.join(", ", metricKeys));
        }
        Metric metric = metric(success, Metric.Kind.fromKey(metricText));
        Double atLeast = success.number("at_least");
        Double atMost = success.number("at_most");
        if (atLeast != null && atMost != null) {
            throw success.error("at_most", "success has both at_least and at_most; keep one ("
                    + (metric.higherIsBetter() ? "at_least: higher " + metric.key() + " is better"
                            : "at_most: " + metric.key() + " is a loss") + ")");
        }
        if (atLeast == null && atMost == null) {
            throw success.missing(metric.higherIsBetter() ? "at_least" : "at_most", metric.higherIsBetter()
                    ? "the lowest acceptable " + metric.key()
                    : "the highest acceptable " + metric.key() + ", a loss");
        }
        return new Success(metric, atLeast != null ? atLeast : atMost, atLeast != null);
    }

    /**
     * The metric {@code success.metric} names, with {@code success.precision} for recall at a precision: required
     * there, in (0, 1), and refused beside any other metric, which it would not change.
     */
    private static Metric metric(Section success, Metric.Kind kind) throws UseCaseException {
        Double precision = success.number("precision");
        if (!kind.takesPrecision()) {
            if (precision != null) {
                throw success.error("precision", "success.precision is the precision "
                        + Metric.Kind.RECALL_AT_PRECISION.key() + " reads the recall at; " + kind.key()
                        + " takes none (delete it, or use metric: " + Metric.Kind.RECALL_AT_PRECISION.key() + ")");
            }
            return Metric.of(kind);
        }
        if (precision == null) {
            throw success.missing("precision", "the precision the recall is read at, a share in (0, 1) such as 0.9:"
                    + " the largest recall whose precision is at least 0.9");
        }
        if (!(precision > 0 && precision < 1)) {
            throw success.error("precision", "success.precision must be in (0, 1) for " + kind.key()
                    + (precision > 1 && precision < 100 ? " (a share, not a percentage)" : "") + ": "
                    + precision);
        }
        return Metric.recallAtPrecision(precision);
    }

    private static Constraints constraints(Section c) throws UseCaseException {
        if (c == null) {
            return Constraints.NONE;
        }
        Double maxLatencyUs = c.number("max_latency_us");
        Long maxParameters = c.whole("max_parameters");
        Boolean interpretable = c.bool("interpretable");
        Map<String, Monotone> monotone = new LinkedHashMap<>();
        Map<String, YamlTree.Entry> entries = c.freeMapping("monotone",
                "a mapping of column: increasing | decreasing, such as {Income: decreasing}");
        if (entries != null) {
            for (YamlTree.Entry e : entries.values()) {
                String key = c.qualified("monotone") + "." + e.key();
                if (!(e.value() instanceof YamlTree.Scalar s) || s.isNull()) {
                    throw c.errorAtLine(e.keyLine(), key + " must be increasing or decreasing, not "
                            + YamlTree.describe(e.value()));
                }
                try {
                    monotone.put(e.key(), Monotone.fromKey(s.text()));
                } catch (IllegalArgumentException bad) {
                    throw c.errorAtLine(e.keyLine(), key + " must be increasing or decreasing: " + Text.quote(s.text()));
                }
            }
        }
        return new Constraints(maxLatencyUs, maxParameters, interpretable != null && interpretable, monotone);
    }

    private static Fairness fairness(Section f) throws UseCaseException {
        if (f == null) {
            return Fairness.NONE;
        }
        List<String> protectedAttributes = f.texts("protected");
        Boolean useProtected = f.bool("use_protected");
        String favourable = f.text("favourable");
        Fairness.Favourable side = null;
        if (favourable != null) {
            try {
                side = Fairness.Favourable.valueOf(favourable.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException bad) {
                throw f.error("favourable", "fairness.favourable must be negative or positive: "
                        + Text.quote(favourable));
            }
        }
        return new Fairness(protectedAttributes == null ? List.of() : protectedAttributes,
                f.number("min_selection_rate_ratio"), useProtected != null && useProtected, side);
    }

    private static SelectionSpec selection(Section s, Path base) throws UseCaseException {
        if (s == null) {
            return SelectionSpec.DEFAULTS;
        }
        String rule = s.choice("rule", SelectionRule.keys());
        Double alpha = s.number("alpha");
        List<CandidateSpec> candidates = candidates(s, base);
        Long seed = s.whole("seed");
        return new SelectionSpec(rule == null ? SelectionRule.SIGNIFICANCE : SelectionRule.fromKey(rule),
                alpha == null ? SelectionSpec.DEFAULT_ALPHA : alpha, candidates,
                s.wholeInt("folds", SelectionSpec.DEFAULT_FOLDS), s.wholeInt("repeats", SelectionSpec.DEFAULT_REPEATS),
                seed == null ? SelectionSpec.DEFAULT_SEED : seed, s.choice("split", SelectionSpec.SPLITS),
                s.text("groups"), s.choice("class_weight", SelectionSpec.CLASS_WEIGHTS));
    }

    /**
     * {@code selection.candidates}: family names (each its own id, with its defaults) and mappings of id, learner,
     * options and engine. Option names and values are checked later by the ladder, which knows each learner's
     * options; here the structure, the families and the ids.
     */
    private static List<CandidateSpec> candidates(Section s, Path base) throws UseCaseException {
        List<YamlTree.Node> items = s.nodes("candidates");
        List<CandidateSpec> candidates = new ArrayList<>();
        if (items == null) {
            return candidates;
        }
        if (items.isEmpty()) {
            throw s.error("candidates", "selection.candidates is empty; delete the key to try every family");
        }
        Map<String, Integer> idLines = new HashMap<>();
        for (YamlTree.Node item : items) {
            CandidateSpec spec;
            if (item instanceof YamlTree.Scalar scalar && !scalar.isNull()) {
                String family = scalar.text().toLowerCase(Locale.ROOT);
                if (!SelectionSpec.FAMILIES.contains(family)) {
                    throw s.errorAtLine(item.line(), SelectionSpec.unknownFamily(scalar.text()));
                }
                spec = new CandidateSpec(family, family, Map.of(), CandidateSpec.LOCAL, s.where(item.line()), Map.of());
            } else if (item instanceof YamlTree.Mapping mapping) {
                spec = candidate(s.listItem("candidates", mapping, CANDIDATE_KEYS), mapping, base);
            } else {
                throw s.errorAtLine(item.line(), "selection.candidates items must be a family name or a mapping "
                        + "such as {id: boost-deep, learner: boosting, options: {max_depth: 6}}, not "
                        + YamlTree.describe(item));
            }
            Integer earlier = idLines.putIfAbsent(spec.id(), item.line());
            if (earlier != null) {
                throw s.errorAtLine(item.line(), "selection.candidates lists " + Text.quote(spec.id()) + " twice"
                        + (earlier != item.line() ? " (first on line " + earlier + ")" : "")
                        + (item instanceof YamlTree.Mapping ? "; give each candidate its own id, such as "
                                + spec.learner() + "-2" : ""));
            }
            candidates.add(spec);
        }
        return candidates;
    }

    private static CandidateSpec candidate(Section c, YamlTree.Mapping mapping, Path base) throws UseCaseException {
        String learner = c.choice("learner", SelectionSpec.FAMILIES);
        if (learner == null) {
            throw c.error("selection.candidates needs learner (the model family, one of "
                    + String.join(", ", SelectionSpec.FAMILIES) + ") in every candidate written as a mapping");
        }
        String id = c.text("id");
        String engine = c.choice("engine", CandidateSpec.ENGINES);
        Map<String, Object> options = new LinkedHashMap<>();
        Map<String, String> optionLocations = new LinkedHashMap<>();
        Map<String, YamlTree.Entry> entries = c.freeMapping("options",
                "a mapping of option: value, such as {max_depth: 2}");
        if (entries != null) {
            for (YamlTree.Entry e : entries.values()) {
                String key = "selection.candidates" + (id == null ? "" : "." + id) + ".options." + e.key();
                options.put(e.key(), optionValue(c, key, e.value()));
                optionLocations.put(e.key(), c.where(e.keyLine()));
            }
        }
        // An existing model's file (learner: onnx), resolved against the use-case file's folder like data.path.
        String path = c.text("path");
        if (path != null) {
            options.put("path", base.resolve(path).normalize().toString());
            optionLocations.put("path", c.where(c.lineOf("path")));
        }
        try {
            return new CandidateSpec(id, learner, options, engine, c.where(mapping.line()), optionLocations);
        } catch (KeyedArgumentException e) {
            throw c.errorAtLine(c.lineOf(id == null ? "learner" : "id"), e.getMessage());
        }
    }

    /** An option's value as Java sees it: whole numbers as Long, other numbers as Double, booleans, texts, lists. */
    private static Object optionValue(Section c, String key, YamlTree.Node value) throws UseCaseException {
        if (value instanceof YamlTree.Sequence seq) {
            List<Object> out = new ArrayList<>();
            for (YamlTree.Node item : seq.items()) {
                if (item instanceof YamlTree.Sequence) {
                    throw c.errorAtLine(item.line(), key + " must be a value or a list of values, not a list of lists");
                }
                out.add(optionValue(c, key, item));
            }
            return List.copyOf(out);
        }
        if (!(value instanceof YamlTree.Scalar s) || s.isNull()) {
            throw c.errorAtLine(value.line(), key + " must be a value (a number, true or false, or a word), not "
                    + YamlTree.describe(value));
        }
        if (s.isBoolean()) {
            return s.token() == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE;
        }
        if (s.isNumber()) {
            Number n = s.number();
            if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
                return n.longValue();
            }
            if (n instanceof java.math.BigInteger b) {
                throw c.errorAtLine(s.line(), key + " is too large: " + b);
            }
            return n.doubleValue();
        }
        return s.text();
    }
}
