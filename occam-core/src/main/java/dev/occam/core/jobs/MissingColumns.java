package dev.occam.core.jobs;

import dev.occam.runtime.Model;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A column with no value at all has no type of its own: DuckDB reads an all-{@code NA} column as text. For a
 * numeric feature it is read as numbers, all missing, which the model scores as it scored missing values in
 * training. So {@code occam predict}, {@code occam explain} and {@code occam serve} (where {@code null} is a
 * missing value) agree on such a column (issue 18, point 4: predict refused it, the others scored it).
 */
final class MissingColumns {

    private MissingColumns() {
    }

    /** The frame with each all-missing text column that the model reads as a number turned into missing numbers. */
    static Frame asModelReads(Model model, Frame frame) {
        List<Column> columns = new ArrayList<>(frame.columns());
        boolean changed = false;
        for (Feature f : model.schema().features()) {
            if (!f.isNumeric() || !frame.hasColumn(f.name())) {
                continue;
            }
            if (frame.column(f.name()) instanceof CategoricalColumn c && allMissing(c)) {
                double[] missing = new double[c.size()];
                Arrays.fill(missing, Double.NaN);
                columns.set(columns.indexOf(c), new NumericColumn(c.name(), missing));
                changed = true;
            }
        }
        return changed ? new Frame(columns) : frame;
    }

    private static boolean allMissing(CategoricalColumn c) {
        for (int code : c.codes()) {
            if (code != CategoricalColumn.MISSING) {
                return false;
            }
        }
        return true;
    }
}
