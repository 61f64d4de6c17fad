package dev.occam.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How one feature was distributed over the training rows, in bins a live stream of rows can be counted into and
 * compared with (population stability index, {@link #stabilityIndex}).
 *
 * <p>Bins of a number: its training deciles, cut between distinct values ({@code cuts}, ascending; a value v
 * falls in the bin counting the cuts at or below it, so bin 0 holds values below the first cut), then one bin
 * for a missing value. Bins of a category: its levels in the model's order, then missing, then "unseen" (a level
 * the model never saw, which never occurs in training). {@code counts} holds the training rows in each bin.
 * Immutable.
 */
public final class FeatureDistribution {

    /** How many quantile bins a number is cut into (fewer when values tie). */
    public static final int QUANTILE_BINS = 10;
    /**
     * The smallest share used in the stability index: an empty bin on either side would make it infinite. 0.0001,
     * the floor commonly used with it (Yurdakul 2018, "Statistical properties of population stability index").
     */
    static final double SHARE_FLOOR = 1e-4;

    private final Feature feature;
    private final double[] cuts;
    private final long[] counts;

    /**
     * @param cuts a number's interior cut points, strictly ascending; empty for a category
     * @param counts training rows per bin: cuts + 1 value bins and missing for a number; one per level, missing and
     *     unseen for a category
     * @throws IllegalArgumentException when the counts do not match the bins or the cuts are not ascending
     */
    public FeatureDistribution(Feature feature, double[] cuts, long[] counts) {
        this.feature = feature;
        if (feature.isCategorical() && cuts.length > 0) {
            throw new IllegalArgumentException("category '" + feature.name() + "' has no cut points, got "
                    + cuts.length);
        }
        for (int i = 1; i < cuts.length; i++) {
            if (!(cuts[i] > cuts[i - 1])) {
                throw new IllegalArgumentException("cut points of '" + feature.name() + "' are not ascending: "
                        + Arrays.toString(cuts));
            }
        }
        int bins = feature.isNumeric() ? cuts.length + 2 : feature.levels().size() + 2;
        if (counts.length != bins) {
            throw new IllegalArgumentException("'" + feature.name() + "' has " + bins + " bins, got " + counts.length
                    + " counts");
        }
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("negative count in the distribution of '" + feature.name() + "'");
            }
        }
        this.cuts = cuts.clone();
        this.counts = counts.clone();
    }

    /** The training distribution of one column's encoded values (a level code, or NaN for missing). */
    static FeatureDistribution of(Feature feature, double[] encoded) {
        if (!feature.isNumeric()) {
            return ofCuts(feature, encoded, new double[0]);
        }
        double[] present = Arrays.stream(encoded).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int[] positions = quantilePositions(present.length);
        double[] quantiles = new double[positions.length];
        for (int q = 0; q < positions.length; q++) {
            quantiles[q] = present[positions[q]];
        }
        return ofCuts(feature, encoded, present.length == 0 ? new double[0] : cuts(quantiles, present[0]));
    }

    /**
     * Where, among {@code present} values sorted ascending, the candidate cuts sit: the q-th tenths, q = 1..9
     * (ascending; repeated for a short column; none for an empty one).
     */
    static int[] quantilePositions(int present) {
        if (present == 0) {
            return new int[0];
        }
        int[] out = new int[QUANTILE_BINS - 1];
        for (int q = 1; q < QUANTILE_BINS; q++) {
            out[q - 1] = (int) ((long) q * present / QUANTILE_BINS);
        }
        return out;
    }

    /**
     * The cuts of a number's bins from the values at {@link #quantilePositions} and the smallest value: a cut at the
     * minimum would leave bin 0 empty, and a repeated cut adds nothing.
     */
    static double[] cuts(double[] quantiles, double min) {
        List<Double> c = new ArrayList<>();
        for (double cut : quantiles) {
            if (cut > min && (c.isEmpty() || cut > c.get(c.size() - 1))) {
                c.add(cut);
            }
        }
        return c.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** At most this many cuts are counted through one by one rather than searched (tenths: nine). */
    private static final int FEW_CUTS = 16;

    /** The distribution of the encoded values over the bins of {@code cuts} (none for a category). */
    static FeatureDistribution ofCuts(Feature feature, double[] encoded, double[] cuts) {
        FeatureDistribution empty = new FeatureDistribution(feature, cuts,
                new long[feature.isNumeric() ? cuts.length + 2 : feature.levels().size() + 2]);
        long[] counts = new long[empty.bins()];
        if (feature.isNumeric() && cuts.length <= FEW_CUTS) {
            // A number's bin is how many cuts are at or below it: counted without a branch over a few cuts (a
            // binary search mispredicts at about every step). A zero goes the bin(v) way, which tells -0.0 from 0.0
            // as the search does; NaN is the missing bin.
            int missing = empty.missingBin();
            for (double v : encoded) {
                int b;
                if (v != v) {
                    b = missing;
                } else if (v == 0.0) {
                    b = empty.bin(v);
                } else {
                    b = 0;
                    for (double cut : cuts) {
                        b += cut <= v ? 1 : 0;
                    }
                }
                counts[b]++;
            }
            return new FeatureDistribution(feature, cuts, counts);
        }
        for (double v : encoded) {
            counts[empty.bin(v)]++;
        }
        return new FeatureDistribution(feature, cuts, counts);
    }

    public Feature feature() {
        return feature;
    }

    /** The number of bins, the missing (and for a category, unseen) bin included. */
    public int bins() {
        return counts.length;
    }

    /** The bin of a value as the model encodes it: a number, a level code, NaN for missing; {@link #unseenBin()} is for a category's unseen level. */
    public int bin(double encoded) {
        if (Double.isNaN(encoded)) {
            return missingBin();
        }
        if (feature.isCategorical()) {
            return (int) encoded;
        }
        int b = Arrays.binarySearch(cuts, encoded);
        return b >= 0 ? b + 1 : -b - 1;
    }

    public int missingBin() {
        return feature.isNumeric() ? cuts.length + 1 : feature.levels().size();
    }

    /** The bin of a level the model has not seen; -1 for a number. */
    public int unseenBin() {
        return feature.isNumeric() ? -1 : feature.levels().size() + 1;
    }

    /** Names of the bins, for people: "< 120", "120 to < 300", "≥ 900", a level, "missing", "unseen". */
    public List<String> binNames() {
        List<String> names = new ArrayList<>();
        if (feature.isNumeric()) {
            for (int b = 0; b <= cuts.length; b++) {
                if (cuts.length == 0) {
                    names.add("any value");
                } else if (b == 0) {
                    names.add("< " + Json.number(cuts[0]));
                } else if (b == cuts.length) {
                    names.add("≥ " + Json.number(cuts[b - 1]));
                } else {
                    names.add(Json.number(cuts[b - 1]) + " to < " + Json.number(cuts[b]));
                }
            }
            names.add("missing");
        } else {
            names.addAll(feature.levels());
            names.add("missing");
            names.add("unseen");
        }
        return names;
    }

    /** Training rows per bin. */
    public long[] counts() {
        return counts.clone();
    }

    /**
     * The population stability index of live counts against the training ones: Σ (a − e) ln(a / e) over the bins,
     * a and e the live and training shares, each floored at 0.0001 (an empty bin would make it infinite). Below
     * 0.1 is usually read as stable, 0.1-0.25 as a moderate shift, above 0.25 as a major one (Siddiqi 2006, Credit
     * Risk Scorecards, ch. 13).
     *
     * @return NaN when there are no live rows or no training rows
     * @throws IllegalArgumentException when the live counts are not one per bin
     */
    public double stabilityIndex(long[] live) {
        if (live.length != counts.length) {
            throw new IllegalArgumentException("need " + counts.length + " live counts for '" + feature.name()
                    + "', got " + live.length);
        }
        long n = Arrays.stream(live).sum();
        long m = Arrays.stream(counts).sum();
        if (n == 0 || m == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int b = 0; b < counts.length; b++) {
            double a = Math.max(SHARE_FLOOR, (double) live[b] / n);
            double e = Math.max(SHARE_FLOOR, (double) counts[b] / m);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (feature.isNumeric()) {
            ArrayNode c = node.putArray("cuts");
            for (double v : cuts) {
                c.add(v);
            }
        }
        ArrayNode c = node.putArray("counts");
        for (long v : counts) {
            c.add(v);
        }
        return node;
    }

    static FeatureDistribution fromJson(Feature feature, JsonNode node) {
        JsonNode cutsNode = node.get("cuts");
        double[] cuts = new double[cutsNode == null ? 0 : cutsNode.size()];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = cutsNode.get(i).doubleValue();
        }
        JsonNode countsNode = Json.required(node, "counts");
        long[] counts = new long[countsNode.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = countsNode.get(i).longValue();
        }
        return new FeatureDistribution(feature, cuts, counts);
    }
}
