package dev.occam.core.prepare;

import dev.occam.runtime.OrderStatistics;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.prep.Imputation;
import dev.occam.runtime.prep.Transform;

/**
 * Fills missing values with the training median (numbers) or the most frequent training level
 * (categories; ties go to the first level). A column missing in every training row is filled with 0
 * or its first level, so that the learner still gets a complete row.
 */
public final class Imputer implements Preparer {

    @Override
    public Transform fit(Frame training) {
        double[] fill = new double[training.columnCount()];
        // One buffer for every column's selection (it may reorder what it is given), not a copy per column.
        double[] present = new double[training.rows()];
        for (int j = 0; j < fill.length; j++) {
            Column c = training.column(j);
            fill[j] = c instanceof NumericColumn nc ? median(nc, present) : mode((CategoricalColumn) c);
        }
        return new Imputation(training.schema(), fill);
    }

    /**
     * The median of the present values, the mean of the two middle ones when they are even in number, each the value
     * a sort would put there; a view is read through its index. The selection may reorder {@code present} (at least
     * as long as the column), never the column.
     */
    static double median(NumericColumn column, double[] present) {
        int n = column.size();
        int count = 0;
        for (int i = 0; i < n; i++) {
            double v = column.value(i);
            if (!Double.isNaN(v)) {
                present[count++] = v;
            }
        }
        if (count == 0) {
            return 0.0;
        }
        // Selection, not a sort: linear time, and the same value (an order statistic is exact).
        int m = count / 2;
        if (count % 2 == 1) {
            return OrderStatistics.at(present, count, new int[] {m})[0];
        }
        double[] middle = OrderStatistics.at(present, count, new int[] {m - 1, m});
        return (middle[0] + middle[1]) / 2.0;
    }

    static double mode(CategoricalColumn c) {
        int[] counts = new int[c.levels().size()];
        for (int i = 0; i < c.size(); i++) {
            int code = c.code(i);
            if (code >= 0) {
                counts[code]++;
            }
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return counts.length == 0 ? Double.NaN : best;
    }
}
