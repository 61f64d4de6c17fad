package dev.occam.runtime;

import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A warning that a row lies where the model has not been trained: a number outside the training range, or a
 * category level never seen in training (which the model scores as missing). The model still scores such a
 * row; a caller decides whether to trust, flag or refuse it.
 *
 * @param field the feature
 * @param issue in words, with the training bound: "above the training range (max 959)"
 */
public record Guardrail(String field, String issue) {

    public Guardrail {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(issue, "issue");
    }

    /**
     * The guardrails a row trips: numbers outside the training range recorded with the model (none when the
     * model file has no ranges) and category levels the model has not seen. Missing values trip nothing.
     * Fields the model does not read are ignored, as when scoring.
     *
     * @throws IllegalArgumentException naming a field that cannot be read (text in a numeric field)
     */
    public static List<Guardrail> check(Model model, Row row) {
        Schema schema = model.schema();
        TypicalValues typical = model.typicalValues();
        List<Guardrail> out = new ArrayList<>(0);
        for (int i = 0; i < schema.size(); i++) {
            Feature f = schema.feature(i);
            Object value = row.get(f.name());
            if (value == null) {
                continue;
            }
            if (f.isNumeric()) {
                double v = schema.encodeValue(i, value);
                if (Double.isNaN(v) || typical == null || !typical.hasRange(i)) {
                    continue;
                }
                if (v > typical.max(i)) {
                    out.add(new Guardrail(f.name(), "above the training range (max " + Json.number(typical.max(i)) + ")"));
                } else if (v < typical.min(i)) {
                    out.add(new Guardrail(f.name(), "below the training range (min " + Json.number(typical.min(i)) + ")"));
                }
            } else if (Double.isNaN(schema.encodeValue(i, value))) {
                out.add(new Guardrail(f.name(), "unseen category '" + value + "' (scored as missing; known levels: "
                        + String.join(", ", f.levels()) + ")"));
            }
        }
        return out;
    }
}
