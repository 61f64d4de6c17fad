package dev.occam.runtime.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading, evaluating, differentiating and inverting formulas in R's nls syntax (R Language Definition 10.4.2). */
class FormulaTest {

    private static Formula read(String text, String target, String... columns) {
        Set<String> names = Set.of(columns);
        return Formula.parse(text, target, names::contains);
    }

    @Test
    void parse_michaelisMenten_columnsAreInputsOtherNamesParameters() {
        Formula f = read("rate ~ Vm * conc / (K + conc)", "rate", "conc", "state");
        assertEquals(List.of("conc"), f.inputs());
        assertEquals(List.of("Vm", "K"), f.parameters());
        assertEquals(212.7 * 0.5 / (0.064 + 0.5), f.value(new double[] {0.5}, new double[] {212.7, 0.064}), 1e-12);
        assertEquals("rate = Vm * conc / (K + conc)", f.equation());
        assertEquals("rate = 212.7 * conc / (0.064 + conc)", f.write(new double[] {212.7, 0.064}));
    }

    @Test
    void parse_precedenceAsR_powerBindsTighterThanUnaryMinusAndToTheRight() {
        // R: -2^2 = -4, 2^3^2 = 512, 2^-1 = 0.5, 8 / 2 / 2 = 2, 1 - 2 - 3 = -4, ** is ^.
        double[] none = {};
        assertEquals(-4, read("y ~ a - 2^2 - a", "y").value(none, new double[] {0}), 0);
        assertEquals(-4, read("y ~ -2^2 + a", "y").value(none, new double[] {0}), 0);
        assertEquals(512, read("y ~ 2^3^2 + a", "y").value(none, new double[] {0}), 0);
        assertEquals(0.5, read("y ~ 2^-1 + a", "y").value(none, new double[] {0}), 0);
        assertEquals(2, read("y ~ 8 / 2 / 2 + a", "y").value(none, new double[] {0}), 0);
        assertEquals(-4, read("y ~ 1 - 2 - 3 + a", "y").value(none, new double[] {0}), 0);
        assertEquals(9, read("y ~ a**2", "y").value(none, new double[] {3}), 0);
        assertEquals(Math.PI, read("y ~ a * pi", "y").value(none, new double[] {1}), 0);
        assertEquals(1.5e-3, read("y ~ a * 1.5e-3", "y").value(none, new double[] {1}), 0);
    }

    @Test
    void valueAndGradient_everyFunctionAndOperator_matchesCentralDifferencesTo1e7() {
        Formula f = read("y ~ a * exp(-b * x) + sqrt(c) * log(x + c) - sin(a * x) / cos(b) + tan(b / 4) * atan(c * x)"
                + " + abs(a - 3) * x^b + c^(a / 2) - (x / c)^-1.5", "y", "x");
        double[] theta = {1.3, 0.7, 2.1};
        double[] x = {0.9};
        double[] g = new double[3];
        double v = f.valueAndGradient(x, theta, g);
        assertEquals(f.value(x, theta), v, 0.0);
        for (int k = 0; k < 3; k++) {
            double h = 1e-6;
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[k] += h;
            down[k] -= h;
            double numeric = (f.value(x, up) - f.value(x, down)) / (2 * h);
            assertEquals(numeric, g[k], 1e-7 * Math.max(1, Math.abs(numeric)), "d/d" + f.parameters().get(k));
        }
    }

    @Test
    void inverseResponse_transformedLeftSides_undoTheTransformation() {
        for (String left : List.of("log(y)", "sqrt(y)", "y / 100", "-y", "2 * y + 1", "exp(y)", "y^2", "10^y",
                "1 / y", "atan(y)")) {
            Formula f = read(left + " ~ a + b * x", "y", "x");
            assertTrue(f.transformsResponse(), left);
            double y = 0.8;
            assertEquals(y, f.inverseResponse(f.response(y)), 1e-12, left);
        }
        assertFalse(read("y ~ a * x", "y", "x").transformsResponse());
    }

    @Test
    void parse_unknownFunction_namesItItsPositionAndTheKnownOnes() {
        FormulaException e = assertThrows(FormulaException.class, () -> read("rate ~ Vm * expo(conc)", "rate", "conc"));
        assertEquals("formula 'rate ~ Vm * expo(conc)': unknown function 'expo' at character 13; known: exp, log, "
                + "sqrt, sin, cos, tan, atan, abs", e.getMessage());
    }

    @Test
    void parse_mistakes_plainSentences() {
        assertEquals("formula 'rate ~ Vm * (conc': expected ')' at character 18, found the end",
                assertThrows(FormulaException.class, () -> read("rate ~ Vm * (conc", "rate", "conc")).getMessage());
        assertTrue(assertThrows(FormulaException.class, () -> read("Vm * conc", "rate", "conc")).getMessage()
                .contains("has no '~'"));
        assertTrue(assertThrows(FormulaException.class, () -> read("rate ~ rate * a", "rate")).getMessage()
                .contains("the target rate is on the right"));
        assertTrue(assertThrows(FormulaException.class, () -> read("speed ~ a * conc", "rate", "conc")).getMessage()
                .contains("names speed, but the target is rate"));
        assertTrue(assertThrows(FormulaException.class, () -> read("sin(rate) ~ a * conc", "rate", "conc"))
                .getMessage().contains("cannot be undone"));
        assertTrue(assertThrows(FormulaException.class, () -> read("rate ~ 2 * conc", "rate", "conc")).getMessage()
                .contains("no parameter to fit"));
        assertTrue(assertThrows(FormulaException.class, () -> read("rate ~ exp(a, conc)", "rate", "conc"))
                .getMessage().contains("exp() takes one argument"));
    }

    @Test
    void degreeIn_linearAndNonlinearParameters_readFromTheTree() {
        Formula f = read("rate ~ Vm * conc / (K + conc)", "rate", "conc");
        assertEquals(1, f.degreeIn(Set.of(0)));
        assertEquals(Integer.MAX_VALUE, f.degreeIn(Set.of(1)));
        Formula g = read("y ~ a + b * x + c * exp(-d * x)", "y", "x");
        assertEquals(1, g.degreeIn(Set.of(0, 1, 2)));
        assertEquals(2, read("y ~ a * b * x", "y", "x").degreeIn(Set.of(0, 1)));
    }
}
