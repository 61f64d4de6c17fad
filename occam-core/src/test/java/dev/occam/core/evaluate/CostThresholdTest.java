package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cost-minimising threshold, checked against a brute-force search and the Bayes rule on calibrated scores. */
class CostThresholdTest {

    @Test
    void best_handVector_minimisesTotalCost() {
        // Scores high to low: 0.9 (1), 0.8 (0), 0.7 (1), 0.4 (0), 0.3 (1), 0.1 (0).
        double[] truth = {1, 0, 1, 0, 1, 0};
        double[] score = {0.9, 0.8, 0.7, 0.4, 0.3, 0.1};
        // FP 1, FN 10: calling down to 0.3 misses no positive and costs 2 false positives = 2; calling all costs 3.
        CostThreshold.Choice c = CostThreshold.best(truth, score, 1, 10);
        assertEquals(0.2, c.threshold(), 1e-12); // midway between 0.3 and 0.1
        assertEquals(2.0 / 6, c.costPerRow(), 1e-12);
        // FP 10, FN 1: calling nothing costs 3 false negatives; calling 0.9 alone costs 2.
        CostThreshold.Choice d = CostThreshold.best(truth, score, 10, 1);
        assertEquals(0.85, d.threshold(), 1e-12);
        assertEquals(2.0 / 6, d.costPerRow(), 1e-12);
    }

    @Test
    void best_randomScores_equalsBruteForceOverEveryCut() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 5 + r.nextInt(60);
            double[] truth = new double[n];
            double[] score = new double[n];
            for (int i = 0; i < n; i++) {
                score[i] = Math.round(r.nextDouble() * 20) / 20.0; // ties on purpose
                truth[i] = r.nextDouble() < score[i] ? 1 : 0;
            }
            double fp = 0.5 + r.nextDouble() * 3;
            double fn = 0.5 + r.nextDouble() * 10;
            double brute = Double.POSITIVE_INFINITY;
            for (double t = 0; t <= 1.0001; t += 0.025) {
                brute = Math.min(brute, CostThreshold.costPerRow(truth, score, t, fp, fn));
            }
            CostThreshold.Choice c = CostThreshold.best(truth, score, fp, fn);
            assertEquals(brute, c.costPerRow(), 1e-12, "trial " + trial);
            assertEquals(c.costPerRow(), CostThreshold.costPerRow(truth, score, c.threshold(), fp, fn), 1e-12);
        }
    }

    @Test
    void best_calibratedScores_nearBayesThreshold() {
        // Outcomes drawn with probability equal to the score: the Bayes rule calls positive at c_FP / (c_FP + c_FN).
        SplittableRandom r = new SplittableRandom(11);
        int n = 200_000;
        double[] truth = new double[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            score[i] = r.nextDouble();
            truth[i] = r.nextDouble() < score[i] ? 1 : 0;
        }
        double t = CostThreshold.best(truth, score, 1, 4).threshold();
        assertEquals(0.2, t, 0.02);
    }

    @Test
    void inFolds_eachFoldsThresholdFromTheOtherFolds() {
        double[] truth = {1, 0, 1, 0, 1, 0, 1, 0};
        double[] scores = {0.9, 0.2, 0.8, 0.3, 0.7, 0.6, 0.4, 0.1};
        List<Fold> folds = List.of(new Fold(0, 0, new int[] {4, 5, 6, 7}, new int[] {0, 1, 2, 3}),
                new Fold(0, 1, new int[] {0, 1, 2, 3}, new int[] {4, 5, 6, 7}));
        HeldOutScores heldOut = new HeldOutScores(8, 1, scores, new double[8]);
        double[] thresholds = new double[2];
        double[] costs = new double[2];
        HeldOutScores decided = CostThreshold.inFolds(heldOut, truth, folds, 1, 1, thresholds, costs);
        // Fold 0's threshold from rows 4..7 (0.7/1, 0.6/0, 0.4/1, 0.1/0): the best cut with equal costs is 0.65.
        assertEquals(CostThreshold.best(new double[] {1, 0, 1, 0}, new double[] {0.7, 0.6, 0.4, 0.1}, 1, 1)
                .threshold(), thresholds[0], 0);
        // Fold 1's from rows 0..3, which separate perfectly: between 0.3 and 0.8.
        assertEquals(0.55, thresholds[1], 1e-12);
        assertEquals(thresholds[0], decided.threshold(0, 2), 0);
        assertEquals(thresholds[1], decided.threshold(0, 5), 0);
        // Fold 1 judged at 0.55: row 5 (0.6, negative) and row 6 (0.4, positive) are wrong.
        assertEquals(2.0 / 4, costs[1], 1e-12);
        assertTrue(costs[0] >= 0);
    }
}
