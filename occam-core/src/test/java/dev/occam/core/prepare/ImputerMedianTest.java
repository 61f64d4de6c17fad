package dev.occam.core.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The imputer's median by selection equals the median of the sorted values, exactly. */
class ImputerMedianTest {

    @Test
    void median_randomArraysWithTiesAndMissing_equalsSortedMedian() {
        SplittableRandom random = new SplittableRandom(11);
        double[] present = new double[30_000]; // reused across trials, as the imputer reuses it across columns
        for (int trial = 0; trial < 600; trial++) {
            // Mostly short columns (quickselect), every tenth long enough to be bucketed by value first.
            int n = 1 + random.nextInt(trial % 10 == 0 ? 30_000 : 200);
            int kind = random.nextInt(5);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(10) == 0 ? Double.NaN : switch (kind) {
                    case 0 -> random.nextBoolean() ? random.nextInt(5) : random.nextGaussian() * 100;
                    // A far outlier: nearly every value in one bucket, which is bucketed again.
                    case 1 -> random.nextInt(1000) == 0 ? 1e12 : random.nextGaussian();
                    // Zeros of both signs among few values.
                    case 2 -> random.nextBoolean() ? (random.nextBoolean() ? 0.0 : -0.0) : random.nextInt(3) - 1;
                    // One value throughout, or two values a rounding step apart.
                    case 3 -> 7.25;
                    default -> random.nextBoolean() ? 1.0 : Math.nextUp(1.0);
                };
            }
            double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
            int m = sorted.length / 2;
            double expected = sorted.length == 0 ? 0.0
                    : sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
            double[] copy = values.clone();
            double median = Imputer.median(new dev.occam.runtime.data.NumericColumn("x", values), present);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(median),
                    "trial " + trial + " (kind " + kind + ", " + n + " rows): " + expected + " vs " + median);
            assertEquals(Arrays.toString(copy), Arrays.toString(values), "the column itself is not reordered");
        }
    }
}
