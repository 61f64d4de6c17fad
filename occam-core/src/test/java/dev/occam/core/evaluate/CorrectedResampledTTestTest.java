package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Against values computed by hand (the arithmetic is in the comments). */
class CorrectedResampledTTestTest {

    private static final double[] A = {0.80, 0.82, 0.81, 0.83, 0.79};
    private static final double[] B = {0.78, 0.80, 0.80, 0.80, 0.78};

    @Test
    void compare_fiveFolds_handComputedStatistic() {
        // d = 0.02, 0.02, 0.01, 0.03, 0.01: mean 0.018; squared deviations sum to 280e-6, s² = 70e-6.
        // k = 5, r = 1, n_test/n_train = 1/4: se = sqrt((1/5 + 1/4) · 70e-6) = sqrt(31.5e-6) = 0.00561248608016091.
        // t = 0.018 / se = 3.20713490294909 on 4 df. For 4 df the t CDF has the closed form
        // F(t) = 1/2 + t (t² + 6) / (2 (t² + 4)^{3/2}), so p = 1 − t (t² + 6) / (t² + 4)^{3/2} = 0.0326779233368.
        // 95% interval: t_{0.975, 4} = 2.77644510519780 -> 0.018 ± 0.015582759505 = [0.00241724, 0.03358276].
        CorrectedResampledTTest.Result r = CorrectedResampledTTest.compare(A, B, 0.25, 0.05);
        assertEquals(0.018, r.meanDifference(), 1e-12);
        assertEquals(0.00561248608016091, r.standardError(), 1e-12);
        assertEquals(3.20713490294909, r.t(), 1e-9);
        assertEquals(4, r.degreesOfFreedom());
        assertEquals(0.0326779233368, r.pValue(), 1e-9);
        assertEquals(0.00241724049475, r.low(), 1e-9);
        assertEquals(0.03358275950525, r.high(), 1e-9);
    }

    @Test
    void compare_correctionTerm_makesTestMoreCautiousThanNaivePairedT() {
        // The naive paired t would use se = sqrt(s²/5) = 0.00374165738677; the corrected one is larger.
        CorrectedResampledTTest.Result r = CorrectedResampledTTest.compare(A, B, 0.25, 0.05);
        assertTrue(r.standardError() > Math.sqrt(70e-6 / 5));
    }

    @Test
    void compare_swapped_negatesDifferenceKeepsP() {
        CorrectedResampledTTest.Result ab = CorrectedResampledTTest.compare(A, B, 0.25, 0.05);
        CorrectedResampledTTest.Result ba = CorrectedResampledTTest.compare(B, A, 0.25, 0.05);
        assertEquals(-ab.meanDifference(), ba.meanDifference(), 1e-15);
        assertEquals(ab.pValue(), ba.pValue(), 1e-15);
        assertEquals(-ab.high(), ba.low(), 1e-15);
    }

    @Test
    void compare_identical_pOne() {
        CorrectedResampledTTest.Result r = CorrectedResampledTTest.compare(A, A, 0.25, 0.05);
        assertEquals(0.0, r.t());
        assertEquals(1.0, r.pValue());
    }

    @Test
    void compare_constantNonZeroDifference_pZero() {
        // Exactly representable values, so every difference is exactly 0.25.
        double[] low = {0.5, 0.75, 0.5, 1.0, 0.25};
        double[] high = {0.75, 1.0, 0.75, 1.25, 0.5};
        CorrectedResampledTTest.Result r = CorrectedResampledTTest.compare(high, low, 0.25, 0.05);
        assertEquals(0.0, r.pValue());
        assertTrue(Double.isInfinite(r.t()) && r.t() > 0);
    }

    @Test
    void compare_badArguments_messagesNameValues() {
        assertEquals("the two learners have 5 and 1 fold values",
                assertThrows(IllegalArgumentException.class,
                        () -> CorrectedResampledTTest.compare(A, new double[] {1}, 0.25, 0.05)).getMessage());
        assertEquals("alpha must be in (0, 1): 1.5", assertThrows(IllegalArgumentException.class,
                () -> CorrectedResampledTTest.compare(A, B, 0.25, 1.5)).getMessage());
    }
}
