package dev.occam.runtime.prep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.util.Objects;

/**
 * Centres and scales numeric features: {@code (x - mean) / sd}, with mean and sd learned on training
 * rows. A constant feature (sd 0) is only centred. Categorical features pass through.
 */
public final class Standardization implements Transform {

    private final Schema schema;
    private final double[] mean;
    private final double[] scale;

    public Standardization(Schema schema, double[] mean, double[] scale) {
        this.schema = Objects.requireNonNull(schema, "schema");
        if (mean.length != schema.size() || scale.length != schema.size()) {
            throw new IllegalArgumentException("mean and scale need " + schema.size() + " values each");
        }
        for (int i = 0; i < scale.length; i++) {
            if (!(scale[i] > 0)) {
                throw new IllegalArgumentException("scale of '" + schema.feature(i).name() + "' must be > 0: " + scale[i]);
            }
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
    }

    @Override
    public Schema input() {
        return schema;
    }

    @Override
    public Schema output() {
        return schema;
    }

    public double mean(int index) {
        return mean[index];
    }

    public double scale(int index) {
        return scale[index];
    }

    @Override
    public void applyInto(double[] x, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = schema.feature(i).isNumeric() ? (x[i] - mean[i]) / scale[i] : x[i];
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
        node.put("type", "standardize");
        node.set("schema", Json.schemaToJson(schema));
        ArrayNode m = node.putArray("mean");
        ArrayNode s = node.putArray("scale");
        for (int i = 0; i < mean.length; i++) {
            m.add(mean[i]);
            s.add(scale[i]);
        }
        return node;
    }

    static Standardization fromJson(JsonNode node) {
        return new Standardization(Json.schemaFromJson(Json.required(node, "schema")),
                Json.doubles(Json.required(node, "mean")), Json.doubles(Json.required(node, "scale")));
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("standardize:");
        for (int i = 0; i < mean.length; i++) {
            Feature f = schema.feature(i);
            if (f.isNumeric()) {
                sb.append(' ').append(f.name()).append(" (mean ").append(Json.number(mean[i]))
                        .append(", sd ").append(Json.number(scale[i])).append(')');
            }
        }
        return sb.toString();
    }
}
