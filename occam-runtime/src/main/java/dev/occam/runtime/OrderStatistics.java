package dev.occam.runtime;

import java.util.Arrays;

/**
 * A few order statistics of an array without sorting it: for each asked position k, the value that
 * {@link java.util.Arrays#sort(double[])} would put at k. A long part is first spread into equal-width buckets of
 * its value range (counted in a pass without a data-dependent branch, where a quickselect's partition mispredicts
 * about every other comparison and cost ~3-8 ms on 300,000 values), and only the few values of the buckets holding
 * an asked position are copied out and looked into further; a short part (or one whose range cannot be cut: infinite
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
     * sorted ascending. The values must not be NaN; their order in {@code values} may be changed.
     */
    public static double[] at(double[] values, int length, int[] positions) {
        double[] out = new double[positions.length];
        selectAll(values, 0, length - 1, 0, positions, 0, positions.length, out);
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
     * Ranks {@code positions[from..to)} among {@code values[lo..hi]}, which holds exactly the ranks
     * {@code [rankLo, rankLo + hi - lo]}. A long part is counted into buckets by value and only the buckets holding
     * asked ranks are copied out (into arrays of their own: the part is left as it is), each searched on its own.
     */
    private static void selectAll(double[] values, int lo, int hi, int rankLo, int[] positions, int from, int to,
            double[] out) {
        if (from >= to) {
            return;
        }
        int size = hi - lo + 1;
        if (size < BUCKETED) {
            selectNested(values, lo, hi, rankLo - lo, positions, from, to, out);
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
            selectNested(values, lo, hi, rankLo - lo, positions, from, to, out);
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
        // The buckets holding asked ranks, each given a place in one array of their values; the others none (-1).
        int[] slot = new int[BUCKETS];
        Arrays.fill(slot, -1);
        int gathered = 0;
        for (int p = from, b = 0; p < to; p++) {
            int rank = positions[p] - rankLo;
            while (start[b + 1] <= rank) {
                b++;
            }
            if (slot[b] < 0) {
                slot[b] = gathered;
                gathered += start[b + 1] - start[b];
            }
        }
        if (gathered == size) {
            // Every value in the one bucket asked for (a width the rounding cannot divide): no progress by bucketing.
            selectNested(values, lo, hi, rankLo - lo, positions, from, to, out);
            return;
        }
        int[] offsets = slot.clone();
        double[] kept = new double[gathered];
        for (int i = lo; i <= hi; i++) {
            double v = values[i];
            int b = Math.min((int) ((v - min) * scale), BUCKETS - 1);
            int at = slot[b];
            if (at >= 0) { // rarely: a branch the processor predicts
                kept[at] = v;
                slot[b] = at + 1;
            }
        }
        for (int p = from, b = 0; p < to; ) {
            int rank = positions[p] - rankLo;
            while (start[b + 1] <= rank) {
                b++;
            }
            int end = p + 1;
            while (end < to && positions[end] - rankLo < start[b + 1]) {
                end++;
            }
            selectAll(kept, offsets[b], offsets[b] + start[b + 1] - start[b] - 1, rankLo + start[b], positions, p,
                    end, out);
            p = end;
        }
    }

    /**
     * Ranks {@code positions[from..to)} within {@code values[lo..hi]}, which holds exactly those ranks, rank r at
     * index {@code r - shift} once sorted.
     */
    private static void selectNested(double[] values, int lo, int hi, int shift, int[] positions, int from, int to,
            double[] out) {
        if (from >= to) {
            return;
        }
        int middle = (from + to) >>> 1;
        int k = positions[middle] - shift;
        out[middle] = select(values, lo, hi, k);
        // Every value before k is at most values[k], every value after at least it: the rest are found in the parts.
        selectNested(values, lo, k - 1, shift, positions, from, middle, out);
        selectNested(values, k + 1, hi, shift, positions, middle + 1, to, out);
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
