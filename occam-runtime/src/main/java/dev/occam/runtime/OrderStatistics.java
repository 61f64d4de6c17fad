package dev.occam.runtime;

import java.util.Arrays;

/**
 * A few order statistics of an array without sorting it: for each asked position k, the value that
 * {@link java.util.Arrays#sort(double[])} would put at k. A long part is first spread into equal-width buckets of
 * its value range (a count and a scatter: two passes without a data-dependent branch, where a quickselect's
 * partition mispredicts about every other comparison and cost ~8 ms on 300,000 values), and only the buckets
 * holding an asked position are looked into further; a short part (or one whose range cannot be cut: infinite
 * ends, or a width too small to divide) is searched by nested selections (Hoare's quickselect, each within the part
 * the previous ones left). Exact: an order statistic is a value of the array, and a zero is given the sign the
 * sort would give it at that position (-0.0 sorts before 0.0, which the comparisons do not tell apart).
 */
public final class OrderStatistics {

    private OrderStatistics() {
    }

    /** Parts shorter than this are searched by quickselect: bucketing them would cost more than it saves. */
    private static final int BUCKETED = 4096;
    /** Buckets a long part is spread into: their counts fit in the first-level cache. */
    private static final int BUCKETS = 2048;

    /**
     * The values at {@code positions} (ascending, distinct, each in {@code [0, length)}) of {@code values[0..length)}
     * sorted ascending. The values must not be NaN; their order in {@code values} is changed.
     */
    public static double[] at(double[] values, int length, int[] positions) {
        return at(values, length, positions, length >= BUCKETED ? new double[length] : null);
    }

    /**
     * As {@link #at(double[], int, int[])}, with {@code scratch} (at least {@code length} long, its contents
     * overwritten) as the buckets' room, so that a caller selecting in many columns allocates it once.
     */
    public static double[] at(double[] values, int length, int[] positions, double[] scratch) {
        if (scratch != null && scratch.length < length) {
            throw new IllegalArgumentException("scratch holds " + scratch.length + " values, fewer than " + length);
        }
        double[] out = new double[positions.length];
        selectAll(values, scratch, 0, length - 1, positions, 0, positions.length, out);
        int negatives = 0;
        int negativeZeros = 0;
        boolean anyZero = false;
        for (double v : out) {
            anyZero |= v == 0.0;
        }
        if (anyZero) {
            for (int i = 0; i < length; i++) {
                double v = values[i];
                negatives += v < 0.0 ? 1 : 0;
                negativeZeros += v == 0.0 && Double.doubleToRawLongBits(v) != 0L ? 1 : 0;
            }
            for (int p = 0; p < out.length; p++) {
                if (out[p] == 0.0) {
                    // Sorted, the zeros sit at [negatives, ...): the negative ones first.
                    out[p] = positions[p] < negatives + negativeZeros ? -0.0 : 0.0;
                }
            }
        }
        return out;
    }

    /**
     * Positions {@code positions[from..to)} within {@code values[lo..hi]}, which holds exactly those ranks: a long
     * part is spread into buckets by value (in bucket order, back into {@code values[lo..hi]}) and each bucket
     * holding asked positions is searched on its own.
     */
    private static void selectAll(double[] values, double[] scratch, int lo, int hi, int[] positions, int from,
            int to, double[] out) {
        if (from >= to) {
            return;
        }
        int size = hi - lo + 1;
        if (scratch == null || size < BUCKETED) {
            selectNested(values, lo, hi, positions, from, to, out);
            return;
        }
        double min = values[lo];
        double max = min;
        for (int i = lo + 1; i <= hi; i++) {
            double v = values[i];
            min = v < min ? v : min;
            max = v > max ? v : max;
        }
        if (min == max) {
            for (int p = from; p < to; p++) {
                out[p] = min;
            }
            return;
        }
        double scale = BUCKETS / (max - min);
        if (!(scale > 0.0) || Double.isInfinite(scale)) {
            selectNested(values, lo, hi, positions, from, to, out);
            return;
        }
        // The bucket (v - min) * scale never decreases as v grows (each rounding is monotone): the buckets, in
        // order, hold the ranks in order.
        int[] start = new int[BUCKETS + 1];
        for (int i = lo; i <= hi; i++) {
            start[Math.min((int) ((values[i] - min) * scale), BUCKETS - 1) + 1]++;
        }
        for (int b = 0; b < BUCKETS; b++) {
            start[b + 1] += start[b];
        }
        int[] next = Arrays.copyOf(start, BUCKETS);
        for (int i = lo; i <= hi; i++) {
            double v = values[i];
            scratch[lo + next[Math.min((int) ((v - min) * scale), BUCKETS - 1)]++] = v;
        }
        System.arraycopy(scratch, lo, values, lo, size);
        int b = 0;
        for (int p = from; p < to; ) {
            int rank = positions[p] - lo;
            while (start[b + 1] <= rank) {
                b++;
            }
            int end = p + 1;
            while (end < to && positions[end] - lo < start[b + 1]) {
                end++;
            }
            if (start[b + 1] - start[b] == size) {
                // Every value in one bucket (a width the rounding cannot divide): no progress by bucketing.
                selectNested(values, lo, hi, positions, p, end, out);
            } else {
                selectAll(values, scratch, lo + start[b], lo + start[b + 1] - 1, positions, p, end, out);
            }
            p = end;
        }
    }

    /** Positions {@code positions[from..to)} within {@code values[lo..hi]}, which holds exactly those ranks. */
    private static void selectNested(double[] values, int lo, int hi, int[] positions, int from, int to,
            double[] out) {
        if (from >= to) {
            return;
        }
        int middle = (from + to) >>> 1;
        int k = positions[middle];
        out[middle] = select(values, lo, hi, k);
        // Every value before k is at most values[k], every value after at least it: the rest are found in the parts.
        selectNested(values, lo, k - 1, positions, from, middle, out);
        selectNested(values, k + 1, hi, positions, middle + 1, to, out);
    }

    /**
     * The k-th smallest of {@code a[from..to]} (Hoare's quickselect, median-of-three pivot), leaving every value
     * before position k at most it and every value after at least it.
     */
    public static double select(double[] a, int from, int to, int k) {
        while (from < to) {
            int mid = (from + to) >>> 1;
            double pivot = Math.max(Math.min(a[from], a[mid]), Math.min(Math.max(a[from], a[mid]), a[to]));
            int i = from;
            int j = to;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                to = j;
            } else if (k >= i) {
                from = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }
}
