package dev.occam.core.jobs;

import dev.occam.core.data.DataException;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Input columns copied into {@code occam predict}'s output in front of the predictions ({@code --keep id}), so each
 * line can be joined back to its row by key rather than by position. Values are written as read: text as it is,
 * whole numbers without a decimal point, missing as an empty field. A whole number above 2^53 (9,007,199,254,740,992)
 * does not survive DuckDB's number column as a double: keep such keys as text (quote them in the file).
 */
final class KeptColumns {

    private final List<Column> columns;

    private KeptColumns(List<Column> columns) {
        this.columns = columns;
    }

    /**
     * @throws DataException when a name is not a column of the data (naming it and the columns there are), is given
     *     twice, or would repeat one of the output's own columns
     */
    static KeptColumns of(Frame frame, List<String> names, Set<String> outputColumns, Path dataFile)
            throws DataException {
        List<Column> kept = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (!frame.hasColumn(name)) {
                throw new DataException(dataFile + ": --keep names column '" + name + "', which is not in the file;"
                        + " columns are " + String.join(", ", frame.schema().names()));
            }
            if (!seen.add(name)) {
                throw new DataException("--keep names column '" + name + "' twice");
            }
            if (outputColumns.contains(name)) {
                throw new DataException("--keep names column '" + name + "', which is also a column of the output;"
                        + " rename it in the file");
            }
            kept.add(frame.column(name));
        }
        return new KeptColumns(kept);
    }

    /** The kept columns' names, each followed by a comma ("" when none). */
    String header() {
        StringBuilder sb = new StringBuilder();
        for (Column c : columns) {
            sb.append(PredictJob.csvField(c.name())).append(',');
        }
        return sb.toString();
    }

    /** Row {@code i}'s kept values, each followed by a comma. */
    void appendRow(StringBuilder sb, int i) {
        for (Column c : columns) {
            if (!c.isMissing(i)) {
                if (c instanceof NumericColumn n) {
                    double v = n.value(i);
                    sb.append(v == Math.rint(v) && Math.abs(v) < 0x1p53 ? Long.toString((long) v) : Double.toString(v));
                } else {
                    sb.append(PredictJob.csvField(((CategoricalColumn) c).level(i)));
                }
            }
            sb.append(',');
        }
    }
}
