package dev.occam.core.usecase;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits a candidate model must respect to be eligible; every one is optional.
 *
 * @param maxLatencyUs the largest acceptable p99 in-process single-row scoring time, in microseconds, or null
 * @param maxParameters the largest acceptable number of parameters, or null
 * @param interpretable whether only models a person can read are eligible
 * @param monotone columns whose effect on the positive class (or the predicted number) must only go one
 *     way, in file order; empty when none
 */
public record Constraints(Double maxLatencyUs, Long maxParameters, boolean interpretable,
        Map<String, Monotone> monotone) {

    /** No constraint at all. */
    public static final Constraints NONE = new Constraints(null, null, false, Map.of());

    public Constraints {
        if (maxLatencyUs != null && !(maxLatencyUs > 0 && Double.isFinite(maxLatencyUs))) {
            throw new KeyedArgumentException("constraints.max_latency_us",
                    "constraints.max_latency_us must be > 0: " + maxLatencyUs);
        }
        if (maxParameters != null && maxParameters < 1) {
            throw new KeyedArgumentException("constraints.max_parameters",
                    "constraints.max_parameters must be >= 1: " + maxParameters);
        }
        Map<String, Monotone> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Monotone> e : (monotone == null ? Map.<String, Monotone>of() : monotone).entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new KeyedArgumentException("constraints.monotone", "constraints.monotone has an empty column name");
            }
            if (e.getValue() == null) {
                throw new KeyedArgumentException("constraints.monotone", "constraints.monotone." + e.getKey()
                        + " needs a direction: increasing or decreasing");
            }
            copy.put(e.getKey(), e.getValue());
        }
        // Order kept: it is the order the user wrote, and the order reports show.
        monotone = Collections.unmodifiableMap(copy);
    }
}
