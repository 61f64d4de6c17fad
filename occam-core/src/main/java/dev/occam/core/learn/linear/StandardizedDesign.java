package dev.occam.core.learn.linear;

import dev.occam.core.data.Target;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;

/**
 * The features of an elastic net, centred and scaled as glmnet's {@code standardize = TRUE} does: each
 * column minus its mean, divided by its standard deviation with divisor n (not n − 1). Columns that hold
 * one value on these rows are set aside (their coefficient is zero, and they are reported as aliased with
 * the intercept). Held by columns, the layout coordinate descent reads.
 */
final class StandardizedDesign {

    private final int rows;
    private final double[] means;
    /** Standard deviation (divisor n) of each input column; 0 for a column set aside. */
    private final double[] scales;
    /** Indices of the input columns that take part, in input order. */
    private final int[] usable;
    /** The standardised usable columns, {@code standardized[k]} for input column {@code usable[k]}. */
    private final double[][] standardized;

    private StandardizedDesign(int rows, double[] means, double[] scales, int[] usable, double[][] standardized) {
        this.rows = rows;
        this.means = means;
        this.scales = scales;
        this.usable = usable;
        this.standardized = standardized;
    }

    /**
     * The frame's columns as arrays, checked.
     *
     * @throws IllegalArgumentException naming the column (and row) when a column is categorical or holds a
     *     missing or infinite value, or when the row counts differ or are zero
     */
    static double[][] numericColumns(Frame features, Target target, String model) {
        target.requireRowsOf(features);
        if (features.rows() == 0) {
            throw new IllegalArgumentException("cannot fit " + model + " on zero rows");
        }
        int n = features.rows();
        double[][] columns = new double[features.columnCount()][];
        for (int j = 0; j < columns.length; j++) {
            Column c = features.column(j);
            if (!(c instanceof NumericColumn nc)) {
                throw new IllegalArgumentException("column '" + c.name() + "' is categorical; " + model
                        + " needs numbers (encode it first, as its pipeline() does)");
            }
            double[] v = nc.values();
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(v[i])) {
                    throw new IllegalArgumentException("column '" + c.name() + "' is missing at row " + i + "; "
                            + model + " needs complete rows (impute first, as its pipeline() does)");
                }
                if (Double.isInfinite(v[i])) {
                    throw new IllegalArgumentException("column '" + c.name() + "' holds " + v[i] + " at row " + i);
                }
            }
            columns[j] = v;
        }
        return columns;
    }

    /**
     * Standardises the given rows of the columns.
     *
     * @param rows the rows to use, or null for all
     */
    static StandardizedDesign of(double[][] columns, int n, int[] rows) {
        int m = rows == null ? n : rows.length;
        int p = columns.length;
        double[] means = new double[p];
        double[] scales = new double[p];
        int[] usable = new int[p];
        double[][] standardized = new double[p][];
        int count = 0;
        double[] v = new double[m];
        for (int j = 0; j < p; j++) {
            double[] all = columns[j];
            for (int i = 0; i < m; i++) {
                v[i] = all[rows == null ? i : rows[i]];
            }
            if (constant(v)) {
                continue;
            }
            double mean = 0;
            for (double x : v) {
                mean += x;
            }
            mean /= m;
            // Scaled by the largest deviation so that squares of huge or tiny values neither overflow nor
            // underflow.
            double largest = 0;
            for (double x : v) {
                largest = Math.max(largest, Math.abs(x - mean));
            }
            double sum = 0;
            for (double x : v) {
                double d = (x - mean) / largest;
                sum += d * d;
            }
            double scale = largest * Math.sqrt(sum / m);
            if (!(scale > 0) || Double.isInfinite(scale)) {
                continue;
            }
            double[] z = new double[m];
            for (int i = 0; i < m; i++) {
                z[i] = (v[i] - mean) / scale;
            }
            means[j] = mean;
            scales[j] = scale;
            usable[count] = j;
            standardized[count] = z;
            count++;
        }
        return new StandardizedDesign(m, means, scales, java.util.Arrays.copyOf(usable, count),
                java.util.Arrays.copyOf(standardized, count));
    }

    private static boolean constant(double[] v) {
        for (double x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return true;
    }

    int rows() {
        return rows;
    }

    /** Number of input columns, usable or not. */
    int inputs() {
        return means.length;
    }

    /** Number of usable (non-constant) columns. */
    int usableCount() {
        return usable.length;
    }

    /** The k-th usable column, standardised. Not copied: callers only read it. */
    double[] column(int k) {
        return standardized[k];
    }

    /** Whether each input column was set aside as constant. */
    boolean[] setAside() {
        boolean[] out = new boolean[means.length];
        java.util.Arrays.fill(out, true);
        for (int j : usable) {
            out[j] = false;
        }
        return out;
    }

    /**
     * Coefficients on the original scale, {@code [intercept, β_1 .. β_p]} over every input column (zero
     * for those set aside), from the intercept and the coefficients of the standardised usable columns:
     * {@code βⱼ = bⱼ / sⱼ}, {@code β₀ = b₀ − Σ βⱼ mⱼ}.
     */
    double[] originalScale(double interceptStandardized, double[] standardizedCoefficients) {
        double[] out = new double[means.length + 1];
        double intercept = interceptStandardized;
        for (int k = 0; k < usable.length; k++) {
            double b = standardizedCoefficients[k];
            if (b == 0.0) {
                continue;
            }
            int j = usable[k];
            double beta = b / scales[j];
            out[j + 1] = beta;
            intercept -= beta * means[j];
        }
        out[0] = intercept;
        return out;
    }
}
