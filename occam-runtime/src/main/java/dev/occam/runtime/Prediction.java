package dev.occam.runtime;

/**
 * One answer of a model. For classification, {@code score} is the probability of the positive class
 * and {@code label} the class called at the model's decision threshold; for regression, {@code score}
 * is the predicted value and {@code label} is null.
 */
public record Prediction(double score, String label) {

    /** The probability of the positive class (classification). */
    public double probability() {
        return score;
    }
}
