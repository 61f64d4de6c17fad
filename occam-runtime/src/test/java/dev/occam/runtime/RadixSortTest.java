package dev.occam.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The radix sort leaves, bit for bit, what {@link Arrays#sort(double[])} leaves. */
class RadixSortTest {

    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0};

    private static double draw(SplittableRandom random, int kind) {
        return switch (kind) {
            case 0 -> random.nextGaussian() * Math.pow(10, random.nextInt(-5, 6));
            case 1 -> random.nextDouble(); // scores: one sign, few exponents
            case 2 -> random.nextInt(7) - 3; // many ties
            case 3 -> SPECIAL[random.nextInt(SPECIAL.length)];
            default -> Double.longBitsToDouble(random.nextLong()); // any bits, NaN payloads among them
        };
    }

    private static long[] bits(double[] a) {
        // A NaN's payload is not kept (a sorted NaN is the canonical one): compared as the canonical NaN.
        return Arrays.stream(a).mapToLong(Double::doubleToLongBits).toArray();
    }

    @Test
    void sort_mixedValues_sameBitsAsArraysSort() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 400; trial++) {
            int n = random.nextInt(trial % 2 == 0 ? 40_000 : 3_000);
            int kinds = 1 + random.nextInt(5);
            int first = random.nextInt(5);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = draw(random, (first + random.nextInt(kinds)) % 5);
            }
            double[] expected = a.clone();
            Arrays.sort(expected);
            RadixSort.sort(a);
            assertArrayEquals(bits(expected), bits(a), "trial " + trial + ", " + n + " values");
        }
    }

    @Test
    void sort_range_sortsOnlyTheRange() {
        SplittableRandom random = new SplittableRandom(8);
        double[] a = new double[20_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = draw(random, 0);
        }
        double[] expected = a.clone();
        Arrays.sort(expected, 1_000, 14_000);
        RadixSort.sort(a, 1_000, 14_000);
        assertArrayEquals(bits(expected), bits(a));
    }

    @Test
    void keyAndValue_roundTripAndOrder() {
        for (double v : SPECIAL) {
            assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(RadixSort.value(RadixSort.key(v))));
        }
        assertEquals(-1, Long.compareUnsigned(RadixSort.key(-0.0), RadixSort.key(0.0)));
        assertEquals(-1, Long.compareUnsigned(RadixSort.key(Double.POSITIVE_INFINITY), RadixSort.key(Double.NaN)));
        assertEquals(-1, Long.compareUnsigned(RadixSort.key(-2.0), RadixSort.key(-1.0)));
    }
}
