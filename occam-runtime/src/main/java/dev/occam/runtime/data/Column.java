package dev.occam.runtime.data;

/**
 * One column of a {@link Frame}: numeric or categorical, possibly with missing values; dense, or a view of another
 * column's rows through a row index ({@link Frame#view}). Every method here reads a view through its index.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn {

    String name();

    int size();

    /** The feature this column holds, as a schema describes it. */
    Feature feature();

    /** The encoded value of row {@code i}: the number or the level code, {@code NaN} when missing. */
    double encoded(int i);

    boolean isMissing(int i);

    /** A new dense column with the given rows, in the given order (rows may repeat): a copy. */
    Column select(int[] rows);

    /** Whether the column reads another column's values through a row index (see {@link Frame#view}). */
    boolean isView();

    default int missingCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) {
                n++;
            }
        }
        return n;
    }
}
