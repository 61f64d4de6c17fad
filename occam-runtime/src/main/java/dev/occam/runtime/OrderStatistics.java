package dev.occam.runtime;

/**
 * A few order statistics of an array without sorting it: for each asked position k, the value that
 * {@link java.util.Arrays#sort(double[])} would put at k, found by nested selections (Hoare's quickselect, each
 * within the part the previous ones left), so that the cost is about that of one selection per asked position
 * rather than a full sort. Exact: an order statistic is a value of the array, and a zero is given the sign the
 * sort would give it at that position (-0.0 sorts before 0.0, which the selection's comparisons do not tell apart).
 */
public final class OrderStatistics {

    private OrderStatistics() {
    }

    /**
     * The values at {@code positions} (ascending, distinct, each in {@code [0, length)}) of {@code values[0..length)}
     * sorted ascending. The values must not be NaN; their order in {@code values} is changed.
     */
    public static double[] at(double[] values, int length, int[] positions) {
        double[] out = new double[positions.length];
        selectAll(values, 0, length - 1, positions, 0, positions.length, out);
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

    /** Positions {@code positions[from..to)} within {@code values[lo..hi]}, which holds exactly those ranks. */
    private static void selectAll(double[] values, int lo, int hi, int[] positions, int from, int to, double[] out) {
        if (from >= to) {
            return;
        }
        int middle = (from + to) >>> 1;
        int k = positions[middle];
        out[middle] = select(values, lo, hi, k);
        // Every value before k is at most values[k], every value after at least it: the rest are found in the parts.
        selectAll(values, lo, k - 1, positions, from, middle, out);
        selectAll(values, k + 1, hi, positions, middle + 1, to, out);
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
