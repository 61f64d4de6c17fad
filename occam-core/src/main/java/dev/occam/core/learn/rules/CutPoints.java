package dev.occam.core.learn.rules;

import java.util.Arrays;

/**
 * Candidate thresholds of one numeric feature, and each row's bin among them. A threshold lies midway
 * between two adjacent distinct training values (as CART places its splits); when there are more gaps
 * than {@code maxCuts}, only the gaps at the quantiles {@code q / (maxCuts + 1)} are kept, so every
 * candidate condition covers a different, evenly spread share of the rows.
 */
final class CutPoints {

    private CutPoints() {
    }

    /** Ascending, distinct, finite thresholds between adjacent distinct present values of {@code x}. */
    static double[] of(double[] x, int maxCuts) {
        double[] present = Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(present);
        int m = present.length;
        int distinct = 0;
        for (int i = 0; i < m; i++) {
            if (i == 0 || present[i] != present[i - 1]) {
                distinct++;
            }
        }
        double[] cuts = new double[Math.min(maxCuts, Math.max(distinct - 1, 0))];
        int count = 0;
        if (distinct - 1 <= maxCuts) {
            for (int i = 1; i < m; i++) {
                if (present[i] != present[i - 1]) {
                    count = add(cuts, count, present[i - 1], present[i]);
                }
            }
        } else {
            double last = Double.NaN;
            for (int q = 1; q <= maxCuts; q++) {
                // The value at the q-th quantile, and the next larger value: the gap between them.
                int pos = (int) Math.min(m - 1, Math.max(0, Math.ceil((double) q * m / (maxCuts + 1)) - 1));
                double lo = present[pos];
                int next = upperBound(present, lo);
                if (next >= m || lo == last) {
                    continue;
                }
                last = lo;
                count = add(cuts, count, lo, present[next]);
            }
        }
        return Arrays.copyOf(cuts, count);
    }

    private static int add(double[] cuts, int count, double lo, double hi) {
        // Halves first, so the sum cannot overflow; otherwise the same double as (lo + hi) / 2.
        double t = lo / 2 + hi / 2;
        if (!(t > lo && t <= hi)) {
            // Adjacent doubles: the midpoint rounds onto an end; hi still separates the two values.
            t = hi;
        }
        if (!Double.isFinite(t) || (count > 0 && cuts[count - 1] >= t)) {
            return count;
        }
        cuts[count] = t;
        return count + 1;
    }

    /** First index whose value is greater than {@code v} in the ascending array. */
    private static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Each row's bin: the number of thresholds at or below its value, so {@code x < cuts[k]} exactly
     * when {@code bin <= k}; -1 for a missing value.
     */
    static int[] bins(double[] x, double[] cuts) {
        int[] bins = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            bins[i] = Double.isNaN(x[i]) ? -1 : upperBound(cuts, x[i]);
        }
        return bins;
    }
}
