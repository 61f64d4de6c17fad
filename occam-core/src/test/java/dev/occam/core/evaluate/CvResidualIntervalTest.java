package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.PredictionInterval;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The conformal rank ⌈(n + 1)·level⌉ (Lei et al. 2018; the "CV" method of Barber et al. 2021) and the
 * out-of-fold coverage, on residuals small enough to check by hand.
 */
class CvResidualIntervalTest {

    private static final double[] ONE_TO_TEN = {7, 3, 10, 1, 5, 9, 2, 8, 4, 6};

    @Test
    void halfWidth_tenResiduals_isTheConformalRank() {
        // n = 10: level 0.9 -> rank ceil(9.9) = 10; 0.8 -> ceil(8.8) = 9; 0.5 -> ceil(5.5) = 6.
        assertEquals(10, CvResidualInterval.halfWidth(ONE_TO_TEN, 0.9), 0.0);
        assertEquals(9, CvResidualInterval.halfWidth(ONE_TO_TEN, 0.8), 0.0);
        assertEquals(6, CvResidualInterval.halfWidth(ONE_TO_TEN, 0.5), 0.0);
        assertEquals(1, CvResidualInterval.halfWidth(ONE_TO_TEN, 1e-9), 0.0, "the smallest level takes the smallest");
        assertEquals(7, ONE_TO_TEN[0], "the input is not sorted in place");
    }

    @Test
    void halfWidth_tooFewResiduals_isInfinite() {
        // n = 9 at 0.9: rank ceil(10 * 0.9) = 9 <= 9, finite; n = 8: rank ceil(8.1) = 9 > 8.
        double[] nine = Arrays.copyOf(ONE_TO_TEN, 9);
        assertEquals(Arrays.stream(nine).max().orElseThrow(), CvResidualInterval.halfWidth(nine, 0.9), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, CvResidualInterval.halfWidth(Arrays.copyOf(ONE_TO_TEN, 8), 0.9));
        assertEquals(Double.POSITIVE_INFINITY, CvResidualInterval.halfWidth(new double[] {3}, 0.9));
        assertEquals(3, CvResidualInterval.halfWidth(new double[] {3}, 0.5), 0.0, "n = 1 at 0.5: rank ceil(1) = 1");
        assertEquals(9, CvResidualInterval.fewestResiduals(0.9));
        assertEquals(19, CvResidualInterval.fewestResiduals(0.95));
        assertEquals(99, CvResidualInterval.fewestResiduals(0.99));
        assertEquals(1, CvResidualInterval.fewestResiduals(0.5));
    }

    @Test
    void rank_decimalLevel_notItsBinaryNeighbour() {
        // 0.07 * 100 is 7.000000000000001 in doubles, whose ceiling would be 8.
        assertEquals(7, CvResidualInterval.rank(99, 0.07));
        assertEquals(9, CvResidualInterval.rank(9, 0.9));
        assertEquals(19, CvResidualInterval.rank(19, 0.95));
    }

