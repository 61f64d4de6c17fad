/**
 * Customer segmentation: preparing rows ({@link dev.occam.core.segment.SegmentPreparer}), fitting the ladder of
 * segmentations ({@link dev.occam.core.segment.SegmentationLadder}: one segment, k-means by the gap statistic,
 * Gaussian mixtures by BIC or k-prototypes by silhouette), their stability, profiles and membership rules. The fitted
 * segmenters are runtime records ({@code dev.occam.runtime.segment}). Stage: after learn (it reuses the tree learner
 * for membership rules), before ladder. See docs/segmentation.md.
 */
package dev.occam.core.segment;
