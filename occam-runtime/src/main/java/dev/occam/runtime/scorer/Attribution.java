package dev.occam.runtime.scorer;

import java.util.Objects;

/**
 * A scorer's output for one row taken apart: {@code value = baseline + Σ contributions[g]}, on a stated
 * scale, where group {@code g} collects the scorer's input columns {@code c} with {@code groupOf[c] == g}
 * (see {@link Scorer#attribute(double[], int[], int)}). With the identity grouping there is one contribution
 * per input column.
 *
 * @param logOdds true when {@code value} is the log-odds of the positive class (the score is its logistic
 *     function); false when {@code value} is the score itself (a probability or a predicted value)
 * @param value the row's score on that scale, as the scorer computes it
 * @param baseline the value the row is explained against: the expected value over the training rows (or
 *     a stated reference) on the same scale
 * @param contributions one per group; they add up to {@code value − baseline} to rounding
 */
public record Attribution(boolean logOdds, double value, double baseline, double[] contributions) {

    public Attribution {
        Objects.requireNonNull(contributions, "contributions");
        contributions = contributions.clone();
    }

    @Override
    public double[] contributions() {
        return contributions.clone();
    }

    /** The identity grouping of {@code columns} columns: one group per column. */
    public static int[] identity(int columns) {
        int[] g = new int[columns];
        for (int i = 0; i < columns; i++) {
            g[i] = i;
        }
        return g;
    }

    /**
     * Sums per-column values into groups.
     *
     * @throws IllegalArgumentException when a column's group is outside {@code [0, groups)}
     */
    static double[] grouped(double[] perColumn, int[] groupOf, int groups) {
        if (groupOf.length != perColumn.length) {
            throw new IllegalArgumentException("grouping has " + groupOf.length + " entries for " + perColumn.length
                    + " columns");
        }
        double[] out = new double[groups];
        for (int c = 0; c < perColumn.length; c++) {
            int g = groupOf[c];
            if (g < 0 || g >= groups) {
                throw new IllegalArgumentException("column " + c + " is in group " + g + ", outside [0, " + groups + ")");
            }
            out[g] += perColumn[c];
        }
        return out;
    }
}
