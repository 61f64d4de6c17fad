package dev.occam.core.learn.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.runtime.Model;
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

class LinearRegressionTest {

    private static final TargetInfo Y = TargetInfo.regression("y");
    private static final double EXACT = 1e-12;

    private static Frame frame(Column... columns) {
        return new Frame(List.of(columns));
    }

    private static NumericColumn num(String name, double... values) {
        return new NumericColumn(name, values);
    }

    private static LinearScorer fit(Frame features, double... y) {
        return (LinearScorer) new LinearRegression().fit(features, new Target(Y, y)).scorer();
    }

    /** Two-sided p-value of Student's t with 2 degrees of freedom, whose CDF has the closed form t / √(t² + 2). */
    private static double twoSidedPWith2Df(double t) {
        return 1.0 - Math.abs(t) / Math.sqrt(t * t + 2.0);
    }

    /** Two-sided p-value of Student's t with 5 degrees of freedom (closed form for odd degrees of freedom). */
    private static double twoSidedPWith5Df(double t) {
        double theta = Math.atan(Math.abs(t) / Math.sqrt(5.0));
        double c = Math.cos(theta);
        double inside = 2.0 / Math.PI * (theta + Math.sin(theta) * c * (1.0 + 2.0 / 3.0 * c * c));
        return 1.0 - inside;
    }

    @Test
    void learner_describesItself_linearRungTwoRegression() {
        LinearRegression learner = new LinearRegression();
        assertEquals("linear", learner.family());
        assertEquals(2, learner.rung());
        assertEquals(EnumSet.of(Capability.REGRESSION, Capability.EXPLAINABLE), learner.capabilities());
        assertTrue(LinearRegression.pipeline().capabilities()
                .containsAll(EnumSet.of(Capability.MISSING_VALUES, Capability.CATEGORICAL_INPUT)));
    }

    @Test
    void fit_lineWithNoiseOrthogonalToDesign_recoversLineAndClosedFormInference() {
        // y = 2 + 3x + e with e = (1, -1, -1, 1): e sums to 0 and is orthogonal to x, so OLS returns 2 and 3
        // exactly; RSS = 4, σ² = 4 / (4 - 2) = 2, Sxx = 5, x̄ = 1.5.
        double[] x = {0, 1, 2, 3};
        double[] y = {3, 4, 7, 12};
        LinearScorer s = fit(frame(num("x", x)), y);
        assertEquals(2.0, s.intercept(), EXACT);
        assertEquals(3.0, s.coefficients()[0], EXACT);
        double seSlope = Math.sqrt(2.0 / 5.0);
        double seIntercept = Math.sqrt(2.0 * (1.0 / 4 + 1.5 * 1.5 / 5.0));
        LinearScorer.Inference inf = s.inference();
        assertEquals("t", inf.statistic());
        assertArrayEquals(new double[] {seIntercept, seSlope}, inf.stdErrors(), EXACT);
        assertArrayEquals(new double[] {2.0 / seIntercept, 3.0 / seSlope}, inf.statistics(), EXACT);
        assertArrayEquals(new double[] {twoSidedPWith2Df(2.0 / seIntercept), twoSidedPWith2Df(3.0 / seSlope)},
                inf.pValues(), 1e-12);
        Map<String, Double> stats = inf.fit();
        // TSS = 49 = slope² Sxx + RSS = 45 + 4.
        assertEquals(45.0 / 49.0, stats.get("r_squared"), EXACT);
        assertEquals(1.0 - (4.0 / 49.0) * 3.0 / 2.0, stats.get("adj_r_squared"), EXACT);
        assertEquals(Math.sqrt(2.0), stats.get("sigma"), EXACT);
        assertEquals(2.0, stats.get("df_residual"));
        assertEquals(4.0, stats.get("residual_sum_of_squares"), EXACT);
        assertEquals(2, s.parameterCount());
    }

