package dev.occam.runtime.prep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Schema;

/**
 * A fitted preparation step: maps a row encoded against {@link #input()} to a row encoded against
 * {@link #output()}. Fitted on training rows only (inside each fold), then frozen; immutable and
 * thread-safe.
 */
public sealed interface Transform permits Imputation, IndicatorEncoding, Standardization {

    Schema input();

    Schema output();

    double[] apply(double[] x);

    /**
     * For each output column, the input column its value is computed from (each output column reads
     * exactly one input column): how an explanation sums prepared columns back to the raw features.
     */
    int[] sources();

    /** The step as readable JSON, with a {@code "type"} field naming it. */
    ObjectNode toJson();

    /** A person's reading of the step, one line or a few. */
    String describe();
}
