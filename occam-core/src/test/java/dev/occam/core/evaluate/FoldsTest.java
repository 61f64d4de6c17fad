package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FoldsTest {

    private static double[] labels(int n, double positiveShare, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < positiveShare ? 1 : 0;
        }
        return y;
    }

    @Test
    void repeatedKFold_sameArguments_sameFolds() {
        double[] y = labels(997, 0.28, 1);
        List<Fold> a = Folds.repeatedKFold(42, y.length, 5, 2, y);
        List<Fold> b = Folds.repeatedKFold(42, y.length, 5, 2, y);
        assertEquals(10, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).test(), b.get(i).test());
            assertArrayEquals(a.get(i).train(), b.get(i).train());
        }
    }

    @Test
    void repeatedKFold_otherSeedOrRepeat_otherFolds() {
        double[] y = labels(500, 0.3, 2);
        List<Fold> a = Folds.repeatedKFold(42, y.length, 5, 2, y);
        List<Fold> b = Folds.repeatedKFold(43, y.length, 5, 2, y);
        assertFalse(java.util.Arrays.equals(a.get(0).test(), b.get(0).test()));
        assertFalse(java.util.Arrays.equals(a.get(0).test(), a.get(5).test()), "repeats must reshuffle");
    }

    @Test
    void repeatedKFold_eachRepeat_partitionsRowsWithBalancedSizes() {
        double[] y = labels(997, 0.28, 3);
        List<Fold> folds = Folds.repeatedKFold(7, y.length, 5, 3, y);
        for (int r = 0; r < 3; r++) {
            int[] seen = new int[y.length];
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (Fold f : folds) {
                if (f.repeat() != r) {
                    continue;
                }
                for (int i : f.test()) {
                    seen[i]++;
                }
                assertEquals(y.length, f.test().length + f.train().length);
                min = Math.min(min, f.test().length);
                max = Math.max(max, f.test().length);
            }
            for (int s : seen) {
                assertEquals(1, s, "every row is tested exactly once per repeat");
            }
            assertTrue(max - min <= 1, "fold sizes " + min + ".." + max);
        }
    }

    @Test
    void repeatedKFold_stratified_keepsClassSharesWithinOneRow() {
        double[] y = labels(1003, 0.2, 4);
        int positives = 0;
        for (double v : y) {
            positives += (int) v;
        }
        for (Fold f : Folds.repeatedKFold(11, y.length, 5, 1, y)) {
            int p = 0;
            for (int i : f.test()) {
                p += (int) y[i];
            }
            assertTrue(Math.abs(p - positives / 5.0) <= 1.0, "fold has " + p + " of " + positives + " positives");
        }
    }

    @Test
    void repeatedKFold_classSmallerThanK_rejectedWithCounts() {
        double[] y = {1, 1, 0, 0, 0, 0, 0, 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Folds.repeatedKFold(1, y.length, 5, 1, y));
        assertTrue(e.getMessage().contains("2 rows") && e.getMessage().contains("5 folds"), e.getMessage());
    }

    @Test
    void repeatedKFold_badK_messageNamesValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Folds.repeatedKFold(1, 10, 1, 1, null));
        assertEquals("folds must be >= 2: 1", e.getMessage());
    }
}
