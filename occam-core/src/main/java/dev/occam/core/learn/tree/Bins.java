package dev.occam.core.learn.tree;

import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;

/**
 * Numeric columns cut into at most {@link #MAX_BINS} quantile bins, computed once per fit, with each row's bin
 * as a one-byte code: the pre-binned histograms that LightGBM (Ke et al., <i>LightGBM: A Highly Efficient Gradient
 * Boosting Decision Tree</i>, NeurIPS 2017) and XGBoost's {@code hist} method grow trees on. A node then finds a
 * feature's best split from a histogram of its rows over the bins (one pass over the rows, one over the bins)
 * instead of from its rows sorted by value.
 *
 * <p>Bins hold whole runs of equal values: a column with at most {@code MAX_BINS} distinct values gets one bin per
 * value, and then every split the sorted search can find is found here too, at the same threshold. A column with
 * more distinct values is cut at (about) equal row counts, so a split can only fall between two bins. A split
 * between a node's bins {@code b} and {@code c} (the next bin holding any of its rows) is placed at the midpoint
 * of the largest value in {@code b} and the smallest in {@code c}, as the sorted search places it between two
 * adjacent values.
 */
final class Bins {

    /** From this many training rows on, trees and forests grow on histograms (see docs/performance.md). */
    static final int MIN_ROWS = 10_000;

    /** Bins per numeric column; code {@code MISSING} (255) marks a missing value. */
    static final int MAX_BINS = 255;

    /** The code of a missing value. */
    static final int MISSING = 255;

    /** Per numeric column (null for categorical ones), each row's bin, read as {@code code & 0xFF}. */
    final byte[][] codes;

    /** Per numeric column, the number of bins (at least 1 when the column has a value; 0 when all missing). */
    final int[] binCounts;

    /** Per numeric column, the smallest and the largest value in each bin. */
    final double[][] lower;
    final double[][] upper;

    private Bins(byte[][] codes, int[] binCounts, double[][] lower, double[][] upper) {
        this.codes = codes;
        this.binCounts = binCounts;
        this.lower = lower;
        this.upper = upper;
    }

    /** Bins every numeric column of the frame (categorical columns are left to their level codes). */
    static Bins of(Frame features) {
        int n = features.rows();
        int p = features.columnCount();
        byte[][] codes = new byte[p][];
        int[] binCounts = new int[p];
        double[][] lower = new double[p][];
        double[][] upper = new double[p][];
        int[] order = new int[n];
        int[] tmp = new int[n];
        for (int j = 0; j < p; j++) {
            if (!(features.column(j) instanceof NumericColumn nc)) {
                continue;
            }
            double[] x = nc.values();
            int present = 0;
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(x[i])) {
                    order[present++] = i;
                }
            }
            IndexSort.sort(order, 0, present, x, tmp);
            int distinct = 0;
            for (int k = 0; k < present; k++) {
                if (k == 0 || x[order[k]] != x[order[k - 1]]) {
                    distinct++;
                }
            }
            byte[] code = new byte[n];
            java.util.Arrays.fill(code, (byte) MISSING);
            double[] lo = new double[MAX_BINS];
            double[] hi = new double[MAX_BINS];
            int bin = 0;
            int binStart = 0;
            int runsLeft = distinct;
            for (int k = 0; k < present; k++) {
                int row = order[k];
                code[row] = (byte) bin;
                if (k == binStart) {
                    lo[bin] = x[row];
                }
                hi[bin] = x[row];
                boolean runEnds = k + 1 < present && x[order[k + 1]] != x[row];
                if (!runEnds) {
                    continue;
                }
                runsLeft--;
                // Close the bin at the end of a run once it holds its share of the rows still to bin, or at
                // every run once the runs left fit in the bins left (then each value has its own bin).
                int binsLeft = MAX_BINS - bin - 1;
                double share = (double) (present - binStart) / (binsLeft + 1);
                if (runsLeft <= binsLeft || k + 1 - binStart >= share) {
                    bin++;
                    binStart = k + 1;
                }
            }
            binCounts[j] = present == 0 ? 0 : bin + 1;
            lower[j] = java.util.Arrays.copyOf(lo, binCounts[j]);
            upper[j] = java.util.Arrays.copyOf(hi, binCounts[j]);
            codes[j] = code;
        }
        return new Bins(codes, binCounts, lower, upper);
    }

    /** The sorted search's threshold between two adjacent distinct values {@code lo < hi}. */
    static double midpoint(double lo, double hi) {
        double t = (lo + hi) / 2;
        // Adjacent doubles (or overflow): the midpoint rounds onto an end; hi still separates them.
        return t > lo && t <= hi ? t : hi;
    }
}
