package dev.occam.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * What a typical training row holds, feature by feature: the median of a number, the most frequent level
 * of a category (ties: the first level). Reason codes compare a row with it ("above typical (median 0)").
 * Recorded when the model is fitted, from the training rows, and saved in the model file as one value per
 * feature. Immutable.
 */
public final class TypicalValues {

    private final Schema schema;
    /** Per feature, encoded: the median, or the level code; NaN when every training value was missing. */
    private final double[] values;
    /** Per feature, the smallest and largest training value of a number; NaN for a category or when unknown. */
    private final double[] min;
    private final double[] max;
    /** Per feature, its training distribution in bins; null when not recorded (files written before). */
    private final FeatureDistribution[] distributions;

    /**
     * Typical values without training ranges (as in model files written before ranges were recorded).
     *
     * @throws IllegalArgumentException when there is not one value per feature or a level code is not a level
     */
    public TypicalValues(Schema schema, double[] values) {
        this(schema, values, nanArray(values.length), nanArray(values.length));
    }

    /**
     * @param min per feature, the smallest training value of a number; NaN for a category or when unknown
     * @param max per feature, the largest training value of a number; NaN for a category or when unknown
     * @throws IllegalArgumentException when there is not one value per feature, a level code is not a level, or a
     *     range is reversed
     */
    public TypicalValues(Schema schema, double[] values, double[] min, double[] max) {
        this(schema, values, min, max, null);
    }

