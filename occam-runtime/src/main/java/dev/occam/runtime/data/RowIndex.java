package dev.occam.runtime.data;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The rows of a {@link Frame#view}, validated once for all its columns. A column that is itself a view has its
 * index composed with these rows, so that a view of a view reads the dense parent through one index; columns that
 * shared an index share the composed one (a frame's columns are indexed together, so a view of a view costs one
 * new index, not one per column).
 */
final class RowIndex {

    private final int[] rows;
    private final Map<int[], int[]> composed = new IdentityHashMap<>();

    /** @throws IllegalArgumentException naming the first row outside {@code 0..parentRows-1} and its position */
    RowIndex(int[] rows, int parentRows) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= parentRows) {
                throw new IllegalArgumentException("row " + rows[i] + " (position " + i + " of the view's rows) is"
                        + " outside the frame's rows 0.." + (parentRows - 1));
            }
        }
        // The caller's array may change later; the view must not.
        this.rows = rows.clone();
    }

    int size() {
        return rows.length;
    }

    /**
     * The index into the dense parent: these rows when the column is dense ({@code parentIndex} null), else the
     * parent's index read at these rows.
     */
    int[] over(int[] parentIndex) {
        if (parentIndex == null) {
            return rows;
        }
        return composed.computeIfAbsent(parentIndex, p -> {
            int[] out = new int[rows.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = p[rows[i]];
            }
            return out;
        });
    }
}
