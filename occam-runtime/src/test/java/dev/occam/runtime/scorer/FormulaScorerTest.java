package dev.occam.runtime.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.formula.Formula;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FormulaScorerTest {

    private static FormulaScorer scorer(String text, List<String> inputs, double[] theta, double[] reference) {
        Formula f = Formula.parse(text, "y", Set.copyOf(inputs)::contains);
        int p = theta.length;
        double[] nan = new double[p];
        java.util.Arrays.fill(nan, Double.NaN);
        return new FormulaScorer(f, new Schema(inputs.stream().map(Feature::numeric).toList()), theta,
                new FormulaScorer.Inference(new double[p], nan, nan, nan, nan, Map.of("n", 10.0)), reference);
    }

    @Test
    void attribute_additiveFormula_eachTermsChangeFromTheReference() {
        FormulaScorer s = scorer("y ~ a + b * x1 + c * exp(x2)", List.of("x1", "x2"), new double[] {1, 2, 3},
                new double[] {0.5, 0.1});
        double[] x = {2.0, 1.0};
        Attribution a = s.attribute(x);
        assertEquals(2 * (2.0 - 0.5), a.contributions()[0], 1e-12);
        assertEquals(3 * (Math.exp(1.0) - Math.exp(0.1)), a.contributions()[1], 1e-12);
        assertEquals(1 + 2 * 0.5 + 3 * Math.exp(0.1), a.baseline(), 1e-12);
        assertEquals(s.score(x), a.value(), 0.0);
    }

    @Test
    void attribute_interaction_exactShapleyAddsUpAndSplitsTheInteractionEqually() {
        // y = a * x1 * x2 from reference (0, 0): each input gets half of the product.
        FormulaScorer s = scorer("y ~ a * x1 * x2", List.of("x1", "x2"), new double[] {2}, new double[] {0, 0});
        Attribution a = s.attribute(new double[] {3, 5});
        assertEquals(15, a.contributions()[0], 1e-12);
        assertEquals(15, a.contributions()[1], 1e-12);
        assertEquals(30, a.baseline() + a.contributions()[0] + a.contributions()[1], 1e-12);
    }

    @Test
    void score_missingInputAndTransformedResponse_readsTheReferenceAndInverts() {
        FormulaScorer s = scorer("log(y) ~ a + b * x", List.of("x"), new double[] {0.5, 2}, new double[] {1.5});
        assertEquals(Math.exp(0.5 + 2 * 1.5), s.score(new double[] {Double.NaN}), 1e-12);
        assertEquals(Math.exp(0.5 + 2 * 0.25), s.score(new double[] {0.25}), 1e-12);
    }

    @Test
    void toJson_fromJson_sameScoresAndInference() {
        FormulaScorer s = scorer("y ~ Vm * conc / (K + conc)", List.of("conc"), new double[] {212.68, 0.0641},
                new double[] {0.165});
        FormulaScorer back = (FormulaScorer) Scorers.fromJson(s.toJson());
        assertEquals(s.toJson(), back.toJson());
        for (double conc : new double[] {0.02, 0.3, 1.1}) {
            assertEquals(Double.doubleToRawLongBits(s.score(new double[] {conc})),
                    Double.doubleToRawLongBits(back.score(new double[] {conc})));
        }
        assertEquals(2, back.parameterCount());
        assertTrue(back.describe().contains("y = 212.68 * conc / (0.0641 + conc)"), back.describe());
    }

    @Test
    void new_inputThatIsNotTheFormulasColumns_refused() {
        Formula f = Formula.parse("y ~ a * x", "y", "x"::equals);
        double[] one = {0};
        assertThrows(IllegalArgumentException.class, () -> new FormulaScorer(f, new Schema(List.of(Feature.numeric("z"))),
                new double[] {1}, new FormulaScorer.Inference(one, one, one, one, one, Map.of()), new double[] {0}));
    }
}
