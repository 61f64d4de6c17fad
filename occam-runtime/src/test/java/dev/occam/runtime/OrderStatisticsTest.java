package dev.occam.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Schema;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Selected order statistics are, bit for bit, what a sort puts at those positions; typical values are as sorted. */
class OrderStatisticsTest {

    /** Gaussian values, few distinct whole numbers with many ties, and zeros of both signs. */
    private static double[] values(SplittableRandom random, int n) {
        int kind = random.nextInt(3);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(5);
            v[i] = kind == 0 ? random.nextGaussian()
                    : c == 0 ? 0.0 : c == 1 ? -0.0 : random.nextInt(kind == 1 ? 3 : 50) - (kind == 1 ? 1 : 25);
        }
        return v;
    }

    @Test
    void at_tiesAndSignedZeros_sameBitsAsSorted() {
        SplittableRandom random = new SplittableRandom(1);
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + random.nextInt(trial % 100 == 0 ? 5000 : 60);
            assertSelectedAsSorted(values(random, n), 4, random, "trial " + trial);
        }
    }

    /** The ends, the middle two and {@code extra} random positions of {@code v}, selected, as a sort puts them. */
    private static void assertSelectedAsSorted(double[] v, int extra, SplittableRandom random, String what) {
        int n = v.length;
        TreeSet<Integer> wanted = new TreeSet<>(List.of(0, n - 1, n / 2, Math.max(0, n / 2 - 1)));
        for (int k = 0; k < extra; k++) {
            wanted.add(random.nextInt(n));
        }
        int[] positions = wanted.stream().mapToInt(Integer::intValue).toArray();
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double[] got = OrderStatistics.at(v.clone(), n, positions);
        for (int p = 0; p < positions.length; p++) {
            assertEquals(Double.doubleToRawLongBits(sorted[positions[p]]), Double.doubleToRawLongBits(got[p]),
                    what + ", position " + positions[p] + " of " + n);
        }
    }

    /** Long arrays, bucketed by value before the selection: skewed, tied, infinite, one value, near-equal values. */
    @Test
    void at_longArraysBucketed_sameBitsAsSorted() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 60; trial++) {
            int n = 4096 + random.nextInt(36_000);
            int kind = trial % 6;
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (kind) {
                    case 0 -> random.nextGaussian();
                    case 1 -> random.nextInt(200) == 0 ? 1e15 * random.nextDouble() : random.nextGaussian();
                    case 2 -> random.nextInt(3) == 0 ? -0.0 : random.nextInt(3) == 0 ? 0.0 : random.nextInt(7) - 3;
                    case 3 -> random.nextInt(1000) == 0 ? Double.POSITIVE_INFINITY : random.nextDouble();
                    case 4 -> 3.5;
                    default -> Math.nextUp(Double.MIN_VALUE) * random.nextInt(3);
                };
            }
            assertSelectedAsSorted(v, 12, random, "trial " + trial + " (kind " + kind + ")");
        }
    }

    @Test
    void typicalValues_selected_sameAsFromASortedColumn() {
        SplittableRandom random = new SplittableRandom(2);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(400);
            double[] v = values(random, n);
            for (int i = 0; i < n; i++) {
                v[i] = random.nextInt(8) == 0 ? Double.NaN : v[i];
            }
            Schema schema = new Schema(List.of(Feature.numeric("x")));
            TypicalValues typical = TypicalValues.of(new Frame(List.of(new NumericColumn("x", v))), schema);
            double[] present = Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
            int m = present.length;
            double median = m == 0 ? Double.NaN : m % 2 == 1 ? present[m / 2] : (present[m / 2 - 1] + present[m / 2]) / 2;
            assertEquals(m == 0 ? null : (Object) median, typical.value(0), "trial " + trial);
            assertEquals(Double.doubleToRawLongBits(m == 0 ? Double.NaN : present[0]),
                    Double.doubleToRawLongBits(typical.min(0)), "trial " + trial);
            assertEquals(Double.doubleToRawLongBits(m == 0 ? Double.NaN : present[m - 1]),
                    Double.doubleToRawLongBits(typical.max(0)), "trial " + trial);
            assertEquals(FeatureDistribution.of(schema.feature(0), v).toJson(), typical.distribution(0).toJson(),
                    "trial " + trial);
        }
    }
}
