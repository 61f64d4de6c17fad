package dev.occam.runtime.prep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.util.Objects;

/**
 * Replaces a missing value by a fixed fill learned on training rows (median for numbers, most frequent
 * level for categories). Output schema equals input schema.
 */
public final class Imputation implements Transform {

    private final Schema schema;
    private final double[] fill;

    public Imputation(Schema schema, double[] fill) {
        this.schema = Objects.requireNonNull(schema, "schema");
        if (fill.length != schema.size()) {
            throw new IllegalArgumentException("fill has " + fill.length + " values for " + schema.size() + " features");
        }
        this.fill = fill.clone();
    }

    @Override
    public Schema input() {
        return schema;
    }

    @Override
    public Schema output() {
        return schema;
    }

    /** The value that replaces a missing one in feature {@code index} (encoded; {@code NaN} leaves it missing). */
    public double fill(int index) {
        return fill[index];
    }

    @Override
    public void applyInto(double[] x, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isNaN(x[i]) ? fill[i] : x[i];
        }
    }

    /** Column for column. */
    @Override
    public int[] sources() {
        int[] out = new int[schema.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = i;
        }
        return out;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "impute");
        node.set("schema", Json.schemaToJson(schema));
        ObjectNode values = node.putObject("fill");
        for (int i = 0; i < fill.length; i++) {
            Feature f = schema.feature(i);
            if (Double.isNaN(fill[i])) {
                values.putNull(f.name());
            } else if (f.isNumeric()) {
                values.put(f.name(), fill[i]);
            } else {
                values.put(f.name(), f.levels().get((int) fill[i]));
            }
        }
        return node;
    }

    static Imputation fromJson(JsonNode node) {
        Schema schema = Json.schemaFromJson(Json.required(node, "schema"));
        JsonNode values = Json.required(node, "fill");
        double[] fill = new double[schema.size()];
        for (int i = 0; i < fill.length; i++) {
            Feature f = schema.feature(i);
            JsonNode v = Json.required(values, f.name());
            if (v.isNull()) {
                fill[i] = Double.NaN;
            } else if (f.isNumeric()) {
                fill[i] = v.doubleValue();
            } else {
                int code = f.code(v.asText());
                if (code < 0) {
                    throw new IllegalArgumentException("impute fill for '" + f.name() + "' is not one of its levels: " + v);
                }
                fill[i] = code;
            }
        }
        return new Imputation(schema, fill);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("impute missing values:");
        for (int i = 0; i < fill.length; i++) {
            Feature f = schema.feature(i);
            String v = Double.isNaN(fill[i]) ? "(left missing)"
                    : f.isNumeric() ? Json.number(fill[i]) : f.levels().get((int) fill[i]);
            sb.append(i == 0 ? " " : ", ").append(f.name()).append(" -> ").append(v);
        }
        return sb.toString();
    }
}
