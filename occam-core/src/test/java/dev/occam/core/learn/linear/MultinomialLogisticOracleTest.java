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
import dev.occam.runtime.scorer.MulticlassScorer;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The multinomial logit against R's {@code nnet::multinom} on the first 600 rows of the telco churn sample
 * ({@code oracles/multinom_churn.R}, values in {@code multinom_churn_*.csv}). nnet maximises by BFGS to a relative
 * tolerance of 1e-15 and differentiates its Hessian numerically, Occam by Newton's method with the exact
 * information, so: estimates relative 1e-5, standard errors relative 1e-4, fitted probabilities absolute 1e-7,
 * deviance relative 1e-9.
 */
class MultinomialLogisticOracleTest {

    private static final List<String> FEATURES = List.of("tenure", "monthly_charges", "senior_citizen");
    private static Frame features;
    private static Model model;

    @BeforeAll
    static void fit() {
        Frame all = TestDatasets.load("wa_churn.csv").select(IntStream.range(0, 600).toArray());
        features = new Frame(FEATURES.stream().map(all::column).toList());
        CategoricalColumn contract = (CategoricalColumn) all.column("contract");
        List<String> levels = List.of("Month-to-month", "One year", "Two year");
        double[] y = new double[all.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = levels.indexOf(contract.level(i));
        }
        model = new LogisticRegression().fit(features, new Target(TargetInfo.multiclass("contract", levels), y));
    }

    @Test
    void fit_churnContract_matchesMultinomEstimatesAndStandardErrors() {
        MulticlassScorer scorer = (MulticlassScorer) model.scorer();
        assertTrue(scorer.hasReference());
        List<String[]> rows = OracleFiles.rows("multinom_churn_coefficients.csv");
        for (String[] r : rows.subList(1, rows.size())) {
            LinearScorer block = (LinearScorer) scorer.components().get(r[0].equals("One year") ? 0 : 1);
            int term = r[1].equals("(Intercept)") ? 0 : FEATURES.indexOf(r[1]) + 1;
            double estimate = term == 0 ? block.intercept() : block.coefficients()[term - 1];
            double se = block.inference().stdErrors()[term];
            double expected = Double.parseDouble(r[2].trim());
            double expectedSe = Double.parseDouble(r[3].trim());
            assertEquals(expected, estimate, 1e-5 * Math.abs(expected), r[0] + " " + r[1] + " estimate");
            assertEquals(expectedSe, se, 1e-4 * expectedSe, r[0] + " " + r[1] + " standard error");
        }
        assertEquals(778.461381550091, block0().inference().fit().get("residual_deviance"), 778.46 * 1e-9);
        assertTrue(model.diagnostics().converged());
    }

    @Test
    void scoreClasses_churnContract_matchesMultinomFittedProbabilities() {
        List<String[]> rows = OracleFiles.rows("multinom_churn_fitted.csv");
        for (String[] r : rows.subList(1, rows.size())) {
            int row = Integer.parseInt(r[0]) - 1;
            double[] p = model.scoreClasses(features.select(new int[] {row}))[0];
            for (int k = 0; k < 3; k++) {
                assertEquals(Double.parseDouble(r[k + 1].trim()), p[k], 1e-7, "row " + (row + 1) + " class " + k);
            }
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
        }
    }

    private static LinearScorer block0() {
        return (LinearScorer) ((MulticlassScorer) model.scorer()).components().get(0);
    }
}
