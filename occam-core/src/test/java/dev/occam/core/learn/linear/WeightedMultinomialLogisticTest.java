package dev.occam.core.learn.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.MulticlassScorer;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multinomial logit with prior weights, checked as {@link WeightedLogisticTest} checks two classes: with
 * whole-number weights, {@code Σ wᵢ log p(i, yᵢ)} is the log-likelihood of each row repeated its weight's number of
 * times (what {@code nnet::multinom(weights = w)} maximises), so the weighted fit has the coefficients, standard errors
 * and deviances of the fit on the rows repeated. Balanced weights {@code n / (K n_c)} are proportional to whole
 * numbers when the class counts divide each other, and scaling every weight moves no coefficient.
 */
class WeightedMultinomialLogisticTest {

    private static final List<String> LEVELS = List.of("common", "middle", "rare");
    /** Both fits run to a tight tolerance, so that where they stop differs by less than the comparison's 1e-8. */
    private static final LogisticRegression TIGHT = new LogisticRegression(new LogisticRegression.Options(50, 1e-14));

    /** {@link WeightedLogisticTest}'s columns a (standard normal), b (uniform on [-2, 2]) and c (0 to 2). */
    private static Frame features(int n, long seed) {
        return WeightedLogisticTest.features(n, seed);
    }

    /** Classes drawn from a multinomial logit whose third class has margin {@code rareIntercept + 1.2 a + 1.2 b}. */
    private static Target draw(Frame x, double rareIntercept, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = ((NumericColumn) x.column(0)).values();
        double[] b = ((NumericColumn) x.column(1)).values();
        double[] c = ((NumericColumn) x.column(2)).values();
        double[] y = new double[x.rows()];
        for (int i = 0; i < y.length; i++) {
            double[] p = MulticlassScorer.softmax(new double[] {0, -0.4 + 0.8 * a[i] - 0.3 * c[i],
                rareIntercept + 1.2 * a[i] + 1.2 * b[i]});
            double d = r.nextDouble();
            y[i] = d < p[0] ? 0 : d < p[0] + p[1] ? 1 : 2;
        }
        return new Target(TargetInfo.multiclass("y", LEVELS), y);
    }

    private static List<LinearScorer> blocks(Model m) {
        return ((MulticlassScorer) m.scorer()).components().stream().map(c -> (LinearScorer) c).toList();
    }

    /** Coefficients (intercept first) of each block agree to {@code tolerance}. */
    private static void assertSameCoefficients(Model expected, Model actual, double tolerance) {
        for (int b = 0; b < 2; b++) {
            LinearScorer e = blocks(expected).get(b);
            LinearScorer a = blocks(actual).get(b);
            assertEquals(e.intercept(), a.intercept(), tolerance, "block " + b + " intercept");
            for (int j = 0; j < e.coefficients().length; j++) {
                assertEquals(e.coefficients()[j], a.coefficients()[j], tolerance, "block " + b + " coefficient " + j);
            }
        }
    }

    @Test
    void fit_wholeNumberWeights_equalFitOnRowsRepeated_coefficientsStandardErrorsDeviances() {
        Frame x = features(300, 11);
        Target y = draw(x, -1.0, 12);
        int[] times = WeightedLogisticTest.randomTimes(y.size(), 13);
        double[] w = java.util.Arrays.stream(times).asDoubleStream().toArray();
        int[] rows = TestDatasets.repeated(times);
        Model weighted = TIGHT.fit(x, y, w, true);
        Model repeated = TIGHT.fit(x.select(rows), y.select(rows));
        assertSameCoefficients(repeated, weighted, 1e-8);
        for (int b = 0; b < 2; b++) {
            LinearScorer.Inference e = blocks(repeated).get(b).inference();
            LinearScorer.Inference a = blocks(weighted).get(b).inference();
            for (int j = 0; j < 4; j++) {
                assertEquals(e.stdErrors()[j], a.stdErrors()[j], 1e-8, "block " + b + " standard error " + j);
                assertEquals(e.pValues()[j], a.pValues()[j], 1e-8, "block " + b + " p-value " + j);
            }
            for (String stat : List.of("residual_deviance", "null_deviance", "aic")) {
                assertEquals(e.fit().get(stat), a.fit().get(stat), 1e-7, stat);
            }
        }
        assertTrue(weighted.diagnostics().converged(), weighted.diagnostics().findings().toString());
    }

    @Test
    void fit_balanced_equalsRareClassRepeatedFourTimes() {
        // 400 / 400 / 100 rows: balanced weights 0.75, 0.75 and 3, in the ratio 1 : 1 : 4.
        Frame x = features(900, 21);
        double[] y = new double[900];
        for (int i = 0; i < 900; i++) {
            y[i] = i < 400 ? 0 : i < 800 ? 1 : 2;
        }
        // Shift the columns by class so that the classes differ, without separating them.
        double[] u = ((NumericColumn) x.column(0)).values().clone();
        double[] v = ((NumericColumn) x.column(1)).values().clone();
        for (int i = 0; i < 900; i++) {
            u[i] += 0.7 * y[i];
            v[i] -= y[i] == 2 ? 0.9 : 0;
        }
        Frame shifted = new Frame(List.of(new NumericColumn("a", u), new NumericColumn("b", v), x.column(2)));
        Target target = new Target(TargetInfo.multiclass("y", LEVELS), y);
        int[] times = new int[900];
        for (int i = 0; i < 900; i++) {
            times[i] = y[i] == 2 ? 4 : 1;
        }
        int[] rows = TestDatasets.repeated(times);
        Model balanced = TIGHT.withBalancedClasses().fit(shifted, target);
        Model repeated = TIGHT.fit(shifted.select(rows), target.select(rows));
        assertSameCoefficients(repeated, balanced, 1e-8);
        assertTrue(balanced.diagnostics().converged(), balanced.diagnostics().findings().toString());
    }