    @Test
    void fit_lineWithGeneralNoise_matchesClosedFormOls() {
        double[] x = {1, 2, 3, 4, 5, 6, 7};
        double[] noise = {0.3, -0.2, 0.5, -0.4, 0.1, -0.6, 0.25};
        int n = x.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 2.0 + 3.0 * x[i] + noise[i];
        }
        // Simple regression in closed form: b = Sxy / Sxx, a = ȳ - b x̄, se(b) = σ / √Sxx,
        // se(a) = σ √(1/n + x̄² / Sxx), σ² = RSS / (n - 2).
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - a - b * x[i];
            rss += r * r;
        }
        double sigma = Math.sqrt(rss / (n - 2));
        LinearScorer s = fit(frame(num("x", x)), y);
        assertEquals(a, s.intercept(), 1e-12);
        assertEquals(b, s.coefficients()[0], 1e-12);
        assertArrayEquals(new double[] {sigma * Math.sqrt(1.0 / n + mx * mx / sxx), sigma / Math.sqrt(sxx)},
                s.inference().stdErrors(), 1e-12);
        assertEquals(sigma, s.inference().fit().get("sigma"), 1e-12);
        assertEquals(n - 2.0, s.inference().fit().get("df_residual"));
    }

    @Test
    void fit_replicatedTwoByTwoFactorial_matchesHandDerivedValues() {
        // A 2² design in ±1 coding, two replicates per cell. The columns are orthogonal, so each coefficient is
        // Σ xⱼ y / 8 and every standard error is σ / √8. By hand: intercept 116 / 8 = 14.5, x1: 24 / 8 = 3,
        // x2: 8 / 8 = 1; residuals ±0.5 and ±1.5, RSS = 10, σ² = 10 / 5 = 2, se = 0.5; TSS = 90.
        double[] x1 = {-1, -1, 1, 1, -1, -1, 1, 1};
        double[] x2 = {-1, -1, -1, -1, 1, 1, 1, 1};
        double[] y = {10, 12, 15, 17, 11, 13, 20, 18};
        LinearScorer s = fit(frame(num("x1", x1), num("x2", x2)), y);
        assertEquals(14.5, s.intercept(), EXACT);
        assertArrayEquals(new double[] {3.0, 1.0}, s.coefficients(), EXACT);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, s.inference().stdErrors(), EXACT);
        assertArrayEquals(new double[] {29.0, 6.0, 2.0}, s.inference().statistics(), 1e-11);
        double[] p = s.inference().pValues();
        assertEquals(twoSidedPWith5Df(6.0), p[1], 1e-12);
        assertEquals(twoSidedPWith5Df(2.0), p[2], 1e-12);
        assertEquals(0.10193947, p[2], 1e-8); // R: 2 * pt(-2, 5)
        Map<String, Double> stats = s.inference().fit();
        assertEquals(8.0 / 9.0, stats.get("r_squared"), EXACT);
        assertEquals(38.0 / 45.0, stats.get("adj_r_squared"), EXACT);
        assertEquals(Math.sqrt(2.0), stats.get("sigma"), EXACT);
        assertEquals(5.0, stats.get("df_residual"));
    }

    @Test
    void fit_duplicatedSumAndConstantColumns_reportsThemAliasedWithUnchangedFit() {
        Random r = new Random(7);
        int n = 40;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
            b[i] = 10 * r.nextGaussian();
            c[i] = r.nextDouble();
            y[i] = 1 + 2 * a[i] - 0.5 * b[i] + 3 * c[i] + r.nextGaussian();
        }
        double[] duplicate = a.clone();
        double[] sum = new double[n];
        double[] constant = new double[n];
        for (int i = 0; i < n; i++) {
            sum[i] = b[i] + c[i];
            constant[i] = 4.2;
        }
        Frame full = frame(num("a", a), num("dup", duplicate), num("b", b), num("c", c), num("sum", sum),
                num("constant", constant));
        Frame reduced = frame(num("a", a), num("b", b), num("c", c));
        Model fullModel = new LinearRegression().fit(full, new Target(Y, y));
        Model reducedModel = new LinearRegression().fit(reduced, new Target(Y, y));
        LinearScorer s = (LinearScorer) fullModel.scorer();
        assertArrayEquals(new boolean[] {false, true, false, false, true, true}, s.aliased());
        assertEquals(4, fullModel.parameterCount());
        assertTrue(Double.isNaN(s.inference().stdErrors()[2]));
        assertTrue(Double.isNaN(s.inference().pValues()[5]));
        assertArrayEquals(reducedModel.score(reduced), fullModel.score(full), 1e-12);
        LinearScorer r3 = (LinearScorer) reducedModel.scorer();
        assertEquals(r3.inference().stdErrors()[1], s.inference().stdErrors()[1], 1e-12);
        assertEquals(r3.inference().fit().get("df_residual"), s.inference().fit().get("df_residual"));
    }

    @Test
    void fit_sumBeforeItsParts_aliasesTheLastColumnOfTheDependentSet() {
        double[] b = {1, 4, 2, 8, 5, 7};
        double[] c = {3, 1, 4, 1, 5, 9};
        double[] sum = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            sum[i] = b[i] + c[i];
        }
        LinearScorer s = fit(frame(num("sum", sum), num("b", b), num("c", c)), 1, 2, 3, 5, 4, 6);
        assertArrayEquals(new boolean[] {false, false, true}, s.aliased());
    }

    @Test
    void fit_columnWithinRelativeTolerance_isAliased() {
        // lm's tolerance is 1e-7 relative to the column's norm: a copy perturbed by 1e-10 is dependent.
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] nearlyA = {1, 2, 3, 4, 5, 6 + 1e-10};
        LinearScorer s = fit(frame(num("a", a), num("nearly_a", nearlyA)), 2, 1, 4, 3, 6, 5);
        assertArrayEquals(new boolean[] {false, true}, s.aliased());
    }

    @Test
    void fit_asManyParametersAsRows_exactFitWithUndefinedInference() {
        LinearScorer s = fit(frame(num("x", 1, 3)), 5, 9);
        assertEquals(3.0, s.intercept(), EXACT);
        assertEquals(2.0, s.coefficients()[0], EXACT);
        assertEquals(0.0, s.inference().fit().get("df_residual"));
        assertFalse(s.inference().fit().containsKey("sigma"));
        assertTrue(Double.isNaN(s.inference().stdErrors()[1]));
        assertTrue(Double.isNaN(s.inference().pValues()[1]));
    }

    @Test
    void fit_categoricalColumn_throwsNamingTheColumn() {
        Frame f = frame(num("x", 1, 2, 3), new CategoricalColumn("colour", List.of("red", "blue"), new int[] {0, 1, 0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearRegression().fit(f, new Target(Y, new double[] {1, 2, 3})));
        assertTrue(e.getMessage().contains("'colour'"), e.getMessage());
        assertTrue(e.getMessage().contains("categorical"), e.getMessage());
    }

    @Test
    void fit_missingValue_throwsNamingColumnAndRow() {
        Frame f = frame(num("x", 1, 2, 3), num("income", 5, Double.NaN, 7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearRegression().fit(f, new Target(Y, new double[] {1, 2, 3})));
        assertTrue(e.getMessage().contains("'income'") && e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void fit_classificationTarget_throwsNamingTheTarget() {
        Target t = new Target(TargetInfo.classification("churn", "yes", "no"), new double[] {0, 1, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearRegression().fit(frame(num("x", 1, 2, 3)), t));
        assertTrue(e.getMessage().contains("'churn'"), e.getMessage());
    }

    @Test
    void fit_rowCountsDiffer_throwsWithBothCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearRegression().fit(frame(num("x", 1, 2, 3)), new Target(Y, new double[] {1, 2})));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
    }

    @Test
    void pipeline_categoryAndMissingValue_imputesEncodesAndFits() {
        Frame f = frame(num("x", 1, 2, Double.NaN, 4, 5, 6),
                new CategoricalColumn("g", List.of("a", "b"), new int[] {0, 1, 0, 1, CategoricalColumn.MISSING, 1}));
        Model m = LinearRegression.pipeline().fit(f, new Target(Y, new double[] {1, 3, 2, 5, 4, 7}));
        LinearScorer s = (LinearScorer) m.scorer();
        assertEquals(List.of("x", "g=b"), s.input().names());
        assertEquals("linear", m.family());
        assertEquals(6, m.score(f).length);
    }
}
