package dev.occam.runtime.data;

import java.util.Objects;

/**
 * A column of numbers; {@code NaN} marks a missing value. Either dense (it owns its array: do not change it) or a
 * view of another column's rows through a row index ({@link Frame#view}), which copies nothing until
 * {@link #values()} is called.
 *
 * <p>Read a column that may be a view through {@link #value(int)}: it costs one index load per value and nothing
 * else. {@link #values()} is for learners that need the dense array (to sort it, or to loop over it many times):
 * on a view it gathers the rows once, on first use, and every later call (from any thread) returns that array.
 */
public final class NumericColumn implements Column {

    private final String name;
    /** The dense values (a view's parent array, which the view's index reads). */
    private final double[] base;
    /** The parent rows this view holds, in order, validated against {@code base}; null for a dense column. */
    private final int[] index;
    /** For a view, the gathered values once {@link #values()} has been called; for a dense column, {@code base}. */
    private volatile double[] gathered;

    public NumericColumn(String name, double[] values) {
        this.name = Objects.requireNonNull(name, "name");
        this.base = Objects.requireNonNull(values, "values");
        this.index = null;
        this.gathered = values;
    }

    /** A view; {@code index} is validated by the caller ({@link RowIndex}) and never changed. */
    private NumericColumn(String name, double[] base, int[] index) {
        this.name = name;
        this.base = base;
        this.index = index;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Every value, in row order, as a dense array owned by the column (do not change it). For a view the rows are
     * gathered on the first call, once (thread-safe); prefer {@link #value(int)} for a single pass.
     */
    public double[] values() {
        double[] v = gathered;
        if (v == null) {
            synchronized (this) {
                v = gathered;
                if (v == null) {
                    v = new double[index.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = base[index[i]];
                    }
                    gathered = v;
                }
            }
        }
        return v;
    }

    /** The value of row {@code i} ({@code NaN} when missing), read through the view's index if there is one. */
    public double value(int i) {
        return index == null ? base[i] : base[index[i]];
    }

    @Override
    public boolean isView() {
        return index != null;
    }

    @Override
    public int size() {
        return index == null ? base.length : index.length;
    }

    @Override
    public Feature feature() {
        return Feature.numeric(name);
    }

    @Override
    public double encoded(int i) {
        return value(i);
    }

    @Override
    public boolean isMissing(int i) {
        return Double.isNaN(value(i));
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = value(rows[i]);
        }
        return new NumericColumn(name, out);
    }

    /** This column's rows as {@code rows} picks them, without a copy (a view of a view reads the parent). */
    NumericColumn view(RowIndex rows) {
        return new NumericColumn(name, base, rows.over(index));
    }

    @Override
    public String toString() {
        return "NumericColumn[" + name + ", " + size() + " rows" + (index == null ? "" : ", a view") + "]";
    }
}
