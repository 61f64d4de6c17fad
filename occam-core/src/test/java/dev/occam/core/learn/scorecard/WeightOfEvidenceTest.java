package dev.occam.core.learn.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WeightOfEvidenceTest {

    /** Three bins of 100, 100 and 60 rows: goods 80, 60, 20 and bads 20, 40, 40; G = 160, B = 100, N = 260. */
    private static final long[] GOODS = {80, 60, 20};
    private static final long[] BADS = {20, 40, 40};

    @Test
    void woe_handTable_smoothedSiddiqiFormula() {
        WeightOfEvidence w = new WeightOfEvidence(160, 100);
        // By hand: ln(((80 + 160/260) / 160) / ((20 + 100/260) / 100)) = 0.904905...; unsmoothed Siddiqi would
        // give ln((80/160) / (20/100)) = ln 2.5 = 0.916291. Values computed from the formula in double precision.
        assertEquals(0.9049054096490297, w.woe(80, 20), 1e-14);
        assertEquals(-0.06390380197948031, w.woe(60, 40), 1e-14);
        assertEquals(-1.1424149113265025, w.woe(20, 40), 1e-14);
        // The smoothing is small next to the evidence: within 0.025 of the unsmoothed values here.
        assertEquals(Math.log(2.5), w.woe(80, 20), 0.025);
        assertEquals(Math.log((20.0 / 160) / (40.0 / 100)), w.woe(20, 40), 0.025);
    }

    @Test
    void woe_emptyBin_isZeroAverageRisk() {
        assertEquals(0.0, new WeightOfEvidence(160, 100).woe(0, 0), 1e-15);
    }

    @Test
    void woe_binWithoutBads_isFinite() {
        // ln(((10 + 160/260) / 160) / ((0 + 100/260) / 100)) = 2.8606...
        assertEquals(Math.log(((10 + 160.0 / 260) / 160) / ((100.0 / 260) / 100)),
                new WeightOfEvidence(160, 100).woe(10, 0), 1e-14);
    }

    @Test
    void informationValue_handTable_sumOfShareDifferenceTimesWoe() {
        // (0.5 - 0.2) * 0.904905 + (0.375 - 0.4) * (-0.063904) + (0.125 - 0.4) * (-1.142415) = 0.587233
        assertEquals(0.5872333185589842, new WeightOfEvidence(160, 100).informationValue(GOODS, BADS), 1e-14);
    }

    @Test
    void chiSquare_twoByTwoTable_pearsonStatistic() {
        // [[10, 20], [30, 40]]: 100 * (10*40 - 20*30)^2 / (30 * 70 * 40 * 60) = 0.793651 (Pearson, no continuity correction).
        assertEquals(4e6 / 5.04e6, WeightOfEvidence.chiSquare(10, 20, 30, 40), 1e-15);
        assertEquals(0.0, WeightOfEvidence.chiSquare(10, 0, 30, 0), 0.0);
    }

    @Test
    void constructor_oneClassOnly_throwsWithCounts() {
        assertEquals("a scorecard needs rows of both classes; the training rows hold 12 of the negative and 0 of the "
                + "positive class", assertThrows(IllegalArgumentException.class, () -> new WeightOfEvidence(12, 0))
                .getMessage());
    }
}
