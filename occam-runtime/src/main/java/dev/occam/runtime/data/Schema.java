package dev.occam.runtime.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered input features of a model. A row is encoded against a schema into a {@code double[]}:
 * numbers as they are, categories as their level code, and {@code NaN} for a missing value. A category
 * never seen in training is encoded as missing, so every model treats it the way it treats a missing
 * value.
 */
public final class Schema {

    private final List<Feature> features;
    private final Map<String, Integer> positions;
    private final List<Map<String, Integer>> levelCodes;

    public Schema(List<Feature> features) {
        this.features = List.copyOf(Objects.requireNonNull(features, "features"));
        this.positions = new HashMap<>();
        this.levelCodes = new ArrayList<>(features.size());
        for (int i = 0; i < this.features.size(); i++) {
            Feature f = this.features.get(i);
            if (positions.put(f.name(), i) != null) {
                throw new IllegalArgumentException("duplicate feature name: '" + f.name() + "'");
            }
            Map<String, Integer> codes = new HashMap<>();
            for (int c = 0; c < f.levels().size(); c++) {
                codes.put(f.levels().get(c), c);
            }
            levelCodes.add(codes);
        }
    }

    public List<Feature> features() {
        return features;
    }

    public int size() {
        return features.size();
    }

    public Feature feature(int index) {
        return features.get(index);
    }

    /** Position of the named feature, or -1. */
    public int indexOf(String name) {
        Integer i = positions.get(name);
        return i == null ? -1 : i;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(features.size());
        for (Feature f : features) {
            names.add(f.name());
        }
        return names;
    }

    /**
     * Encodes a row of named values. Fields the schema does not know are ignored (a CSV may carry the
     * target or an id); absent fields and nulls are missing.
     *
     * @throws IllegalArgumentException naming the field when a numeric field holds text that is not a number
     */
    public double[] encode(Row row) {
        double[] x = new double[features.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = encodeValue(i, row.get(features.get(i).name()));
        }
        return x;
    }

    /** Encodes one value of feature {@code index}. */
    public double encodeValue(int index, Object value) {
        if (value == null) {
            return Double.NaN;
        }
        Feature f = features.get(index);
        if (f.isNumeric()) {
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            String text = value.toString().trim();
            if (text.isEmpty() || text.equals("NA")) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "field '" + f.name() + "': expected a number, got '" + text + "'");
            }
        }
        String level = value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)
                ? Long.toString(d.longValue())
                : value.toString();
        Integer code = levelCodes.get(index).get(level);
        return code == null ? Double.NaN : code;
    }

    /** Whether a categorical value is one the model saw in training; numeric features always answer true. */
    public boolean isKnownLevel(int index, String level) {
        return features.get(index).isNumeric() || levelCodes.get(index).containsKey(level);
    }

    /** Decodes an encoded row back into named values (levels as text, missing as null). */
    public Map<String, Object> decode(double[] x) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < features.size(); i++) {
            Feature f = features.get(i);
            if (Double.isNaN(x[i])) {
                out.put(f.name(), null);
            } else if (f.isNumeric()) {
                out.put(f.name(), x[i]);
            } else {
                out.put(f.name(), f.levels().get((int) x[i]));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.features.equals(features);
    }

    @Override
    public int hashCode() {
        return features.hashCode();
    }

    @Override
    public String toString() {
        return "Schema" + features;
    }
}
