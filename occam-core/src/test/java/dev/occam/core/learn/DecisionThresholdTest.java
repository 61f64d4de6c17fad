package dev.occam.core.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The threshold by selection is the one read off the sorted scores, bit for bit. */
class DecisionThresholdTest {

    /** The threshold as it was computed before the selection: from a sorted copy. */
    private static double bySorting(double[] scores, double positiveShare) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int positives = (int) Math.round(positiveShare * n);
        if (positives <= 0) {
            return Math.min(1.0, Math.nextUp(sorted[n - 1]));
        }
        return Math.max(0.0, Math.min(1.0, sorted[n - positives]));
    }

    @Test
    void matchingPositiveShare_tiesNaNAndLongArrays_sameAsSorted() {
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(trial % 5 == 0 ? 50_000 : 300);
            int kind = random.nextInt(3);
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = kind == 0 ? random.nextDouble() : kind == 1 ? random.nextInt(4) / 3.0
                        : random.nextInt(50) == 0 ? Double.NaN : random.nextDouble();
            }
            double share = random.nextInt(10) == 0 ? 0.0 : random.nextDouble();
            double[] copy = scores.clone();
            assertEquals(Double.doubleToLongBits(bySorting(scores, share)),
                    Double.doubleToLongBits(DecisionThreshold.matchingPositiveShare(scores, share)),
                    "trial " + trial + " (" + n + " scores, share " + share + ")");
            assertEquals(Arrays.toString(copy), Arrays.toString(scores), "the scores are not reordered");
        }
    }
}
