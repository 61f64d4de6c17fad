package dev.occam.runtime.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibratorTest {

    @Test
    void plattApply_identityAndHandComputed() {
        PlattScaling identity = new PlattScaling(1, 0);
        assertEquals(0.3, identity.apply(0.3), 1e-15);
        // a = 0.5, b = 0.2 at s = 0.8: logit 0.8 = ln 4 = 1.386294; 0.5·1.386294 + 0.2 = 0.893147; σ = 1 / (1 + e^-0.893147) = 0.709539.
        assertEquals(0.7095392, new PlattScaling(0.5, 0.2).apply(0.8), 1e-7);
        assertTrue(Double.isNaN(identity.apply(Double.NaN)));
    }

    @Test
    void plattApply_scoreZeroOrOne_clippedToFiniteLogit() {
        PlattScaling p = new PlattScaling(0.5, 0);
        // logit(1e-6) = -13.8155; half of it, σ(-6.90776) = 0.000999.
        assertEquals(0.000999, p.apply(0.0), 1e-6);
        assertEquals(1 - 0.000999, p.apply(1.0), 1e-6);
    }

    @Test
    void isotonicApply_interpolatesBetweenBreakpointsAndClipsOutside() {
        IsotonicCalibration c = new IsotonicCalibration(new double[] {0.1, 0.3, 0.5, 0.9},
                new double[] {0.0, 0.0, 0.5, 1.0});
        assertEquals(0.0, c.apply(0.0));
        assertEquals(0.0, c.apply(0.2));
        assertEquals(0.25, c.apply(0.4), 1e-15);
        assertEquals(0.5, c.apply(0.5));
        assertEquals(0.75, c.apply(0.7), 1e-15);
        assertEquals(1.0, c.apply(0.95));
    }

    @Test
    void isotonicConstructor_decreasingProbabilities_rejectedWithValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IsotonicCalibration(new double[] {0.1, 0.2}, new double[] {0.6, 0.4}));
        assertTrue(e.getMessage().contains("(0.1, 0.6)") && e.getMessage().contains("(0.2, 0.4)"), e.getMessage());
    }

    @Test
    void fromJson_roundTripAndUnknownMethod() {
        Calibrator platt = new PlattScaling(0.7312, -0.125);
        assertEquals(platt, Calibrator.fromJson(platt.toJson()));
        Calibrator iso = new IsotonicCalibration(new double[] {0.1, 0.4}, new double[] {0.2, 0.3});
        assertEquals(iso, Calibrator.fromJson(iso.toJson()));
        var node = platt.toJson().put("method", "beta");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibrator.fromJson(node));
        assertTrue(e.getMessage().contains("'beta'"), e.getMessage());
    }
}
