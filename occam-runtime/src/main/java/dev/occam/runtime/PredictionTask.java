package dev.occam.runtime;

/**
 * A task that predicts one answer per row of features, read by a {@link Model}: it owns how many scores a scorer
 * gives per row, the decision policy ({@link Decision}) and the shape of the prediction.
 */
public sealed interface PredictionTask extends Task permits Task.Classification, Task.Multiclass, Task.Regression {

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

    /**
     * The answer for one row: {@code scores} are the scorer's (calibrated) outputs, one or one per class, turned
     * into a prediction by the decision.
     */
    Prediction predict(TargetInfo target, double[] scores, Decision decision);
}
