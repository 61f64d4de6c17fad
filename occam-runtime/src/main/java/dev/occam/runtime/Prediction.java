package dev.occam.runtime;

import java.util.Map;

/**
 * One answer of a model. For two-class classification, {@code score} is the probability of the positive
 * class and {@code label} the class called at the model's decision threshold; for multiclass, {@code label}
 * is the most probable class, {@code score} its probability and {@code probabilities} every class's
 * probability (in the target's level order, summing to 1); for regression, {@code score} is the predicted
 * value and {@code label} is null.
 *
 * @param lower the lower end of the model's {@link PredictionInterval} around the prediction; NaN when the
 *     model has none (classification, or a regression model fitted before intervals)
 * @param upper the upper end; NaN when the model has no interval
 * @param probabilities class to probability (multiclass), in level order; null for the other tasks
 */
public record Prediction(double score, String label, double lower, double upper, Map<String, Double> probabilities) {

    public Prediction {
        if (probabilities != null) {
            probabilities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probabilities));
        }
    }

    /** A prediction of two-class classification or regression. */
    public Prediction(double score, String label, double lower, double upper) {
        this(score, label, lower, upper, null);
    }

    /** A prediction without an interval. */
    public Prediction(double score, String label) {
        this(score, label, Double.NaN, Double.NaN);
    }

    /**
     * The probability of the positive class (two-class classification); for multiclass, the probability of the
     * called class (see {@link #probabilities()} for every class).
     */
    public double probability() {
        return score;
    }

    /** Whether the prediction carries an interval ({@link #lower()} and {@link #upper()} are numbers). */
    public boolean hasInterval() {
        return !Double.isNaN(lower);
    }
}
