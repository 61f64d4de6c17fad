package dev.occam.core.usecase;

import dev.occam.core.evaluate.Metric;
import dev.occam.runtime.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A use case, format {@code occam-usecase/1}: the question a model answers, its data and target, what
 * success means, and the constraints, fairness requirements and selection settings that decide which
 * model is chosen. Read one with {@link UseCaseReader}; every value here has been checked, alone and
 * against the others.
 *
 * @param file the use-case file, as given to the reader
 * @param name lowercase letters, digits and hyphens; names the output folder and the served model
 * @param task classification or regression, or null to infer it from the data
 * @param positive the class whose probability is scored, or null to infer it
 * @param threshold the probability at or above which a row is called positive, in (0, 1), or null for
 *     the default (the one that calls positive the share observed in training)
 * @param currentRule today's business rule, a SQL expression over the columns, or null
 * @param stakeholders who the model's decisions matter to; empty when not stated
 * @param operation how the model will be run, or null
 * @param interval regression: the share of new values the prediction interval should hold, in (0, 1), or null
 *     for the default {@link #DEFAULT_INTERVAL} (see {@link #intervalLevel()})
 * @param time the column that orders the rows in time (dates in ISO form or numbers), or null; with
 *     {@code selection.split: time} the folds follow it
 * @param formula the model equation the domain knows ({@code formula} and {@code start}), or null; regression only
 * @param costs what each wrong decision costs, which then sets the threshold (see {@link Costs}), or null; two
 *     classes only, and not with {@code threshold}
 */
public record UseCase(Path file, String name, String question, DataSpec data, String target, Task task,
        String positive, Double threshold, Success success, String currentRule, Constraints constraints,
        Fairness fairness, SelectionSpec selection, List<String> stakeholders, String operation, Double interval,
        String time, FormulaSpec formula, Costs costs) {

    /** What {@code name} must match. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

    /** The formula's checks (see {@link FormulaSpec}): regression only, read against the target. */
    private static void checkFormula(FormulaSpec formula, String target, Task implied, SelectionSpec selection) {
        if (formula == null) {
            if (selection.candidates().stream().anyMatch(c -> c.learner().equals("formula"))) {
                throw new KeyedArgumentException("selection.candidates", "selection.candidates lists formula, but "
                        + "there is no formula; add formula: " + target + " ~ <equation> at the top level");
            }
            return;
        }
        if (implied != Task.REGRESSION) {
            throw new KeyedArgumentException("formula", "formula is a model equation for a number, so it is only for"
                    + " regression, but the task is " + lower(implied));
        }
        formula.check(target);
    }

    /** The prediction interval's level when the use case states none. */
    public static final double DEFAULT_INTERVAL = 0.9;

    /** A use case with the default interval. */
    public UseCase(Path file, String name, String question, DataSpec data, String target, Task task,
            String positive, Double threshold, Success success, String currentRule, Constraints constraints,
            Fairness fairness, SelectionSpec selection, List<String> stakeholders, String operation) {
        this(file, name, question, data, target, task, positive, threshold, success, currentRule, constraints,
                fairness, selection, stakeholders, operation, null, null);
    }

    /** A use case without a time column. */
    public UseCase(Path file, String name, String question, DataSpec data, String target, Task task,
            String positive, Double threshold, Success success, String currentRule, Constraints constraints,
            Fairness fairness, SelectionSpec selection, List<String> stakeholders, String operation, Double interval) {
        this(file, name, question, data, target, task, positive, threshold, success, currentRule, constraints,
                fairness, selection, stakeholders, operation, interval, null);
    }

    /** A use case without costs. */
    public UseCase(Path file, String name, String question, DataSpec data, String target, Task task,
            String positive, Double threshold, Success success, String currentRule, Constraints constraints,
            Fairness fairness, SelectionSpec selection, List<String> stakeholders, String operation, Double interval,
            String time, FormulaSpec formula) {
        this(file, name, question, data, target, task, positive, threshold, success, currentRule, constraints,
                fairness, selection, stakeholders, operation, interval, time, formula, null);
    }

    /** A use case without a formula. */
    public UseCase(Path file, String name, String question, DataSpec data, String target, Task task,
            String positive, Double threshold, Success success, String currentRule, Constraints constraints,
            Fairness fairness, SelectionSpec selection, List<String> stakeholders, String operation, Double interval,
            String time) {
        this(file, name, question, data, target, task, positive, threshold, success, currentRule, constraints,
                fairness, selection, stakeholders, operation, interval, time, null);
    }

    public UseCase {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(success, "success");
        constraints = constraints == null ? Constraints.NONE : constraints;
        fairness = fairness == null ? Fairness.NONE : fairness;
        selection = selection == null ? SelectionSpec.DEFAULTS : selection;
        stakeholders = List.copyOf(stakeholders == null ? List.of() : stakeholders);

        requireText("name", name);
        if (!NAME.matcher(name).matches()) {
            throw new KeyedArgumentException("name", "name must be lowercase letters, digits and hyphens "
                    + "([a-z0-9-]+): " + Text.quote(name) + suggestName(name));
        }
        requireText("question", question);
        requireText("target", target);
        optionalText("positive", positive);
        optionalText("current_rule", currentRule);
        optionalText("operation", operation);
        for (String s : stakeholders) {
            if (s.isBlank()) {
                throw new KeyedArgumentException("stakeholders", "stakeholders has an empty entry");
            }
        }

        Metric metric = success.metric();
        if (task != null && metric.task() != task) {
            throw new KeyedArgumentException("success.metric", "success.metric " + metric.key() + " is for "
                    + lower(metric.task()) + ", but task is " + lower(task) + "; for " + lower(task) + " use "
                    + metricsFor(task));
        }
        Task implied = task != null ? task : metric.task();
        String because = task != null ? "task is regression" : "success.metric " + metric.key() + " is for regression";
        if (positive != null && implied != Task.CLASSIFICATION) {
            throw new KeyedArgumentException("positive", "positive names the class to score, so it is only for "
                    + "classification, but " + because);
        }
        if (threshold != null) {
            if (implied != Task.CLASSIFICATION) {
                throw new KeyedArgumentException("threshold", "threshold is a probability cut-off, so it is only "
                        + "for classification, but " + because);
            }
            if (!(threshold > 0 && threshold < 1)) {
                throw new KeyedArgumentException("threshold", "threshold must be in (0, 1): " + threshold);
            }
        }
        if (selection.balancedClasses() && implied != Task.CLASSIFICATION) {
            throw new KeyedArgumentException("selection.class_weight", "selection.class_weight weighs the classes,"
                    + " so it is only for classification, but " + because);
        }
        if (costs != null) {
            if (implied != Task.CLASSIFICATION) {
                throw new KeyedArgumentException("costs", "costs price the two kinds of wrong call, so they are"
                        + " only for classification, but " + because);
            }
            if (threshold != null) {
                throw new KeyedArgumentException("costs", "the use case has both threshold ("
                        + dev.occam.runtime.io.Json.number(threshold) + ") and costs; costs choose the threshold,"
                        + " so keep one");
            }
        }
        if (interval != null) {
            if (implied != Task.REGRESSION) {
                throw new KeyedArgumentException("interval", "interval is the coverage of a regression model's"
                        + " prediction interval, so it is only for regression, but " + (task != null
                                ? "task is classification" : "success.metric " + metric.key() + " is for classification"));
            }
            if (!(interval > 0 && interval < 1)) {
                throw new KeyedArgumentException("interval", "interval must be in (0, 1), a share such as 0.9 for"
                        + " 90%: " + dev.occam.runtime.io.Json.number(interval));
            }
        }
        if (selection.candidates().stream().anyMatch(c -> c.learner().equals("current-rule")) && currentRule == null) {
            throw new KeyedArgumentException("selection.candidates", "selection.candidates lists current-rule, "
                    + "but there is no current_rule");
        }

        checkFormula(formula, target, implied, selection);
        optionalText("time", time);
        if (selection.timeOrdered() && time == null) {
            throw new KeyedArgumentException("selection.split", "selection.split: time needs the time column: add "
                    + "time: <column> at the top level");
        }
        if (time != null && (time.equals(target) || time.equals(selection.groups()))) {
            throw new KeyedArgumentException("time", "time names " + Text.quote(time) + ", which is "
                    + (time.equals(target) ? "the target" : "selection.groups"));
        }

        // Roles of columns must not contradict each other.
        if (data.exclude().contains(target)) {
            throw new KeyedArgumentException("data.exclude", "data.exclude lists the target " + Text.quote(target)
                    + "; the target is never a feature anyway");
        }
        if (fairness.protectedAttributes().contains(target)) {
            throw new KeyedArgumentException("fairness.protected", "fairness.protected lists the target "
                    + Text.quote(target));
        }
        if (fairness.useProtected()) {
            for (String column : fairness.protectedAttributes()) {
                if (data.exclude().contains(column)) {
                    throw new KeyedArgumentException("data.exclude", "data.exclude lists " + Text.quote(column)
                            + ", which fairness.use_protected asks to use as a feature");
                }
            }
        }
        for (String column : constraints.monotone().keySet()) {
            String why = column.equals(target) ? "it is the target"
                    : data.exclude().contains(column) ? "data.exclude lists it"
                    : fairness.protectedAttributes().contains(column) && !fairness.useProtected()
                            ? "it is protected and fairness.use_protected is false"
                    : null;
            if (why != null) {
                throw new KeyedArgumentException("constraints.monotone", "constraints.monotone names "
                        + Text.quote(column) + ", which is not a feature: " + why);
            }
        }
    }

    /** The prediction interval's level: the one stated, else {@link #DEFAULT_INTERVAL}. */
    public double intervalLevel() {
        return interval != null ? interval : DEFAULT_INTERVAL;
    }

    /** The task: the one stated, else the one the success metric belongs to. */
    public Task impliedTask() {
        return task != null ? task : success.metric().task();
    }

    /**
     * The candidates to try: the listed ones, or every family of {@link SelectionSpec#FAMILIES} with its defaults
     * (today's rule only when there is one).
     */
    public List<CandidateSpec> candidates() {
        if (!selection.candidates().isEmpty()) {
            return selection.candidates();
        }
        // Without a rule (a formula), "all" cannot include it.
        return CandidateSpec.families(SelectionSpec.FAMILIES.stream()
                .filter(f -> currentRule != null || !f.equals("current-rule"))
                .filter(f -> formula != null || !f.equals("formula"))
                .filter(f -> !f.equals(dev.occam.core.ladder.Candidate.ONNX)).toList());
    }

    /** The families of {@link #candidates()}, each once, in the order listed. */
    public List<String> candidateFamilies() {
        return candidates().stream().map(CandidateSpec::learner).distinct().toList();
    }

    private static void requireText(String key, String value) {
        if (value == null) {
            throw new KeyedArgumentException(key, "missing " + key);
        }
        if (value.isBlank()) {
            throw new KeyedArgumentException(key, key + " is empty");
        }
    }

    private static void optionalText(String key, String value) {
        if (value != null && value.isBlank()) {
            throw new KeyedArgumentException(key, key + " is empty; give a value or delete the key");
        }
    }

    private static String suggestName(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "" : " (try '" + slug + "')";
    }

    private static String lower(Task task) {
        return task.word();
    }

    private static String metricsFor(Task task) {
        StringBuilder s = new StringBuilder();
        for (Metric.Kind k : Metric.Kind.values()) {
            if (k.task() == task) {
                s.append(s.length() == 0 ? "" : ", ").append(k.key());
            }
        }
        return s.toString();
    }
}
