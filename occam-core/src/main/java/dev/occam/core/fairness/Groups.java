package dev.occam.core.fairness;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The groups of a protected attribute: a category's levels, or a number's quartile bands; rows where
 * the attribute is missing form a group of their own, "missing".
 *
 * <p>Quartile bands: with the m present values sorted, the cut points are the values at positions
 * ⌊m/4⌋, ⌊m/2⌋ and ⌊3m/4⌋ (0-based); a row falls in the band counting the cut points at or below its
 * value, so tied values never straddle two bands (repeated cut points merge bands). Each band is named
 * by the smallest and largest value observed in it, "18–27", so the label says exactly who is in it.
 *
 * @param labels the group names, in order (levels in the column's order, bands ascending, "missing" last)
 * @param group each row's group index
 * @param banded whether the groups are bands of a number
 */
record Groups(List<String> labels, int[] group, boolean banded) {

    static final String MISSING = "missing";
    static final int BANDS = 4;

    static Groups of(Column column) {
        return column instanceof NumericColumn nc ? bands(nc) : levels((CategoricalColumn) column);
    }

    int count() {
        return labels.size();
    }

    private static Groups levels(CategoricalColumn c) {
        int levels = c.levels().size();
        int[] group = new int[c.size()];
        boolean anyMissing = false;
        int[] count = new int[levels];
        for (int i = 0; i < group.length; i++) {
            int code = c.codes()[i];
            if (code < 0) {
                anyMissing = true;
            } else {
                count[code]++;
            }
        }
        // Levels with no row (possible after rows were dropped) are not groups.
        int[] index = new int[levels];
        List<String> labels = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            index[l] = count[l] > 0 ? labels.size() : -1;
            if (count[l] > 0) {
                labels.add(c.levels().get(l));
            }
        }
        int missing = labels.size();
        if (anyMissing) {
            labels.add(MISSING);
        }
        for (int i = 0; i < group.length; i++) {
            int code = c.codes()[i];
            group[i] = code < 0 ? missing : index[code];
        }
        return new Groups(List.copyOf(labels), group, false);
    }

    private static Groups bands(NumericColumn c) {
        double[] v = c.values();
        double[] present = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        int m = present.length;
        double[] cuts = new double[0];
        if (m > 0) {
            cuts = java.util.stream.IntStream.rangeClosed(1, BANDS - 1).mapToDouble(k -> present[k * m / BANDS])
                    .filter(x -> x > present[0]).distinct().toArray();
        }
        int bands = m == 0 ? 0 : cuts.length + 1;
        double[] low = new double[bands];
        double[] high = new double[bands];
        Arrays.fill(low, Double.POSITIVE_INFINITY);
        Arrays.fill(high, Double.NEGATIVE_INFINITY);
        int[] group = new int[v.length];
        boolean anyMissing = false;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                anyMissing = true;
                group[i] = bands;
                continue;
            }
            int b = 0;
            while (b < cuts.length && v[i] >= cuts[b]) {
                b++;
            }
            group[i] = b;
            low[b] = Math.min(low[b], v[i]);
            high[b] = Math.max(high[b], v[i]);
        }
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            labels.add(low[b] == high[b] ? Json.number(low[b]) : Json.number(low[b]) + "–" + Json.number(high[b]));
        }
        if (anyMissing) {
            labels.add(MISSING);
        }
        return new Groups(List.copyOf(labels), group, true);
    }
}
