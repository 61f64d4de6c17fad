package dev.occam.core.jobs;

import dev.occam.core.calibrate.CalibrationChoice;
import dev.occam.core.data.DataException;
import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
import dev.occam.core.data.LabelledData;
import dev.occam.core.data.Target;
import dev.occam.core.evaluate.CvResidualInterval;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.FoldModels;
import dev.occam.core.evaluate.Splitter;
import dev.occam.core.evaluate.LeakageCheck;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.explain.GlobalExplanation;
import dev.occam.core.ladder.Candidate;
import dev.occam.core.ladder.Ladder;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.select.Selection;
import dev.occam.core.usecase.UseCase;
import dev.occam.runtime.Model;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code occam fit}: the whole data flow for one use case. Load the data, set the target apart,
 * cross-validate every candidate of the ladder on the same seeded folds, audit each candidate's held-out
 * predictions for fairness (a candidate below the use case's selection-rate ratio is ineligible), choose,
 * refit the choice on all rows, and write {@code leaderboard.json}, {@code model.json}, {@code card.json} and
 * {@code report-data.json} (what the report draws beyond the card: curves, example decisions, histograms) through
 * {@link FitWriter}.
 */
public final class FitJob {

    /** Where progress goes: one call per finished fold, with the candidate's id and the count over all candidates. */
    public interface Progress {
        void foldDone(String candidate, int rung, int done, int total, double elapsedSeconds);
    }

    private final UseCase useCase;
    private final Path outputDirectory;
    private final Progress progress;

    private final int threads;

    /** A fit on one thread. */
    public FitJob(UseCase useCase, Path outputDirectory, Progress progress) {
        this(useCase, outputDirectory, progress, 1);
    }

    /**
     * @param threads how many fits run at once (folds of every candidate, refits on all rows, the chosen model's
     *     permutation importance), >= 1; the results do not depend on it (each fold's fit depends only on its rows
     *     and the learner's seed, and results are assembled in ladder and fold order), only the measured times do
     */
    public FitJob(UseCase useCase, Path outputDirectory, Progress progress, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        // Before any data is read: a candidate's options are the use case's, and a mistake there is the user's.
        Ladder.check(useCase.selection().candidates());
        this.useCase = useCase;
        this.outputDirectory = outputDirectory;
        this.progress = progress;
        this.threads = threads;
    }

    /**
     * @throws DataException when the data cannot be read, or today's rule does not run on them
     * @throws IllegalArgumentException when the data do not fit the use case (message names what)
     * @throws IOException when an output cannot be written
     */
    public FitResult run() throws DataException, IOException {
        if (threads == 1) {
            return run(Runnable::run);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "occam-fold");
            t.setDaemon(true);
            return t;
        });
        try {
            return run(pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private FitResult run(Executor executor) throws DataException, IOException {
        DataSource source = new DataSource(useCase.data().path(), useCase.data().sql(), useCase.data().jdbc(),
                useCase.data().baseDirectory());
        Frame table = DataLoader.load(source);
        List<String> notes = new ArrayList<>();
        Map<String, String> setAside = setAside(table, notes);
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
                    + metric.task().name().toLowerCase(Locale.ROOT) + ", but " + useCase.target() + " is a "
                    + task.name().toLowerCase(Locale.ROOT) + " target");
        }
        var selection = useCase.selection();
        var target = data.target();
        List<LeakageCheck.Suspect> suspects = LeakageCheck.suspects(data.features(), target, selection.seed());
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
        Splitter splitter = splitter(keptRows);
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
                useCase.constraints().monotone(), useCase.formula());
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
                    + task.name().toLowerCase(Locale.ROOT) + "; skipped");
        }
        FairnessFindings fairness = new FairnessFindings(useCase, keptRows, target);
        fairness.rankProxies(features);
        List<String> warnings = new ArrayList<>();
        Tournament.Result tournament = new Tournament(useCase, keptRows, features, target, folds, metric, executor,
                fairness, new FoldCounter(candidates.size() * folds.size(), progress), notes, warnings)
                .play(candidates);
        List<LeaderboardEntry> entries = tournament.entries();
        Selection.Verdict verdict = Selection.choose(entries, metric, selection.rule(), selection.alpha(),
                testTrainRatio);
        Model chosen = verdict.chosen() == null ? null : tournament.models().get(verdict.chosen().id());
        chosen = withInterval(chosen, verdict.chosen(), target, folds, notes);
        CalibrationChoice calibration = checkCalibration(verdict.chosen(), chosen, target, folds);
        if (calibration != null) {
            chosen = calibration.applyTo(chosen, features, target, useCase.threshold());
        }
        GlobalExplanation explanation = chosen == null ? null
                : explain(verdict.chosen().id(), tournament.foldModels().get(verdict.chosen().id()), chosen, features,
                        target, metric, notes, executor);
        FitResult result = new FitResult(useCase, table.rows(), data.rowsDropped(), features.columnCount(), target,
                metric, folds.size(), splitter, verdict, chosen, setAside, suspects, notes, warnings, outputDirectory,
                fairness.report(), explanation, calibration);
        FitWriter.write(result, source, table, features, outputDirectory);
        return result;
    }

    /**
     * The chosen classifier's calibration on its held-out scores and, when poor, the calibrator chosen inside the
     * folds ({@link CalibrationChoice}); null for regression or when no deployable model was chosen.
     */
    private static CalibrationChoice checkCalibration(LeaderboardEntry entry, Model chosen, Target target,
            List<Fold> folds) {
        if (chosen == null || !target.isClassification() || entry.evaluation().heldOut() == null) {
            return null;
        }
        return CalibrationChoice.assess(entry.id(), entry.evaluation().heldOut(), target.values(), folds);
    }

    /**
     * The chosen model's global explanation: permutation importance on the held-out rows of the same
     * folds, with the fold models its evaluation kept (nothing refitted), partial dependence of its top
     * features. A failure is a note, not a failed fit.
     */
    private GlobalExplanation explain(String id, FoldModels folds, Model chosen, Frame features, Target target,
            Metric metric, List<String> notes, Executor executor) {
        if (folds == null) {
            return null;
        }
        if (chosen.schema().size() == 0 || chosen.scorer() instanceof dev.occam.runtime.scorer.ConstantScorer) {
            notes.add(id + " is a constant: no feature changes its score, so there is nothing to explain");
            return null;
        }
        try {
            return GlobalExplanation.crossValidated(folds, chosen, features, target, metric,
                    useCase.selection().seed(), executor);
        } catch (RuntimeException e) {
            notes.add("explanation of " + id + " not computed: " + e.getMessage());
            return null;
        }
    }

    /**
     * The chosen regression model with its prediction interval, from the chosen candidate's out-of-fold
     * residuals pooled over the repeats ({@link CvResidualInterval}); unchanged, with a note, when it cannot be
     * made (too few rows for the level). Classification models and "nothing chosen" pass through.
     */
    private Model withInterval(Model chosen, LeaderboardEntry entry, Target target, List<Fold> folds,
            List<String> notes) {
        if (chosen == null || !target.info().isRegression()) {
            return chosen;
        }
        if (entry.evaluation().heldOut() == null) {
            notes.add("no prediction interval for " + entry.id() + ": the folds do not validate every row "
                    + "(time-ordered folds never validate the first period)");
            return chosen;
        }
        try {
            return CvResidualInterval.attach(chosen, entry.evaluation(), target.values(), folds,
                    useCase.intervalLevel());
        } catch (IllegalArgumentException e) {
            notes.add("no prediction interval for " + entry.id() + ": " + e.getMessage());
            return chosen;
        }
    }

    /** The use case's splitter: grouped k-fold when it names groups, else stratified k-fold. */
    private Splitter splitter(Frame rows) {
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
    private Map<String, String> setAside(Frame table, List<String> notes) {
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
                    + String.join(", ", table.schema().names()));
        }
    }
}
