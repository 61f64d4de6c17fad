package dev.occam.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.data.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads one JSON row against a model's schema, strictly, and refuses it with a 400 naming the field:
 *
 * <ul>
 *   <li>every feature of the schema must be present: an absent field is a client's mistake, so it is refused;
 *       a value the client does not know is sent as {@code null}, which the model scores as missing (the way it
 *       scores a missing value in training: imputation, the missing branch of a split, ...);
 *   <li>a field the schema does not know (an ID, a protected attribute kept for monitoring) is ignored and listed
 *       ({@link Read#ignored()}), or refused with {@code strict}. A misspelt feature is still caught: the feature
 *       itself is then absent;
 *   <li>a numeric feature takes a JSON number (finite) or null; text, a boolean, an array or an object is refused;
 *   <li>a categorical feature takes a JSON string or null; a number, a boolean, an array or an object is refused.
 *       A level not seen in training is accepted and scored as missing, with a guardrail flag.
 * </ul>
 */
final class RowReader {

    private RowReader() {
    }

    /** A row read: the model's features, and the names of the fields sent that the model does not read. */
    record Read(Row row, List<String> ignored) {
    }

    static Read read(Schema schema, JsonNode node, boolean strict) {
        if (node == null || !node.isObject()) {
            throw new ApiException(400, "a row must be a JSON object of feature name to value, got "
                    + (node == null ? "nothing" : kind(node)));
        }
        Map<String, Object> values = new HashMap<>(schema.size() * 2);
        List<String> ignored = List.of();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            int i = schema.indexOf(name);
            if (i < 0) {
                if (strict) {
                    throw new ApiException(400, "unknown field '" + name + "'; the model reads " + schema.names()
                            + " (the server runs with --strict, which refuses other fields)", name, null);
                }
                if (ignored.isEmpty()) {
                    ignored = new ArrayList<>(2);
                }
                ignored.add(name);
                continue;
            }
            values.put(name, value(schema.feature(i), e.getValue()));
        }
        for (Feature f : schema.features()) {
            if (!node.has(f.name())) {
                throw new ApiException(400, "missing field '" + f.name() + "'; send null for a value that is not known",
                        f.name(), null);
            }
        }
        return new Read(Row.of(values), ignored);
    }

    private static Object value(Feature f, JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (f.isNumeric()) {
            if (!v.isNumber()) {
                throw new ApiException(400, "field '" + f.name() + "' must be a number or null, got " + kind(v),
                        f.name(), null);
            }
            double d = v.doubleValue();
            if (!Double.isFinite(d)) {
                throw new ApiException(400, "field '" + f.name() + "' must be a finite number, got " + v.asText(),
                        f.name(), null);
            }
            return d;
        }
        if (!v.isTextual()) {
            throw new ApiException(400, "field '" + f.name() + "' must be one of its levels as text or null, got "
                    + kind(v), f.name(), null);
        }
        return v.textValue();
    }

    /** The JSON kind of a value and, for a scalar, the value itself. */
    static String kind(JsonNode v) {
        if (v.isTextual()) {
            String t = v.textValue();
            return "text '" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "'";
        }
        if (v.isNumber()) {
            return "the number " + v.asText();
        }
        if (v.isBoolean()) {
            return "the boolean " + v.asText();
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
