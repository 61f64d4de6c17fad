package dev.occam.runtime;

import java.util.Arrays;

/**
 * Sorts doubles ascending into exactly the order {@link Arrays#sort(double[])} gives (-0.0 before 0.0, NaN last),
 * by their bits: each value's bits made into a key whose unsigned order is the values' order, then a byte at a
 * time from the lowest (least-significant-digit radix sort, stable, a count and a scatter per byte, no comparison).
 * A comparison sort mispredicts about every other branch on scores and measurements; this costs a few passes over
 * the array whatever the values, and a byte that every key shares (the sign and exponent of scores in (0, 1), say)
 * is skipped. Short arrays go to {@link Arrays#sort}, which is quicker there. A NaN comes back as the canonical NaN.
 */
public final class RadixSort {

    /** Below this many values the counts' setup costs more than the comparisons it saves. */
    static final int SHORT = 8192;

    private RadixSort() {
    }

    /** Sorts {@code a} ascending. */
    public static void sort(double[] a) {
        sort(a, 0, a.length);
    }

    /** Sorts {@code a[from..to)} ascending. */
    public static void sort(double[] a, int from, int to) {
        int n = to - from;
        if (n < SHORT) {
            Arrays.sort(a, from, to);
            return;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(a[from + i]);
        }
        // Every byte's counts in one pass.
        int[][] counts = new int[8][256];
        for (long k : keys) {
            for (int b = 0; b < 8; b++) {
                counts[b][(int) (k >>> (8 * b)) & 0xFF]++;
            }
        }
        long[] buffer = new long[n];
        long[] source = keys;
        long[] target = buffer;
        int[] next = new int[256];
        for (int b = 0; b < 8; b++) {
            int[] count = counts[b];
            if (count[(int) (source[0] >>> (8 * b)) & 0xFF] == n) {
                continue; // every key shares this byte: the order stays as it is
            }
            for (int d = 0, start = 0; d < 256; d++) {
                next[d] = start;
                start += count[d];
            }
            int shift = 8 * b;
            for (int i = 0; i < n; i++) {
                long k = source[i];
                target[next[(int) (k >>> shift) & 0xFF]++] = k;
            }
            long[] t = source;
            source = target;
            target = t;
        }
        for (int i = 0; i < n; i++) {
            a[from + i] = value(source[i]);
        }
    }

    /**
     * The key whose unsigned order is the order of the values: a positive value's bits with the sign bit set, a
     * negative value's bits all flipped (a larger magnitude is smaller). NaN is canonical, so it is above +Inf.
     */
    static long key(double v) {
        long bits = Double.doubleToLongBits(v);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    /** The value of a {@link #key}. */
    static double value(long key) {
        // The sign bit of a key is set for a positive value: flip it alone; otherwise flip every bit back.
        return Double.longBitsToDouble(key ^ (((~key) >> 63) | Long.MIN_VALUE));
    }
}
