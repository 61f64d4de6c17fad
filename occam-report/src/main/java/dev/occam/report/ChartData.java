package dev.occam.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The numbers every chart of the page draws, as one JSON document inlined in the page. Only reshapes what the
 * card, the leaderboard and the report data hold; the page's script turns each part into an ECharts option.
 */
final class ChartData {

    /** The four-fifths rule, drawn when the use case sets no selection-rate bound of its own. */
    static final double FOUR_FIFTHS = 0.8;

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private ChartData() {
    }

    static ObjectNode of(ReportInputs in) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("metric", in.leaderboard().path("metric").asText(in.card().path("evaluation").path("metric").asText()));
        root.set("leaderboard", leaderboard(in.leaderboard()));
        root.set("curves", in.reportData().path("curves").isArray() ? in.reportData().get("curves")
                : JsonNodeFactory.instance.arrayNode());
        root.set("importance", in.card().path("explanation").path("permutation_importance").path("ranking").isArray()
                ? in.card().get("explanation").get("permutation_importance").get("ranking")
                : JsonNodeFactory.instance.arrayNode());
        root.set("fairness", fairness(in.card().path("fairness")));
        root.set("proxies", in.card().path("fairness").path("proxies").isArray()
                ? in.card().get("fairness").get("proxies") : JsonNodeFactory.instance.arrayNode());
        root.set("histograms", in.reportData().path("histograms").isArray() ? in.reportData().get("histograms")
                : JsonNodeFactory.instance.arrayNode());
        return root;
    }

    private static ArrayNode leaderboard(JsonNode leaderboard) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode c : leaderboard.path("candidates")) {
            if (c.path("parameters").isNumber() && c.path("mean").isNumber()) {
                ObjectNode x = out.addObject();
                x.put("model", c.path("model").asText());
                x.put("rung", c.path("rung").asInt());
                x.put("parameters", Math.max(1, c.path("parameters").asLong()));
                x.put("mean", c.path("mean").asDouble());
                x.put("std", c.path("std").asDouble(0));
                x.put("chosen", c.path("chosen").asBoolean());
                x.put("eligible", c.path("eligible").asBoolean());
            }
        }
        return out;
    }

    /** Per attribute: each compared group's favourable-decision rate, and the lowest rate the bound allows. */
    private static ArrayNode fairness(JsonNode fairness) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        double bound = fairness.path("min_selection_rate_ratio").isNumber()
                ? fairness.get("min_selection_rate_ratio").asDouble() : FOUR_FIFTHS;
        for (JsonNode a : fairness.path("chosen").path("attributes")) {
            ObjectNode x = out.addObject();
            x.put("attribute", a.path("attribute").asText());
            x.put("bound", bound);
            ArrayNode groups = x.putArray("groups");
            double highest = 0;
            for (JsonNode g : a.path("groups")) {
                if (!g.path("favourable_rate").isNumber()) {
                    continue;
                }
                ObjectNode y = groups.addObject();
                y.put("group", g.path("group").asText());
                y.put("rows", g.path("rows").asInt());
                y.put("compared", g.path("compared").asBoolean());
                y.put("rate", g.get("favourable_rate").asDouble());
                if (g.path("compared").asBoolean()) {
                    highest = Math.max(highest, g.get("favourable_rate").asDouble());
                }
            }
            if (a.hasNonNull("not_measurable")) {
                x.putNull("line"); // one comparable group: no bound to draw against
            } else {
                x.put("line", bound * highest);
            }
        }
        return out;
    }

    /** JSON safe inside a {@code <script>} element: no {@code <} can close it or open a comment. */
    static String inlineJson(JsonNode node) {
        try {
            return COMPACT.writeValueAsString(node).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write chart data", e);
        }
    }
}
