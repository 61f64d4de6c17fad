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

    /** The step applied to one row; a new array. */
    default double[] apply(double[] x) {
        double[] out = new double[output().size()];
        applyInto(x, out);
        return out;
    }

    /**
     * The step applied to one row, written into {@code out} (of {@code output().size()} values, every one of which
     * is written): the allocation-free form that batch scoring reuses one buffer per step with.
     */
    void applyInto(double[] x, double[] out);

    /**
     * Whether the step writes every row exactly as it reads it (indicators of a row of numbers only): callers may
     * then skip it rather than copy each value.
     */
    default boolean copiesEveryRow() {
        return false;
    }

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
