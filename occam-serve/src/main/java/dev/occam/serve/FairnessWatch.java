package dev.occam.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the live fairness watch needs from a model's {@code card.json}: the protected attributes
 * ({@code use_case.fairness.protected}), which decision is the favourable one ({@code use_case.fairness.favourable}:
 * being called the negative class, by default, or the positive one), the ratio the use case demands
 * ({@code min_selection_rate_ratio}, else the four-fifths rule's 0.8), and, for a number audited in quartile
 * bands, the bands the audit used ({@code fairness.chosen.attributes[].groups}), so live rows are grouped as the
 * held-out rows were.
 *
 * @param attributes the protected attributes, as named in requests
 * @param favourable the label whose call is favourable (the "selection" of the four-fifths rule)
 * @param minRatio the lowest acceptable ratio of the lowest group's selection rate to the highest's
 * @param bands per banded attribute, the bands' names in order (a band "18–27" starts at 18), "missing" excluded
 */
record FairnessWatch(List<String> attributes, String favourable, double minRatio, Map<String, List<String>> bands) {

    static final double FOUR_FIFTHS = 0.8;
    static final String MISSING = "missing";

    /** The watch a card asks for; null when it names no protected attribute or the model calls no two classes. */
    static FairnessWatch fromCard(JsonNode card, TargetInfo target) {
        if (card == null || !target.isClassification()) {
            return null;
        }
        JsonNode spec = card.path("use_case").path("fairness");
        JsonNode protectedNode = spec.path("protected");
        if (!protectedNode.isArray() || protectedNode.isEmpty()) {
            return null;
        }
        List<String> attributes = new ArrayList<>();
        protectedNode.forEach(a -> attributes.add(a.asText()));
        String favourable = spec.path("favourable").asText("negative").equals("positive") ? target.positive()
                : target.negative();
        double minRatio = spec.path("min_selection_rate_ratio").isNumber()
                ? spec.get("min_selection_rate_ratio").doubleValue() : FOUR_FIFTHS;
        Map<String, List<String>> bands = new HashMap<>();
        for (JsonNode a : card.path("fairness").path("chosen").path("attributes")) {
            if (a.path("groups_are").asText().equals("quartile bands")) {
                List<String> names = new ArrayList<>();
                for (JsonNode g : a.path("groups")) {
                    String name = g.path("group").asText();
                    if (!name.equals(MISSING)) {
                        names.add(name);
                    }
                }
                if (!names.isEmpty()) {
                    bands.put(a.path("attribute").asText(), List.copyOf(names));
                }
            }
        }
        return new FairnessWatch(List.copyOf(attributes), favourable, minRatio, Map.copyOf(bands));
    }

    /**
     * The group of a value sent for an attribute: null when the value is not a group's (an array, an object); text
     * as it is, a number by the audit's bands when it was banded, else as written (whole numbers without ".0");
     * null and booleans as "missing" and "true"/"false".
     */
    String group(String attribute, JsonNode value) {
        if (value.isNull()) {
            return MISSING;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.asText();
        }
        if (!value.isNumber()) {
            return null;
        }
        double v = value.doubleValue();
        List<String> names = bands.get(attribute);
        if (names == null) {
            return Json.number(v);
        }
        int b = 0;
        while (b + 1 < names.size() && v >= start(names.get(b + 1))) {
            b++;
        }
        return names.get(b);
    }

    /** Where a band named "18–27" (or a single value "30") starts. */
    private static double start(String band) {
        int dash = band.indexOf('–', 1); // an en dash; a leading '-' is a minus sign
        try {
            return Double.parseDouble(dash < 0 ? band : band.substring(0, dash));
        } catch (NumberFormatException e) {
            return Double.NaN; // never reached by v >= NaN, so the value stays in the band before
        }
    }
}
