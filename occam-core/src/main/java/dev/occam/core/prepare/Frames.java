package dev.occam.core.prepare;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.prep.Transform;
import java.util.ArrayList;
import java.util.List;

/** Applies a fitted transform to every row of a frame. */
public final class Frames {

    private Frames() {
    }

    public static Frame apply(Transform transform, Frame frame) {
        if (!frame.schema().equals(transform.input())) {
            throw new IllegalArgumentException("the frame's columns " + frame.schema().names()
                    + " are not what the step reads: " + transform.input().names());
        }
        Schema out = transform.output();
        int n = frame.rows();
        double[][] values = new double[out.size()][n];
        double[] x = new double[frame.columnCount()];
        double[] y = new double[out.size()];
        for (int i = 0; i < n; i++) {
            frame.rowInto(i, x);
            transform.applyInto(x, y);
            for (int j = 0; j < y.length; j++) {
                values[j][i] = y[j];
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
}
