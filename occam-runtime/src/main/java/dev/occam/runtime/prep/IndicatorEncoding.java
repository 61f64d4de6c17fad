package dev.occam.runtime.prep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns each categorical feature into 0/1 indicator columns named {@code feature=level}; numbers pass
 * through. With {@code dropFirst}, the first level is the reference and gets no column (treatment
 * contrasts, as R's {@code glm} does), which keeps an intercept model identifiable. A missing category
 * makes all of its indicators missing.
 */
public final class IndicatorEncoding implements Transform {

    private final Schema input;
    private final Schema output;
    private final boolean dropFirst;
    /** For each input feature, its first output column. */
    private final int[] start;

    public IndicatorEncoding(Schema input, boolean dropFirst) {
        this.input = Objects.requireNonNull(input, "input");
        this.dropFirst = dropFirst;
        this.start = new int[input.size()];
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            Feature f = input.feature(i);
            start[i] = out.size();
            if (f.isNumeric()) {
                out.add(f);
            } else {
                for (int c = dropFirst ? 1 : 0; c < f.levels().size(); c++) {
                    out.add(Feature.numeric(columnName(f.name(), f.levels().get(c))));
                }
            }
        }
        this.output = new Schema(out);
    }

    /** The name of the indicator column of one level. */
    public static String columnName(String feature, String level) {
        return feature + "=" + level;
    }

    @Override
    public Schema input() {
        return input;
    }

    @Override
    public Schema output() {
        return output;
    }

    /** With no category among its inputs, every number is written where it was read. */
    @Override
    public boolean copiesEveryRow() {
        return output.equals(input);
    }

    public boolean dropFirst() {
        return dropFirst;
    }

    @Override
    public void applyInto(double[] x, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (int i = 0; i < x.length; i++) {
            Feature f = input.feature(i);
            if (f.isNumeric()) {
                out[start[i]] = x[i];
                continue;
            }
            int first = dropFirst ? 1 : 0;
            int width = f.levels().size() - first;
            if (Double.isNaN(x[i])) {
                for (int k = 0; k < width; k++) {
                    out[start[i] + k] = Double.NaN;
                }
            } else {
                int code = (int) x[i];
                if (code >= first) {
                    out[start[i] + code - first] = 1.0;
                }
            }
        }
    }

    /** Every indicator column of a category reads that category; a number reads itself. */
    @Override
    public int[] sources() {
        int[] out = new int[output.size()];
        for (int i = 0; i < input.size(); i++) {
            int end = i + 1 < input.size() ? start[i + 1] : output.size();
            for (int c = start[i]; c < end; c++) {
                out[c] = i;
            }
        }
        return out;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "indicators");
        node.put("drop_first", dropFirst);
        node.set("schema", Json.schemaToJson(input));
        return node;
    }

    static IndicatorEncoding fromJson(JsonNode node) {
        return new IndicatorEncoding(Json.schemaFromJson(Json.required(node, "schema")),
                Json.required(node, "drop_first").asBoolean());
    }

    @Override
    public String describe() {
        return "encode categories as 0/1 indicators" + (dropFirst ? " (first level is the reference)" : "");
    }
}
