package dev.occam.core.learn.linear;

import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;

/**
 * The training mean of every numeric column: the reference a linear model's explanations measure from
 * ({@code βⱼ · (xⱼ − meanⱼ)}), recorded in the scorer at fit time. Missing values are skipped; a column with
 * none present gets 0.
 */
final class ColumnMeans {

    private ColumnMeans() {
    }

    static double[] of(Frame features) {
        double[] means = new double[features.columnCount()];
        for (int j = 0; j < means.length; j++) {
            if (!(features.column(j) instanceof NumericColumn c)) {
                throw new IllegalArgumentException("column '" + features.column(j).name() + "' is not numeric");
            }
            double sum = 0;
            int n = 0;
            for (double v : c.values()) {
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            means[j] = n == 0 ? 0 : sum / n;
        }
        return means;
    }
}
