package dev.occam.core.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.core.calibrate.CalibrationChoice;
import dev.occam.core.card.ModelCard;
import dev.occam.core.data.DataException;
import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
import dev.occam.core.data.LabelledData;
import dev.occam.core.data.SqlRule;
import dev.occam.core.data.Target;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.CvResidualInterval;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.FoldModels;
import dev.occam.core.evaluate.FoldResult;
import dev.occam.core.evaluate.Splitter;
import dev.occam.core.evaluate.Latency;
import dev.occam.core.evaluate.LeakageCheck;
import dev.occam.core.evaluate.RefitCheck;
import dev.occam.core.evaluate.HeldOutScores;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.evaluate.Reliability;
import dev.occam.core.fairness.FairnessAudit;
import dev.occam.core.fairness.FairnessReport;
import dev.occam.core.fairness.ProxyCheck;
import dev.occam.core.explain.GlobalExplanation;
import dev.occam.core.ladder.Ladder;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.DecisionThreshold;
import dev.occam.core.learn.Learner;
import dev.occam.core.select.Constraints;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.select.Selection;
import dev.occam.core.usecase.UseCase;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.io.AtomicFiles;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.scorer.LinearScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code occam fit}: the whole data flow for one use case. Load the data, set the target apart,
 * cross-validate every candidate of the ladder on the same seeded folds, audit each candidate's held-out
 * predictions for fairness (a candidate below the use case's selection-rate ratio is ineligible), choose,
 * refit the choice on all rows, and write {@code leaderboard.json}, {@code model.json}, {@code card.json} and {@code report-data.json}
 * (what the report draws beyond the card: curves, example decisions, histograms).
 */
public final class FitJob {

    private static final String CURRENT_RULE = "current-rule";

    /** Where progress goes: one call per finished fold, with the candidate and the count over all candidates. */
    public interface Progress {
        void foldDone(String family, int rung, int done, int total, double elapsedSeconds);
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
        if (metric.task() != task) {
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
        List<Fold> folds = splitter.folds(target.size(), target.isClassification() ? target.values() : null);
        double testTrainRatio = folds.stream().mapToDouble(f -> (double) f.test().length / f.train().length)
                .average().orElseThrow();

        List<Learner> learners = Ladder.forUseCase(task, selection.candidates(), useCase.constraints().monotone());
        for (String missing : Ladder.unavailable(task, selection.candidates())) {
            if (!missing.equals("current-rule")) {
                notes.add("candidate '" + missing + "' is not available in this version for "
                        + task.name().toLowerCase(Locale.ROOT) + "; skipped");
            }
        }
        Fairness fairness = new Fairness(useCase, data.rowsDropped() == 0 ? table : table.select(data.keptRows()),
                target);
        fairness.rankProxies(features);
        boolean withRule = useCase.currentRule() != null && selection.includes("current-rule");
        int totalFolds = (learners.size() + (withRule ? 1 : 0)) * folds.size();
        Counter counter = new Counter(totalFolds);
        List<LeaderboardEntry> entries = new ArrayList<>();
        Map<String, Model> fullModels = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        if (withRule) {
            LeaderboardEntry rule = evaluateRule(table, data, target, folds, metric, counter, notes);
            FairnessAudit audit = fairness.keep(CURRENT_RULE, fairness.audit(rule.evaluation()));
            entries.add(rule.withIneligibility(Constraints.reasons(rule, dev.occam.core.usecase.Constraints.NONE,
                    EnumSet.noneOf(Capability.class), false, audit, useCase.fairness().minSelectionRateRatio())));
        }
        // Candidates go on the pool in ladder order, each one's refit on all rows beside the next one's folds, so
        // one candidate's slowest fold overlaps the next one's. A candidate is submitted once the folds of the one
        // two places before it are done: the pool stays busy, and few candidates' fold models are held at once.
        List<Submitted> pending = new ArrayList<>(learners.size());
        for (int i = 0; i < learners.size(); i++) {
            if (i >= CANDIDATES_AHEAD) {
                join(pending.get(i - CANDIDATES_AHEAD).folds());
            }
            pending.add(fitCandidate(learners.get(i), features, target, folds, metric, fairness, counter, executor));
        }
        List<Candidate> candidates = new ArrayList<>(pending.size());
        for (Submitted submitted : pending) {
            candidates.add(join(submitted.candidate()));
        }
        pending.clear();
        Map<String, FoldModels> foldModels = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            Learner learner = candidate.learner();
            Evaluation evaluation = candidate.evaluation();
            long parameters = -1;
            Latency latency = new Latency(Double.NaN, Double.NaN);
            Model full = candidate.full();
            if (full != null) {
                fullModels.put(learner.family(), full);
                noteAliased(full, notes);
                for (String finding : full.diagnostics().findings()) {
                    warnings.add(learner.family() + ": " + finding);
                }
                parameters = full.parameterCount();
                // Measured here, one candidate at a time with every fit done: work on other threads would
                // inflate the p99 that the latency constraint reads.
                latency = Latency.measure(full, features);
            }
            LeaderboardEntry entry = entry(learner, evaluation, parameters, latency);
            FairnessAudit audit = fairness.keep(evaluation.family(), candidate.audit());
            List<String> reasons = reasons(candidate.learner(), entry, candidate.refitProblems(), audit);
            entries.add(entry.withIneligibility(reasons));
            if (reasons.isEmpty() && candidate.foldModels() != null) {
                // Only an eligible candidate can be chosen and explained.
                foldModels.put(learner.family(), candidate.foldModels());
            }
        }
        candidates.clear();
        Selection.Verdict verdict = Selection.choose(entries, metric, selection.rule(), selection.alpha(),
                testTrainRatio);
        Model chosen = verdict.chosen() == null ? null : fullModels.get(verdict.chosen().family());
        chosen = withInterval(chosen, verdict.chosen(), target, folds, notes);
        CalibrationChoice calibration = checkCalibration(verdict.chosen(), chosen, target, folds);
        if (calibration != null) {
            chosen = calibration.applyTo(chosen, features, target, useCase.threshold());
        }
        // Only the chosen candidate's fold models are explained; the others' can go.
        FoldModels chosenFolds = verdict.chosen() == null ? null : foldModels.get(verdict.chosen().family());
        foldModels.clear();
        GlobalExplanation explanation = chosen == null || chosenFolds == null ? null
                : explain(chosenFolds, chosen, features, target, metric, notes, executor);
        FitResult result = new FitResult(useCase, table.rows(), data.rowsDropped(), features.columnCount(), target,
                metric, folds.size(), splitter, verdict, chosen, setAside, suspects, notes, warnings, outputDirectory,
                fairness.report(), explanation, calibration);
        write(result, source, table, features);
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
        return CalibrationChoice.assess(entry.family(), entry.evaluation().heldOut(), target.values(), folds);
    }

    /**
     * The chosen model's global explanation: permutation importance on the held-out rows of the same
     * folds, with the fold models its evaluation kept (nothing refitted), partial dependence of its top
     * features. A failure is a note, not a failed fit.
     */
    private GlobalExplanation explain(FoldModels folds, Model chosen, Frame features, Target target, Metric metric,
            List<String> notes, Executor executor) {
        String family = folds.family();
        if (chosen.schema().size() == 0 || chosen.scorer() instanceof dev.occam.runtime.scorer.ConstantScorer) {
            notes.add(family + " is a constant: no feature changes its score, so there is nothing to explain");
            return null;
        }
        try {
            return GlobalExplanation.crossValidated(folds, chosen, features, target, metric,
                    useCase.selection().seed(), executor);
        } catch (RuntimeException e) {
            notes.add("explanation of " + family + " not computed: " + e.getMessage());
            return null;
        }
    }

    /**
     * A candidate's fits, made on the pool: its evaluation, its fold models (null when it failed, or when it is
     * ineligible whatever its latency: then it cannot be chosen and its models are not held), its refit on all
     * rows (null when it failed) and what else needs no timing.
     */
    private record Candidate(Learner learner, Evaluation evaluation, FoldModels foldModels, Model full,
            List<String> refitProblems, FairnessAudit audit) {
    }

    private static LeaderboardEntry entry(Learner learner, Evaluation evaluation, long parameters, Latency latency) {
        return new LeaderboardEntry(evaluation, parameters, learner.capabilities().contains(Capability.EXPLAINABLE),
                true, List.of(), latency.p50Micros(), latency.p99Micros(), null, false);
    }

    /** Why the candidate may not be chosen: its refit's problems, then the use case's constraints. */
    private List<String> reasons(Learner learner, LeaderboardEntry entry, List<String> refitProblems,
            FairnessAudit audit) {
        List<String> reasons = new ArrayList<>(refitProblems);
        reasons.addAll(Constraints.reasons(entry, useCase.constraints(), learner.capabilities(),
                !useCase.constraints().monotone().isEmpty(), audit, useCase.fairness().minSelectionRateRatio()));
        return reasons;
    }

    /** How many candidates' folds may be on the pool beside the oldest candidate whose folds still run. */
    private static final int CANDIDATES_AHEAD = 2;

    /** A candidate on the pool: its folds' evaluation, and the candidate once refitted and checked. */
    private record Submitted(CompletableFuture<?> folds, CompletableFuture<Candidate> candidate) {
    }

    /**
     * Cross-validates the learner on the executor and, once its folds are done, refits it on all rows, checks
     * the refit and audits its held-out decisions, as one more task: that task runs beside the next candidates'
     * folds. Nothing here depends on the thread count. The latency is not measured here (see the caller).
     */
    private Submitted fitCandidate(Learner learner, Frame features, Target target,
            List<Fold> folds, Metric metric, Fairness fairness, Counter counter, Executor executor) {
        Optional<String> unavailable = learner.unavailableReason();
        if (unavailable.isPresent()) {
            counter.skip(folds.size());
            CompletableFuture<Candidate> done = CompletableFuture.completedFuture(new Candidate(learner,
                    Evaluation.failed(learner.family(), learner.rung(), metric, "unavailable: " + unavailable.get()),
                    null, null, List.of(), null));
            return new Submitted(done, done);
        }
        CompletableFuture<CrossValidation.Evaluated> crossValidated = CrossValidation.evaluateAsync(learner,
                features, target, folds, metric, useCase.threshold(),
                (family, fold, d, total) -> counter.foldDone(family, learner.rung()), executor);
        return new Submitted(crossValidated, crossValidated.thenApplyAsync(evaluated -> {
                    Evaluation evaluation = evaluated.evaluation();
                    FairnessAudit audit = fairness.audit(evaluation);
                    if (!evaluation.succeeded()) {
                        counter.skip(folds.size() - evaluation.folds().size());
                        return new Candidate(learner, evaluation, null, null, List.of(), audit);
                    }
                    Model full = CrossValidation.fitWithThreshold(learner, features, target, useCase.threshold())
                            .withTypicalValues(features);
                    List<String> problems = RefitCheck.problems(full, features, target, metric, evaluation,
                            useCase.selection().seed());
                    // Ineligible before any timing (too many parameters, a failed refit check, ...): it cannot be
                    // chosen, so its fold models are let go now rather than held through every other fit.
                    boolean ineligible = !reasons(learner, entry(learner, evaluation, full.parameterCount(),
                            new Latency(Double.NaN, Double.NaN)), problems, audit).isEmpty();
                    return new Candidate(learner, evaluation, ineligible ? null : evaluated.models(), full, problems,
                            audit);
                }, executor));
    }

    /** The future's value; a task's unchecked exception or error is rethrown as it was thrown. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * The chosen regression model with its prediction interval, from the chosen candidate's out-of-fold
     * residuals pooled over the repeats ({@link CvResidualInterval}); unchanged, with a note, when it cannot be
     * made (too few rows for the level). Classification models and "nothing chosen" pass through.
     */
    private Model withInterval(Model chosen, LeaderboardEntry entry, Target target, List<Fold> folds,
            List<String> notes) {
        if (chosen == null || target.isClassification()) {
            return chosen;
        }
        if (entry.evaluation().heldOut() == null) {
            notes.add("no prediction interval for " + entry.family() + ": the folds do not validate every row "
                    + "(time-ordered folds never validate the first period)");
            return chosen;
        }
        try {
            return CvResidualInterval.attach(chosen, entry.evaluation(), target.values(), folds,
                    useCase.intervalLevel());
        } catch (IllegalArgumentException e) {
            notes.add("no prediction interval for " + entry.family() + ": " + e.getMessage());
            return chosen;
        }
    }

    /** Today's rule, scored by DuckDB on each fold's validation rows; rung 0, nothing to fit. */
    private LeaderboardEntry evaluateRule(Frame table, LabelledData data, Target target, List<Fold> folds,
            Metric metric, Counter counter, List<String> notes) throws DataException {
        // The rule reads the table as the user wrote it, including columns that are not features.
        Frame rows = data.rowsDropped() == 0 ? table : table.select(data.keptRows());
        try (SqlRule rule = SqlRule.open(rows, useCase.currentRule())) {
            List<FoldResult> results = new ArrayList<>();
            int n = target.size();
            int repeats = folds.stream().mapToInt(Fold::repeat).max().orElse(0) + 1;
            double[] heldOutScores = new double[n * repeats];
            double[] heldOutThresholds = new double[n * repeats];
            int validated = 0;
            for (Fold fold : folds) {
                double[] train = rule.scores(fold.train());
                double[] test = rule.scores(fold.test());
                double threshold = useCase.threshold() != null ? useCase.threshold()
                        : isZeroOne(train) ? 0.5
                        : DecisionThreshold.matchingPositiveShare(train, target.select(fold.train()).mean());
                double value = metric.compute(target.select(fold.test()).values(), test, threshold);
                int[] testRows = fold.test();
                for (int j = 0; j < testRows.length; j++) {
                    heldOutScores[fold.repeat() * n + testRows[j]] = test[j];
                    heldOutThresholds[fold.repeat() * n + testRows[j]] = threshold;
                }
                validated += testRows.length;
                results.add(new FoldResult(fold.repeat(), fold.index(), value, 0.0, fold.train().length,
                        fold.test().length));
                counter.foldDone(CURRENT_RULE, 0);
            }
            if (rule.nullResults() > 0) {
                notes.add("current-rule: " + rule.nullResults() + " evaluations gave NULL and counted as 0");
            }
            // Time-ordered folds never validate the first period: no held-out score for every row.
            Evaluation evaluation = new Evaluation(CURRENT_RULE, 0, metric, results, null, validated == n * repeats
                    ? new HeldOutScores(n, repeats, heldOutScores, heldOutThresholds) : null);
            return new LeaderboardEntry(evaluation, SqlRule.conditionCount(useCase.currentRule()), true, false,
                    List.of(), Double.NaN, Double.NaN, null, false);
        }
    }

    private static boolean isZeroOne(double[] scores) {
        for (double s : scores) {
            if (s != 0.0 && s != 1.0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The fairness findings as the fit goes: the protected columns (rows aligned with the target, whether
     * or not they are features), each candidate's audit on its held-out scores, the proxy ranking.
     */
    private final class Fairness {
        private final Frame protectedColumns;
        private final Target target;
        private final Map<String, FairnessAudit> audits = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private List<ProxyCheck.Ranking> proxies = List.of();

        Fairness(UseCase useCase, Frame rows, Target target) {
            List<String> names = useCase.fairness().protectedAttributes();
            this.protectedColumns = names.isEmpty() ? null
                    : new Frame(names.stream().map(rows::column).toList());
            this.target = target;
            if (protectedColumns != null && !target.isClassification()) {
                notes.add("the fairness audit compares decisions, so it needs a classification target; "
                        + "only proxies are ranked");
            }
            if (protectedColumns != null && target.isClassification()) {
                // Before any fit: a bound on a ratio the data cannot measure is the user's error, not a pass.
                FairnessAudit.requireMeasurable(protectedColumns, useCase.fairness().minSelectionRateRatio(),
                        FairnessAudit.Options.MIN_GROUP_ROWS);
            }
        }

        void rankProxies(Frame features) {
            if (protectedColumns != null) {
                proxies = ProxyCheck.rank(features, protectedColumns, useCase.selection().seed());
            }
        }

        /** The candidate's audit; null when there is nothing to audit. Safe on any thread: it keeps nothing. */
        FairnessAudit audit(Evaluation evaluation) {
            if (protectedColumns == null || !target.isClassification() || evaluation.heldOut() == null) {
                return null;
            }
            return FairnessAudit.of(protectedColumns, target, evaluation.heldOut(),
                    useCase.fairness().favourable(), FairnessAudit.Options.defaults(useCase.selection().seed()));
        }

        /** Keeps the candidate's audit for the report, in the order candidates are kept; returns it. */
        FairnessAudit keep(String family, FairnessAudit audit) {
            if (audit != null) {
                audits.put(family, audit);
            }
            return audit;
        }

        FairnessReport report() {
            return protectedColumns == null ? FairnessReport.NONE : new FairnessReport(audits, proxies, notes);
        }
    }

    /** Counts finished folds across all candidates, for the progress line. */
    private final class Counter {
        private final int total;
        private final long started = System.nanoTime();
        private int done;

        Counter(int total) {
            this.total = total;
        }

        synchronized void foldDone(String family, int rung) {
            done++;
            if (progress != null) {
                progress.foldDone(family, rung, done, total, (System.nanoTime() - started) / 1e9);
            }
        }

        synchronized void skip(int folds) {
            done += folds;
        }
    }

    /** Tells the user which columns a linear model dropped as linearly dependent, as R's glm reports NA. */
    private static void noteAliased(Model model, List<String> notes) {
        if (model.scorer() instanceof LinearScorer linear) {
            boolean[] aliased = linear.aliased();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < aliased.length; i++) {
                if (aliased[i]) {
                    names.add(linear.input().feature(i).name());
                }
            }
            if (!names.isEmpty()) {
                notes.add(model.family() + ": " + names.size() + " aliased column" + (names.size() == 1 ? "" : "s")
                        + " (linear combinations of earlier ones) dropped: " + String.join(", ", names));
            }
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

    private void write(FitResult result, DataSource source, Frame table, Frame features) throws IOException {
        AtomicFiles.write(outputDirectory.resolve("leaderboard.json"),
                Json.MAPPER.writeValueAsBytes(leaderboardJson(result)));
        Path modelFile = outputDirectory.resolve("model.json");
        if (result.model() != null) {
            ObjectNode provenance = JsonNodeFactory.instance.objectNode();
            provenance.put("use_case", useCase.name());
            ModelFile.save(result.model(), modelFile, provenance);
        } else {
            // A model file left from an earlier run would contradict this run's card.
            Files.deleteIfExists(modelFile);
        }
        ObjectNode card = ModelCard.build(result, source, table, features);
        AtomicFiles.write(outputDirectory.resolve("card.json"), Json.MAPPER.writeValueAsBytes(card));
        AtomicFiles.write(outputDirectory.resolve("report-data.json"),
                Json.MAPPER.writeValueAsBytes(ReportData.build(result, table, features)));
    }

    static ObjectNode leaderboardJson(FitResult result) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("use_case", result.useCase().name());
        root.put("metric", result.metric().key());
        root.put("higher_is_better", result.metric().higherIsBetter());
        root.put("folds", result.splitter().k());
        root.put("repeats", result.splitter().repeats());
        root.put("split", result.splitter().describe(result.target().isClassification()));
        root.put("seed", result.useCase().selection().seed());
        root.put("rule", result.verdict().rule().key());
        root.put("alpha", result.verdict().alpha());
        if (result.verdict().chosen() != null) {
            root.put("chosen", result.verdict().chosen().family());
        } else {
            root.putNull("chosen");
        }
        ArrayNode candidates = root.putArray("candidates");
        for (LeaderboardEntry e : result.entries()) {
            ObjectNode c = candidates.addObject();
            c.put("rung", e.rung());
            c.put("model", e.family());
            c.put("metric", result.metric().key());
            putNumber(c, "mean", e.evaluation().mean());
            putNumber(c, "std", e.evaluation().standardDeviation());
            Reliability reliability = result.reliability(e);
            if (reliability != null) {
                putNumber(c, "brier", reliability.brier());
                putNumber(c, "ece", reliability.ece());
            }
            ArrayNode folds = c.putArray("folds");
            for (FoldResult f : e.evaluation().folds()) {
                folds.add(f.value());
            }
            if (e.parameters() >= 0) {
                c.put("parameters", e.parameters());
            } else {
                c.putNull("parameters");
            }
            c.put("interpretable", e.interpretable());
            c.put("eligible", e.eligible());
            c.put("deployable", e.deployable());
            if (e.whyNotEligible() != null) {
                // Reasons resting on a measured time go apart, like the times themselves.
                List<String> fixed = e.ineligibleBecause().stream()
                        .filter(r -> !r.startsWith(Constraints.LATENCY_REASON)).toList();
                List<String> timed = e.ineligibleBecause().stream()
                        .filter(r -> r.startsWith(Constraints.LATENCY_REASON)).toList();
                if (!fixed.isEmpty()) {
                    c.put("why_not_eligible", String.join("; ", fixed));
                }
                if (!timed.isEmpty()) {
                    c.put("why_not_eligible_timing", String.join("; ", timed));
                }
            }
            if (e.versusBest() != null) {
                putNumber(c, "difference_vs_best", e.versusBest().meanDifference());
                putNumber(c, "difference_low", e.versusBest().low());
                putNumber(c, "difference_high", e.versusBest().high());
                putNumber(c, "p_value_vs_best", e.versusBest().pValue());
            } else {
                c.putNull("p_value_vs_best");
            }
            c.put("chosen", e.chosen());
            putNumber(c, "fit_ms", e.evaluation().meanFitMillis());
            putNumber(c, "p50_us", e.p50Micros());
            putNumber(c, "p99_us", e.p99Micros());
        }
        return root;
    }

    static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
