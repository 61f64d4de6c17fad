package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.util.Objects;

/** The same score for every row: the training prior (classification) or mean (regression). One parameter. */
public final class ConstantScorer implements Scorer {

    private final Schema input;
    private final double value;

    public ConstantScorer(Schema input, double value) {
        this.input = Objects.requireNonNull(input, "input");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("constant score must be finite: " + value);
        }
        this.value = value;
    }

    public double value() {
        return value;
    }

    @Override
    public Schema input() {
        return input;
    }

    @Override
    public double score(double[] x) {
        return value;
    }

    /** Nothing to explain: the baseline is the constant and every contribution is 0. */
    @Override
    public Attribution attribute(double[] x, int[] groupOf, int groups) {
        return new Attribution(false, value, value, Attribution.grouped(new double[input.size()], groupOf, groups));
    }

    @Override
    public long parameterCount() {
        return 1;
    }

    @Override
    public String describe() {
        return "every row scores " + Json.number(value);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "constant");
        node.set("schema", Json.schemaToJson(input));
        node.put("value", value);
        return node;
    }

    static ConstantScorer fromJson(JsonNode node) {
        return new ConstantScorer(Json.schemaFromJson(Json.required(node, "schema")),
                Json.required(node, "value").doubleValue());
    }
}
