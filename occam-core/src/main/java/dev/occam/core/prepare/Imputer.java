package dev.occam.core.prepare;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.prep.Imputation;
import dev.occam.runtime.prep.Transform;
import java.util.Arrays;

/**
 * Fills missing values with the training median (numbers) or the most frequent training level
 * (categories; ties go to the first level). A column missing in every training row is filled with 0
 * or its first level, so that the learner still gets a complete row.
 */
public final class Imputer implements Preparer {

    @Override
    public Transform fit(Frame training) {
        double[] fill = new double[training.columnCount()];
        for (int j = 0; j < fill.length; j++) {
            Column c = training.column(j);
            fill[j] = c instanceof NumericColumn nc ? median(nc.values()) : mode((CategoricalColumn) c);
        }
        return new Imputation(training.schema(), fill);
    }

    static double median(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (present.length == 0) {
            return 0.0;
        }
        int m = present.length / 2;
        return present.length % 2 == 1 ? present[m] : (present[m - 1] + present[m]) / 2.0;
    }

    static double mode(CategoricalColumn c) {
        int[] counts = new int[c.levels().size()];
        for (int code : c.codes()) {
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
