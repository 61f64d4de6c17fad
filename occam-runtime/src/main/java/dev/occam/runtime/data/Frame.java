package dev.occam.runtime.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An in-memory table held by columns, all of the same length. Immutable: every operation returns a new
 * frame sharing what it can. A frame made by {@link #view} holds another frame's rows through a row index
 * and copies nothing; its columns read through the index ({@link NumericColumn#value}, {@link
 * CategoricalColumn#code}) and gather a dense array only when asked for one ({@code values()}, {@code codes()}).
 */
public final class Frame {

    private final List<Column> columns;
    private final int rows;
    private final Schema schema;

    public Frame(List<? extends Column> columns) {
        this.columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        this.rows = this.columns.isEmpty() ? 0 : this.columns.get(0).size();
        List<Feature> features = new ArrayList<>(this.columns.size());
        for (Column c : this.columns) {
            if (c.size() != rows) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size()
                        + " rows, the frame has " + rows);
            }
            features.add(c.feature());
        }
        this.schema = new Schema(features);
    }

    public int rows() {
        return rows;
    }

    public int columnCount() {
        return columns.size();
    }

    public List<Column> columns() {
        return columns;
    }

    public Schema schema() {
        return schema;
    }

    public Column column(int index) {
        return columns.get(index);
    }

    /** The named column. @throws IllegalArgumentException naming the column and the ones there are */
    public Column column(String name) {
        int i = schema.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "'; columns are " + schema.names());
        }
        return columns.get(i);
    }

    public boolean hasColumn(String name) {
        return schema.indexOf(name) >= 0;
    }

    /** Row {@code i} encoded against {@link #schema()}. */
    public double[] row(int i) {
        double[] x = new double[columns.size()];
        rowInto(i, x);
        return x;
    }

    /** Row {@code i}, encoded as {@link #row(int)}, written into {@code x} (one value per column). */
    public void rowInto(int i, double[] x) {
        for (int j = 0; j < x.length; j++) {
            x[j] = columns.get(j).encoded(i);
        }
    }

    /**
     * The given rows, in the given order, as a view: no value is copied, the columns read this frame's values
     * through the index (a view of a view reads the dense parent through one composed index). Immutable and
     * thread-safe like any frame; the index is copied, so the caller may reuse its array. Cross-validation's folds
     * are views, so that preparation and held-out scoring read a fold's rows without gathering them first.
     *
     * @throws IllegalArgumentException naming the first row outside {@code 0..rows()-1} and its position
     */
    public Frame view(int[] rowIndices) {
        RowIndex index = new RowIndex(rowIndices, rows);
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c instanceof NumericColumn n ? n.view(index) : ((CategoricalColumn) c).view(index));
        }
        return new Frame(out);
    }

    /** Whether any column is a view (see {@link #view}). */
    public boolean isView() {
        for (Column c : columns) {
            if (c.isView()) {
                return true;
            }
        }
        return false;
    }

    /** The given rows, in the given order, copied into dense columns (rows may repeat). */
    public Frame select(int[] rowIndices) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.select(rowIndices));
        }
        return new Frame(out);
    }

    /** This frame without the named columns (names it does not have are ignored). */
    public Frame without(Collection<String> names) {
        Set<String> drop = new HashSet<>(names);
        List<Column> out = new ArrayList<>();
        for (Column c : columns) {
            if (!drop.contains(c.name())) {
                out.add(c);
            }
        }
        return new Frame(out);
    }

    @Override
    public String toString() {
        return "Frame[" + rows + " rows x " + columns.size() + " columns]";
    }
}
