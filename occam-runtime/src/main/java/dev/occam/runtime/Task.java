package dev.occam.runtime;

import dev.occam.runtime.scorer.MulticlassScorer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The question a use case asks, as a type. The tasks that predict one answer per row of features
 * ({@link PredictionTask}: two classes, three or more, a number) own their target encoding, prediction shape and
 * decision policy; forecasting a series, segmenting rows into groups and recommending items to users are tasks of
 * their own, each with its data, its evaluation and its fitted artefact. New tasks join this sealed family (and the
 * compiler then shows every place that must learn about them) instead of adding a branch to each module.
 *
 * <p>Tasks are stateless singletons, so a use case can name its task before the data is read; what depends on the
 * data (the positive class, the levels) is the {@link TargetInfo}'s.
 */
public sealed interface Task permits PredictionTask, Task.Forecast, Task.Segmentation, Task.Recommendation {

    /** Two classes: the score is the positive class's probability, the call is made at a threshold. */
    Classification CLASSIFICATION = new Classification();
    /** Three or more classes: per-class probabilities summing to 1, the call is the most probable class. */
    Multiclass MULTICLASS = new Multiclass();
    /** A number: the score is the predicted value. */
    Regression REGRESSION = new Regression();
    /** The future values of one series or many, with intervals. */
    Forecast FORECAST = new Forecast();
    /** Natural groups of rows, each described, new rows assigned to one. */
    Segmentation SEGMENTATION = new Segmentation();
    /** The items each user should see next, from their interactions. */
    Recommendation RECOMMENDATION = new Recommendation();

    /** Every task, in the order they are listed to a user. */
    static List<Task> all() {
        return List.of(CLASSIFICATION, MULTICLASS, REGRESSION, FORECAST, SEGMENTATION, RECOMMENDATION);
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
        throw new IllegalArgumentException("task must be one of " + String.join(", ", all().stream()
                .map(Task::word).toList()) + "; got '" + word + "'");
    }

    /** The word used in use cases, messages and files. */
    String word();

    /** The key of the metric this task is chosen by when the use case names none. */
    String defaultMetric();

    /** Forecasting (see {@link #FORECAST}). */
    final class Forecast implements Task {
        private Forecast() {
        }

        @Override
        public String word() {
            return "forecast";
        }

        @Override
        public String defaultMetric() {
            return "mase";
        }

        @Override
        public String toString() {
            return word();
        }
    }

    /** Segmentation (see {@link #SEGMENTATION}). */
    final class Segmentation implements Task {
        private Segmentation() {
        }

        @Override
        public String word() {
            return "segment";
        }

        @Override
        public String defaultMetric() {
            return "stability";
        }

        @Override
        public String toString() {
            return word();
        }
    }

    /** Recommendation (see {@link #RECOMMENDATION}). */
    final class Recommendation implements Task {
        private Recommendation() {
        }

        @Override
        public String word() {
            return "recommend";
        }

        @Override
        public String defaultMetric() {
            return "ndcg@10";
        }

        @Override
        public String toString() {
            return word();
        }
    }

    /** Two classes (see {@link #CLASSIFICATION}). */
    final class Classification implements PredictionTask {
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
    final class Multiclass implements PredictionTask {
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
    final class Regression implements PredictionTask {
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
