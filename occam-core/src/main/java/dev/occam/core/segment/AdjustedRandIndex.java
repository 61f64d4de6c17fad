package dev.occam.core.segment;

import java.util.HashMap;
import java.util.Map;

/**
 * The adjusted Rand index of two partitions of the same rows (Hubert &amp; Arabie 1985, "Comparing partitions",
 * Journal of Classification 2:193-218): the share of row pairs on which they agree, corrected for the agreement
 * expected by chance under the permutation model. 1 for identical partitions (up to renaming), about 0 for
 * unrelated ones, negative for less agreement than chance. Equal to mclust's {@code adjustedRandIndex}.
 */
public final class AdjustedRandIndex {

    private AdjustedRandIndex() {
    }

    /** @throws IllegalArgumentException when the label arrays differ in length or are empty */
    public static double of(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("partitions must label the same rows: " + a.length + " vs " + b.length);
        }
        if (a.length == 0) {
            throw new IllegalArgumentException("cannot compare partitions of zero rows");
        }
        Map<Long, long[]> cells = new HashMap<>();
        Map<Integer, long[]> rows = new HashMap<>();
        Map<Integer, long[]> cols = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            cells.computeIfAbsent(((long) a[i] << 32) ^ (b[i] & 0xffffffffL), x -> new long[1])[0]++;
            rows.computeIfAbsent(a[i], x -> new long[1])[0]++;
            cols.computeIfAbsent(b[i], x -> new long[1])[0]++;
        }
        double index = 0;
        for (long[] c : cells.values()) {
            index += pairs(c[0]);
        }
        double sumA = 0;
        for (long[] c : rows.values()) {
            sumA += pairs(c[0]);
        }
        double sumB = 0;
        for (long[] c : cols.values()) {
            sumB += pairs(c[0]);
        }
        double total = pairs(a.length);
        double expected = sumA * sumB / total;
        double max = 0.5 * (sumA + sumB);
        if (max == expected) {
            // Both partitions are trivial (one group each, or all singletons): they agree fully.
            return 1.0;
        }
        return (index - expected) / (max - expected);
    }

    private static double pairs(long n) {
        return n * (n - 1) / 2.0;
    }
}
