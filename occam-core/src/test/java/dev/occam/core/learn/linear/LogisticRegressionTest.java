package dev.occam.core.learn.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.LinearScorer;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    private static final TargetInfo Y = TargetInfo.classification("y", "yes", "no");

    private static Frame frame(Column... columns) {
        return new Frame(List.of(columns));
    }

    private static NumericColumn num(String name, double... values) {
        return new NumericColumn(name, values);
    }

    private static LinearScorer fit(LogisticRegression learner, Frame features, double... y) {
        return (LinearScorer) learner.fit(features, new Target(Y, y)).scorer();
    }

    private static LinearScorer fit(Frame features, double... y) {
        return fit(new LogisticRegression(), features, y);
    }

    @Test
    void learner_describesItself_logisticRungTwoClassification() {
        LogisticRegression learner = new LogisticRegression();
        assertEquals("logistic", learner.family());
        assertEquals(2, learner.rung());
        assertEquals(EnumSet.of(Capability.CLASSIFICATION, Capability.MULTICLASS, Capability.EXPLAINABLE),
                learner.capabilities());
        assertTrue(LogisticRegression.pipeline().capabilities()
                .containsAll(EnumSet.of(Capability.MISSING_VALUES, Capability.CATEGORICAL_INPUT)));
        assertEquals("logistic", LogisticRegression.pipeline().family());
    }

    @Test
    void options_defaults_areGlmControls() {
        assertEquals(new LogisticRegression.Options(25, 1e-8), LogisticRegression.Options.defaults());
        assertEquals(LogisticRegression.Options.defaults(), new LogisticRegression().options());
    }

    @Test
    void options_zeroIterations_throwsNamingOptionAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LogisticRegression.Options(0, 1e-8));
        assertEquals("maxIterations must be >= 1: 0", e.getMessage());
    }

    @Test
    void options_badTolerance_throwsNamingOptionAndValue() {
        for (double bad : new double[] {0.0, -1e-8, 1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new LogisticRegression.Options(25, bad));
            assertEquals("tolerance must be in (0, 1): " + bad, e.getMessage());
        }
    }

    @Test
    void fit_binaryPredictor_matchesClosedFormTwoByTwoTable() {
        // One 0/1 predictor: the estimate is the table's log odds, log odds ratio, with Woolf's standard
        // errors. x = 0: 10 yes, 20 no; x = 1: 15 yes, 5 no.
        int n = 50;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < 30 ? 0 : 1;
            y[i] = (i < 10 || (i >= 30 && i < 45)) ? 1 : 0;
        }
        LinearScorer s = fit(new LogisticRegression(new LogisticRegression.Options(25, 1e-12)), frame(num("x", x)), y);
        assertEquals(Math.log(10.0 / 20.0), s.intercept(), 1e-10);
        assertEquals(Math.log((15.0 / 5.0) / (10.0 / 20.0)), s.coefficients()[0], 1e-10);
        // As in R, the standard errors use the weights of the last step, taken one iterate before the
        // estimate, so they agree with the closed form to the iterate's accuracy rather than to rounding.
        double[] se = s.inference().stdErrors();
        assertEquals(Math.sqrt(1.0 / 10 + 1.0 / 20), se[0], 1e-6);
        assertEquals(Math.sqrt(1.0 / 10 + 1.0 / 20 + 1.0 / 15 + 1.0 / 5), se[1], 1e-6);
        assertEquals(s.coefficients()[0] / se[1], s.inference().statistics()[1], 1e-12);
        Map<String, Double> stats = s.inference().fit();
        assertEquals(100 * Math.log(2), stats.get("null_deviance"), 1e-10);
        double residual = -2 * (10 * Math.log(1.0 / 3) + 20 * Math.log(2.0 / 3)
                + 15 * Math.log(0.75) + 5 * Math.log(0.25));
        assertEquals(residual, stats.get("residual_deviance"), 1e-9);
        assertEquals(residual + 4, stats.get("aic"), 1e-9);
        assertEquals(48.0, stats.get("df_residual"));
        assertEquals(1.0, stats.get("converged"));
        assertEquals(0.0, stats.get("separation"));
    }

    @Test
    void fit_duplicatedSumAndConstantColumns_reportsThemAliasedWithUnchangedFit() {
        Random r = new Random(11);
        int n = 200;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
            b[i] = 5 * r.nextGaussian();
            c[i] = r.nextDouble();
            double eta = -0.5 + a[i] + 0.2 * b[i] - c[i];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        double[] sum = new double[n];
        double[] constant = new double[n];
        for (int i = 0; i < n; i++) {
            sum[i] = b[i] + c[i];
            constant[i] = -3;
        }
        Frame full = frame(num("a", a), num("a_again", a.clone()), num("b", b), num("constant", constant), num("c", c),
                num("b_plus_c", sum));
        Frame reduced = frame(num("a", a), num("b", b), num("c", c));
        Model fullModel = new LogisticRegression().fit(full, new Target(Y, y));
        Model reducedModel = new LogisticRegression().fit(reduced, new Target(Y, y));
        LinearScorer s = (LinearScorer) fullModel.scorer();
        LinearScorer sr = (LinearScorer) reducedModel.scorer();
        assertArrayEquals(new boolean[] {false, true, false, true, false, true}, s.aliased());
        assertEquals(4, fullModel.parameterCount());
        assertArrayEquals(reducedModel.score(reduced), fullModel.score(full), 1e-12);
        assertEquals(sr.inference().fit().get("residual_deviance"), s.inference().fit().get("residual_deviance"), 1e-9);
        assertEquals(sr.inference().fit().get("aic"), s.inference().fit().get("aic"), 1e-9);
        assertEquals(sr.inference().stdErrors()[3], s.inference().stdErrors()[5], 1e-12);
        for (int t : new int[] {2, 4, 6}) {
            assertTrue(Double.isNaN(s.inference().stdErrors()[t]) && Double.isNaN(s.inference().statistics()[t])
                    && Double.isNaN(s.inference().pValues()[t]), "term " + t + " should have no inference");
        }
    }

    private static final LogisticRegression GLM_ONLY =
            new LogisticRegression(LogisticRegression.Options.defaults().withFirth(LogisticRegression.Firth.NEVER));

    @Test
    void fit_perfectlySeparableFirthNever_returnsDivergedModelFlaggedAsSeparated() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] y = {0, 0, 0, 0, 1, 1, 1, 1};
        Model m = GLM_ONLY.fit(frame(num("x", x)), new Target(Y, y));
        LinearScorer s = (LinearScorer) m.scorer();
        assertEquals(1.0, s.inference().fit().get("separation"));
        assertEquals(false, m.diagnostics().converged());
        assertEquals("x > 4.5 separates the classes completely: every row with x > 4.5 (4 rows) has y = yes, and every "
                + "row with x < 4.5 (4 rows) has y = no; the maximum-likelihood estimates do not exist, and Firth's "
                + "correction is switched off in the options, so the coefficients are the last step of a diverging fit "
                + "and their standard errors and p-values are meaningless.", m.diagnostics().findings().get(0));
        assertTrue(Double.isFinite(s.intercept()) && Double.isFinite(s.coefficients()[0]));
        assertTrue(s.coefficients()[0] > 10, "the slope keeps growing: " + s.coefficients()[0]);
        double[] scores = m.score(frame(num("x", x)));
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], scores[i], 1e-6, "row " + i);
        }
    }

    @Test
    void fit_perfectlySeparable_firthByDefaultFiniteAndRanksTheRows() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] y = {0, 0, 0, 0, 1, 1, 1, 1};
        Model m = new LogisticRegression().fit(frame(num("x", x)), new Target(Y, y));
        LinearScorer s = (LinearScorer) m.scorer();
        assertEquals(1.0, s.inference().fit().get("separation"));
        assertEquals(1.0, s.inference().fit().get("firth"));
        assertTrue(m.diagnostics().converged());
        assertEquals("Firth's penalised likelihood", m.diagnostics().method());
        assertTrue(m.diagnostics().findings().get(0).startsWith("x > 4.5 separates the classes completely")
                && m.diagnostics().findings().get(0).endsWith("so the model was fitted with Firth's correction "
                        + "(finite estimates, usable standard errors)."), m.diagnostics().findings().toString());
        // Finite and moderate, the fitted line's midpoint where the classes meet (symmetric data: x = 4.5).
        assertTrue(s.coefficients()[0] > 0.5 && s.coefficients()[0] < 5, "slope " + s.coefficients()[0]);
        assertEquals(-4.5, s.intercept() / s.coefficients()[0], 1e-9);
        assertTrue(Double.isFinite(s.inference().stdErrors()[1]) && s.inference().stdErrors()[1] > 0);
        double[] scores = m.score(frame(num("x", x)));
        for (int i = 1; i < x.length; i++) {
            assertTrue(scores[i] > scores[i - 1], "row " + i);
        }
    }

    @Test
    void fit_tooFewIterationsWithoutSeparation_notConvergedWithFinding() {
        LogisticRegression learner = new LogisticRegression(new LogisticRegression.Options(1, 1e-8));
        Model m = learner.fit(frame(num("x", 1, 2, 3, 4, 5, 6)), new Target(Y, new double[] {0, 1, 0, 0, 1, 1}));
        assertEquals(0.0, ((LinearScorer) m.scorer()).inference().fit().get("converged"));
        assertEquals(false, m.diagnostics().converged());
        assertEquals("maximum likelihood (IRLS)", m.diagnostics().method());
        assertTrue(m.diagnostics().findings().get(0).startsWith("The maximum-likelihood iterations (IRLS) did not "
                + "converge within 1 step (the deviance still changed by a relative "), m.diagnostics().findings().get(0));
    }

    @Test
    void fit_separatedFewIterations_reportsNotConverged() {
        LogisticRegression learner = new LogisticRegression(new LogisticRegression.Options(3, 1e-8,
                LogisticRegression.Firth.NEVER));
        LinearScorer s = fit(learner, frame(num("x", 1, 2, 3, 4, 5, 6)), 0, 0, 0, 1, 1, 1);
        assertEquals(0.0, s.inference().fit().get("converged"));
        assertEquals(3.0, s.inference().fit().get("iterations"));
    }

    @Test
    void fit_quasiSeparatedSubset_flagsSeparation() {
        // An indicator that is 1 only on positive rows: its coefficient has no finite estimate, while the
        // rest of the model is well defined.
        Random r = new Random(3);
        int n = 300;
        double[] x = new double[n];
        double[] flag = new double[n];
        double[] y = new double[n];
        int flagged = 0;
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-x[i])) ? 1 : 0;
            if (y[i] == 1 && flagged < 5) {
                flag[i] = 1;
                flagged++;
            }
        }
        Model separatedModel = new LogisticRegression().fit(frame(num("x", x), num("flag", flag)), new Target(Y, y));
        LinearScorer separated = (LinearScorer) separatedModel.scorer();
        assertEquals(1.0, separated.inference().fit().get("separation"));
        assertTrue(separatedModel.diagnostics().findings().get(0).startsWith("flag separates the classes "
                + "quasi-completely: every row with flag = 1 (5 rows) has y = yes, and only the rows with flag = 0 "
                + "(295) hold both classes"), separatedModel.diagnostics().findings().toString());
        LinearScorer glm = fit(GLM_ONLY, frame(num("x", x), num("flag", flag)), y);
        assertEquals(1.0, glm.inference().fit().get("separation"));
        LinearScorer plain = fit(frame(num("x", x)), y);
        assertEquals(0.0, plain.inference().fit().get("separation"));
        assertEquals(1.0, plain.inference().fit().get("converged"));
    }

    @Test
    void fit_singleClass_flagsSeparation() {
        LinearScorer s = fit(GLM_ONLY, frame(num("x", 1, 2, 3, 4)), 1, 1, 1, 1);
        assertEquals(1.0, s.inference().fit().get("separation"));
        assertTrue(s.intercept() > 10);
        Model firth = new LogisticRegression().fit(frame(num("x", 1, 2, 3, 4)), new Target(Y, new double[] {1, 1, 1, 1}));
        LinearScorer f = (LinearScorer) firth.scorer();
        assertTrue(Double.isFinite(f.intercept()) && f.intercept() > 0 && f.intercept() < 10, "intercept " + f.intercept());
        assertTrue(firth.diagnostics().findings().get(0).startsWith("All 4 rows have y = yes, so nothing is there to "
                + "tell the classes apart"), firth.diagnostics().findings().toString());
    }

    @Test
    void fit_overlappingClasses_convergesWithoutSeparation() {
        LinearScorer s = fit(frame(num("x", 1, 2, 3, 4)), 0, 1, 0, 1);
        Map<String, Double> stats = s.inference().fit();
        assertEquals(1.0, stats.get("converged"));
        assertEquals(0.0, stats.get("separation"));
        assertEquals(0.0, stats.get("fitted_0_or_1"));
        assertTrue(stats.get("iterations") < 10);
    }

    @Test
    void fit_withAliasedColumn_survivesTheModelFile() {
        Frame f = frame(num("x", 1, 2, 3, 4, 5, 6), num("x_again", 1, 2, 3, 4, 5, 6), num("z", 3, 1, 2, 6, 4, 5));
        Model m = LogisticRegression.pipeline().fit(f, new Target(Y, new double[] {0, 1, 0, 1, 1, 0}));
        Model back = ModelFile.fromJson(ModelFile.toJson(m, null));
        LinearScorer s = (LinearScorer) back.scorer();
        assertArrayEquals(new boolean[] {false, true, false}, s.aliased());
        assertEquals(((LinearScorer) m.scorer()).inference().fit(), s.inference().fit());
        assertArrayEquals(m.score(f), back.score(f), 1e-15);
    }

    @Test
    void fit_categoricalColumn_throwsNamingTheColumn() {
        Frame f = frame(num("x", 1, 2, 3), new CategoricalColumn("colour", List.of("red", "blue"), new int[] {0, 1, 0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LogisticRegression().fit(f, new Target(Y, new double[] {1, 0, 1})));
        assertTrue(e.getMessage().contains("'colour'") && e.getMessage().contains("categorical"), e.getMessage());
    }

    @Test
    void fit_missingValue_throwsNamingColumnAndRow() {
        Frame f = frame(num("x", 1, 2, 3), num("income", 5, 6, Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LogisticRegression().fit(f, new Target(Y, new double[] {1, 0, 1})));
        assertTrue(e.getMessage().contains("'income'") && e.getMessage().contains("row 2"), e.getMessage());
    }

    @Test
    void fit_regressionTarget_throwsNamingTheTarget() {
        Target t = new Target(TargetInfo.regression("price"), new double[] {1.5, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LogisticRegression().fit(frame(num("x", 1, 2, 3)), t));
        assertTrue(e.getMessage().contains("'price'"), e.getMessage());
    }

    @Test
    void pipeline_categoryAndMissingValue_imputesEncodesAndFits() {
        Frame f = frame(num("x", 1, 2, Double.NaN, 4, 5, 6, 7, 8),
                new CategoricalColumn("g", List.of("a", "b", "c"),
                        new int[] {0, 1, 2, 1, CategoricalColumn.MISSING, 0, 2, 1}));
        Model m = LogisticRegression.pipeline().fit(f, new Target(Y, new double[] {0, 1, 0, 0, 1, 1, 0, 1}));
        LinearScorer s = (LinearScorer) m.scorer();
        assertEquals(List.of("x", "g=b", "g=c"), s.input().names());
        for (double p : m.score(f)) {
            assertTrue(p > 0 && p < 1, "probability " + p);
        }
    }
}
