package dev.occam.core.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.calibration.PlattScaling;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlattFitTest {

    /** The numbers of src/test/resources/calibration/platt-oracle.R. */
    static final double[] SCORES = {0.02, 0.05, 0.08, 0.10, 0.12, 0.15, 0.18, 0.20, 0.22, 0.25,
        0.30, 0.33, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.62, 0.65,
        0.70, 0.72, 0.75, 0.80, 0.85, 0.88, 0.90, 0.95, 0.97, 1.00};
    static final double[] LABELS = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0,
        1, 0, 0, 1, 0, 1, 0, 0, 1, 1,
        0, 1, 1, 1, 0, 1, 1, 1, 1, 1};

    @Test
    void fit_thirtyScores_matchesRGlm() {
        // R 4.2.2, glm(y ~ qlogis(s), binomial), epsilon 1e-14 (platt-oracle.R / platt-oracle.txt).
        PlattScaling p = PlattFit.fit(SCORES, LABELS);
        assertEquals(0.752946430885452, p.a(), 1e-9);
        assertEquals(0.042574185255691, p.b(), 1e-9);
    }

    @Test
    void fit_scoresDrawnFromTheirOwnProbabilities_slopeNearOne() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 20_000;
        double[] s = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextDouble(0.02, 0.98);
            y[i] = r.nextDouble() < s[i] ? 1 : 0;
        }
        PlattScaling p = PlattFit.fit(s, y);
        // Standard error of the slope at this n is about 0.02.
        assertEquals(1.0, p.a(), 0.06);
        assertEquals(0.0, p.b(), 0.06);
    }

    @Test
    void fit_separatedClasses_failsSayingSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlattFit.fit(new double[] {0.1, 0.2, 0.8, 0.9}, new double[] {0, 0, 1, 1}));
        assertTrue(e.getMessage().contains("separate the classes"), e.getMessage());
    }

    @Test
    void fit_oneClass_failsNamingTheCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlattFit.fit(new double[] {0.1, 0.2}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("2 positives of 2"), e.getMessage());
    }
}
