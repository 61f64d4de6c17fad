package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each metric against values computed by hand (the arithmetic is in the comments). */
class MetricTest {

    private static final double EXACT = 1e-12;

    @Test
    void auc_tiedScores_countHalf() {
        // Positives 0.9, 0.4, 0.8 against negatives 0.1, 0.4: five pairs won, one tie -> 5.5 / 6.
        double[] truth = {1, 0, 1, 0, 1};
        double[] score = {0.9, 0.1, 0.4, 0.4, 0.8};
        assertEquals(5.5 / 6, Metric.AUC.compute(truth, score, 0.5), EXACT);
    }

    @Test
    void auc_randomScoresWithTies_equalsPairwiseCount() {
        // Every (positive, negative) pair counted directly: 1 when the positive scores higher, 1/2 on a tie.
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + random.nextInt(300);
            double[] truth = new double[n];
            double[] score = new double[n];
            for (int i = 0; i < n; i++) {
                truth[i] = random.nextInt(3) == 0 ? 1 : 0;
                // Few distinct values, so ties are common; -0.0 and 0.0 are the same score.
                score[i] = random.nextInt(8) == 0 ? (random.nextBoolean() ? -0.0 : 0.0) : random.nextInt(12) / 4.0;
            }
            double won = 0;
            long pairs = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (truth[i] == 1 && truth[j] == 0) {
                        won += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                        pairs++;
                    }
                }
            }
            double expected = pairs == 0 ? Double.NaN : won / pairs;
            assertEquals(expected, Metric.AUC.compute(truth, score, 0.5), EXACT, "trial " + trial);
        }
    }

    @Test
    void auc_perfectAndReversed_oneAndZero() {
        double[] truth = {0, 0, 1, 1};
        assertEquals(1.0, Metric.AUC.compute(truth, new double[] {0.1, 0.2, 0.3, 0.4}, 0.5), EXACT);
        assertEquals(0.0, Metric.AUC.compute(truth, new double[] {0.4, 0.3, 0.2, 0.1}, 0.5), EXACT);
        assertEquals(0.5, Metric.AUC.compute(truth, new double[] {0.5, 0.5, 0.5, 0.5}, 0.5), EXACT);
    }

    @Test
    void auc_oneClassOnly_nan() {
        assertTrue(Double.isNaN(Metric.AUC.compute(new double[] {1, 1}, new double[] {0.2, 0.3}, 0.5)));
    }

    @Test
    void logLoss_twoRows_meanNegativeLogLikelihood() {
        // -(ln 0.8 + ln 0.7) / 2
        assertEquals(-(Math.log(0.8) + Math.log(0.7)) / 2, Metric.LOGLOSS.compute(new double[] {1, 0},
                new double[] {0.8, 0.3}, 0.5), EXACT);
    }

    @Test
    void logLoss_certainAndWrong_clippedAndCounted() {
        double[] score = {0.0, 1.0};
        double value = Metric.LOGLOSS.compute(new double[] {1, 0}, score, 0.5);
        // Both rows are clipped to eps from the wrong end; 1 - 1e-15 is not exact in binary, so use its double.
        double eps = Metric.LOGLOSS_EPSILON;
        assertEquals(-(Math.log(eps) + Math.log1p(-(1 - eps))) / 2, value, 1e-12);
        assertTrue(value > 34 && value < 35, "about -ln(1e-15) = 34.5: " + value);
        assertEquals(2, Metric.logLossClipped(score));
    }

    @Test
    void accuracyAndF1_atThreshold_handCounts() {
        // Called positive at 0.5: rows 1 and 4. TP = 1 (row 1), FP = 1 (row 4), FN = 1 (row 3), TN = 1.
        double[] truth = {1, 0, 1, 0};
        double[] score = {0.6, 0.4, 0.3, 0.7};
        assertEquals(0.5, Metric.ACCURACY.compute(truth, score, 0.5), EXACT);
        assertEquals(2.0 / 4.0, Metric.F1.compute(truth, score, 0.5), EXACT);
        // At 0.25 every row is called positive: TP 2, FP 2 -> accuracy 0.5, F1 4 / 6.
        assertEquals(4.0 / 6.0, Metric.F1.compute(truth, score, 0.25), EXACT);
    }

    @Test
    void accuracy_thresholdOutOfRange_rejectedWithValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metric.ACCURACY.compute(new double[] {1}, new double[] {0.5}, 1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }

    @Test
    void brier_twoRows_meanSquaredError() {
        // ((0.8 - 1)^2 + (0.3 - 0)^2) / 2 = (0.04 + 0.09) / 2
        assertEquals(0.065, Metric.BRIER.compute(new double[] {1, 0}, new double[] {0.8, 0.3}, 0.5), EXACT);
    }

    @Test
    void regressionMetrics_threeRows_handValues() {
        // Errors 0, 1, 2: MSE 5/3, MAE 1; mean of truth 2, TSS 2, RSS 5 -> R2 = 1 - 5/2.
        double[] truth = {1, 2, 3};
        double[] score = {1, 3, 5};
        assertEquals(Math.sqrt(5.0 / 3.0), Metric.RMSE.compute(truth, score, Double.NaN), EXACT);
        assertEquals(1.0, Metric.MAE.compute(truth, score, Double.NaN), EXACT);
        assertEquals(-1.5, Metric.R2.compute(truth, score, Double.NaN), EXACT);
    }

    @Test
    void fromKey_unknownName_listsKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.fromKey("auroc"));
        assertTrue(e.getMessage().contains("'auroc'") && e.getMessage().contains("logloss"), e.getMessage());
        assertEquals(Metric.R2, Metric.fromKey("R2"));
    }

    @Test
    void compute_lengthMismatch_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Metric.AUC.compute(new double[] {1, 0}, new double[] {1}, 0.5));
    }

    /**
     * Average precision against scikit-learn 1.9.1's {@code average_precision_score} on two fixed vectors (the second
     * is the example of its documentation); the script is {@code src/test/resources/dev/occam/core/evaluate/pr_auc.py}.
     */
    @org.junit.jupiter.api.Test
    void compute_prAuc_matchesScikitLearn() {
        double[] truth = {1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0};
        double[] score = {0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.6, 0.3, 0.2, 0.2, 0.1, 0.05};
        org.junit.jupiter.api.Assertions.assertEquals(0.6885281385281385,
                Metric.PR_AUC.compute(truth, score, Double.NaN), 1e-12);
        org.junit.jupiter.api.Assertions.assertEquals(0.8333333333333333,
                Metric.PR_AUC.compute(new double[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}, Double.NaN), 1e-12);
    }

    @org.junit.jupiter.api.Test
    void compute_prAucOfAConstant_isThePositiveShare() {
        org.junit.jupiter.api.Assertions.assertEquals(0.25,
                Metric.PR_AUC.compute(new double[] {1, 0, 0, 0}, new double[] {0.5, 0.5, 0.5, 0.5}, Double.NaN), 1e-12);
    }

    @org.junit.jupiter.api.Test
    void compute_mape_skipsZeroTruths() {
        // |110-100|/100 = 0.1, |150-200|/200 = 0.25; the row with truth 0 is left out.
        org.junit.jupiter.api.Assertions.assertEquals(0.175,
                Metric.MAPE.compute(new double[] {100, 200, 0}, new double[] {110, 150, 3}, Double.NaN), 1e-12);
    }

    /**
     * Recall at precision against the points of scikit-learn 1.2.1's {@code precision_recall_curve} (the largest
     * recall among the points whose precision reaches p); the script and its output are
     * {@code src/test/resources/dev/occam/core/evaluate/recall_at_precision.py}.
     */
    @Test
    void recallAtPrecision_matchesScikitLearnCurve() {
        // Curve by hand: P/R = 1/.2, .667/.4, .75/.6, .571/.8, .5/.8, .4/.8, .455/1, .417/1.
        double[] truth = {1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0};
        double[] score = {0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.6, 0.3, 0.2, 0.2, 0.1, 0.05};
        double[][] expected = {{0.5, 0.8}, {0.6, 0.6}, {0.7, 0.6}, {0.75, 0.6}, {0.8, 0.2}, {0.95, 0.2}};
        for (double[] e : expected) {
            assertEquals(e[1], Metric.recallAtPrecision(e[0]).compute(truth, score, Double.NaN), EXACT, "p " + e[0]);
        }
        double[] rare = {0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
            0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0};
        double[] rareScore = {0.1, 0.2, 0.9, 0.3, 0.1, 0.4, 0.2, 0.1, 0.7, 0.5, 0.3, 0.2, 0.1, 0.6, 0.2, 0.7, 0.1, 0.3,
            0.4, 0.2, 0.1, 0.4, 0.2, 0.9, 0.1, 0.3, 0.2, 0.1, 0.5, 0.2, 0.6, 0.1, 0.8, 0.2, 0.3, 0.1, 0.2, 0.4, 0.1, 0.2};
        double[][] rareExpected = {{0.3, 1.0}, {0.5, 0.6666666666666666}, {0.6, 0.6666666666666666}, {0.9, 0.0}};
        for (double[] e : rareExpected) {
            assertEquals(e[1], Metric.recallAtPrecision(e[0]).compute(rare, rareScore, Double.NaN), EXACT,
                    "p " + e[0]);
        }
    }

    @Test
    void recallAtPrecision_tiedScores_takenTogether() {
        // The top score is shared by a positive and a negative: precision 1/2 there, never 1 by splitting the tie.
        // Thresholds: 0.9 -> TP 1 of 2 called (P 0.5, R 0.5); 0.2 -> TP 2 of 3 (P 0.667, R 1).
        double[] truth = {1, 0, 1};
        double[] score = {0.9, 0.9, 0.2};
        assertEquals(0.0, Metric.recallAtPrecision(0.7).compute(truth, score, Double.NaN), EXACT);
        assertEquals(1.0, Metric.recallAtPrecision(0.6).compute(truth, score, Double.NaN), EXACT);
        // Row order does not matter, only the scores.
        assertEquals(0.0, Metric.recallAtPrecision(0.7).compute(new double[] {0, 1, 1},
                new double[] {0.9, 0.9, 0.2}, Double.NaN), EXACT);
    }

    @Test
    void recallAtPrecision_noThresholdReachesP_zero() {
        // Best precision is 1/2 (the top row is a negative; every lower cut adds as many of each).
        double[] truth = {0, 1, 1, 0};
        double[] score = {0.8, 0.6, 0.4, 0.2};
        assertEquals(0.0, Metric.recallAtPrecision(0.9).compute(truth, score, Double.NaN), EXACT);
        // A constant score has one threshold, at the positive share (here 1/4).
        assertEquals(0.0, Metric.recallAtPrecision(0.3).compute(new double[] {1, 0, 0, 0},
                new double[] {0.5, 0.5, 0.5, 0.5}, Double.NaN), EXACT);
        assertEquals(1.0, Metric.recallAtPrecision(0.25).compute(new double[] {1, 0, 0, 0},
                new double[] {0.5, 0.5, 0.5, 0.5}, Double.NaN), EXACT);
    }

    @Test
    void recallAtPrecision_allPositives_oneAndWithoutPositives_nan() {
        assertEquals(1.0, Metric.recallAtPrecision(0.99).compute(new double[] {1, 1, 1},
                new double[] {0.2, 0.7, 0.2}, Double.NaN), EXACT);
        assertTrue(Double.isNaN(Metric.recallAtPrecision(0.5).compute(new double[] {0, 0},
                new double[] {0.2, 0.7}, Double.NaN)));
    }

    @Test
    void recallAtPrecision_exactlyAtP_counts() {
        // 9 positives then 1 negative then 10 negatives: at the 10th row precision is exactly 9/10.
        double[] truth = new double[20];
        double[] score = new double[20];
        for (int i = 0; i < 20; i++) {
            truth[i] = i < 9 ? 1 : 0;
            score[i] = 1 - i / 20.0;
        }
        truth[19] = 1;
        // Rows 0..8 positive (P 1, R 0.9); row 9 negative (P 0.9, R 0.9); row 19 positive at the end (P 0.5, R 1).
        assertEquals(0.9, Metric.recallAtPrecision(0.9).compute(truth, score, Double.NaN), EXACT);
        assertEquals(1.0, Metric.recallAtPrecision(0.5).compute(truth, score, Double.NaN), EXACT);
    }

    @Test
    void recallAtPrecision_randomScoresWithTies_equalsDirectCount() {
        // The definition counted directly: for each distinct score t, the rows at or above t.
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(60);
            double[] truth = new double[n];
            double[] score = new double[n];
            for (int i = 0; i < n; i++) {
                truth[i] = random.nextInt(4) == 0 ? 1 : 0;
                score[i] = random.nextInt(10) / 10.0;
            }
            double p = 0.05 + random.nextDouble() * 0.9;
            int positives = 0;
            for (double t : truth) {
                positives += (int) t;
            }
            double expected = positives == 0 ? Double.NaN : 0;
            for (double t : score) {
                int called = 0;
                int tp = 0;
                for (int i = 0; i < n; i++) {
                    if (score[i] >= t) {
                        called++;
                        tp += (int) truth[i];
                    }
                }
                if (positives > 0 && (double) tp / called >= p) {
                    expected = Math.max(expected, (double) tp / positives);
                }
            }
            assertEquals(expected, Metric.recallAtPrecision(p).compute(truth, score, Double.NaN), EXACT,
                    "trial " + trial);
        }
    }

    @Test
    void recallAtPrecision_keyCarriesThePrecisionAndReadsBack() {
        Metric m = Metric.recallAtPrecision(0.9);
        assertEquals("recall_at_precision_0.9", m.key());
        assertEquals("recall_at_precision_0.825", Metric.recallAtPrecision(0.825).key());
        assertEquals("recall_at_precision_0.0001", Metric.recallAtPrecision(1e-4).key());
        assertEquals(m, Metric.fromKey("recall_at_precision_0.9"));
        assertEquals(m, Metric.fromKey("recall_at_precision_0.90"));
        assertEquals(0.825, Metric.fromKey(Metric.recallAtPrecision(0.825).key()).precision());
        assertTrue(m.higherIsBetter());
        assertEquals(dev.occam.runtime.Task.CLASSIFICATION, m.task());
        assertTrue(!m.needsThreshold());
        assertTrue(!m.equals(Metric.recallAtPrecision(0.8)));
        assertEquals(Metric.AUC, Metric.fromKey("auc"));
    }

    @Test
    void recallAtPrecision_badPrecision_refusedWithTheValue() {
        for (double p : new double[] {0, 1, -0.1, 90, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Metric.recallAtPrecision(p));
            assertTrue(e.getMessage().contains("(0, 1): " + p), e.getMessage());
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Metric.fromKey("recall_at_precision"));
        assertTrue(missing.getMessage().contains("needs a precision"), missing.getMessage());
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> Metric.fromKey("recall_at_precision_1e-3"));
        assertTrue(notNumber.getMessage().contains("'1e-3' is not a precision"), notNumber.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metric.fromKey("recall_at_precision_1.5"));
    }

    @Test
    void recallAtPrecision_multiclassOrRegression_refusedNamingTheMetric() {
        Metric m = Metric.recallAtPrecision(0.9);
        assertTrue(!m.supports(dev.occam.runtime.Task.MULTICLASS));
        assertTrue(!m.supports(dev.occam.runtime.Task.REGRESSION));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.computeClasses(new int[] {0, 1, 2}, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}));
        assertTrue(e.getMessage().startsWith("recall_at_precision_0.9 judges two classes"), e.getMessage());
    }
}
