package dev.occam.core.data;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A text value in a column that is otherwise numbers. One stray {@code n/a} makes DuckDB type a whole
 * column as text, and a number column silently read as a category with hundreds of levels would mislead
 * every model after it; so such a column is an error, reported at its first stray value.
 *
 * @param row 0-based row in the frame
 * @param column the column's name
 * @param value the text that is not a number
 */
record MistypedValue(int row, String column, String value) {

    /** At least this share of a column's non-missing values must be numbers for it to count as numeric. */
    static final double NUMERIC_SHARE = 0.95;

    /** ...and at least this many, so a handful of codes like {@code 1, 2, x} stays a category. */
    static final int MIN_NUMBERS = 5;

    /** Plain decimal notation, as DuckDB reads numbers from CSV. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /** The earliest stray value over all text columns that are nearly all numbers, if any. */
    static Optional<MistypedValue> first(Frame frame) {
        MistypedValue found = null;
        for (Column c : frame.columns()) {
            if (c instanceof CategoricalColumn text) {
                MistypedValue v = first(text);
                if (v != null && (found == null || v.row < found.row)) {
                    found = v;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** Below {@link #NUMERIC_SHARE} but at least this share of numbers: kept as text, with a warning. */
    static final double WARNING_SHARE = 0.5;

    /** One sentence per text column whose values are mostly numbers, with a text value and its row. */
    static java.util.List<String> mostlyNumbers(Frame frame) {
        java.util.List<String> warnings = new java.util.ArrayList<>();
        for (Column c : frame.columns()) {
            if (!(c instanceof CategoricalColumn text)) {
                continue;
            }
            int levels = text.levels().size();
            boolean[] numeric = new boolean[levels];
            for (int l = 0; l < levels; l++) {
                numeric[l] = NUMBER.matcher(text.levels().get(l).strip()).matches();
            }
            long present = 0;
            long numbers = 0;
            int firstText = -1;
            int[] codes = text.codes();
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] != CategoricalColumn.MISSING) {
                    present++;
                    if (numeric[codes[i]]) {
                        numbers++;
                    } else if (firstText < 0) {
                        firstText = i;
                    }
                }
            }
            if (numbers < MIN_NUMBERS || numbers == present || numbers < WARNING_SHARE * present
                    || numbers >= NUMERIC_SHARE * present) {
                continue;
            }
            warnings.add(String.format(java.util.Locale.ROOT, "column '%s' looks numeric (%.0f%% of its %,d values"
                    + " are numbers) but holds text such as '%s' (row %d), so it is read as a category; if the text"
                    + " means missing, write NA or leave it empty", text.name(), 100.0 * numbers / present, present,
                    text.levels().get(codes[firstText]), firstText + 1));
        }
        return warnings;
    }

    /** The message naming source, 1-based row, column and value. */
    String message(String source, String remedy) {
        return source + " row " + (row + 1) + ", column '" + column + "': cannot parse '" + value + "' as a number; "
                + remedy;
    }

    private static MistypedValue first(CategoricalColumn column) {
        int levels = column.levels().size();
        boolean[] numeric = new boolean[levels];
        for (int l = 0; l < levels; l++) {
            numeric[l] = NUMBER.matcher(column.levels().get(l).strip()).matches();
        }
        int[] codes = column.codes();
        long present = 0;
        long numbers = 0;
        for (int code : codes) {
            if (code != CategoricalColumn.MISSING) {
                present++;
                if (numeric[code]) {
                    numbers++;
                }
            }
        }
        if (numbers < MIN_NUMBERS || numbers == present || numbers < NUMERIC_SHARE * present) {
            return null;
        }
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] != CategoricalColumn.MISSING && !numeric[codes[i]]) {
                return new MistypedValue(i, column.name(), column.levels().get(codes[i]));
            }
        }
        throw new AssertionError("a non-numeric value was counted but not found in '" + column.name() + "'");
    }
}
