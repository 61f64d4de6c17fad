package dev.occam.runtime.segment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A fitted segmentation rule on a prepared row (see {@link SegmentPreparation#prepare}): the numeric part
 * first ({@link #numericDimension()} values: standardised numbers and one-hot indicators), then the level codes
 * of the categorical columns kept as prototypes (k-prototypes only; {@code -1} for missing). Implementations are
 * immutable records, safe to share between threads, written to JSON with a {@code "method"} tag.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "method")
@JsonSubTypes({
    @JsonSubTypes.Type(value = OneSegment.class, name = "one_segment"),
    @JsonSubTypes.Type(value = KMeansSegmenter.class, name = "k_means"),
    @JsonSubTypes.Type(value = GaussianMixtureSegmenter.class, name = "gaussian_mixture"),
    @JsonSubTypes.Type(value = KPrototypesSegmenter.class, name = "k_prototypes")
})
public sealed interface Segmenter permits OneSegment, KMeansSegmenter, GaussianMixtureSegmenter, KPrototypesSegmenter {

    /** How many segments rows can be assigned to. */
    int segmentCount();

    /** How many numeric values a prepared row has (before any categorical codes). */
    int numericDimension();

    /** The segment of one prepared row. @throws IllegalArgumentException when the row has the wrong length */
    Assignment assign(double[] prepared);

    /** The number of free parameters, as the method counts them (mclust's for mixtures). */
    long parameterCount();

    /** One line for people: the method and its size. */
    String describe();

    /** Checks a prepared row's length against what the segmenter was fitted on. */
    static void requireLength(double[] prepared, int expected, String method) {
        if (prepared.length != expected) {
            throw new IllegalArgumentException(method + " expects a prepared row of " + expected + " values, got "
                    + prepared.length);
        }
    }
}