    /**
     * @param distributions per feature, its training distribution; null when not recorded
     * @throws IllegalArgumentException as {@link #TypicalValues(Schema, double[], double[], double[])}, or when a
     *     distribution is not of its feature
     */
    public TypicalValues(Schema schema, double[] values, double[] min, double[] max,
            List<FeatureDistribution> distributions) {
        this.schema = Objects.requireNonNull(schema, "schema");
        if (values.length != schema.size() || min.length != schema.size() || max.length != schema.size()) {
            throw new IllegalArgumentException("need " + schema.size() + " typical values and ranges, got "
                    + values.length + ", " + min.length + " and " + max.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (min[i] > max[i]) {
                throw new IllegalArgumentException("training range of '" + schema.feature(i).name() + "' is reversed: "
                        + min[i] + " > " + max[i]);
            }
        }
        this.min = min.clone();
        this.max = max.clone();
        for (int i = 0; i < values.length; i++) {
            Feature f = schema.feature(i);
            double v = values[i];
            if (f.isCategorical() && !Double.isNaN(v) && (v != Math.rint(v) || v < 0 || v >= f.levels().size())) {
                throw new IllegalArgumentException("typical value of '" + f.name() + "' is not a level code: " + v);
            }
        }
        this.values = values.clone();
        if (distributions != null) {
            if (distributions.size() != schema.size()) {
                throw new IllegalArgumentException("need " + schema.size() + " distributions, got "
                        + distributions.size());
            }
            for (int i = 0; i < schema.size(); i++) {
                if (!distributions.get(i).feature().equals(schema.feature(i))) {
                    throw new IllegalArgumentException("distribution " + i + " is of '"
                            + distributions.get(i).feature().name() + "', not of '" + schema.feature(i).name() + "'");
                }
            }
            this.distributions = distributions.toArray(new FeatureDistribution[0]);
        } else {
            this.distributions = null;
        }
    }

    /**
     * The typical values of the frame's columns named by the schema.
     *
     * @throws IllegalArgumentException when the frame lacks a feature of the schema
     */
    public static TypicalValues of(Frame frame, Schema schema) {
        double[] values = new double[schema.size()];
        double[] min = nanArray(schema.size());
        double[] max = nanArray(schema.size());
        List<FeatureDistribution> distributions = new ArrayList<>(schema.size());
        for (int i = 0; i < values.length; i++) {
            Feature f = schema.feature(i);
            if (!frame.hasColumn(f.name())) {
                throw new IllegalArgumentException("the training rows have no column '" + f.name() + "'");
            }
            Column c = frame.column(f.name());
            if (c instanceof NumericColumn n && f.isNumeric()) {
                double[] all = n.values();
                double[] present = present(all);
                int m = present.length;
                if (m == 0) {
                    values[i] = Double.NaN;
                    distributions.add(FeatureDistribution.ofCuts(f, all, new double[0]));
                    continue;
                }
                // The few order statistics wanted (ends, middle, tenths) selected, not the column sorted: each the
                // value a sort would put there, so the median, the range and the cuts are as a sort gives them.
                int[] tenths = FeatureDistribution.quantilePositions(m);
                int[] positions = IntStream.concat(IntStream.of(0, m - 1, m / 2, Math.max(0, m / 2 - 1)),
                        IntStream.of(tenths)).sorted().distinct().toArray();
                double[] at = OrderStatistics.at(present, m, positions);
                IntToDoubleFunction sorted = k -> at[Arrays.binarySearch(positions, k)];
                values[i] = m % 2 == 1 ? sorted.applyAsDouble(m / 2)
                        : (sorted.applyAsDouble(m / 2 - 1) + sorted.applyAsDouble(m / 2)) / 2;
                min[i] = sorted.applyAsDouble(0);
                max[i] = sorted.applyAsDouble(m - 1);
                double[] quantiles = new double[tenths.length];
                for (int q = 0; q < tenths.length; q++) {
                    quantiles[q] = sorted.applyAsDouble(tenths[q]);
                }
                distributions.add(FeatureDistribution.ofCuts(f, all, FeatureDistribution.cuts(quantiles, min[i])));
            } else if (c instanceof CategoricalColumn cat && f.isCategorical()) {
                int[] counts = new int[cat.levels().size()];
                int[] toModel = new int[cat.levels().size()];
                for (int k = 0; k < toModel.length; k++) {
                    toModel[k] = f.levels().indexOf(cat.levels().get(k));
                }
                int[] codes = cat.codes();
                double[] encoded = new double[codes.length];
                for (int r = 0; r < codes.length; r++) {
                    // A level of the column the model does not know is missing to the model, as when scoring.
                    encoded[r] = codes[r] < 0 || toModel[codes[r]] < 0 ? Double.NaN : toModel[codes[r]];
                }
                distributions.add(FeatureDistribution.of(f, encoded));
                for (int code : cat.codes()) {
                    if (code >= 0) {
                        counts[code]++;
                    }
                }
                int best = -1;
                int bestCode = -1;
                // Ties go to the first level in the model's order.
                for (int code = 0; code < f.levels().size(); code++) {
                    int k = cat.levels().indexOf(f.levels().get(code));
                    if (k >= 0 && counts[k] > best && counts[k] > 0) {
                        best = counts[k];
                        bestCode = code;
                    }
                }
                values[i] = bestCode < 0 ? Double.NaN : bestCode;
            } else {
                throw new IllegalArgumentException("column '" + f.name() + "' is not of the model's type " + f.type());
            }
        }
        return new TypicalValues(schema, values, min, max, distributions);
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** The values that are not NaN, in their order. */
    private static double[] present(double[] column) {
        int present = 0;
        for (double d : column) {
            present += Double.isNaN(d) ? 0 : 1;
        }
        double[] v = new double[present];
        int k = 0;
        for (double d : column) {
            if (!Double.isNaN(d)) {
                v[k++] = d;
            }
        }
        return v;
    }

    public Schema schema() {
        return schema;
    }

    /** The typical value of feature {@code index}: a {@link Double} (median), a level, or null. */
    public Object value(int index) {
        double v = values[index];
        if (Double.isNaN(v)) {
            return null;
        }
        Feature f = schema.feature(index);
        return f.isNumeric() ? (Object) v : f.levels().get((int) v);
    }

    /** The smallest training value of numeric feature {@code index}; NaN for a category or when not recorded. */
    public double min(int index) {
        return min[index];
    }

    /** The largest training value of numeric feature {@code index}; NaN for a category or when not recorded. */
    public double max(int index) {
        return max[index];
    }

    /** Whether the training range of numeric feature {@code index} is known. */
    public boolean hasRange(int index) {
        return !Double.isNaN(min[index]);
    }

    /** Whether the training distributions were recorded (model files written before have none). */
    public boolean hasDistributions() {
        return distributions != null;
    }

    /**
     * The training distribution of feature {@code index}.
     *
     * @throws IllegalStateException when none was recorded ({@link #hasDistributions()})
     */
    public FeatureDistribution distribution(int index) {
        if (distributions == null) {
            throw new IllegalStateException("no training distributions were recorded with this model");
        }
        return distributions[index];
    }

    /** The distributions as {@code {"Income": {"cuts": [...], "counts": [...]}}}; null when not recorded. */
    ObjectNode distributionsToJson() {
        if (distributions == null) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (FeatureDistribution d : distributions) {
            node.set(d.feature().name(), d.toJson());
        }
        return node;
    }

    /** The training ranges as {@code {"Income": {"min": 0, "max": 959}}}, numbers only; null when none is known. */
    ObjectNode rangesToJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < values.length; i++) {
            if (hasRange(i)) {
                ObjectNode r = node.putObject(schema.feature(i).name());
                r.put("min", min[i]);
                r.put("max", max[i]);
            }
        }
        return node.isEmpty() ? null : node;
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < values.length; i++) {
            Object v = value(i);
            String name = schema.feature(i).name();
            if (v == null) {
                node.putNull(name);
            } else if (v instanceof Double d) {
                node.put(name, d);
            } else {
                node.put(name, v.toString());
            }
        }
        return node;
    }

    /**
     * Reads the typical values and, when given (files written since ranges were recorded), the training ranges.
     */
    static TypicalValues fromJson(JsonNode node, JsonNode ranges, JsonNode distributions, Schema schema) {
        double[] values = new double[schema.size()];
        double[] min = nanArray(schema.size());
        double[] max = nanArray(schema.size());
        if (ranges != null) {
            ranges.fieldNames().forEachRemaining(name -> {
                int i = schema.indexOf(name);
                if (i < 0 || !schema.feature(i).isNumeric()) {
                    throw new IllegalArgumentException("training range given for '" + name
                            + "', which is not a numeric feature of the model");
                }
                min[i] = Json.required(ranges.get(name), "min").doubleValue();
                max[i] = Json.required(ranges.get(name), "max").doubleValue();
            });
        }
        for (int i = 0; i < values.length; i++) {
            Feature f = schema.feature(i);
            JsonNode v = Json.required(node, f.name());
            if (v.isNull()) {
                values[i] = Double.NaN;
            } else if (f.isNumeric()) {
                values[i] = v.doubleValue();
            } else {
                int code = f.code(v.asText());
                if (code < 0) {
                    throw new IllegalArgumentException("typical value of '" + f.name() + "' is not one of its levels: " + v);
                }
                values[i] = code;
            }
        }
        List<FeatureDistribution> read = null;
        if (distributions != null) {
            read = new ArrayList<>(schema.size());
            for (Feature f : schema.features()) {
                read.add(FeatureDistribution.fromJson(f, Json.required(distributions, f.name())));
            }
        }
        return new TypicalValues(schema, values, min, max, read);
    }
}
