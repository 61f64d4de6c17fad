package dev.occam.runtime.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.io.Json;

/**
 * A fitted monotone map from a classifier's score to a calibrated probability of the positive class,
 * applied after the scorer (see {@code Model#withCalibration}). Non-decreasing, so it keeps the order of
 * the scores (isotonic regression may tie scores that were apart). Immutable and thread-safe.
 */
public sealed interface Calibrator permits PlattScaling, IsotonicCalibration {

    /** The calibrated probability of a score in [0, 1]; NaN stays NaN. */
    double apply(double score);

    /** The method's name in files and messages: {@code platt} or {@code isotonic}. */
    String method();

    /** The calibrator as a readable JSON object with its {@code method}. */
    ObjectNode toJson();

    /** One line a person reads: the method and its fitted numbers. */
    String describe();

    /**
     * Reads a calibrator written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException naming an unknown method or a malformed field
     */
    static Calibrator fromJson(JsonNode node) {
        String method = Json.required(node, "method").asText();
        return switch (method) {
            case PlattScaling.METHOD -> new PlattScaling(Json.required(node, "a").doubleValue(),
                    Json.required(node, "b").doubleValue());
            case IsotonicCalibration.METHOD -> new IsotonicCalibration(Json.doubles(Json.required(node, "scores")),
                    Json.doubles(Json.required(node, "probabilities")));
            default -> throw new IllegalArgumentException("unknown calibration method '" + method
                    + "'; this Occam reads platt or isotonic");
        };
    }
}
