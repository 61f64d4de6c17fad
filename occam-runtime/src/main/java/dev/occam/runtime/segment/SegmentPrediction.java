package dev.occam.runtime.segment;

/**
 * The segment a new row is put in, numbered from 1 as the profiles number them ("Segment 2, 18% of customers"), and
 * its membership probability: the mixture's posterior for the segment, 1 for the single-segment baseline, NaN for
 * methods without a probability model (k-means, k-prototypes).
 */
public record SegmentPrediction(int segment, double probability) {

    public SegmentPrediction {
        if (segment < 1) {
            throw new IllegalArgumentException("segment numbers start at 1: " + segment);
        }
    }

    /** The assignment of a segmenter (from 0) as people count segments. */
    static SegmentPrediction of(Assignment a) {
        return new SegmentPrediction(a.segment() + 1, a.probability());
    }

    /** True when the method gives a membership probability. */
    public boolean hasProbability() {
        return !Double.isNaN(probability);
    }
}
