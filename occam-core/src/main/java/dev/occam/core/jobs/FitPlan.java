package dev.occam.core.jobs;

import dev.occam.core.data.DataException;
import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
import dev.occam.core.data.LabelledData;
import dev.occam.core.data.Target;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.LeakageCheck;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.evaluate.Splitter;
import dev.occam.core.ladder.Candidate;
import dev.occam.core.ladder.Ladder;
import dev.occam.core.usecase.UseCase;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fit will play, decided from the use case and the data before anything is fitted: the table read, the
 * columns set aside (excluded, protected, time, groups, suspected leaks when asked to drop them), the target and its
 * task, the metric checked against the task, the folds of the use case's splitter and the candidates of the
 * ladder. Notes about the data go to {@link #notes()}, which the rest of the fit appends to.
 *
 * @param table the data as read
 * @param keptRows the table's rows that have a target, aligned with {@code target} (today's rule reads them)
 * @param setAside columns that are never features, each with the reason
 * @param testTrainRatio the folds' mean validation-to-training size, for the corrected resampled t-test
 */
record FitPlan(UseCase useCase, DataSource source, Frame table, LabelledData data, Map<String, String> setAside,
        Frame features, Frame keptRows, Target target, Metric metric, List<LeakageCheck.Suspect> suspects,
        Splitter splitter, List<Fold> folds, double testTrainRatio, List<Candidate> candidates, List<String> notes) {

    /**
     * @throws DataException when the data cannot be read
     * @throws IllegalArgumentException when the data do not fit the use case (message names what)
     */
    static FitPlan of(UseCase useCase) throws DataException {
        return of(useCase, Runnable::run);
    }

    /**
     * As {@link #of(UseCase)}, the leakage check's columns checked on {@code executor} (the fit's pool); the plan is
     * the same whatever it is.
     */
    static FitPlan of(UseCase useCase, java.util.concurrent.Executor executor) throws DataException {
        DataSource source = new DataSource(useCase.data().path(), useCase.data().sql(), useCase.data().jdbc(),
                useCase.data().baseDirectory());
        Frame table = DataLoader.load(source);
        List<String> notes = new ArrayList<>();
        Map<String, String> setAside = setAside(useCase, table, notes);
        LabelledData data = LabelledData.of(table, useCase.target(), useCase.task(), useCase.positive(),
                new ArrayList<>(setAside.keySet()));
        notes.addAll(data.notes());
        Task task = data.target().info().task();
        Metric metric = useCase.success().metric();
        if (task == Task.MULTICLASS && !metric.supports(task)) {
            throw new IllegalArgumentException("success metric " + metric.key() + " judges two classes, but "
                    + useCase.target() + " has " + data.target().info().classCount() + " classes; use one of "
                    + Metric.keysFor(task));
        }
        if (!metric.supports(task)) {
            throw new IllegalArgumentException("success metric " + metric.key() + " is for "
                    + metric.task().word() + ", but " + useCase.target() + " is a "
                    + task.word() + " target");
        }
        var selection = useCase.selection();
        var target = data.target();
        List<LeakageCheck.Suspect> suspects = LeakageCheck.suspects(data.features(), target, selection.seed(),
                executor);
        Frame features = data.features();
        if (useCase.data().dropLeaks() && !suspects.isEmpty()) {
            List<String> dropped = suspects.stream().map(LeakageCheck.Suspect::column).toList();
            features = features.without(dropped);
            for (String column : dropped) {
                setAside.put(column, "suspected leak (data.drop_leaks is true)");
            }
            if (features.columnCount() == 0) {
                throw new IllegalArgumentException("every feature is a suspected leak: " + String.join(", ", dropped));
            }
        }
        Frame keptRows = data.rowsDropped() == 0 ? table : table.select(data.keptRows());
        Splitter splitter = splitter(useCase, keptRows);
        List<Fold> folds = splitter.folds(target.size(), target.strata());
        double testTrainRatio = folds.stream().mapToDouble(f -> (double) f.test().length / f.train().length)
                .average().orElseThrow();

        // A SQL rule gives one number per row: it cannot call one of three or more classes.
        String rule = task == Task.MULTICLASS ? null : useCase.currentRule();
        if (task == Task.MULTICLASS && useCase.currentRule() != null) {
            notes.add("current-rule scores one class and " + useCase.target() + " has "
                    + target.info().classCount() + " classes, so today's rule is not compared");
        }
        List<Candidate> candidates = Ladder.candidates(task, selection.candidates(), rule,
                useCase.constraints().monotone(), useCase.formula(), selection.balancedClasses());
        if (selection.balancedClasses()) {
            notes.add(task == Task.CLASSIFICATION ? balancedNote(candidates)
                    : balancedNote(candidates, target.info().classCount()));
        }
        if (task == Task.MULTICLASS && selection.candidates().isEmpty()) {
            List<String> twoClassOnly = Ladder.unavailable(task, dev.occam.core.usecase.CandidateSpec.families(
                    Ladder.forTask(Task.CLASSIFICATION, List.of()).stream().map(l -> l.family()).toList()));
            if (!twoClassOnly.isEmpty()) {
                notes.add("fit for two classes only, so not on this " + target.info().classCount() + "-class target: "
                        + String.join(", ", twoClassOnly));
            }
        }
        for (String missing : Ladder.unavailable(task, selection.candidates())) {
            notes.add("candidate '" + missing + "' is not available in this version for "
                    + task.word() + "; skipped");
        }
        return new FitPlan(useCase, source, table, data, setAside, features, keptRows, target, metric, suspects,
                splitter, folds, testTrainRatio, candidates, notes);
    }

    /**
     * What {@code class_weight: balanced} did to each candidate learner: the families that weigh the classes
     * ({@link Ladder#BALANCED}) and the ones among the candidates that fit unweighted, and what the weights do to
     * the scores.
     */
    static String balancedNote(List<Candidate> candidates) {
        java.util.Set<String> weighed = new java.util.LinkedHashSet<>();
        java.util.Set<String> unweighted = new java.util.LinkedHashSet<>();
        sortByWeighing(candidates, Ladder.BALANCED, weighed, unweighted);
        StringBuilder sb = new StringBuilder("class_weight: balanced: ");
        sb.append(weighed.isEmpty() ? "no candidate weighs the classes"
                : "weighed (each row of a class by n / (2 n_class); boosting by XGBoost's scale_pos_weight = "
                        + "negatives / positives): " + String.join(", ", weighed));
        if (!unweighted.isEmpty()) {
            sb.append("; fitted unweighted, as these learners take no class weights in this version: ")
                    .append(String.join(", ", unweighted));
        }
        if (!weighed.isEmpty()) {
            sb.append("; a weighed model scores as if the classes were equally common, not the data's probabilities:"
                    + " its decision threshold is chosen on its own scores, and calibration, when its held-out scores"
                    + " need it, maps them back");
        }
        return sb.toString();
    }

    /**
     * {@link #balancedNote(List)} for a target of {@code classes} >= 3 classes: the multinomial logistic regression,
     * the tree, the forest and boosting weigh each row of class c by {@code n / (K n_c)}
     * ({@link Ladder#BALANCED_MULTICLASS}); the others fit unweighted. No calibrator follows a model of three or more classes, so its probabilities stay shifted.
     */
    static String balancedNote(List<Candidate> candidates, int classes) {
        java.util.Set<String> weighed = new java.util.LinkedHashSet<>();
        java.util.Set<String> unweighted = new java.util.LinkedHashSet<>();
        sortByWeighing(candidates, Ladder.BALANCED_MULTICLASS, weighed, unweighted);
        StringBuilder sb = new StringBuilder("class_weight: balanced: ");
        sb.append(weighed.isEmpty() ? "no candidate weighs the " + classes + " classes"
                : "weighed (each row of a class by n / (K n_class), K = " + classes + " classes): "
                        + String.join(", ", weighed));
        if (!unweighted.isEmpty()) {
            sb.append("; fitted unweighted, as these learners take no class weights for three or more classes in this"
                    + " version: ").append(String.join(", ", unweighted));
        }
        if (!weighed.isEmpty()) {
            sb.append("; a weighed model's class probabilities are as if the classes were equally common, not the"
                    + " data's: it calls a rare class more often, and its probabilities are not calibrated back (log"
                    + " loss judges them as they are)");
        }
        return sb.toString();
    }

    /** Sorts the candidates' learner families into those that weigh the classes and the others, in ladder order. */
    private static void sortByWeighing(List<Candidate> candidates, List<String> weighing, java.util.Set<String> weighed,
            java.util.Set<String> unweighted) {
        for (Candidate c : candidates) {
            if (c instanceof Candidate.OfLearner l) {
                String family = l.learner().family();
                (weighing.contains(family) ? weighed : unweighted).add(family);
            }
        }
    }

    /** The use case's splitter: grouped k-fold when it names groups, else stratified k-fold. */
    private static Splitter splitter(UseCase useCase, Frame rows) {
        var selection = useCase.selection();
        if (selection.timeOrdered()) {
            return new Splitter.TimeOrdered(selection.folds(), timeOrder(rows.column(useCase.time())), useCase.time());
        }
        if (selection.groups() == null) {
            return new Splitter.KFold(selection.seed(), selection.folds(), selection.repeats());
        }
        return new Splitter.GroupedKFold(selection.seed(), selection.folds(), selection.repeats(),
                codes(rows.column(selection.groups())), selection.groups());
    }

    /**
     * Each row's position in time: a number as it is; a text (a date read as a category) by its level's place in
     * sorted order, which is time order for ISO dates (2024-01-31) and timestamps; missing is NaN.
     */
    private static double[] timeOrder(dev.occam.runtime.data.Column column) {
        if (column instanceof dev.occam.runtime.data.NumericColumn n) {
            return n.values();
        }
        dev.occam.runtime.data.CategoricalColumn c = (dev.occam.runtime.data.CategoricalColumn) column;
        List<String> sorted = new ArrayList<>(c.levels());
        java.util.Collections.sort(sorted);
        double[] rank = new double[c.levels().size()];
        for (int l = 0; l < rank.length; l++) {
            rank[l] = java.util.Collections.binarySearch(sorted, c.levels().get(l));
        }
        int[] codes = c.codes();
        double[] out = new double[codes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = codes[i] < 0 ? Double.NaN : rank[codes[i]];
        }
        return out;
    }

    /** Each row's value of the column as a code, equal values equal codes; missing is -1. */
    private static int[] codes(dev.occam.runtime.data.Column column) {
        if (column instanceof dev.occam.runtime.data.CategoricalColumn c) {
            return c.codes();
        }
        double[] v = ((dev.occam.runtime.data.NumericColumn) column).values();
        Map<Double, Integer> seen = new java.util.HashMap<>();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.isNaN(v[i]) ? -1 : seen.computeIfAbsent(v[i], x -> seen.size());
        }
        return out;
    }

    /** Columns that are never features, each with the reason: excluded by the use case or protected. */
    private static Map<String, String> setAside(UseCase useCase, Frame table, List<String> notes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String column : useCase.data().exclude()) {
            requireColumn(table, column, "data.exclude");
            out.put(column, "excluded by the use case");
        }
        for (String column : useCase.fairness().protectedAttributes()) {
            requireColumn(table, column, "fairness.protected");
            if (!useCase.fairness().useProtected()) {
                out.putIfAbsent(column, "protected attribute (fairness.use_protected is false)");
            }
        }
        for (String column : useCase.constraints().monotone().keySet()) {
            requireColumn(table, column, "constraints.monotone");
        }
        if (useCase.time() != null) {
            requireColumn(table, useCase.time(), "time");
            out.put(useCase.time(), "orders the rows in time (time)");
            if (!useCase.selection().timeOrdered()) {
                notes.add("time names " + useCase.time() + ", but selection.split is kfold: folds mix past and "
                        + "future rows; set selection.split: time to validate on later periods only");
            }
        }
        String groups = useCase.selection().groups();
        if (groups != null) {
            requireColumn(table, groups, "selection.groups");
            out.put(groups, "groups the folds (selection.groups): an identifier of who the row is about");
        }
        if (!out.isEmpty()) {
            notes.add("not used as features: " + String.join(", ", out.keySet()));
        }
        return out;
    }

    private static void requireColumn(Frame table, String column, String key) {
        if (!table.hasColumn(column)) {
            throw new IllegalArgumentException(key + " names column '" + column + "', which is not in the data; columns are "
                    + String.join(", ", table.schema().names()) + LabelledData.caseHint(table, column));
        }
    }
}
