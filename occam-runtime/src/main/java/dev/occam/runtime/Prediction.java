package dev.occam.runtime;

/**
 * One answer of a model. For classification, {@code score} is the probability of the positive class
 * and {@code label} the class called at the model's decision threshold; for regression, {@code score}
 * is the predicted value and {@code label} is null.
 *
 * @param lower the lower end of the model's {@link PredictionInterval} around the prediction; NaN when the
 *     model has none (classification, or a regression model fitted before intervals)
 * @param upper the upper end; NaN when the model has no interval
 */
public record Prediction(double score, String label, double lower, double upper) {

    /** A prediction without an interval. */
    public Prediction(double score, String label) {
        this(score, label, Double.NaN, Double.NaN);
    }

    /** The probability of the positive class (classification). */
    public double probability() {
        return score;
    }

    /** Whether the prediction carries an interval ({@link #lower()} and {@link #upper()} are numbers). */
    public boolean hasInterval() {
        return !Double.isNaN(lower);
    }
}
