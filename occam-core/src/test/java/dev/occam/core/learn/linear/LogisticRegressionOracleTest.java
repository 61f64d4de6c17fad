package dev.occam.core.learn.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.LinearScorer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The logistic regression against R 4.2.2's {@code glm(Status ~ ., family = binomial)} on the 4,039
 * complete rows of modeldata's credit data (files and provenance in
 * {@code src/test/resources/oracles/README.md}). Tolerances: R prints 10 significant digits, and an IRLS
 * fit in double precision that follows glm.fit's iteration should agree with it to
 * <ul>
 *   <li>estimates, standard errors and z values: relative 1e-6;</li>
 *   <li>p-values: relative 1e-5, or absolute 1e-12 for tiny ones;</li>
 *   <li>null and residual deviance, AIC: relative 1e-8;</li>
 *   <li>fitted probabilities and linear predictors: relative 1e-7.</li>
 * </ul>
 */
class LogisticRegressionOracleTest {

    private static final double COEFFICIENT_TOLERANCE = 1e-6;
    private static final double P_VALUE_RELATIVE = 1e-5;
    private static final double P_VALUE_ABSOLUTE = 1e-12;
    private static final double DEVIANCE_TOLERANCE = 1e-8;
    private static final double FITTED_TOLERANCE = 1e-7;

    private static final List<String> CATEGORICAL = List.of("Home", "Marital", "Records", "Job");

    private static Frame features;
    private static Model model;
    private static LinearScorer scorer;

    @BeforeAll
    static void fitCreditData() {
        Frame all = TestDatasets.load("credit_data.csv");
        List<String[]> listed = OracleFiles.rows("credit_data_complete_case_rows.csv");
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
        features = complete.without(List.of("Status"));
        Target target = new Target(TargetInfo.classification("Status", "good", "bad"), y);
        model = LogisticRegression.pipeline().fit(features, target);
        scorer = (LinearScorer) model.scorer();
    }

    @Test
    void completeCaseRows_listedByR_areTheRowsWithoutMissingValues() {
        Frame all = TestDatasets.load("credit_data.csv");
        List<Integer> ours = new ArrayList<>();
        for (int i = 0; i < all.rows(); i++) {
            boolean complete = true;
            for (int j = 0; j < all.columnCount(); j++) {
                complete &= !all.column(j).isMissing(i);
            }
            if (complete) {
                ours.add(i + 1);
            }
        }
        List<String[]> listed = OracleFiles.rows("credit_data_complete_case_rows.csv");
        List<Integer> theirs = new ArrayList<>();
        for (int i = 1; i < listed.size(); i++) {
            theirs.add(Integer.parseInt(listed.get(i)[0]));
        }
        assertEquals(theirs, ours);
        assertEquals(4039, features.rows());
    }

    @Test
    void fit_creditData_matchesREstimatesAndStandardErrors() {
        LinearScorer.Inference inference = scorer.inference();
        double[] se = inference.stdErrors();
        for (OracleTerm term : oracleTerms()) {
            int t = termIndex(term.name());
            double estimate = t == 0 ? scorer.intercept() : scorer.coefficients()[t - 1];
            assertRelative(term.estimate(), estimate, COEFFICIENT_TOLERANCE, term.name() + " estimate");
            assertRelative(term.stdError(), se[t], COEFFICIENT_TOLERANCE, term.name() + " standard error");
        }
    }

    @Test
    void fit_creditData_matchesRZAndPValues() {
        LinearScorer.Inference inference = scorer.inference();
        assertEquals("z", inference.statistic());
        double[] z = inference.statistics();
        double[] p = inference.pValues();
        for (OracleTerm term : oracleTerms()) {
            int t = termIndex(term.name());
            assertRelative(term.z(), z[t], COEFFICIENT_TOLERANCE, term.name() + " z value");
            double error = Math.abs(p[t] - term.p());
            assertTrue(error <= P_VALUE_ABSOLUTE || error <= P_VALUE_RELATIVE * Math.abs(term.p()),
                    term.name() + " p-value: R " + term.p() + ", ours " + p[t]);
        }
    }

