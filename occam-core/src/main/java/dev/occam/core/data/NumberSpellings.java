package dev.occam.core.data;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Numbers as people write them in files, which DuckDB reads as something else (issue 18, point 4).
 *
 * <ul>
 *   <li>Thousands separators: {@code "1,000"} is text to DuckDB, so a column of amounts becomes a category with
 *       one level per amount. When every present value of a text column is a number, at least one of them with
 *       comma-separated groups of three digits ({@code 1,000}, {@code -12,345.5}) and the rest plain
 *       ({@code 950}), the column is read as numbers.</li>
 *   <li>Infinities: DuckDB reads {@code inf} or {@code -Infinity} as a number, which no model can use; such a
 *       value is refused naming its row and column.</li>
 * </ul>
 */
final class NumberSpellings {

    private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern PLAIN = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private NumberSpellings() {
    }

    /** The frame with each text column of thousands-separated numbers read as numbers; the same frame if none. */
    static Frame parseThousandsSeparators(Frame frame) {
        List<Column> columns = new ArrayList<>(frame.columns());
        boolean changed = false;
        for (int j = 0; j < columns.size(); j++) {
            if (columns.get(j) instanceof CategoricalColumn text) {
                double[] values = asGroupedNumbers(text);
                if (values != null) {
                    columns.set(j, new NumericColumn(text.name(), values));
                    changed = true;
                }
            }
        }
        return changed ? new Frame(columns) : frame;
    }

    private static double[] asGroupedNumbers(CategoricalColumn text) {
        List<String> levels = text.levels();
        double[] byLevel = new double[levels.size()];
        boolean grouped = false;
        for (int l = 0; l < levels.size(); l++) {
            String v = levels.get(l).strip();
            if (GROUPED.matcher(v).matches()) {
                grouped = true;
            } else if (!PLAIN.matcher(v).matches()) {
                return null;
            }
            byLevel[l] = Double.parseDouble(v.replace(",", ""));
        }
        if (!grouped) {
            return null;
        }
        int[] codes = text.codes();
        double[] values = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            values[i] = codes[i] == CategoricalColumn.MISSING ? Double.NaN : byLevel[codes[i]];
        }
        return values;
    }

    /**
     * @param label the file or query, as the message starts
     * @throws DataException at the first infinite value, naming its row (1-based, header not counted) and column
     */
    static void refuseInfinities(Frame frame, String label) throws DataException {
        int firstRow = Integer.MAX_VALUE;
        String column = null;
        double value = 0;
        for (Column c : frame.columns()) {
            if (c instanceof NumericColumn n) {
                double[] v = n.values();
                for (int i = 0; i < v.length && i < firstRow; i++) {
                    if (Double.isInfinite(v[i])) {
                        firstRow = i;
                        column = n.name();
                        value = v[i];
                        break;
                    }
                }
            }
        }
        if (column != null) {
            throw new DataException(String.format(Locale.ROOT, "%s row %d, column '%s': %s is not a finite number,"
                    + " and no model can use it; write the value, or NA if it is missing", label, firstRow + 1,
                    // A name may hold a line break (a quoted CSV header): the refusal stays one line.
                    column.replace("\r", "\\r").replace("\n", "\\n"),
                    value > 0 ? "'inf' (infinity)" : "'-inf' (minus infinity)"));
        }
    }
}
