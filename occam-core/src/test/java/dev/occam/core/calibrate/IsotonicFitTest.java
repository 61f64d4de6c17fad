package dev.occam.core.calibrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.occam.runtime.calibration.IsotonicCalibration;
import org.junit.jupiter.api.Test;

class IsotonicFitTest {

    @Test
    void fit_violatorsPooled_textbookExample() {
        // Sorted by score the labels are 0 1 0 1 1 0 1: pooling (1, 0) -> 0.5 and (1, 1, 0) -> 2/3 gives
        // 0 | 0.5 0.5 | 2/3 2/3 2/3 | 1, non-decreasing; squared error 0.5 + 2/3, no monotone fit does better.
        IsotonicCalibration c = IsotonicFit.fit(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7},
                new double[] {0, 1, 0, 1, 1, 0, 1});
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.6, 0.7}, c.scores());
        assertArrayEquals(new double[] {0, 0.5, 0.5, 2.0 / 3, 2.0 / 3, 1}, c.probabilities(), 1e-15);
        assertEquals(0.25, c.apply(0.15), 1e-15);
        assertEquals(2.0 / 3, c.apply(0.5), 1e-15);
    }

    @Test
    void fit_tiedScores_shareOneProbability() {
        // Scores 0.3 tie with labels 1, 0: they are one block of mean 0.5 before pooling, and stay one point.
        IsotonicCalibration c = IsotonicFit.fit(new double[] {0.3, 0.3, 0.1, 0.8}, new double[] {1, 0, 0, 1});
        assertArrayEquals(new double[] {0.1, 0.3, 0.8}, c.scores());
        assertArrayEquals(new double[] {0, 0.5, 1}, c.probabilities());
    }

    @Test
    void fit_decreasingLabels_oneBlockAtTheMean() {
        IsotonicCalibration c = IsotonicFit.fit(new double[] {0.2, 0.4, 0.6, 0.8}, new double[] {1, 1, 0, 0});
        assertArrayEquals(new double[] {0.2, 0.8}, c.scores());
        assertArrayEquals(new double[] {0.5, 0.5}, c.probabilities());
    }

    @Test
    void fit_neighbouringBlocksOfEqualRate_oneLevel() {
        // Labels 0 0 1 0 0 1 by score: stack 0 | 0 -> equal rates pooled to one block of rate 0; then 1; then 0 pools (1, 0) -> 0.5; then 0
        // pools (1, 0, 0) -> 1/3, still above 0; then 1. Levels 0 | 1/3 | 1, each once.
        IsotonicCalibration c = IsotonicFit.fit(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6},
                new double[] {0, 0, 1, 0, 0, 1});
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.5, 0.6}, c.scores());
        assertArrayEquals(new double[] {0, 0, 1.0 / 3, 1.0 / 3, 1}, c.probabilities(), 1e-15);
    }
}
