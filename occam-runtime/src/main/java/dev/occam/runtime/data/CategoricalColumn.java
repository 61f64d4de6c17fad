package dev.occam.runtime.data;

import java.util.List;
import java.util.Objects;

/**
 * A dictionary-coded column: each row holds the index of its level in {@link #levels()}, or
 * {@link #MISSING}. The array is owned by the column: do not change it.
 */
public record CategoricalColumn(String name, List<String> levels, int[] codes) implements Column {

    public static final int MISSING = -1;

    public CategoricalColumn {
        Objects.requireNonNull(name, "name");
        levels = List.copyOf(levels);
        Objects.requireNonNull(codes, "codes");
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < MISSING || codes[i] >= levels.size()) {
                throw new IllegalArgumentException(
                        "column '" + name + "' row " + i + ": code " + codes[i] + " outside 0.." + (levels.size() - 1));
            }
        }
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public Feature feature() {
        return Feature.categorical(name, levels);
    }

    @Override
    public double encoded(int i) {
        return codes[i] == MISSING ? Double.NaN : codes[i];
    }

    @Override
    public boolean isMissing(int i) {
        return codes[i] == MISSING;
    }

    /** The level of row {@code i}, or null when missing. */
    public String level(int i) {
        return codes[i] == MISSING ? null : levels.get(codes[i]);
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = codes[rows[i]];
        }
        return new CategoricalColumn(name, levels, out);
    }
}
