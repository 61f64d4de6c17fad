package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.Task;
import org.junit.jupiter.api.Test;

/** The multiclass metrics on small tables worked by hand. */
class MetricMulticlassTest {

    /** Five rows, three classes. */
    private static final int[] TRUTH = {0, 1, 2, 2, 1};
    private static final double[][] P = {
        {0.7, 0.2, 0.1},
        {0.3, 0.4, 0.3},
        {0.2, 0.5, 0.3},
        {0.1, 0.1, 0.8},
        {0.5, 0.3, 0.2},
    };

    @Test
    void computeClasses_accuracy_countsTheMostProbableClass() {
        // Called: 0, 1, 1, 2, 0 against 0, 1, 2, 2, 1: three right.
        assertEquals(0.6, Metric.ACCURACY.computeClasses(TRUTH, P), 1e-15);
    }

    @Test
    void computeClasses_logLoss_meanMinusLogOfTheTrueClassProbability() {
        double expected = -(Math.log(0.7) + Math.log(0.4) + Math.log(0.3) + Math.log(0.8) + Math.log(0.3)) / 5;
        assertEquals(expected, Metric.LOGLOSS.computeClasses(TRUTH, P), 1e-15);
    }

    @Test
    void computeClasses_macroAuc_meanOfOneVersusRestAucsByHand() {
        // Class 0 (row 0 positive): its score 0.7 beats all four others: AUC 1.
        // Class 1 (rows 1, 4 positive, scores 0.4 and 0.3; negatives 0.2, 0.5, 0.1): pairs won 2 + 2 = 4 of 6.
        // Class 2 (rows 2, 3 positive, scores 0.3, 0.8; negatives 0.1, 0.3, 0.2): 2 + 0.5 + 1 (tie counts half)
        // + 3 = 5.5 of 6.
        double expected = (1.0 + 4.0 / 6 + 5.5 / 6) / 3;
        assertEquals(expected, Metric.MACRO_AUC.computeClasses(TRUTH, P), 1e-15);
    }

    @Test
    void compute_macroAucOnTwoClasses_equalsAuc() {
        double[] truth = {1, 0, 1, 0, 0};
        double[] score = {0.9, 0.4, 0.35, 0.2, 0.6};
        assertEquals(Metric.AUC.compute(truth, score, 0.5), Metric.MACRO_AUC.compute(truth, score, 0.5), 0.0);
    }

    @Test
    void computeClasses_twoClassMetric_refusedNamingTheOthers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metric.F1.computeClasses(TRUTH, P));
        assertEquals("f1 judges two classes; for three or more use logloss, accuracy, macro_auc", e.getMessage());
    }

    @Test
    void supports_multiclass_onlyAccuracyLogLossMacroAuc() {
        assertTrue(Metric.ACCURACY.supports(Task.MULTICLASS));
        assertTrue(Metric.LOGLOSS.supports(Task.MULTICLASS));
        assertTrue(Metric.MACRO_AUC.supports(Task.MULTICLASS));
        assertFalse(Metric.AUC.supports(Task.MULTICLASS));
        assertFalse(Metric.BRIER.supports(Task.MULTICLASS));
        assertFalse(Metric.RMSE.supports(Task.MULTICLASS));
        assertTrue(Metric.AUC.supports(Task.CLASSIFICATION));
    }
}
