package dev.occam.core.learn.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.FormulaScorer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the formula learner does when the fit cannot be made: one plain sentence, never a silent bad fit. */
class FormulaRegressionTest {

    private static final double[] CONC = {0.02, 0.02, 0.06, 0.06, 0.11, 0.11, 0.22, 0.22, 0.56, 0.56, 1.1, 1.1};
    private static final double[] RATE = {76, 47, 97, 107, 123, 139, 159, 152, 191, 201, 207, 200};

    private static Model fit(String formula, Map<String, Double> start) {
        return new FormulaRegression(FormulaRegression.Options.of(formula, start)).fit(
                new Frame(List.of(new NumericColumn("conc", CONC))), new Target(TargetInfo.regression("rate"), RATE));
    }

    @Test
    void fit_parameterWithNoEffect_sentenceNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit("rate ~ Vm * conc / (K + conc) + 0 * c", Map.of("Vm", 200.0, "K", 0.1, "c", 1.0)));
        assertTrue(e.getMessage().startsWith("the parameter c has no effect on the prediction at the starting values"),
                e.getMessage());
    }

    @Test
    void fit_parametersThatCannotBeToldApart_notConvergedWithASingularGradientFinding() {
        Model m = fit("rate ~ a * b * conc / (K + conc)", Map.of("a", 10.0, "b", 20.0, "K", 0.1));
        assertFalse(m.diagnostics().converged());
        String finding = m.diagnostics().findings().get(0);
        assertTrue(finding.startsWith("Singular gradient at ") && finding.contains("the parameters a and b cannot be"
                + " told apart by these data"), finding);
    }

    @Test
    void fit_startWhereTheFormulaIsUndefined_sentenceWithTheRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit("rate ~ Vm * log(conc - K)", Map.of("Vm", 200.0, "K", 0.5)));
        assertTrue(e.getMessage().contains("cannot be evaluated at the starting values (Vm = 200, K = 0.5)"),
                e.getMessage());
    }

    @Test
    void fit_iterationBudgetTooSmall_notConvergedAndSaysSo() {
        Model m = new FormulaRegression(new FormulaRegression.Options("rate ~ Vm * conc / (K + conc)",
                Map.of("Vm", 1.0, "K", 5.0), 2)).fit(new Frame(List.of(new NumericColumn("conc", CONC))),
                new Target(TargetInfo.regression("rate"), RATE));
        assertFalse(m.diagnostics().converged());
        assertTrue(m.diagnostics().findings().get(0).startsWith("The fit did not converge within 2 iterations from"
                + " Vm = 1, K = 5"), m.diagnostics().findings().toString());
    }

    @Test
    void fit_divergingFromAFarStart_notConvergedOrAFiniteFitNeverASilentNaN() {
        Model m = fit("rate ~ Vm * exp(K * conc)", Map.of("Vm", 1.0, "K", 10.0));
        FormulaScorer s = (FormulaScorer) m.scorer();
        for (double v : s.estimates()) {
            assertTrue(Double.isFinite(v));
        }
        if (!m.diagnostics().converged()) {
            assertFalse(m.diagnostics().findings().isEmpty());
        }
    }

    @Test
    void fit_nonlinearParameterWithoutStart_asksForIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit("rate ~ Vm * conc / (K + conc)", Map.of("Vm", 200.0)));
        assertEquals("give starting values for K in start: the formula rate ~ Vm * conc / (K + conc) is not linear in"
                + " it, so Occam cannot find one itself", e.getMessage());
    }

    @Test
    void fit_startForANameNotInTheFormula_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit("rate ~ Vm * conc / (K + conc)", Map.of("Vm", 200.0, "K", 0.1, "Km", 1.0)));
        assertTrue(e.getMessage().startsWith("start gives a value for Km, which is not a parameter"), e.getMessage());
    }

    @Test
    void fit_logResponse_fitsOnTheLogScaleAndPredictsOnTheTargetScale() {
        // log(rate) = log(Vm) + log(conc) - log(K + conc): with b = log(Vm) the fit is of the log of the same curve.
        Model m = fit("log(rate) ~ b + log(conc) - log(K + conc)", Map.of("K", 0.1));
        assertTrue(m.diagnostics().converged(), m.diagnostics().toString());
        FormulaScorer s = (FormulaScorer) m.scorer();
        double b = s.estimates()[0];
        double k = s.estimates()[1];
        assertEquals(Math.exp(b) * 0.3 / (k + 0.3), s.score(new double[] {0.3}), 1e-9);
        assertTrue(Math.exp(b) > 150 && Math.exp(b) < 250, "Vm " + Math.exp(b));
    }
}
