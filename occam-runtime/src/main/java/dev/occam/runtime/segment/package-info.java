/**
 * Fitted segmentations, for assigning new rows to segments: a {@link dev.occam.runtime.segment.SegmentModel}
 * is the preparation ({@link dev.occam.runtime.segment.SegmentPreparation}: standardising, log1p, one-hot or
 * prototype handling, recorded per column) and one {@link dev.occam.runtime.segment.Segmenter} (one segment,
 * nearest k-means centre, Gaussian mixture posterior, k-prototypes). Every piece is an immutable record that
 * Jackson writes and reads as is, so a model file can hold it. Fitting lives in {@code dev.occam.core.segment}.
 * Stage: serve.
 */
package dev.occam.runtime.segment;