    @Test
    void fit_balancedFivePercentClass_raisesItsMeanProbabilityTowardsOneThirdAndItsHeldOutRecall() {
        Frame train = features(3000, 31);
        Target y = draw(train, -3.5, 32);
        Frame test = features(3000, 33);
        Target truth = draw(test, -3.5, 34);
        double share = java.util.Arrays.stream(y.classCodes()).filter(c -> c == 2).count() / 3000.0;
        assertTrue(share > 0.03 && share < 0.07, "rare class share " + share);

        Model plain = new LogisticRegression().fit(train, y);
        Model balanced = new LogisticRegression().withBalancedClasses().fit(train, y);
        double plainMean = meanProbability(plain, train, 2, null);
        double balancedMean = meanProbability(balanced, train, 2, null);
        // The intercept's score equations: the fitted shares add up to the (weighted) class counts.
        assertEquals(share, plainMean, 1e-8);
        assertEquals(1.0 / 3, meanProbability(balanced, train, 2, y.balancedWeights()), 1e-8);
        assertTrue(balancedMean > 2 * plainMean && balancedMean < 1.0 / 3,
                "mean probability of the rare class: unweighted " + plainMean + ", balanced " + balancedMean);

        double plainRecall = recall(plain, test, truth, 2);
        double balancedRecall = recall(balanced, test, truth, 2);
        assertTrue(balancedRecall > plainRecall + 0.3,
                "held-out recall of the rare class: unweighted " + plainRecall + ", balanced " + balancedRecall);
    }

    @Test
    void fit_balanced_reportsNoStandardErrorsAndSaysWhy() {
        Frame x = features(600, 41);
        Target y = draw(x, -2.5, 42);
        Model balanced = new LogisticRegression().withBalancedClasses().fit(x, y);
        for (LinearScorer block : blocks(balanced)) {
            assertFalse(block.inference().hasTermInference(), "no standard errors for a balanced fit");
            for (int j = 0; j < 4; j++) {
                assertTrue(Double.isNaN(block.inference().stdErrors()[j]));
                assertTrue(Double.isNaN(block.inference().pValues()[j]));
            }
            // The fit statistics are the weighted likelihood's: the weighted class shares are 1/3 each.
            assertEquals(2 * 600 * Math.log(3), block.inference().fit().get("null_deviance"), 1e-9);
        }
        assertTrue(balanced.diagnostics().converged());
        assertEquals(List.of("Fitted with balanced class weights (each row of a class weighted n / (3 n_class), as R's"
                + " nnet::multinom with weights): the coefficients are those of the weighted fit, and no standard"
                + " errors, z or p-values are given, because multinom's formulas would count the weights as rows never"
                + " observed; the class probabilities are not those of the data."), balanced.diagnostics().findings());
        // Each class's coefficient table shows the estimates only, as the two-class table of a balanced fit does.
        assertFalse(balanced.scorer().describe().contains("std. error"), balanced.scorer().describe());
        // Unweighted, the same data keep their standard errors.
        Model plain = new LogisticRegression().fit(x, y);
        assertTrue(blocks(plain).get(0).inference().hasTermInference());
        assertTrue(plain.scorer().describe().contains("std. error"), plain.scorer().describe());
    }

    @Test
    void saveAndLoad_balancedFit_identicalProbabilitiesAndFindings(@TempDir Path dir) throws Exception {
        Frame x = features(300, 51);
        Model balanced = new LogisticRegression().withBalancedClasses().fit(x, draw(x, -2.0, 52));
        Path file = dir.resolve("balanced.json");
        ModelFile.save(balanced, file);
        Model loaded = ModelFile.load(file);
        double[][] before = balanced.scoreClasses(x);
        double[][] after = loaded.scoreClasses(x);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 0.0, "row " + i);
        }
        assertEquals(balanced.diagnostics(), loaded.diagnostics());
        assertFalse(blocks(loaded).get(1).inference().hasTermInference());
    }

    /** Mean probability of class {@code k}, weighted by {@code w} when it is not null. */
    private static double meanProbability(Model m, Frame x, int k, double[] w) {
        double[][] p = m.scoreClasses(x);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += (w == null ? 1 : w[i]) * p[i][k];
        }
        return sum / p.length;
    }

    /** Share of the rows of class {@code k} whose most probable class is {@code k}. */
    private static double recall(Model m, Frame x, Target truth, int k) {
        double[][] p = m.scoreClasses(x);
        int[] y = truth.classCodes();
        int of = 0;
        int called = 0;
        for (int i = 0; i < p.length; i++) {
            if (y[i] != k) {
                continue;
            }
            of++;
            int best = 0;
            for (int c = 1; c < p[i].length; c++) {
                best = p[i][c] > p[i][best] ? c : best;
            }
            called += best == k ? 1 : 0;
        }
        return (double) called / of;
    }
}
