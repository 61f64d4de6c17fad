package dev.occam.core.learn.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Fixtures;
import dev.occam.runtime.Model;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.LinearScorer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Monotone directions as coefficient signs on the logistic regression. */
class SignConstrainedTest {

    /** The chance of yes falls with x and rises with z. */
    private static final Frame FEATURES;
    private static final Target TARGET;

    static {
        SplittableRandom r = new SplittableRandom(9);
        int n = 800;
        double[] x = new double[n];
        double[] z = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            z[i] = r.nextGaussian();
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(-0.8 * x[i] + 1.0 * z[i]))) ? 1 : 0;
        }
        FEATURES = new Frame(List.of(new NumericColumn("x", x), new NumericColumn("z", z)));
        TARGET = Fixtures.target(Task.CLASSIFICATION, y);
    }

    @Test
    void fit_directionAgainstTheData_holdsTheCoefficientAtZeroAndSaysSo() {
        Model free = LogisticRegression.pipeline().fit(FEATURES, TARGET);
        assertTrue(((LinearScorer) free.scorer()).coefficients()[0] < -0.5);
        Model held = new SignConstrained(LogisticRegression.pipeline(), Map.of("x", 1)).fit(FEATURES, TARGET);
        LinearScorer linear = (LinearScorer) held.scorer();
        assertEquals(List.of("z"), linear.input().names());
        assertTrue(linear.coefficients()[0] > 0.5);
        assertEquals(1, held.diagnostics().findings().size());
        String finding = held.diagnostics().findings().get(0);
        assertTrue(finding.startsWith("x's coefficient is held at 0: fitted freely it was -0."), finding);
        assertTrue(finding.contains("increasing direction"), finding);
    }

    @Test
    void fit_directionTheDataAgreeWith_sameModelAsUnconstrained() {
        Model free = LogisticRegression.pipeline().fit(FEATURES, TARGET);
        Model held = new SignConstrained(LogisticRegression.pipeline(), Map.of("x", -1, "z", 1)).fit(FEATURES, TARGET);
        assertArrayEquals(((LinearScorer) free.scorer()).coefficients(), ((LinearScorer) held.scorer()).coefficients(),
                0);
        assertTrue(held.diagnostics().findings().isEmpty());
    }

    @Test
    void capabilities_addMonotoneDropMulticlass() {
        var caps = new SignConstrained(LogisticRegression.pipeline(), Map.of("x", 1)).capabilities();
        assertTrue(caps.contains(Capability.MONOTONE_CONSTRAINTS));
        assertFalse(caps.contains(Capability.MULTICLASS));
    }

    @Test
    void fit_unknownColumn_refusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SignConstrained(LogisticRegression.pipeline(), Map.of("w", 1)).fit(FEATURES, TARGET));
        assertTrue(e.getMessage().contains("cannot hold a monotone direction on 'w'"), e.getMessage());
    }
}
