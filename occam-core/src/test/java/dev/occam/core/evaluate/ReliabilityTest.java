package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReliabilityTest {

    @Test
    void of_fourScores_brierAndEceByHand() {
        // Brier: (0.1² + 0.8² + 0.3² + 0.1²) / 4 = (0.01 + 0.64 + 0.09 + 0.01) / 4 = 0.1875.
        // ECE, ten bands: 0.1 and 0.2 in bands 1 and 2 (one each), 0.7 in band 7, 0.9 in band 9.
        // Gaps |0.1 − 0| = 0.1, |0.2 − 1| = 0.8, |0.7 − 1| = 0.3, |0.9 − 1| = 0.1, each of weight 1/4 -> 0.325.
        Reliability r = Reliability.of(new double[] {0.1, 0.2, 0.7, 0.9}, new double[] {0, 1, 1, 1});
        assertEquals(0.1875, r.brier(), 1e-15);
        assertEquals(0.325, r.ece(), 1e-15);
    }

    @Test
    void of_sharedBand_gapOfTheBandMeans() {
        // 0.61, 0.63, 0.65, 0.67 share band 6: mean score 0.64, observed 2/4 = 0.5, ECE 0.14.
        // 0.05 alone in band 0, truth 0: gap 0.05. Weighted: (4 · 0.14 + 1 · 0.05) / 5 = 0.122.
        Reliability r = Reliability.of(new double[] {0.61, 0.63, 0.65, 0.67, 0.05}, new double[] {1, 0, 1, 0, 0});
        assertEquals(0.122, r.ece(), 1e-12);
    }

    @Test
    void of_heldOutScores_repeatsPooled() {
        HeldOutScores h = new HeldOutScores(2, 2, new double[] {0.1, 0.9, 0.3, 0.7}, new double[4]);
        Reliability pooled = Reliability.of(h, new double[] {0, 1});
        Reliability direct = Reliability.of(new double[] {0.1, 0.9, 0.3, 0.7}, new double[] {0, 1, 0, 1});
        assertEquals(direct, pooled);
        // (0.01 + 0.01 + 0.09 + 0.09) / 4 = 0.05; every score alone in its band: ECE = Brier's mean |gap| = 0.2.
        assertEquals(0.05, pooled.brier(), 1e-15);
        assertEquals(0.2, pooled.ece(), 1e-15);
    }
}
