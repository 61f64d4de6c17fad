package dev.occam.runtime;

import dev.occam.runtime.scorer.MulticlassScorer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What is predicted, as a type: each task owns how its target is encoded, how many scores a scorer gives for it, the
 * shape of its prediction, its decision policy ({@link Decision}), the metrics it is judged by and whether folds
 * are stratified on it. New tasks join this sealed family (and the compiler then shows every place that must learn
 * about them) instead of adding a branch to each module.
 *
 * <p>The three tasks are stateless singletons ({@link #CLASSIFICATION}, {@link #MULTICLASS}, {@link #REGRESSION}),
 * so a use case can name its task before the data is read; what depends on the data (the positive class, the
 * levels) is the {@link TargetInfo}'s.
 */
public sealed interface Task permits Task.Classification, Task.Multiclass, Task.Regression {

    /** Two classes: the score is the positive class's probability, the call is made at a threshold. */
    Classification CLASSIFICATION = new Classification();
    /** Three or more classes: per-class probabilities summing to 1, the call is the most probable class. */
    Multiclass MULTICLASS = new Multiclass();
    /** A number: the score is the predicted value. */
    Regression REGRESSION = new Regression();

    /** Every task, in the order they are listed to a user. */
    static List<Task> all() {
        return List.of(CLASSIFICATION, MULTICLASS, REGRESSION);
    }

    /**
     * The task a word names (as in a use case's {@code task:} and a model file's {@code target.task}).
     *
     * @throws IllegalArgumentException naming the word and the words allowed
     */
    static Task fromWord(String word) {
        for (Task t : all()) {
            if (t.word().equals(word.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("task must be one of classification, multiclass, regression; got '"
                + word + "'");
    }

    /** The word used in messages and files: classification, multiclass, regression. */
    String word();

    /** Whether the target is a class (two or more), so folds are stratified on it. */
    boolean isCategorical();

    /** How many scores a scorer gives per row for this target: 1, or the number of classes. */
    int scoresPerRow(TargetInfo target);

    /** The decision policy a freshly fitted model of this task starts with. */
    Decision defaultDecision();

    /**
     * {@code decision} when it is one this task makes.
     *
     * @throws IllegalArgumentException naming the decision and the task
     */
    Decision check(Decision decision);

    /** The key of the metric this task is chosen by when the use case names none. */
    String defaultMetric();

    /**
     * The answer for one row: {@code scores} are the scorer's (calibrated) outputs, one or one per class, turned
     * into a prediction by the decision.
     */
    Prediction predict(TargetInfo target, double[] scores, Decision decision);

    /** Two classes (see {@link #CLASSIFICATION}). */
    final class Classification implements Task {
        private Classification() {
        }

        @Override
        public String word() {
            return "classification";
        }

        @Override
        public boolean isCategorical() {
            return true;
        }

        @Override
        public int scoresPerRow(TargetInfo target) {
            return 1;
        }

        @Override
        public Decision defaultDecision() {
            return new Decision.AtThreshold(0.5);
        }

        @Override
        public Decision check(Decision decision) {
            if (!(decision instanceof Decision.AtThreshold)) {
                throw new IllegalArgumentException("a two-class model calls a class at a threshold, not by "
                        + decision.describe());
            }
            return decision;
        }

        @Override
        public String defaultMetric() {
            return "auc";
        }

        @Override
        public Prediction predict(TargetInfo target, double[] scores, Decision decision) {
            double p = scores[0];
            return new Prediction(p, p >= ((Decision.AtThreshold) decision).threshold() ? target.positive()
                    : target.negative());
        }

        @Override
        public String toString() {
            return word();
        }
    }

    /** Three or more classes (see {@link #MULTICLASS}). */
    final class Multiclass implements Task {
        private Multiclass() {
        }

        @Override
        public String word() {
            return "multiclass";
        }

        @Override
        public boolean isCategorical() {
            return true;
        }

        @Override
        public int scoresPerRow(TargetInfo target) {
            return target.classCount();
        }

        @Override
        public Decision defaultDecision() {
            return Decision.MOST_PROBABLE;
        }

        @Override
        public Decision check(Decision decision) {
            if (!(decision instanceof Decision.MostProbable)) {
                throw new IllegalArgumentException("a multiclass model calls the most probable class, not "
                        + decision.describe());
            }
            return decision;
        }

        @Override
        public String defaultMetric() {
            return "macro_auc";
        }

        /** The most probable class is called (the first level on ties); every class's probability is given. */
        @Override
        public Prediction predict(TargetInfo target, double[] scores, Decision decision) {
            Map<String, Double> byClass = new LinkedHashMap<>();
            for (int k = 0; k < scores.length; k++) {
                byClass.put(target.levels().get(k), scores[k]);
            }
            int called = MulticlassScorer.argmax(scores);
            return new Prediction(scores[called], target.levels().get(called), Double.NaN, Double.NaN, byClass);
        }

        @Override
        public String toString() {
            return word();
        }
    }

    /** A number (see {@link #REGRESSION}). */
    final class Regression implements Task {
        private Regression() {
        }

        @Override
        public String word() {
            return "regression";
        }

        @Override
        public boolean isCategorical() {
            return false;
        }

        @Override
        public int scoresPerRow(TargetInfo target) {
            return 1;
        }

        @Override
        public Decision defaultDecision() {
            return Decision.VALUE;
        }

        @Override
        public Decision check(Decision decision) {
            if (!(decision instanceof Decision.Value)) {
                throw new IllegalArgumentException("a regression model reports its value, not "
                        + decision.describe());
            }
            return decision;
        }

        @Override
        public String defaultMetric() {
            return "rmse";
        }

        @Override
        public Prediction predict(TargetInfo target, double[] scores, Decision decision) {
            return new Prediction(scores[0], null);
        }

        @Override
        public String toString() {
            return word();
        }
    }
}
