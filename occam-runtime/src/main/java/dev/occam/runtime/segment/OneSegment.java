package dev.occam.runtime.segment;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The baseline "no structure": every row is in segment 0 with probability 1. It is the rung every segmentation
 * must beat (a gap statistic or a BIC that prefers one segment says the data have no clusters worth naming).
 *
 * @param numericDimension the length of the prepared rows it accepts
 */
public record OneSegment(int numericDimension) implements Segmenter {

    public OneSegment {
        if (numericDimension < 0) {
            throw new IllegalArgumentException("numericDimension must be >= 0: " + numericDimension);
        }
    }

    @Override
    @JsonIgnore
    public int segmentCount() {
        return 1;
    }

    @Override
    public Assignment assign(double[] prepared) {
        Segmenter.requireLength(prepared, numericDimension, "one segment");
        return new Assignment(0, 1.0);
    }

    @Override
    public long parameterCount() {
        return 0;
    }

    @Override
    public String describe() {
        return "one segment (no structure)";
    }
}
