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
        double[] scratch = new double[200]; // reused across trials, as the imputer reuses it across columns
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(200);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(10) == 0 ? Double.NaN
                        : random.nextBoolean() ? random.nextInt(5) : random.nextGaussian() * 100;
            }
            double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
            int m = present.length / 2;
            double expected = present.length == 0 ? 0.0
                    : present.length % 2 == 1 ? present[m] : (present[m - 1] + present[m]) / 2.0;
            double[] copy = values.clone();
            assertEquals(expected, Imputer.median(new dev.occam.runtime.data.NumericColumn("x", values), scratch), 0.0,
                    "trial " + trial);
            assertEquals(Arrays.toString(copy), Arrays.toString(values), "the column itself is not reordered");
        }
    }
}
