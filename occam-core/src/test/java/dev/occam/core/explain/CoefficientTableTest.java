package dev.occam.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.scorer.LinearScorer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class CoefficientTableTest {

    /** z₀.₉₇₅, R 4.2.2: {@code sprintf("%.17g", qnorm(0.975))}. */
    private static final double Z975 = 1.959963984540054;

    private static final Schema TWO = new Schema(List.of(Feature.numeric("age"), Feature.numeric("income")));

    private static LinearScorer.Inference inference(String statistic, double[] se, Map<String, Double> fit) {
        double[] nan = new double[se.length];
        java.util.Arrays.fill(nan, Double.NaN);
        return new LinearScorer.Inference(statistic, se, nan, nan, fit);
    }

    @Test
    void of_logistic_oddsRatiosAndWaldIntervalsByHand() {
        LinearScorer scorer = new LinearScorer(TWO, LinearScorer.Link.LOGIT, -1.0, new double[] {0.5, -0.2},
                new boolean[2], inference("z", new double[] {0.3, 0.1, 0.05}, Map.of()));
        CoefficientTable table = CoefficientTable.of(scorer, 0.95);
        assertEquals(Z975, table.criticalValue(), 1e-12);
        assertTrue(Double.isNaN(table.degreesOfFreedom()));
        CoefficientTable.Term age = table.terms().get(1);
        assertEquals("age", age.name());
        // by hand: 0.5 ± 1.959963984540054 · 0.1 = [0.30400360, 0.69599640]
        assertEquals(0.3040036015459946, age.low(), 1e-12);
        assertEquals(0.6959963984540054, age.high(), 1e-12);
        assertEquals(1.6487212707001282, age.oddsRatio(), 1e-12); // e^0.5
        assertEquals(Math.exp(0.3040036015459946), age.oddsRatioLow(), 1e-12);
        assertEquals(Math.exp(0.6959963984540054), age.oddsRatioHigh(), 1e-12);
        CoefficientTable.Term intercept = table.terms().get(0);
        assertEquals(LinearScorer.INTERCEPT, intercept.name());
        assertEquals(Math.exp(-1.0), intercept.oddsRatio(), 1e-15);
        assertTrue(table.hasOddsRatios());
    }

    @Test
    void of_linear_usesStudentTOnResidualDegreesOfFreedom() {
        LinearScorer scorer = new LinearScorer(TWO, LinearScorer.Link.IDENTITY, 2.0, new double[] {1.0, 3.0},
                new boolean[2], inference("t", new double[] {0.5, 0.2, 1.0}, Map.of("df_residual", 10.0)));
        CoefficientTable table = CoefficientTable.of(scorer, 0.95);
        // R: qt(0.975, 10) = 2.228138852 (10 significant digits)
        assertEquals(2.228138852, table.criticalValue(), 1e-9);
        assertEquals(10.0, table.degreesOfFreedom(), 0.0);
        CoefficientTable.Term income = table.terms().get(2);
        assertEquals(3.0 - 2.228138852, income.low(), 1e-9);
        assertEquals(3.0 + 2.228138852, income.high(), 1e-9);
        assertTrue(Double.isNaN(income.oddsRatio()), "no odds ratio for the identity link");
        assertFalse(table.hasOddsRatios());
    }

    @Test
    void of_penalisedFit_estimatesWithoutIntervals() {
        LinearScorer scorer = new LinearScorer(TWO, LinearScorer.Link.LOGIT, 0.1, new double[] {0.0, 0.4},
                new boolean[2], LinearScorer.Inference.fitOnly(3, Map.of("lambda", 0.01)));
        CoefficientTable table = CoefficientTable.of(scorer, 0.95);
        assertEquals(null, table.statistic());
        assertEquals(Math.exp(0.4), table.terms().get(2).oddsRatio(), 1e-15);
        assertTrue(Double.isNaN(table.terms().get(2).low()));
    }

    @Test
    void of_aliasedTerm_isNaNAndMarked() {
        LinearScorer scorer = new LinearScorer(TWO, LinearScorer.Link.LOGIT, 0.1, new double[] {0.3, 0.0},
                new boolean[] {false, true}, inference("z", new double[] {0.1, 0.1, Double.NaN}, Map.of()));
        CoefficientTable.Term income = CoefficientTable.of(scorer, 0.95).terms().get(2);
        assertTrue(income.aliased());
        assertTrue(Double.isNaN(income.estimate()) && Double.isNaN(income.oddsRatio()));
    }

    @Test
    void of_tStatisticWithoutDegreesOfFreedom_fails() {
        LinearScorer scorer = new LinearScorer(TWO, LinearScorer.Link.IDENTITY, 2.0, new double[] {1.0, 3.0},
                new boolean[2], inference("t", new double[] {0.5, 0.2, 1.0}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> CoefficientTable.of(scorer, 0.95));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoefficientTable.of(scorer, 1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }

    @Test
    void of_nonLinearModel_isEmpty() {
        Fixtures.Data d = Fixtures.regression(50, 1);
        assertTrue(CoefficientTable.of(new DecisionTree().fit(d.features(), d.target())).isEmpty());
    }

    /**
     * Against R 4.2.2's {@code glm(Status ~ ., family = binomial)} on the complete credit rows
     * ({@code oracles/README.md}): odds ratio = exp(estimate) and the Wald interval estimate ± z₀.₉₇₅·SE
     * ({@code confint.default}), from R's printed estimate and SE. Our fit matches R's estimates and
     * standard errors to relative 1e-6 ({@code LogisticRegressionOracleTest}), so the interval ends agree to
     * 1e-6 of |estimate| + z·SE, and odds ratios to relative 1e-6 (plus the 1e-6 relative error of the
     * estimate times the estimate, tiny for these magnitudes: we allow relative 1e-5).
     */
    @Test
    void of_creditGlm_matchesROracle() throws IOException {
        Frame all = TestDatasets.load("credit_data.csv");
        List<String[]> listed = oracle("credit_data_complete_case_rows.csv");
        int[] rows = new int[listed.size() - 1];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Integer.parseInt(listed.get(i + 1)[0]) - 1;
        }
        Frame complete = all.select(rows);
        CategoricalColumn status = (CategoricalColumn) complete.column("Status");
        double[] y = new double[complete.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = status.level(i).equals("good") ? 1.0 : 0.0;
        }
        Model model = LogisticRegression.pipeline().fit(complete.without(List.of("Status")),
                new Target(TargetInfo.classification("Status", "good", "bad"), y));
        CoefficientTable table = CoefficientTable.of(model).orElseThrow();
        Map<String, double[]> r = new HashMap<>();
        List<String[]> coefficients = oracle("glm_credit_data_coefficients.csv");
        for (String[] row : coefficients.subList(1, coefficients.size())) {
            r.put(row[0].replace("\"", ""), new double[] {Double.parseDouble(row[1]), Double.parseDouble(row[2])});
        }
        assertEquals(r.size(), table.terms().size());
        for (CoefficientTable.Term t : table.terms()) {
            String name = t.name().equals(LinearScorer.INTERCEPT) ? "(Intercept)" : t.name().replace("=", "");
            double[] oracle = r.get(name);
            assertNotNull(oracle, "no R term for " + t.name() + " among " + r.keySet());
            double estimate = oracle[0];
            double se = oracle[1];
            double tolerance = 1e-6 * (Math.abs(estimate) + Z975 * se);
            assertEquals(estimate - Z975 * se, t.low(), tolerance, t.name());
            assertEquals(estimate + Z975 * se, t.high(), tolerance, t.name());
            assertEquals(Math.exp(estimate), t.oddsRatio(), 1e-5 * Math.exp(estimate), t.name());
            assertEquals(Math.exp(estimate - Z975 * se), t.oddsRatioLow(), 1e-5 * Math.exp(estimate - Z975 * se),
                    t.name());
            assertEquals(Math.exp(estimate + Z975 * se), t.oddsRatioHigh(), 1e-5 * Math.exp(estimate + Z975 * se),
                    t.name());
        }
    }

    private static List<String[]> oracle(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(CoefficientTableTest.class.getResourceAsStream("/oracles/" + name),
                name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .map(l -> l.split(",")).toList();
        }
    }
}
