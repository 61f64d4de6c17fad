package dev.occam.core.evaluate;

import dev.occam.core.data.Target;
import dev.occam.core.learn.DecisionThreshold;
import dev.occam.core.learn.Learner;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scores a learner on every fold: fit on the fold's training rows (the learner refits its whole
 * pipeline there), set the decision threshold from those rows, score the held-out rows, and keep the
 * per-fold metric and every held-out score (see {@link HeldOutScores}), and on request the fold models
 * themselves ({@link FoldModels}). A learner that fails on a fold is recorded as failed with its reason; the
 * caller goes on with the others.
 */
public final class CrossValidation {

    /** Called after each fold, for progress reporting. */
    public interface Listener {
        void foldDone(String family, Fold fold, int done, int total);
    }

    private CrossValidation() {
    }

    /**
     * @param threshold the use case's decision threshold, or null for the default (see {@link DecisionThreshold})
     */
    public static Evaluation evaluate(Learner learner, Frame features, Target target, List<Fold> folds,
            Metric metric, Double threshold, Listener listener) {
        return evaluate(learner, features, target, folds, metric, threshold, listener, Runnable::run);
    }

    /**
     * As {@link #evaluate(Learner, Frame, Target, List, Metric, Double, Listener)}, with the folds fitted on
     * {@code executor} (one task per fold). The result does not depend on the executor: each fold's fit depends
     * only on its rows and the learner's own seed, and the folds' results are assembled in fold order. The
     * listener may be called from the executor's threads, one call at a time.
     */
    public static Evaluation evaluate(Learner learner, Frame features, Target target, List<Fold> folds,
            Metric metric, Double threshold, Listener listener, Executor executor) {
        return evaluateKeepingModels(learner, features, target, folds, metric, threshold, listener, executor)
                .evaluation();
    }

    /** An evaluation with the fold models that made it; {@code models} is null when the evaluation failed. */
    public record Evaluated(Evaluation evaluation, FoldModels models) {
    }

    /**
     * As {@link #evaluate(Learner, Frame, Target, List, Metric, Double, Listener, Executor)}, keeping each fold's
     * fitted model (with its threshold) beside the evaluation, so that nothing needs refitting to explain it.
     */
    public static Evaluated evaluateKeepingModels(Learner learner, Frame features, Target target, List<Fold> folds,
            Metric metric, Double threshold, Listener listener, Executor executor) {
        try {
            return evaluateAsync(learner, features, target, folds, metric, threshold, listener, executor).join();
        } catch (CompletionException e) {
            // Not a fit's RuntimeException (those are outcomes): an Error, rethrown as it was.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * As {@link #evaluateKeepingModels}, without waiting: the future completes when the last fold is assembled
     * (on the thread that finished the last fold, or at once with an executor that runs tasks in the caller).
     * The tournament starts every candidate's folds this way, so that one candidate's slowest fold overlaps the
     * next candidate's folds.
     */
    public static CompletableFuture<Evaluated> evaluateAsync(Learner learner, Frame features, Target target,
            List<Fold> folds, Metric metric, Double threshold, Listener listener, Executor executor) {
        int repeats = folds.stream().mapToInt(Fold::repeat).max().orElse(0) + 1;
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<FoldOutcome>> futures = new ArrayList<>(folds.size());
        for (Fold fold : folds) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                FoldOutcome outcome = fitFold(learner, features, target, fold, metric, threshold);
                if (listener != null && outcome.failure == null) {
                    synchronized (listener) {
                        listener.foldDone(learner.family(), fold, done.incrementAndGet(), folds.size());
                    }
                }
                return outcome;
            }, executor));
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(all -> assemble(learner, target, folds, metric, repeats, futures));
    }

    /** The folds' outcomes in fold order, whichever thread finished first. */
    private static Evaluated assemble(Learner learner, Target target, List<Fold> folds, Metric metric, int repeats,
            List<CompletableFuture<FoldOutcome>> futures) {
        List<FoldResult> results = new ArrayList<>(folds.size());
        List<Model> models = new ArrayList<>(folds.size());
        HeldOutScores.Builder heldOut = new HeldOutScores.Builder(target.size(), repeats);
        for (int f = 0; f < folds.size(); f++) {
            Fold fold = folds.get(f);
            FoldOutcome outcome = futures.get(f).join();
            if (outcome.failure != null) {
                // The first failing fold in fold order.
                return new Evaluated(Evaluation.failed(learner.family(), learner.rung(), metric,
                        "fold " + (fold.index() + 1) + " of repeat " + (fold.repeat() + 1) + ": "
                                + outcome.failure.getMessage()), null);
            }
            heldOut.add(fold, outcome.scores, outcome.model.threshold());
            if (outcome.classProbabilities != null) {
                heldOut.addClasses(fold, outcome.classProbabilities);
            }
            results.add(outcome.result);
            models.add(outcome.model);
        }
        return new Evaluated(new Evaluation(learner.family(), learner.rung(), metric, results, null, heldOut.build()),
                new FoldModels(learner.family(), folds, models));
    }

    /** One fold's fit and scores, or the exception its fit threw. */
    private record FoldOutcome(FoldResult result, double[] scores, Model model, double[][] classProbabilities,
            RuntimeException failure) {
    }

    private static FoldOutcome fitFold(Learner learner, Frame features, Target target, Fold fold, Metric metric,
            Double threshold) {
        // Views, not copies: the first preparation step reads the training rows through the index into its own
        // output, and held-out scoring reads the test rows row by row; a learner that needs a dense array (a
        // tree's sort) gathers just its columns, once. The targets are one column and are copied.
        Frame trainX = features.view(fold.train());
        Target trainY = target.select(fold.train());
        Frame testX = features.view(fold.test());
        Target testY = target.select(fold.test());
        long start = System.nanoTime();
        Model model;
        try {
            model = fitWithThreshold(learner, trainX, trainY, threshold);
        } catch (RuntimeException e) {
            return new FoldOutcome(null, null, null, null, e);
        }
        double fitMillis = (System.nanoTime() - start) / 1e6;
        if (target.isMulticlass()) {
            // Multiclass: the metric reads every class's probability; the called class's is kept as the score.
            double[][] probabilities = model.scoreClasses(testX);
            double[] called = new double[probabilities.length];
            for (int i = 0; i < called.length; i++) {
                called[i] = probabilities[i][dev.occam.runtime.scorer.MulticlassScorer.argmax(probabilities[i])];
            }
            double value = metric.computeClasses(testY.classCodes(), probabilities);
            return new FoldOutcome(new FoldResult(fold.repeat(), fold.index(), value, fitMillis, fold.train().length,
                    fold.test().length), called, model, probabilities, null);
        }
        double[] scores = model.score(testX);
        double value = metric.compute(testY.values(), scores, model.threshold());
        return new FoldOutcome(new FoldResult(fold.repeat(), fold.index(), value, fitMillis, fold.train().length,
                fold.test().length), scores, model, null, null);
    }

    /**
     * Fits and sets the decision threshold: the stated one, or the one that calls positive the share of
     * training rows that are positive.
     */
    public static Model fitWithThreshold(Learner learner, Frame features, Target target, Double threshold) {
        Model model = learner.fit(features, target);
        if (!target.isClassification()) {
            return model;
        }
        double t = threshold != null ? threshold
                : DecisionThreshold.matchingPositiveShare(model.score(features), target.mean());
        return model.withThreshold(t);
    }
}
