package dev.occam.runtime.data;

import java.util.Objects;

/** A column of numbers; {@code NaN} marks a missing value. The array is owned by the column: do not change it. */
public record NumericColumn(String name, double[] values) implements Column {

    public NumericColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Feature feature() {
        return Feature.numeric(name);
    }

    @Override
    public double encoded(int i) {
        return values[i];
    }

    @Override
    public boolean isMissing(int i) {
        return Double.isNaN(values[i]);
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new NumericColumn(name, out);
    }
}
