package dev.occam.core.jobs;

import dev.occam.core.calibrate.CalibrationChoice;
import dev.occam.core.data.DataException;
import dev.occam.core.data.Target;
import dev.occam.core.evaluate.CvResidualInterval;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.FoldModels;
import dev.occam.core.evaluate.Futures;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.explain.GlobalExplanation;
import dev.occam.core.ladder.Ladder;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.select.Selection;
import dev.occam.core.usecase.UseCase;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * {@code occam fit}: the whole data flow for one use case, in three parts. {@link FitPlan} reads the data and
 * decides what will be played (target, features, leakage, folds, candidates); the {@link Tournament} plays every
 * candidate on the same seeded folds (cross-validated, refitted, checked, audited for fairness, constrained); this
 * class then chooses, finishes the chosen model (interval, calibration, explanation from its fold models) and has
 * {@link FitWriter} write {@code leaderboard.json}, {@code model.json}, {@code card.json} and
 * {@code report-data.json}.
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
    /** The most workers a {@link ForkJoinPool} takes (its parallelism limit): the bound on {@code threads}. */
    public static final int MAX_THREADS = 0x7fff;

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
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS + ": " + threads);
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
        // A fork-join pool of exactly `threads` workers: a learner's own parallel passes (a parallel stream, such
        // as the blocked X'WX) run on the pool they are called from, so --threads bounds every core the fit uses.
        // One thread runs the whole fit inside a one-worker pool, tasks in the caller's order.
        // Named by a counter: a worker's pool index is not assigned until it starts, so it read 0 for every one.
        java.util.concurrent.atomic.AtomicInteger workers = new java.util.concurrent.atomic.AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(threads, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("occam-fold-" + workers.getAndIncrement());
            return t;
        }, null, false);
        try {
            if (threads == 1) {
                return Futures.join(CompletableFuture.supplyAsync(() -> {
                    try {
                        return run(Runnable::run);
                    } catch (DataException | IOException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }, pool));
            }
            return run(pool);
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof DataException d) {
                throw d;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    private FitResult run(Executor executor) throws DataException, IOException {
        FitPlan plan = FitPlan.of(useCase, executor);
        List<String> notes = plan.notes();
        Target target = plan.target();
        Frame features = plan.features();
        Metric metric = plan.metric();
        List<Fold> folds = plan.folds();
        FairnessFindings fairness = new FairnessFindings(useCase, plan.keptRows(), target);
        fairness.rankProxies(features);
        List<String> warnings = new ArrayList<>(dev.occam.core.data.DataLoader.typingWarnings(plan.table()));
        Tournament.Result tournament = new Tournament(useCase, plan.keptRows(), features, target, folds, metric,
                executor, measuringThreads(threads), fairness,
                new FoldCounter(plan.candidates().size() * folds.size(), progress), notes, warnings)
                .play(plan.candidates());
        List<LeaderboardEntry> entries = tournament.entries();
        Selection.Verdict verdict = Selection.choose(entries, metric, useCase.selection().rule(),
                useCase.selection().alpha(), plan.testTrainRatio());
        Model chosen = verdict.chosen() == null ? null : tournament.models().get(verdict.chosen().id());
        FoldModels chosenFolds = verdict.chosen() == null ? null : tournament.foldModels().get(verdict.chosen().id());
        // Only the chosen candidate's models are read from here on: the others' refits and fold models (a large
        // table's forest keeps hundreds of megabytes of them) are let go before the explanation and the writers.
        tournament = null;
        chosen = withInterval(chosen, verdict.chosen(), target, folds, notes);
        CalibrationChoice calibration = checkCalibration(verdict.chosen(), chosen, target, folds);
        if (calibration != null) {
            chosen = calibration.applyTo(chosen, features, target, useCase.threshold());
            chosen = withCostThreshold(chosen, verdict.chosen(), target);
        }
        GlobalExplanation explanation = chosen == null ? null
                : explain(verdict.chosen().id(), chosenFolds, chosen, features, target, metric, notes, executor);
        FitResult result = new FitResult(useCase, plan.table().rows(), plan.data().rowsDropped(),
                features.columnCount(), target, metric, folds.size(), plan.splitter(), verdict, chosen,
                plan.setAside(), plan.suspects(), notes, warnings, outputDirectory, fairness.report(), explanation,
                calibration);
        FitWriter.write(result, plan.source(), plan.table(), features, outputDirectory);
        return result;
    }

    /**
     * How many candidates' latencies are measured at once: the fit's threads, leaving one core of the machine to the
     * JVM's compiler and collector. On two cores that is one: measured two at a time there, each measuring thread
     * ran 60-90% of the wall time while the JIT compiled the next model's code, so the figures timed the wait for
     * a core (and the fit warned that the machine was busy on a quiet machine).
     */
    static int measuringThreads(int threads) {
        return Math.max(1, Math.min(threads, Runtime.getRuntime().availableProcessors() - 1));
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
     * A calibrated model under costs: the threshold that minimises the cost on the calibrated out-of-fold scores
     * (the calibrator moves the scale, so the one chosen before it no longer applies). Otherwise unchanged.
     */
    private Model withCostThreshold(Model model, LeaderboardEntry entry, Target target) {
        if (useCase.costs() == null || model == null || model.calibration() == null
                || entry.evaluation().heldOut() == null) {
            return model;
        }
        double[] scores = entry.evaluation().heldOut().scores();
        for (int i = 0; i < scores.length; i++) {
            scores[i] = model.calibration().apply(scores[i]);
        }
        var heldOut = entry.evaluation().heldOut();
        var calibrated = new dev.occam.core.evaluate.HeldOutScores(heldOut.rows(), heldOut.repeats(), scores,
                heldOut.thresholds());
        return model.withThreshold(dev.occam.core.evaluate.CostThreshold.pooled(calibrated, target.values(),
                useCase.costs().falsePositive(), useCase.costs().falseNegative()).threshold());
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

}
