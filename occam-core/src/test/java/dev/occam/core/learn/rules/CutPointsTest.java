package dev.occam.core.learn.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CutPointsTest {

    private static final double NA = Double.NaN;

    @Test
    void of_fewDistinctValues_everyMidpoint() {
        assertArrayEquals(new double[] {1.5, 3}, CutPoints.of(new double[] {4, 1, NA, 2, 1}, 32));
    }

    @Test
    void of_moreGapsThanCuts_gapsAtQuantiles() {
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = x.length - 1 - i;
        }
        // The 1/4, 2/4 and 3/4 quantiles of 0..999 are 249, 499 and 749.
        assertArrayEquals(new double[] {249.5, 499.5, 749.5}, CutPoints.of(x, 3));
    }

    @Test
    void of_heavyTies_distinctCutsOnly() {
        double[] x = new double[100];
        x[99] = 1; // 99 zeros and a one: every quantile falls on 0, one gap
        assertArrayEquals(new double[] {0.5}, CutPoints.of(x, 10));
    }

    @Test
    void of_constantOrAllMissing_noCuts() {
        assertEquals(0, CutPoints.of(new double[] {7, 7, 7}, 32).length);
        assertEquals(0, CutPoints.of(new double[] {NA, NA}, 32).length);
        assertEquals(0, CutPoints.of(new double[0], 32).length);
    }

    @Test
    void of_adjacentDoublesOrOverflow_upperValueSeparates() {
        double up = Math.nextUp(1.0);
        assertArrayEquals(new double[] {up}, CutPoints.of(new double[] {1.0, up}, 32));
        assertArrayEquals(new double[] {0}, CutPoints.of(new double[] {-Double.MAX_VALUE, Double.MAX_VALUE}, 32));
    }

    @Test
    void bins_anyValue_belowCutExactlyWhenBinAtMostItsIndex() {
        SplittableRandom r = new SplittableRandom(4);
        double[] x = new double[500];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(8) == 0 ? NA : Math.floor(r.nextGaussian() * 20) / 4;
        }
        double[] cuts = CutPoints.of(x, 16);
        int[] bins = CutPoints.bins(x, cuts);
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                assertEquals(-1, bins[i]);
                continue;
            }
            for (int k = 0; k < cuts.length; k++) {
                assertEquals(x[i] < cuts[k], bins[i] <= k, "x " + x[i] + " cut " + cuts[k]);
            }
        }
    }
}
