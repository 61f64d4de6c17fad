package dev.occam.runtime.segment;

import java.util.Objects;

/**
 * A fitted segmentation, ready to assign new rows: its preparation and its segmenter. Immutable and thread-safe;
 * Jackson writes and reads it as it is (the segmenter tagged by {@code "method"}).
 *
 * @param preparation how an encoded row is prepared
 * @param segmenter the fitted rule on prepared rows
 */
public record SegmentModel(SegmentPreparation preparation, Segmenter segmenter) {

    public SegmentModel {
        Objects.requireNonNull(preparation, "preparation");
        Objects.requireNonNull(segmenter, "segmenter");
        if (preparation.numericDimension() != segmenter.numericDimension()) {
            throw new IllegalArgumentException("the preparation gives " + preparation.numericDimension()
                    + " numeric values, the segmenter expects " + segmenter.numericDimension());
        }
    }

    /** The segment of one encoded row (one value per prepared column: numbers, level codes, NaN for missing). */
    public Assignment assign(double[] encoded) {
        return segmenter.assign(preparation.prepare(encoded));
    }
}
