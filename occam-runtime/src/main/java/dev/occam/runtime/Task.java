package dev.occam.runtime;

/**
 * What is predicted: one of two classes (with the probability of the positive one), one of three or more
 * classes (with the probability of each), or a number. Each task owns its target encoding (0/1, class codes
 * 0..K-1, the value), its prediction (a probability and a call at the threshold, per-class probabilities and
 * the most probable class, a value with an optional interval) and its decision policy (the threshold, argmax,
 * none); see {@link TargetInfo} and {@link Model}.
 */
public enum Task {
    /** Two classes: the score is the positive class's probability, the call is made at a threshold. */
    CLASSIFICATION,
    /** A number: the score is the predicted value. */
    REGRESSION,
    /** Three or more classes: per-class probabilities summing to 1, the call is the most probable class. */
    MULTICLASS;

    /** The word used in messages and files: classification, regression, multiclass. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the target is a class (two or more), so folds are stratified on it. */
    public boolean isCategorical() {
        return this != REGRESSION;
    }
}
