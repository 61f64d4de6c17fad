package dev.occam.core.learn.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.LinearScorer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The logistic regression with prior weights, checked by the identity that defines R's {@code glm(..., weights = w)}
 * for whole-number weights: the binomial log-likelihood with weight w on a row is the log-likelihood of w copies of
 * it, so the weighted fit has the coefficients, standard errors (from the weighted information {@code XᵀWX}) and
 * deviances of the fit on the rows repeated (McCullagh &amp; Nelder 1989, section 4.4: prior weights as counts of
 * identical observations). Balanced class weights are proportional to whole numbers when one class's count
 * divides the other's, and scaling every weight moves no coefficient, so the balanced fit is the fit on the rare
 * class repeated.
 */
class WeightedLogisticTest {

    /** Columns a (standard normal), b (uniform on [-2, 2]) and c (a whole number 0 to 2). */
    static Frame features(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextDouble() * 4 - 2;
            c[i] = r.nextInt(3);
        }
        return new Frame(List.of(new NumericColumn("a", a), new NumericColumn("b", b), new NumericColumn("c", c)));
    }

    private static Target classes(Frame x, double intercept, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[x.rows()];
        for (int i = 0; i < y.length; i++) {
            double eta = intercept + 0.9 * ((NumericColumn) x.column(0)).values()[i]
                    - 0.6 * ((NumericColumn) x.column(1)).values()[i] + 0.4 * ((NumericColumn) x.column(2)).values()[i];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        return new Target(TargetInfo.classification("y", "1", "0"), y);
    }

    private static LinearScorer scorer(Model m) {
        return (LinearScorer) m.scorer();
    }

    @Test
    void fit_wholeNumberWeights_equalFitOnRowsRepeated_coefficientsStandardErrorsDeviances() {
        Frame x = features(250, 1);
        Target y = classes(x, -0.3, 2);
        int[] times = randomTimes(y.size(), 3);
        double[] w = java.util.Arrays.stream(times).asDoubleStream().toArray();
        int[] rows = dev.occam.core.data.TestDatasets.repeated(times);
        // Both iterations run to a tight tolerance: they start from different points (R's binomial start
        // (w y + 1/2) / (w + 1) against (y + 1/2) / 2 per copy), so at glm's 1e-8 they stop 1e-9 apart.
        LogisticRegression tight = new LogisticRegression(new LogisticRegression.Options(50, 1e-14));
        LinearScorer weighted = scorer(tight.fit(x, y, w, true));
        LinearScorer repeated = scorer(tight.fit(x.select(rows), y.select(rows)));
        assertEquals(repeated.intercept(), weighted.intercept(), 1e-9);
        for (int j = 0; j < 3; j++) {
            assertEquals(repeated.coefficients()[j], weighted.coefficients()[j], 1e-9);
        }
        for (int k = 0; k < 4; k++) {
            assertEquals(repeated.inference().stdErrors()[k], weighted.inference().stdErrors()[k], 1e-9);
            assertEquals(repeated.inference().pValues()[k], weighted.inference().pValues()[k], 1e-9);
        }
        for (String stat : List.of("residual_deviance", "null_deviance", "aic")) {
            assertEquals(repeated.inference().fit().get(stat), weighted.inference().fit().get(stat), 1e-7, stat);
        }
    }

    /** Each row's number of copies, 1 to 4 at random: whole-number weights. */
    static int[] randomTimes(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] times = new int[n];
        for (int i = 0; i < n; i++) {
            times[i] = 1 + r.nextInt(4);
        }
        return times;
    }

    @Test
    void fit_unitWeights_sameAsUnweighted() {
        Frame x = features(200, 4);
        Target y = classes(x, 0.2, 5);
        double[] ones = new double[y.size()];
        java.util.Arrays.fill(ones, 1.0);
        LinearScorer plain = scorer(new LogisticRegression().fit(x, y));
        LinearScorer weighted = scorer(new LogisticRegression().fit(x, y, ones, true));
        assertEquals(plain.intercept(), weighted.intercept(), 0.0);
        assertEquals(plain.inference().stdErrors()[1], weighted.inference().stdErrors()[1], 0.0);
    }

    @Test
    void fit_balanced_equalsRareClassRepeated_weightedMeanScoreOneHalf_noTermInference() {
        // 20 positives among 400 rows (5%): balanced weights 10 and 400/760, in the ratio 19 : 1.
        Frame x = features(400, 6);
        Target drawn = classes(x, -3.5, 7);
        double[] y = new double[400];
        int positives = 0;
        for (int i = 0; i < 400 && positives < 20; i++) {
            if (drawn.values()[i] == 1) {
                y[i] = 1;
                positives++;
            }
        }
        for (int i = 0; positives < 20; i += 17) {
            if (y[i] == 0) {
                y[i] = 1;
                positives++;
            }
        }
        Target target = new Target(drawn.info(), y);
        int[] times = new int[400];
        for (int i = 0; i < 400; i++) {
            times[i] = y[i] == 1 ? 19 : 1;
        }
        int[] rows = dev.occam.core.data.TestDatasets.repeated(times);
        LogisticRegression tight = new LogisticRegression(new LogisticRegression.Options(50, 1e-14));
        Model balanced = tight.withBalancedClasses().fit(x, target);
        LinearScorer b = scorer(balanced);
        LinearScorer repeated = scorer(tight.fit(x.select(rows), target.select(rows)));
        assertEquals(repeated.intercept(), b.intercept(), 1e-10);
        for (int j = 0; j < 3; j++) {
            assertEquals(repeated.coefficients()[j], b.coefficients()[j], 1e-10);
        }
        // The score equation for the intercept: the weighted scores add up to the weighted positives, n / 2.
        double[] s = balanced.score(x);
        double[] w = target.balancedWeights();
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            sum += w[i] * s[i];
        }
        assertEquals(0.5, sum / s.length, 1e-10);
        double plainIntercept = scorer(new LogisticRegression().fit(x, target)).intercept();
        assertEquals(Math.log(380.0 / 20), b.intercept() - plainIntercept, 0.6, "intercept moves by about log(19)");
        assertFalse(b.inference().hasTermInference(), "no glm standard errors for a balanced fit");
        assertTrue(Double.isNaN(b.inference().stdErrors()[1]));
        assertTrue(balanced.diagnostics().findings().stream().anyMatch(f -> f.contains("balanced class weights")),
                balanced.diagnostics().findings().toString());
    }
}
