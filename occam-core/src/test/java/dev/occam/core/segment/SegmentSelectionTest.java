package dev.occam.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.segment.KMeansSegmenter;
import dev.occam.runtime.segment.OneSegment;
import dev.occam.runtime.segment.SegmentModel;
import dev.occam.runtime.segment.SegmentPreparation;
import dev.occam.runtime.segment.Segmenter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The choice between rungs: simplest within one resample standard deviation of the most stable. */
class SegmentSelectionTest {

    private static final SegmentPreparation PREP = new SegmentPreparation(List.of(
            new SegmentPreparation.ColumnStep("x", SegmentPreparation.Handling.STANDARDISE, 0, 1, List.of(), "")));

    private static SegmentationLadder.Candidate candidate(String method, int k, double... resamples) {
        Segmenter s = k == 1 ? new OneSegment(1) : new KMeansSegmenter(new double[k][1]);
        double mean = resamples.length == 0 ? 1 : java.util.Arrays.stream(resamples).average().orElseThrow();
        return new SegmentationLadder.Candidate(method, k, new SegmentModel(PREP, s), new int[0], Double.NaN,
                Double.NaN, 0.5, mean, "by test", List.of(), null, resamples);
    }

    @Test
    void choose_simplerWithinOneSd_choosesSimpler() {
        // Best: 0.9 with resample sd 0.1 (values 0.8, 0.9, 1.0); the simpler 0.85 is within it.
        SegmentSelection.Choice c = SegmentSelection.choose(List.of(candidate("one segment", 1),
                candidate("k-means", 2, 0.85, 0.85, 0.85), candidate("mixture", 3, 0.8, 0.9, 1.0)));
        assertEquals(1, c.chosen());
        assertEquals(2, c.best());
        assertTrue(c.reasons().get(0).startsWith("k-means (2 segments) is the simplest segmentation whose stability"),
                c.reasons().toString());
        assertNull(c.whyNot().get(1));
        assertTrue(c.whyNot().get(2).startsWith("about as stable"), c.whyNot().get(2));
    }

    @Test
    void choose_simplerBelowOneSd_climbs() {
        SegmentSelection.Choice c = SegmentSelection.choose(List.of(candidate("one segment", 1),
                candidate("k-means", 2, 0.6, 0.6, 0.6), candidate("mixture", 3, 0.8, 0.9, 1.0)));
        assertEquals(2, c.chosen());
        assertTrue(c.whyNot().get(1).startsWith("less stable (0.6)"), c.whyNot().get(1));
    }

    @Test
    void choose_onlyBaseline_oneSegmentWithReason() {
        SegmentSelection.Choice c = SegmentSelection.choose(List.of(candidate("one segment", 1)));
        assertEquals(0, c.chosen());
        assertTrue(c.reasons().get(0).contains("one segment"), c.reasons().toString());
    }
}
