package dev.occam.runtime.calibration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.io.Json;

/**
 * Platt scaling (Platt 1999, "Probabilistic outputs for support vector machines"), on the logit of the
 * score as for a probabilistic classifier: {@code p = 1 / (1 + exp(-(a·logit(s) + b)))}, with the score
 * kept {@link #EPSILON} away from 0 and 1 so its logit is finite. {@code a = 1, b = 0} is the identity;
 * {@code a < 1} shrinks over-confident scores towards the middle, {@code b} shifts them.
 *
 * @param a the slope on the score's logit (the calibration slope, Cox 1958)
 * @param b the intercept
 */
public record PlattScaling(double a, double b) implements Calibrator {

    public static final String METHOD = "platt";
    /** How far a score is kept from 0 and 1 before its logit is taken. */
    public static final double EPSILON = 1e-6;

    public PlattScaling {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("Platt scaling needs finite a and b, got a = " + a + ", b = " + b);
        }
    }

    /** The logit of a score clipped to [{@link #EPSILON}, 1 − {@link #EPSILON}]. */
    public static double logit(double score) {
        double s = Math.min(1 - EPSILON, Math.max(EPSILON, score));
        return Math.log(s / (1 - s));
    }

    @Override
    public double apply(double score) {
        if (Double.isNaN(score)) {
            return Double.NaN;
        }
        return 1 / (1 + Math.exp(-(a * logit(score) + b)));
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("method", METHOD);
        node.put("formula", "p = 1 / (1 + exp(-(a * logit(score) + b))), score clipped to [1e-6, 1 - 1e-6]");
        node.put("a", a);
        node.put("b", b);
        return node;
    }

    @Override
    public String describe() {
        return "calibration: Platt scaling, probability = 1 / (1 + exp(-(" + Json.number(a) + " * logit(score) + "
                + Json.number(b) + ")))";
    }
}
