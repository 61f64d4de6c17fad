package dev.occam.core.prepare;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.FrameEncoder;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.prep.Imputation;
import dev.occam.runtime.prep.Transform;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a fitted transform to every row of a frame, a tile of rows at a time. The frame may be a view (a fold's
 * rows): it is read through its index, and the output is dense, unless the step changes nothing (indicators of
 * numbers only, imputation of a frame with nothing missing): then the frame itself is given back, view or not.
 */
public final class Frames {

    /** Values in one tile of rows (each of input and output): 32K values, 256 KB, stay in the core's cache. */
    private static final int TILE_VALUES = 1 << 15;

    private Frames() {
    }

    public static Frame apply(Transform transform, Frame frame) {
        if (!frame.schema().equals(transform.input())) {
            throw new IllegalArgumentException("the frame's columns " + frame.schema().names()
                    + " are not what the step reads: " + transform.input().names());
        }
        if (changesNothing(transform, frame)) {
            // Frames are immutable: the same frame (a fold's view stays a view), not a copy of every value.
            return frame;
        }
        Schema out = transform.output();
        int n = frame.rows();
        int p = frame.columnCount();
        int m = out.size();
        double[][] values = new double[m][n];
        // A tile of rows at a time: each input column's slice copied into a row-major buffer, every row
        // transformed, each output column's slice written back. The columns are read and written contiguously
        // (row by row through the whole frame, every value would be a jump of a column's length).
        int tile = Math.max(1, Math.min(n, TILE_VALUES / Math.max(1, Math.max(p, m))));
        FrameEncoder reader = new FrameEncoder(transform.input(), frame);
        double[] in = new double[tile * p];
        double[] result = new double[tile * m];
        double[] x = new double[p];
        double[] y = new double[m];
        for (int start = 0; start < n; start += tile) {
            int length = Math.min(tile, n - start);
            // Through the column's index when it is a view (a fold's rows): the fold is read once, here, and never
            // gathered into a copy of its own.
            reader.rowsInto(start, length, in);
            for (int i = 0; i < length; i++) {
                System.arraycopy(in, i * p, x, 0, p);
                transform.applyInto(x, y);
                System.arraycopy(y, 0, result, i * m, m);
            }
            for (int j = 0; j < m; j++) {
                double[] v = values[j];
                for (int i = 0; i < length; i++) {
                    v[start + i] = result[i * m + j];
                }
            }
        }
        List<Column> columns = new ArrayList<>(out.size());
        for (int j = 0; j < out.size(); j++) {
            Feature f = out.feature(j);
            if (f.isNumeric()) {
                columns.add(new NumericColumn(f.name(), values[j]));
            } else {
                int[] codes = new int[n];
                for (int i = 0; i < n; i++) {
                    codes[i] = Double.isNaN(values[j][i]) ? CategoricalColumn.MISSING : (int) values[j][i];
                }
                columns.add(new CategoricalColumn(f.name(), f.levels(), codes));
            }
        }
        return new Frame(columns);
    }

    /**
     * Whether the step gives back every value as it is: indicators of a frame without categories (numbers pass
     * through by name and value), or an imputation of a frame with nothing missing (only missing values are filled).
     */
    private static boolean changesNothing(Transform transform, Frame frame) {
        if (transform.copiesEveryRow()) {
            return true;
        }
        if (transform instanceof Imputation) {
            for (int j = 0; j < frame.columnCount(); j++) {
                if (hasMissing(frame.column(j))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean hasMissing(Column c) {
        int n = c.size();
        if (c instanceof NumericColumn nc) {
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(nc.value(i))) {
                    return true;
                }
            }
            return false;
        }
        CategoricalColumn cc = (CategoricalColumn) c;
        for (int i = 0; i < n; i++) {
            if (cc.code(i) == CategoricalColumn.MISSING) {
                return true;
            }
        }
        return false;
    }
}
