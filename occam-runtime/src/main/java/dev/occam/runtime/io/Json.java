package dev.occam.runtime.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.FeatureType;
import dev.occam.runtime.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON conventions of Occam's files: one shared mapper, the schema's JSON form, and reading helpers
 * whose errors name the missing or malformed field.
 */
public final class Json {

    /** Pretty-printing mapper; doubles are written in their shortest exact form, so they read back bit for bit. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static ObjectNode schemaToJson(Schema schema) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode features = node.putArray("features");
        for (Feature f : schema.features()) {
            ObjectNode fn = features.addObject();
            fn.put("name", f.name());
            fn.put("type", f.type().name().toLowerCase(Locale.ROOT));
            if (f.isCategorical()) {
                ArrayNode levels = fn.putArray("levels");
                f.levels().forEach(levels::add);
            }
        }
        return node;
    }

    public static Schema schemaFromJson(JsonNode node) {
        List<Feature> features = new ArrayList<>();
        for (JsonNode fn : required(node, "features")) {
            String name = required(fn, "name").asText();
            String type = required(fn, "type").asText();
            FeatureType t;
            try {
                t = FeatureType.valueOf(type.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("feature '" + name + "': type must be numeric or categorical, got '" + type + "'");
            }
            List<String> levels = new ArrayList<>();
            if (t == FeatureType.CATEGORICAL) {
                for (JsonNode l : required(fn, "levels")) {
                    levels.add(l.asText());
                }
            }
            features.add(new Feature(name, t, levels));
        }
        return new Schema(features);
    }

    /** The named child. @throws IllegalArgumentException naming the field when it is absent */
    public static JsonNode required(JsonNode node, String field) {
        JsonNode child = node == null ? null : node.get(field);
        if (child == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return child;
    }

    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            out[i] = v.isNull() ? Double.NaN : v.doubleValue();
        }
        return out;
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }

    public static ArrayNode array(double[] values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (double v : values) {
            if (Double.isNaN(v)) {
                a.addNull();
            } else {
                a.add(v);
            }
        }
        return a;
    }

    /** A number for people: up to 6 significant digits, no exponent for ordinary magnitudes. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e9) {
            String s = String.format(Locale.ROOT, "%.6g", v);
            if (s.contains(".") && !s.contains("e")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s;
        }
        return String.format(Locale.ROOT, "%.5e", v);
    }
}
