package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurvesTest {

    private static HeldOutScores scores(double... s) {
        return new HeldOutScores(s.length, 1, s, new double[s.length]);
    }

    @Test
    void roc_perfectSeparation_areaOne() {
        var roc = Curves.roc(scores(0.1, 0.2, 0.8, 0.9), new double[] {0, 0, 1, 1}, 200);
        assertEquals(1.0, Curves.area(roc), 1e-12);
        assertEquals(new Curves.RocPoint(1, 1, 0.1), roc.get(roc.size() - 1));
    }

    @Test
    void roc_allTied_diagonalAreaHalf() {
        var roc = Curves.roc(scores(0.5, 0.5, 0.5, 0.5), new double[] {0, 1, 0, 1}, 200);
        assertEquals(2, roc.size());
        assertEquals(0.5, Curves.area(roc), 1e-12);
    }

    @Test
    void area_textbookExample_matchesMannWhitney() {
        // Positives 0.9, 0.6, 0.4; negatives 0.7, 0.3: pairs ranked right 4 of 6 -> AUC 2/3.
        var roc = Curves.roc(scores(0.9, 0.7, 0.6, 0.4, 0.3), new double[] {1, 0, 1, 1, 0}, 200);
        assertEquals(2.0 / 3, Curves.area(roc), 1e-12);
    }

    @Test
    void calibration_twoBands_meanScoreAndObservedRate() {
        List<Curves.CalibrationBin> bins = Curves.calibration(scores(0.1, 0.2, 0.7, 0.9), new double[] {0, 1, 1, 1}, 2);
        assertEquals(new Curves.CalibrationBin(0, 0.5, 2, 0.15000000000000002, 0.5), bins.get(0));
        assertEquals(0.8, bins.get(1).meanScore(), 1e-12);
        assertEquals(1.0, bins.get(1).observedRate(), 1e-12);
    }

    @Test
    void roc_oneClassOnly_failsNamingTheCounts() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Curves.roc(scores(0.1, 0.2), new double[] {1, 1}, 200));
        assertEquals("ROC needs both classes: 2 positives, 0 negatives", e.getMessage());
    }

    /** The walk of the two classes' sorted scores gives the points of the walk of the rows sorted by score. */
    @Test
    void roc_tiesAndSignedZeros_sameAsRowOrderWalk() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(60);
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(4);
                s[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : random.nextInt(kind == 2 ? 5 : 1000) / 7.0;
                y[i] = random.nextBoolean() ? 1 : 0;
            }
            y[0] = 1;
            y[1] = 0;
            long positives = java.util.Arrays.stream(y).filter(v -> v == 1.0).count();
            assertEquals(Curves.rocInRowOrder(s, y, positives, n - positives), Curves.roc(scores(s), y, 1_000_000),
                    "trial " + trial);
        }
    }
}
