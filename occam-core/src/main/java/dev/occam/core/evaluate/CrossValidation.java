package dev.occam.core.evaluate;

import dev.occam.core.data.Target;
import dev.occam.core.learn.DecisionThreshold;
import dev.occam.core.learn.Learner;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a learner on every fold: fit on the fold's training rows (the learner refits its whole
 * pipeline there), set the decision threshold from those rows, score the held-out rows, and keep the
 * per-fold metric and every held-out score (see {@link HeldOutScores}). A learner that fails on a fold is recorded as failed with its reason; the caller
 * goes on with the others.
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
        List<FoldResult> results = new ArrayList<>(folds.size());
        int repeats = folds.stream().mapToInt(Fold::repeat).max().orElse(0) + 1;
        HeldOutScores.Builder heldOut = new HeldOutScores.Builder(target.size(), repeats);
        int done = 0;
        for (Fold fold : folds) {
            Frame trainX = features.select(fold.train());
            Target trainY = target.select(fold.train());
            Frame testX = features.select(fold.test());
            Target testY = target.select(fold.test());
            long start = System.nanoTime();
            Model model;
            try {
                model = fitWithThreshold(learner, trainX, trainY, threshold);
            } catch (RuntimeException e) {
                return Evaluation.failed(learner.family(), learner.rung(), metric,
                        "fold " + (fold.index() + 1) + " of repeat " + (fold.repeat() + 1) + ": " + e.getMessage());
            }
            double fitMillis = (System.nanoTime() - start) / 1e6;
            double[] scores = model.score(testX);
            double value = metric.compute(testY.values(), scores, model.threshold());
            heldOut.add(fold, scores, model.threshold());
            results.add(new FoldResult(fold.repeat(), fold.index(), value, fitMillis, fold.train().length,
                    fold.test().length));
            done++;
            if (listener != null) {
                listener.foldDone(learner.family(), fold, done, folds.size());
            }
        }
        return new Evaluation(learner.family(), learner.rung(), metric, results, null, heldOut.build());
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
