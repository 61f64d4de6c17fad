package dev.occam.core.jobs;

import dev.occam.core.data.DataException;
import dev.occam.core.data.SqlRule;
import dev.occam.core.data.Target;
import dev.occam.core.evaluate.CostThreshold;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.FoldMetrics;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.FoldResult;
import dev.occam.core.evaluate.Futures;
import dev.occam.core.evaluate.HeldOutScores;
import dev.occam.core.evaluate.Latency;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.evaluate.FoldModels;
import dev.occam.core.evaluate.RefitCheck;
import dev.occam.core.fairness.FairnessAudit;
import dev.occam.core.ladder.Candidate;
import dev.occam.core.ladder.ComparatorRuntime;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.DecisionThreshold;
import dev.occam.core.learn.Learner;
import dev.occam.core.select.Constraints;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.usecase.Costs;
import dev.occam.core.usecase.UseCase;
import dev.occam.runtime.Task;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.LinearScorer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Every candidate on the same folds: today's rule scored by SQL, each learner cross-validated, refitted on all rows
 * and checked ({@link RefitCheck}), its scoring latency measured, its held-out decisions audited for fairness, and
 * the constraints applied. The result is the leaderboard before the choice, with every candidate's refitted model
 * by id. Candidates are independent of one another: the order only decides the order of the leaderboard (and of
 * the work handed to the pool).
 */
final class Tournament {

    /**
     * @param entries one per candidate, in the order played, each with the reasons it may not be chosen
     * @param models the model refitted on all rows of each candidate that was evaluated, by id
     * @param candidates every candidate played, by id
     */
    /**
     * @param foldModels each eligible candidate's fold models, by id, for explanations without refitting; an
     *     ineligible candidate's are let go as soon as its eligibility is known
     */
    record Result(List<LeaderboardEntry> entries, Map<String, Model> models, Map<String, Candidate> candidates,
            Map<String, FoldModels> foldModels) {

        Result {
            entries = List.copyOf(entries);
            models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
            candidates = Collections.unmodifiableMap(new LinkedHashMap<>(candidates));
            foldModels = Collections.unmodifiableMap(new LinkedHashMap<>(foldModels));
        }
    }

    private final UseCase useCase;
    private final Frame rows;
    private final Frame features;
    private final Target target;
    private final List<Fold> folds;
    private final Metric metric;
    private final Executor executor;
    /** How many candidates' latencies are measured at once ({@link FitJob#measuringThreads}). */
    private final int measuringThreads;
    private final FairnessFindings fairness;
    private final FoldCounter counter;
    private final List<String> notes;
    private final List<String> warnings;
    /** Each judged candidate's latency, in ladder order: a busy machine is said once for all of them. */
    private final Map<String, Latency> latencies = new LinkedHashMap<>();

    /**
     * @param rows the table as the user wrote it, its rows aligned with the target (today's rule reads columns
     *     that are not features)
     * @param notes where remarks about the data go (aliased columns, NULLs of the rule)
     * @param warnings where each candidate's fit findings go, as "id: finding"
     */
    Tournament(UseCase useCase, Frame rows, Frame features, Target target, List<Fold> folds, Metric metric,
            Executor executor, int measuringThreads, FairnessFindings fairness, FoldCounter counter,
            List<String> notes, List<String> warnings) {
        this.useCase = useCase;
        this.rows = rows;
        this.features = features;
        this.target = target;
        this.folds = folds;
        this.metric = metric;
        this.executor = executor;
        this.measuringThreads = measuringThreads;
        this.fairness = fairness;
        this.counter = counter;
        this.notes = notes;
        this.warnings = warnings;
    }