    @Test
    void fit_creditData_matchesRFitStatistics() {
        Map<String, Double> r = new HashMap<>();
        for (String[] row : OracleFiles.rows("glm_credit_data_fitstats.csv").subList(1, 11)) {
            r.put(row[0], row[1].equals("TRUE") ? 1.0 : Double.parseDouble(row[1]));
        }
        Map<String, Double> fit = scorer.inference().fit();
        assertRelative(r.get("null_deviance"), fit.get("null_deviance"), DEVIANCE_TOLERANCE, "null deviance");
        assertRelative(r.get("residual_deviance"), fit.get("residual_deviance"), DEVIANCE_TOLERANCE,
                "residual deviance");
        assertRelative(r.get("aic"), fit.get("aic"), DEVIANCE_TOLERANCE, "AIC");
        assertRelative(r.get("loglik"), fit.get("loglik"), DEVIANCE_TOLERANCE, "log-likelihood");
        assertEquals(r.get("n"), fit.get("n"));
        assertEquals(r.get("df_null"), fit.get("df_null"));
        assertEquals(r.get("df_residual"), fit.get("df_residual"));
        assertEquals(r.get("fisher_iterations"), fit.get("iterations"));
        assertEquals(1.0, fit.get("converged"));
        assertEquals(0.0, fit.get("separation"));
        assertEquals(0.0, fit.get("fitted_0_or_1"));
        assertEquals(23, model.parameterCount());
    }

    @Test
    void fit_creditData_matchesRFittedProbabilities() {
        double[] probabilities = model.score(features);
        List<String[]> rows = OracleFiles.rows("glm_credit_data_fitted.csv");
        assertEquals(probabilities.length + 1, rows.size());
        for (int i = 1; i < rows.size(); i++) {
            int row = Integer.parseInt(rows.get(i)[0]) - 1;
            double eta = Double.parseDouble(rows.get(i)[1]);
            double probability = Double.parseDouble(rows.get(i)[2]);
            assertRelative(probability, probabilities[row], FITTED_TOLERANCE, "fitted probability of row " + (row + 1));
            double ours = scorer.linearPredictor(model.preparation().get(1).apply(
                    model.preparation().get(0).apply(features.row(row))));
            assertEquals(eta, ours, FITTED_TOLERANCE * Math.max(1.0, Math.abs(eta)),
                    "linear predictor of row " + (row + 1));
        }
    }

    record OracleTerm(String name, double estimate, double stdError, double z, double p) {
    }

    private static List<OracleTerm> oracleTerms() {
        List<OracleTerm> terms = new ArrayList<>();
        List<String[]> rows = OracleFiles.rows("glm_credit_data_coefficients.csv");
        for (String[] row : rows.subList(1, rows.size())) {
            terms.add(new OracleTerm(row[0], Double.parseDouble(row[1]), Double.parseDouble(row[2]),
                    Double.parseDouble(row[3]), Double.parseDouble(row[4])));
        }
        assertEquals(23, terms.size());
        return terms;
    }

    /** Position of R's term in the inference arrays: 0 for the intercept, j + 1 for column j. */
    private static int termIndex(String rName) {
        if (rName.equals("(Intercept)")) {
            return 0;
        }
        String name = rName;
        for (String factor : CATEGORICAL) {
            if (rName.startsWith(factor)) {
                name = factor + "=" + rName.substring(factor.length());
            }
        }
        int j = scorer.input().indexOf(name);
        assertTrue(j >= 0, "no column for R's term " + rName + " (looked for " + name + ")");
        return j + 1;
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        double error = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(error <= tolerance, what + ": R " + expected + ", ours " + actual + ", relative error " + error);
    }
}
