package dev.occam.runtime.data;

import java.util.List;
import java.util.Objects;

/**
 * A dictionary-coded column: each row holds the index of its level in {@link #levels()}, or {@link #MISSING}.
 * Either dense (it owns its array: do not change it) or a view of another column's rows through a row index
 * ({@link Frame#view}), which copies nothing until {@link #codes()} is called.
 *
 * <p>Read a column that may be a view through {@link #code(int)}; {@link #codes()} gathers a view's rows once, on
 * first use (thread-safe), for learners that need the dense array.
 */
public final class CategoricalColumn implements Column {

    public static final int MISSING = -1;

    private final String name;
    private final List<String> levels;
    /** The dense codes (a view's parent array, which the view's index reads). */
    private final int[] base;
    /** The parent rows this view holds, in order, validated against {@code base}; null for a dense column. */
    private final int[] index;
    /** For a view, the gathered codes once {@link #codes()} has been called; for a dense column, {@code base}. */
    private volatile int[] gathered;

    /** @throws IllegalArgumentException naming the row whose code is not a level's index nor {@link #MISSING} */
    public CategoricalColumn(String name, List<String> levels, int[] codes) {
        this.name = Objects.requireNonNull(name, "name");
        this.levels = List.copyOf(levels);
        Objects.requireNonNull(codes, "codes");
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < MISSING || codes[i] >= this.levels.size()) {
                throw new IllegalArgumentException(
                        "column '" + name + "' row " + i + ": code " + codes[i] + " outside 0.." + (this.levels.size() - 1));
            }
        }
        this.base = codes;
        this.index = null;
        this.gathered = codes;
    }

    /** A view; the codes were checked when the parent was made, {@code index} by {@link RowIndex}. */
    private CategoricalColumn(String name, List<String> levels, int[] base, int[] index) {
        this.name = name;
        this.levels = levels;
        this.base = base;
        this.index = index;
    }

    @Override
    public String name() {
        return name;
    }

    public List<String> levels() {
        return levels;
    }

    /**
     * Every code, in row order, as a dense array owned by the column (do not change it). For a view the rows are
     * gathered on the first call, once (thread-safe); prefer {@link #code(int)} for a single pass.
     */
    public int[] codes() {
        int[] c = gathered;
        if (c == null) {
            synchronized (this) {
                c = gathered;
                if (c == null) {
                    c = new int[index.length];
                    for (int i = 0; i < c.length; i++) {
                        c[i] = base[index[i]];
                    }
                    gathered = c;
                }
            }
        }
        return c;
    }

    /** The code of row {@code i} ({@link #MISSING} when missing), read through the view's index if there is one. */
    public int code(int i) {
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
        return Feature.categorical(name, levels);
    }

    @Override
    public double encoded(int i) {
        int code = code(i);
        return code == MISSING ? Double.NaN : code;
    }

    @Override
    public boolean isMissing(int i) {
        return code(i) == MISSING;
    }

    /** The level of row {@code i}, or null when missing. */
    public String level(int i) {
        int code = code(i);
        return code == MISSING ? null : levels.get(code);
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = code(rows[i]);
        }
        return new CategoricalColumn(name, levels, out);
    }

    /** This column's rows as {@code rows} picks them, without a copy (a view of a view reads the parent). */
    CategoricalColumn view(RowIndex rows) {
        return new CategoricalColumn(name, levels, base, rows.over(index));
    }

    @Override
    public String toString() {
        return "CategoricalColumn[" + name + ", " + levels.size() + " levels, " + size() + " rows"
                + (index == null ? "" : ", a view") + "]";
    }
}