    /**
     * Plays every candidate in two phases. First every learner's folds and its refit on all rows are handed to the
     * pool at once, so that a core never waits for one candidate's slowest fold while the next candidate has work
     * (seeds are per fold, so the results are those of one thread). Then, with no fold running, every candidate's
     * latency is measured ({@link #measureLatencies}), and in the candidates' order each is judged: its held-out
     * decisions audited, the constraints applied, its findings reported.
     *
     * @throws DataException when today's rule does not run on the data
     */
    Result play(List<Candidate> candidates) throws DataException {
        // Submitted complex rungs first (longest work first): the pool's last minutes then hold many short tasks,
        // not one forest refit running alone. The order of submission changes no result (seeds are per fold).
        List<Candidate.OfLearner> learners = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (candidate instanceof Candidate.OfLearner learner) {
                learners.add(learner);
            }
        }
        List<Candidate.OfLearner> costliestFirst = new ArrayList<>(learners);
        java.util.Collections.reverse(costliestFirst);
        costliestFirst.sort(java.util.Comparator.comparingInt((Candidate.OfLearner c) -> c.rung()).reversed());
        Map<String, CompletableFuture<Fitted>> started = new java.util.HashMap<>();
        for (Candidate.OfLearner learner : costliestFirst) {
            started.put(learner.id(), fit(learner));
        }
        Map<String, CompletableFuture<Fitted>> fits = new LinkedHashMap<>();
        for (Candidate.OfLearner learner : learners) {
            fits.put(learner.id(), started.get(learner.id()));
        }
        // Every fit finishes before the first latency is measured: no fold competes with a measurement.
        Map<String, Fitted> fitted = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Fitted>> e : fits.entrySet()) {
            // A refit's exception ends the fit, as it did when candidates ran one by one.
            fitted.put(e.getKey(), Futures.join(e.getValue()));
        }
        Map<String, Model> deployed = new LinkedHashMap<>();
        for (Candidate.OfLearner learner : costliestFirst) {
            Fitted f = fitted.get(learner.id());
            if (f.decided().evaluation().succeeded()) {
                deployed.put(learner.id(), f.decided().threshold() == null ? f.full()
                        : f.full().withThreshold(f.decided().threshold()));
            }
        }
        Map<String, Latency> measured = measureLatencies(deployed);
        List<LeaderboardEntry> entries = new ArrayList<>();
        Map<String, Model> models = new LinkedHashMap<>();
        Map<String, Candidate> byId = new LinkedHashMap<>();
        Map<String, FoldModels> foldModels = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            byId.put(candidate.id(), candidate);
            if (candidate instanceof Candidate.OfRule rule) {
                entries.add(playRule(rule));
            } else if (candidate instanceof Candidate.OfComparator existing) {
                entries.add(playComparator(existing));
            } else {
                entries.add(judge((Candidate.OfLearner) candidate, fitted.get(candidate.id()),
                        deployed.get(candidate.id()), measured.get(candidate.id()), models, foldModels));
            }
        }
        Latency.busyNote(latencies).ifPresent(warnings::add);
        return new Result(entries, models, byId, foldModels);
    }

    /** What the pool computed for one learner: its evaluation and, when that succeeded, the refit and its check. */
    private record Fitted(Evaluation evaluation, FoldModels foldModels, Model full, List<String> refitProblems,
            Decided decided, FairnessAudit audit) {
    }

    /**
     * The candidate's folds and, beside them on the pool, its refit on all rows (which does not need the folds);
     * then the refit's check and the fairness audit of the held-out scores.
     */
    private CompletableFuture<Fitted> fit(Candidate.OfLearner candidate) {
        Learner learner = candidate.learner();
        Optional<String> unavailable = learner.unavailableReason();
        if (unavailable.isPresent()) {
            Evaluation failed = Evaluation.failed(learner.family(), learner.rung(), metric, "unavailable: "
                    + unavailable.get()).withId(candidate.id());
            return CompletableFuture.completedFuture(new Fitted(failed, null, null, List.of(), decide(failed), null));
        }
        CompletableFuture<Model> refit = CompletableFuture.supplyAsync(() -> CrossValidation.fitWithThreshold(learner,
                features, target, useCase.threshold()).withTypicalValues(features), executor);
        return CrossValidation.evaluateAsync(learner, features, target, folds, metric, useCase.threshold(),
                (family, fold, d, total) -> counter.foldDone(candidate.id(), candidate.rung()), executor)
                .thenCombineAsync(refit.handle((model, failure) -> new Refit(model, failure)), (evaluated, full) -> {
                    Evaluation evaluation = evaluated.evaluation().withId(candidate.id());
                    if (!evaluation.succeeded()) {
                        // The folds' failure is the outcome; a refit that failed too says nothing more.
                        return new Fitted(evaluation, null, null, List.of(), decide(evaluation), null);
                    }
                    Model model = full.model();
                    List<String> problems = RefitCheck.problems(model, features, target, metric, evaluation,
                            useCase.selection().seed());
                    // The decisions at the costs' thresholds and the audit's bootstrap are pure work on the
                    // held-out scores: done here, on the pool, not in the judging that must leave the pool idle
                    // for the latency measurement.
                    Decided decided = decide(evaluation);
                    return new Fitted(evaluation, evaluated.models(), model, problems, decided,
                            fairness.audit(decided.evaluation()));
                }, executor);
    }

    /** A refit on all rows, or why it failed: its exception ends the fit only when the folds succeeded. */
    private record Refit(Model fitted, Throwable failure) {
        Model model() {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof RuntimeException e) {
                    throw e;
                }
                if (cause instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(cause);
            }
            return fitted;
        }
    }

    /**
     * Every evaluated candidate's latency ({@link Latency}), measured once every fit has finished: one candidate per
     * thread, as many at once as the fit has threads and the machine has cores to spare (one is left to the JVM's
     * compiler and collector: {@link FitJob#measuringThreads}), so that each measurement has a core to itself, as
     * each request of a server does. The costliest rungs first, so that the last measurement is a short one. A
     * thread that does not get its core (other work on the machine) is caught by the measurement's own check, which
     * times the compute and says so.
     *
     * @param deployed each candidate's refitted model with its decision threshold, costliest first
     */
    private Map<String, Latency> measureLatencies(Map<String, Model> deployed) {
        List<Map.Entry<String, Model>> queue = new ArrayList<>(deployed.entrySet());
        Latency[] out = new Latency[queue.size()];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Double bound = useCase.constraints().maxLatencyUs();
        Runnable measurer = () -> {
            for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
                out[i] = Latency.measure(queue.get(i).getValue(), features, bound);
            }
        };
        int parallel = Math.max(1, Math.min(measuringThreads, out.length));
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int t = 0; t < parallel; t++) {
            running.add(CompletableFuture.runAsync(measurer, executor));
        }
        for (CompletableFuture<Void> r : running) {
            Futures.join(r);
        }
        Map<String, Latency> byId = new java.util.HashMap<>();
        for (int i = 0; i < out.length; i++) {
            byId.put(queue.get(i).getKey(), out[i]);
        }
        return byId;
    }

    /**
     * @param full the refitted model with its decision threshold, or null when the evaluation failed
     * @param measured its measured latency, or null when the evaluation failed
     */
    private LeaderboardEntry judge(Candidate.OfLearner candidate, Fitted fitted, Model full, Latency measured,
            Map<String, Model> models, Map<String, FoldModels> foldModels) {
        Decided decided = fitted.decided();
        Evaluation evaluation = decided.evaluation();
        long parameters = -1;
        Latency latency = Latency.NONE;
        if (evaluation.succeeded()) {
            models.put(candidate.id(), full);
            noteAliased(candidate.id(), full);
            for (String finding : full.diagnostics().findings()) {
                warnings.add(candidate.id() + ": " + finding);
            }
            parameters = full.parameterCount();
            latency = measured;
            latencies.put(candidate.id(), latency);
        } else {
            counter.skip(folds.size() - evaluation.folds().size());
        }
        LeaderboardEntry entry = new LeaderboardEntry(evaluation, parameters,
                candidate.capabilities().contains(Capability.EXPLAINABLE), candidate.deployable(), List.of(),
                latency.p50Micros(), latency.p99Micros(), null, false, candidate.options(), decided.metrics());
        FairnessAudit audit = fitted.audit();
        fairness.record(evaluation.id(), audit);
        List<String> reasons = new ArrayList<>(fitted.refitProblems());
        reasons.addAll(Constraints.reasons(entry, useCase.constraints(), candidate.capabilities(),
                !useCase.constraints().monotone().isEmpty(), audit, useCase.fairness().minSelectionRateRatio()));
        LeaderboardEntry judged = entry.withIneligibility(reasons);
        if (judged.eligible() && fitted.foldModels() != null) {
            // Kept for the explanation, should this candidate be chosen; an ineligible one cannot be.
            foldModels.put(candidate.id(), fitted.foldModels());
        }
        return judged;
    }

    /**
     * Today's rule, scored by DuckDB on each fold's validation rows; rung 0, nothing to fit. Only the fairness bound
     * applies to it: the other constraints are about a model Occam would deploy.
     */
    private LeaderboardEntry playRule(Candidate.OfRule candidate) throws DataException {
        try (SqlRule rule = SqlRule.open(rows, candidate.sql())) {
            LeaderboardEntry entry = playFixed(candidate, rule::scores, SqlRule.conditionCount(candidate.sql()));
            if (rule.nullResults() > 0) {
                notes.add(candidate.id() + ": " + rule.nullResults() + " evaluations gave NULL and counted as 0");
            }
            return entry;
        }
    }

    /**
     * An existing model (an ONNX file), scored once on every row by the {@link ComparatorRuntime} on the class path
     * and then, like today's rule, on each fold's validation rows with the threshold from the fold's training rows.
     * It is not refitted: the card's notes say so, since a model trained on some of these rows is scored on rows it
     * has seen.
     *
     * @throws DataException naming the file when it cannot be scored on the data
     */
    private LeaderboardEntry playComparator(Candidate.OfComparator candidate) throws DataException {
        if (target.isMulticlass()) {
            throw new DataException("candidate '" + candidate.id() + "': an existing model joins a ladder of two classes"
                    + " or of a number; " + target.info().name() + " has " + target.info().classCount() + " classes");
        }
        double[] all;
        try {
            all = ComparatorRuntime.find(Candidate.ONNX).scores(candidate.path(), candidate.output(), rows,
                    target.isClassification());
        } catch (java.io.IOException | IllegalStateException e) {
            throw new DataException("candidate '" + candidate.id() + "': " + e.getMessage());
        }
        if (all.length != target.size()) {
            throw new DataException("candidate '" + candidate.id() + "': " + candidate.path() + " gave "
                    + all.length + " scores for " + target.size() + " rows");
        }
        notes.add(candidate.id() + ": the existing model " + candidate.path().getFileName() + " was scored on the"
                + " same validation folds as every candidate, as it is: it was not refitted on the folds' training"
                + " rows, so if it was trained on some of these rows its scores are optimistic");
        return playFixed(candidate, rowIndices -> {
            double[] out = new double[rowIndices.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = all[rowIndices[i]];
            }
            return out;
        }, 0);
    }

    /** Scores that need no fitting, read for any rows. */
    private interface FixedScores {
        double[] scores(int[] rowIndices) throws DataException;
    }

    /** A candidate with nothing to fit, scored on each fold's validation rows; only the fairness bound applies. */
    private LeaderboardEntry playFixed(Candidate candidate, FixedScores rule, long parameters) throws DataException {
        {
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
                counter.foldDone(candidate.id(), candidate.rung());
            }
            // Time-ordered folds never validate the first period: no held-out score for every row.
            Decided decided = decide(new Evaluation(candidate.id(), candidate.family(), candidate.rung(), metric,
                    results, null, validated == n * repeats
                            ? new HeldOutScores(n, repeats, heldOutScores, heldOutThresholds) : null));
            Evaluation evaluation = decided.evaluation();
            // Today's rule is read as written; an existing model's insides are not known here.
            LeaderboardEntry entry = new LeaderboardEntry(evaluation, parameters, candidate instanceof Candidate.OfRule,
                    candidate.deployable(), List.of(), Double.NaN, Double.NaN, null, false, Map.of(),
                    decided.metrics());
            FairnessAudit audit = fairness.audit(evaluation);
            fairness.record(evaluation.id(), audit);
            return entry.withIneligibility(Constraints.reasons(entry, dev.occam.core.usecase.Constraints.NONE,
                    candidate.capabilities(), false, audit, useCase.fairness().minSelectionRateRatio()));
        }
    }

    /**
     * A candidate's evaluation with its decisions made: with the use case's costs (two classes), each fold's
     * threshold chosen on the other folds' held-out scores ({@link CostThreshold#inFolds}; a threshold-reading
     * selection metric is measured again at it) and the final model's on every held-out score; and the task's other
     * metrics, fold by fold.
     *
     * @param threshold the refitted model's threshold chosen by the costs, or null to keep its own
     */
    private record Decided(Evaluation evaluation, FoldMetrics metrics, Double threshold) {
    }

    private Decided decide(Evaluation evaluation) {
        HeldOutScores heldOut = evaluation.heldOut();
        if (!evaluation.succeeded() || heldOut == null) {
            return new Decided(evaluation, FoldMetrics.NONE, null);
        }
        Task task = target.info().task();
        Costs costs = useCase.costs();
        if (costs == null || task != Task.CLASSIFICATION) {
            return new Decided(evaluation, FoldMetrics.of(heldOut, target.values(), task, folds, metric), null);
        }
        double[] thresholds = new double[folds.size()];
        double[] perRow = new double[folds.size()];
        HeldOutScores decided = CostThreshold.inFolds(heldOut, target.values(), folds, costs.falsePositive(),
                costs.falseNegative(), thresholds, perRow);
        List<FoldResult> results = evaluation.folds();
        if (metric.needsThreshold()) {
            List<FoldResult> again = new ArrayList<>(results.size());
            for (int f = 0; f < folds.size(); f++) {
                Fold fold = folds.get(f);
                int[] test = fold.test();
                double[] scores = new double[test.length];
                for (int j = 0; j < test.length; j++) {
                    scores[j] = heldOut.score(fold.repeat(), test[j]);
                }
                FoldResult r = results.get(f);
                again.add(new FoldResult(r.repeat(), r.fold(), metric.compute(target.select(test).values(), scores,
                        thresholds[f]), r.fitMillis(), r.trainRows(), r.testRows()));
            }
            results = again;
        }
        Evaluation atCost = new Evaluation(evaluation.id(), evaluation.family(), evaluation.rung(), metric, results,
                null, decided);
        FoldMetrics metrics = FoldMetrics.of(decided, target.values(), task, folds, metric)
                .with(EXPECTED_COST, perRow).with(THRESHOLD, thresholds);
        double finalThreshold = CostThreshold.pooled(heldOut, target.values(), costs.falsePositive(),
                costs.falseNegative()).threshold();
        return new Decided(atCost, metrics, finalThreshold);
    }

    /** The other metrics' keys for the costs: expected cost per row, and each fold's threshold. */
    static final String EXPECTED_COST = "expected_cost";
    static final String THRESHOLD = "threshold";

    private static boolean isZeroOne(double[] scores) {
        for (double s : scores) {
            if (s != 0.0 && s != 1.0) {
                return false;
            }
        }
        return true;
    }

    /** Tells the user which columns a linear model dropped as linearly dependent, as R's glm reports NA. */
    private void noteAliased(String id, Model model) {
        if (model.scorer() instanceof LinearScorer linear) {
            boolean[] aliased = linear.aliased();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < aliased.length; i++) {
                if (aliased[i]) {
                    names.add(linear.input().feature(i).name());
                }
            }
            if (!names.isEmpty()) {
                notes.add(id + ": " + names.size() + " aliased column" + (names.size() == 1 ? "" : "s")
                        + " (linear combinations of earlier ones) dropped: " + String.join(", ", names));
            }
        }
    }
}