    @Test
    void halfWidth_levelOutsideOpenUnitInterval_throwsWithValue() {
        assertEquals("interval level must be in (0, 1): 1.0", assertThrows(IllegalArgumentException.class,
                () -> CvResidualInterval.halfWidth(ONE_TO_TEN, 1.0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CvResidualInterval.halfWidth(ONE_TO_TEN, 0.0));
        assertThrows(IllegalArgumentException.class, () -> CvResidualInterval.halfWidth(ONE_TO_TEN, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CvResidualInterval.halfWidth(new double[0], 0.5));
    }

    @Test
    void halfWidth_tiesAndNaN_tiesKeptNaNLast() {
        double[] ties = {2, 2, 2, 2, 2, 2, 2, 2, 2, 5};
        assertEquals(2, CvResidualInterval.halfWidth(ties, 0.8), 0.0, "rank 9 of nine 2s and a 5");
        assertEquals(5, CvResidualInterval.halfWidth(ties, 0.9), 0.0);
        double[] failed = {1, 2, 3, 4, 5, 6, 7, 8, 9, Double.NaN};
        assertEquals(Double.POSITIVE_INFINITY, CvResidualInterval.halfWidth(failed, 0.9), "a NaN is never covered");
        assertEquals(9, CvResidualInterval.halfWidth(failed, 0.8), 0.0);
    }

    /** Four rows, two folds, one repeat; predictions 0, so the residuals are the actual values. */
    @Test
    void foldCoverage_handExample_otherFoldsQuantileOnEachFold() {
        double[] actual = {1, -5, 2, 3};
        HeldOutScores heldOut = new HeldOutScores(4, 1, new double[4], new double[4]);
        List<Fold> folds = List.of(new Fold(0, 0, new int[] {2, 3}, new int[] {0, 1}),
                new Fold(0, 1, new int[] {0, 1}, new int[] {2, 3}));
        // Fold 0: others |2|, |3|, rank ceil(3 * 0.5) = 2 -> 3; rows 1 (in), 5 (out) -> 0.5.
        // Fold 1: others |1|, |-5|, rank 2 -> 5; rows 2, 3 both in -> 1.0.
        assertArrayEquals(new double[] {0.5, 1.0}, CvResidualInterval.foldCoverage(actual, heldOut, folds, 0.5), 0.0);
        PredictionInterval.Coverage c = CvResidualInterval.outOfFoldCoverage(actual, heldOut, folds, 0.5);
        assertEquals(new PredictionInterval.Coverage(0.75, 0.5, 1.0, 2), c);
        // At 0.9 the other fold's two residuals are too few (need 9): the whole line covers everything.
        assertArrayEquals(new double[] {1.0, 1.0}, CvResidualInterval.foldCoverage(actual, heldOut, folds, 0.9), 0.0);
    }

    @Test
    void foldCoverage_residualEqualToHalfWidth_counted() {
        double[] actual = {2, 2, 2, 2};
        HeldOutScores heldOut = new HeldOutScores(4, 1, new double[4], new double[4]);
        List<Fold> folds = List.of(new Fold(0, 0, new int[] {2, 3}, new int[] {0, 1}),
                new Fold(0, 1, new int[] {0, 1}, new int[] {2, 3}));
        assertArrayEquals(new double[] {1.0, 1.0}, CvResidualInterval.foldCoverage(actual, heldOut, folds, 0.5), 0.0,
                "the closed interval [ŷ − q, ŷ + q] holds a residual of exactly q");
    }

    @Test
    void foldCoverage_repeatsKeptApart_eachFoldUsesItsOwnRepeat() {
        // Repeat 0 predicts 0 (residuals 1..4), repeat 1 predicts exactly (residuals 0).
        double[] actual = {1, 2, 3, 4};
        HeldOutScores heldOut = new HeldOutScores(4, 2, new double[] {0, 0, 0, 0, 1, 2, 3, 4}, new double[8]);
        List<Fold> folds = List.of(new Fold(0, 0, new int[] {2, 3}, new int[] {0, 1}),
                new Fold(0, 1, new int[] {0, 1}, new int[] {2, 3}),
                new Fold(1, 0, new int[] {1, 3}, new int[] {0, 2}),
                new Fold(1, 1, new int[] {0, 2}, new int[] {1, 3}));
        // Repeat 0, fold 0: others 3, 4 -> q = 4 covers 1, 2; fold 1: others 1, 2 -> q = 2 covers neither 3 nor 4.
        assertArrayEquals(new double[] {1.0, 0.0, 1.0, 1.0},
                CvResidualInterval.foldCoverage(actual, heldOut, folds, 0.5), 0.0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 0, 0, 0, 0}, CvResidualInterval.absoluteResiduals(actual, heldOut),
                0.0);
    }

    /**
     * Residuals drawn independently from one distribution are exchangeable, so each fold's coverage is at least
     * the level and at most level + 1/(m + 1) in expectation (Lei et al. 2018, Theorem 2.2, m = 1,600 other
     * rows); the mean over 10 folds of 400 rows has a binomial sd near 0.005, so 0.02 is about four sd.
     */
    @Test
    void outOfFoldCoverage_exchangeableResiduals_nearTheLevel() {
        int n = 2000;
        SplittableRandom random = new SplittableRandom(17);
        double[] actual = new double[n];
        double[] scores = new double[2 * n];
        for (int i = 0; i < n; i++) {
            actual[i] = random.nextGaussian() * 1000;
            scores[i] = random.nextGaussian() * 10;
            scores[n + i] = random.nextGaussian() * 10;
        }
        HeldOutScores heldOut = new HeldOutScores(n, 2, scores, new double[2 * n]);
        List<Fold> folds = Folds.repeatedKFold(5, n, 5, 2, null);
        for (double level : new double[] {0.8, 0.9, 0.95}) {
            PredictionInterval.Coverage c = CvResidualInterval.outOfFoldCoverage(actual, heldOut, folds, level);
            assertEquals(level, c.mean(), 0.02, "level " + level);
            assertEquals(10, c.folds());
            assertTrue(c.min() <= c.mean() && c.mean() <= c.max());
            PredictionInterval interval = CvResidualInterval.of(actual, heldOut, folds, level);
            assertEquals(4000, interval.residuals());
            // Half-normal quantile of sd ~1000: 1.2816, 1.6449, 1.9600 thousand; the sample quantile within 5%.
            double expected = 1000 * (level == 0.8 ? 1.2816 : level == 0.9 ? 1.6449 : 1.9600);
            assertEquals(expected, interval.halfWidth(), 0.05 * expected, "level " + level);
        }
    }

    @Test
    void of_tooFewRows_namesHowManyItNeeds() {
        double[] actual = {1, 2, 3, 4};
        HeldOutScores heldOut = new HeldOutScores(4, 1, new double[4], new double[4]);
        List<Fold> folds = Folds.repeatedKFold(1, 4, 2, 1, null);
        assertEquals("a 90% interval needs at least 9 out-of-fold residuals, and there are 4",
                assertThrows(IllegalArgumentException.class,
                        () -> CvResidualInterval.of(actual, heldOut, folds, 0.9)).getMessage());
        assertEquals(PredictionInterval.METHOD_CV_RESIDUAL, CvResidualInterval.of(actual, heldOut, folds, 0.5).method());
    }

    @Test
    void foldCoverage_mismatchedRows_throws() {
        HeldOutScores heldOut = new HeldOutScores(4, 1, new double[4], new double[4]);
        assertThrows(IllegalArgumentException.class, () -> CvResidualInterval.foldCoverage(new double[3], heldOut,
                Folds.repeatedKFold(1, 4, 2, 1, null), 0.5));
        assertThrows(IllegalArgumentException.class, () -> CvResidualInterval.foldCoverage(new double[4], heldOut,
                Folds.repeatedKFold(1, 4, 2, 2, null), 0.5), "a fold of repeat 2 against one repeat of scores");
    }
}
