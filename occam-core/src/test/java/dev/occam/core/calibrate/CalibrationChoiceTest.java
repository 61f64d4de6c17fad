package dev.occam.core.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.Folds;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.evaluate.Reliability;
import dev.occam.core.learn.Learner;
import dev.occam.core.learn.bayes.NaiveBayes;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The calibration decision on data whose calibration is known by construction. */
class CalibrationChoiceTest {

    private record Data(Frame features, Target target) {
    }

    /**
     * One signal, y ~ Bernoulli(σ(1.5·z)), seen through {@code copies} nearly identical columns z + 0.1·noise.
     * Naive Bayes takes the copies as independent evidence and adds their log-likelihood ratios: its log-odds are
     * about {@code copies} times too large, the textbook case of an over-confident naive Bayes.
     */
    private static Data duplicatedSignal(int n, int copies, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[copies][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double z = r.nextGaussian();
            for (int c = 0; c < copies; c++) {
                x[c][i] = z + 0.1 * r.nextGaussian();
            }
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-1.5 * z)) ? 1 : 0;
        }
        List<NumericColumn> columns = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            columns.add(new NumericColumn("x" + (c + 1), x[c]));
        }
        return new Data(new Frame(columns), new Target(TargetInfo.classification("y", "yes", "no"), y));
    }

    /** y ~ Bernoulli(σ(−0.5 + x1 − 0.7·x2)): a logistic model is the true model, so its probabilities are right. */
    private static Data logisticTruth(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = r.nextGaussian();
            x2[i] = r.nextGaussian();
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(-0.5 + x1[i] - 0.7 * x2[i]))) ? 1 : 0;
        }
        return new Data(new Frame(List.of(new NumericColumn("x1", x1), new NumericColumn("x2", x2))),
                new Target(TargetInfo.classification("y", "yes", "no"), y));
    }

    private static CalibrationChoice assess(Learner learner, Data d, List<Fold> folds) {
        Evaluation e = CrossValidation.evaluate(learner, d.features(), d.target(), folds, Metric.AUC, null, null);
        assertTrue(e.succeeded(), e.failure());
        return CalibrationChoice.assess(learner.family(), e.heldOut(), d.target().values(), folds);
    }

    @Test
    void assess_naiveBayesOnDuplicatedFeatures_calibratorLowersHeldOutEce() {
        Data d = duplicatedSignal(1500, 6, 21);
        List<Fold> folds = Folds.repeatedKFold(1, 1500, 5, 2, d.target().values());
        CalibrationChoice c = assess(new NaiveBayes(), d, folds);
        assertTrue(c.poorlyCalibrated(), c.sentence());
        assertTrue(c.slope() < 0.5, "six copies of one signal: slope near 1/6, got " + c.slope());
        assertNotEquals(CalibrationChoice.Method.NONE, c.used(), c.sentence());
        assertNotNull(c.calibrator());
        Reliability before = c.before();
        Reliability after = c.after();
        // The comparison is held out: the calibrator never saw the outcomes of the fold it is judged on.
        assertTrue(after.ece() < before.ece() / 2, c.sentence());
        assertTrue(after.brier() < before.brier(), c.sentence());
        assertEquals(3, c.trials().size());
        assertTrue(c.sentence().contains("calibrator fitted inside the folds brings the ECE to"), c.sentence());
    }

    @Test
    void applyTo_calibratedNaiveBayes_thresholdOnTheCalibratedScaleCallsThePositiveShare() {
        Data d = duplicatedSignal(1500, 6, 21);
        List<Fold> folds = Folds.repeatedKFold(1, 1500, 5, 2, d.target().values());
        CalibrationChoice c = assess(new NaiveBayes(), d, folds);
        Model refit = CrossValidation.fitWithThreshold(new NaiveBayes(), d.features(), d.target(), null);
        Model deployed = c.applyTo(refit, d.features(), d.target(), null);
        assertSame(c.calibrator(), deployed.calibration());
        double[] scores = deployed.score(d.features());
        long called = java.util.Arrays.stream(scores).filter(s -> s >= deployed.threshold()).count();
        double positives = d.target().mean() * scores.length;
        // At least the positive share is called; isotonic ties at the threshold may add a few rows.
        assertTrue(called >= Math.round(positives) && called < positives * 1.1, called + " vs " + positives);
        assertEquals(0.3, c.applyTo(refit, d.features(), d.target(), 0.3).threshold(), 0.0);
    }

    @Test
    void assess_logisticOnLogisticTruth_noCalibrator() {
        Data d = logisticTruth(2000, 8);
        List<Fold> folds = Folds.repeatedKFold(1, 2000, 5, 2, d.target().values());
        CalibrationChoice c = assess(LogisticRegression.pipeline(), d, folds);
        assertFalse(c.poorlyCalibrated(), c.sentence());
        assertEquals(CalibrationChoice.Method.NONE, c.used());
        assertNull(c.calibrator());
        assertTrue(c.before().ece() < CalibrationChoice.ECE_LIMIT, c.sentence());
        assertTrue(c.sentence().endsWith("well calibrated; no calibrator"), c.sentence());
        assertEquals(c.before(), c.after());
    }
}
