package dev.occam.core.fairness;

import dev.occam.core.fairness.FairnessAudit.Grouping;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.io.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The groups of a protected attribute; rows where the attribute is missing form a group of their own,
 * "missing", listed last.
 *
 * <ul>
 *   <li>A <b>category</b>: one group per level that has rows, in the column's order.</li>
 *   <li>A <b>number with at most {@value #MAX_VALUE_GROUPS} distinct present values</b> (a 0/1 flag, a count
 *       of children): one group per value, ascending, named by the value as written ("0", "1", "2.5"; whole
 *       numbers without ".0"). Quantiles of a flag whose 1s are under a quarter of the rows all fall on 0,
 *       so banding it would put every row in one group.</li>
 *   <li>Any other number: <b>quartile bands</b> cut between distinct values. With the m present values
 *       sorted, a run of equal values occupies positions [s, e); the k-th cut (k = 1, 2, 3) is the run
 *       boundary nearest to position ⌊k·m/4⌋ (the start of the run holding that position, or its end when
 *       that is nearer or the start is position 0), never at 0 or m; cuts that coincide merge bands. A
 *       row falls in the band counting the cuts at or below its value. So tied values never straddle
 *       two bands, every band holds at least one distinct value, and a column with two or more distinct
 *       values always has two or more bands. Each band is named by the smallest and largest value observed
 *       in it, "18–27", so the label says exactly who is in it.</li>
 * </ul>
 *
 * @param labels the group names, in order (levels in the column's order, values and bands ascending,
 *     "missing" last)
 * @param group each row's group index
 * @param grouping how the groups were made
 */
record Groups(List<String> labels, int[] group, Grouping grouping) {

    static final String MISSING = "missing";
    static final int BANDS = 4;
    /** A number with at most this many distinct present values is grouped by value. */
    static final int MAX_VALUE_GROUPS = 10;

    static Groups of(Column column) {
        if (column instanceof NumericColumn nc) {
            long distinct = Arrays.stream(nc.values()).filter(x -> !Double.isNaN(x)).distinct().count();
            return distinct <= MAX_VALUE_GROUPS ? values(nc) : bands(nc);
        }
        return levels((CategoricalColumn) column);
    }

    /**
     * The column as categories when its groups are its values (a category as it is, a number with few
     * distinct values with one level per value, missing kept missing); null for a banded number.
     */
    static CategoricalColumn asCategories(Column column) {
        if (column instanceof CategoricalColumn c) {
            return c;
        }
        Groups g = of(column);
        if (g.grouping() != Grouping.VALUES) {
            return null;
        }
        boolean anyMissing = g.labels().contains(MISSING);
        int present = g.count() - (anyMissing ? 1 : 0);
        int[] codes = new int[g.group().length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = g.group()[i] < present ? g.group()[i] : -1;
        }
        return new CategoricalColumn(column.name(), g.labels().subList(0, present), codes);
    }

    int count() {
        return labels.size();
    }

    /** The value as written: whole numbers without a decimal point, others in their shortest exact form. */
    static String valueLabel(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Json.number(v)
                : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static Groups levels(CategoricalColumn c) {
        int levels = c.levels().size();
        int[] group = new int[c.size()];
        boolean anyMissing = false;
        int[] count = new int[levels];
        for (int i = 0; i < group.length; i++) {
            int code = c.code(i);
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
            int code = c.code(i);
            group[i] = code < 0 ? missing : index[code];
        }
        return new Groups(List.copyOf(labels), group, Grouping.LEVELS);
    }

    private static Groups values(NumericColumn c) {
        double[] v = c.values();
        TreeMap<Double, Integer> index = new TreeMap<>();
        for (double x : v) {
            if (!Double.isNaN(x)) {
                index.put(x == 0 ? 0.0 : x, 0); // -0.0 and 0.0 are one value
            }
        }
        List<String> labels = new ArrayList<>();
        for (var e : index.entrySet()) {
            e.setValue(labels.size());
            labels.add(valueLabel(e.getKey()));
        }
        int missing = labels.size();
        int[] group = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            group[i] = Double.isNaN(v[i]) ? missing : index.get(v[i] == 0 ? 0.0 : v[i]);
        }
        if (Arrays.stream(v).anyMatch(Double::isNaN)) {
            labels.add(MISSING);
        }
        return new Groups(List.copyOf(labels), group, Grouping.VALUES);
    }

    private static Groups bands(NumericColumn c) {
        double[] v = c.values();
        double[] present = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        double[] cuts = cuts(present);
        int bands = present.length == 0 ? 0 : cuts.length + 1;
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
        return new Groups(List.copyOf(labels), group, Grouping.QUARTILE_BANDS);
    }

    /**
     * The distinct values at which bands 2, 3, 4 start, ascending: for each quartile position the nearest
     * boundary between runs of equal sorted values (see the class comment).
     */
    static double[] cuts(double[] sorted) {
        int m = sorted.length;
        List<Double> cuts = new ArrayList<>();
        for (int k = 1; k < BANDS; k++) {
            int q = k * m / BANDS;
            if (q >= m) {
                continue;
            }
            int start = q;
            while (start > 0 && sorted[start - 1] == sorted[q]) {
                start--;
            }
            int end = q;
            while (end < m && sorted[end] == sorted[q]) {
                end++;
            }
            // Positions 0 and m cut nothing; between the two real boundaries, the nearer (the start on a tie).
            int boundary = start == 0 ? end : end == m ? start : q - start <= end - q ? start : end;
            if (boundary > 0 && boundary < m) {
                double cut = sorted[boundary];
                if (cuts.isEmpty() || cut > cuts.get(cuts.size() - 1)) {
                    cuts.add(cut);
                }
            }
        }
        return cuts.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
