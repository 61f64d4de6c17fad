package dev.occam.report;

import static dev.occam.report.ReportPage.list;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.results.Card;
import dev.occam.results.Leaderboard;
import dev.occam.results.Results;

/**
 * The numbers every chart of the page draws, as one JSON document inlined in the page. Only reshapes what the
 * card, the leaderboard and the report data hold; the page's script turns each part into an ECharts option.
 */
final class ChartData {

    /** The four-fifths rule, drawn when the use case sets no selection-rate bound of its own. */
    static final double FOUR_FIFTHS = 0.8;

    /** How many features the importance chart shows, the most important first. */
    static final int IMPORTANCE_SHOWN = 15;

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private ChartData() {
    }

    static ObjectNode of(ReportInputs in) {
        Card card = in.card();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("metric", ReportPage.metric(in));
        root.set("leaderboard", leaderboard(in.leaderboard()));
        // The parts drawn as they are written: the same JSON as in the files.
        root.set("curves", tree(in.reportData() == null ? null : in.reportData().curves()));
        Card.PermutationImportance importance = card.explanation() == null ? null
                : card.explanation().permutationImportance();
        // The 15 most important features: a longer tail is noise around zero and squeezes the labels.
        root.set("importance", tree(importance == null || importance.ranking() == null ? null
                : importance.ranking().subList(0, Math.min(IMPORTANCE_SHOWN, importance.ranking().size()))));
        var regression = in.reportData() == null ? null : in.reportData().regression();
        if (regression != null) {
            root.set("regression", Results.MAPPER.valueToTree(regression));
        }
        root.set("fairness", fairness(card.fairness()));
        root.set("proxies", tree(card.fairness() == null ? null : card.fairness().proxies()));
        root.set("histograms", tree(in.reportData() == null ? null : in.reportData().histograms()));
        return root;
    }

    private static JsonNode tree(java.util.List<?> items) {
        return items == null ? JsonNodeFactory.instance.arrayNode() : Results.MAPPER.valueToTree(items);
    }

    private static ArrayNode leaderboard(Leaderboard leaderboard) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Leaderboard.Candidate c : list(leaderboard == null ? null : leaderboard.candidates())) {
            if (c.parameters() != null && !Double.isNaN(c.mean())) {
                ObjectNode x = out.addObject();
                x.put("model", c.model());
                x.put("rung", c.rung());
                x.put("parameters", Math.max(1, c.parameters()));
                x.put("mean", c.mean());
                x.put("std", Double.isNaN(c.std()) ? 0 : c.std());
                x.put("chosen", c.chosen());
                x.put("eligible", c.eligible());
            }
        }
        return out;
    }

    /** Per attribute: each compared group's favourable-decision rate, and the lowest rate the bound allows. */
    private static ArrayNode fairness(Card.Fairness fairness) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (fairness == null || fairness.chosen() == null) {
            return out;
        }
        double bound = fairness.minSelectionRateRatio() != null ? fairness.minSelectionRateRatio() : FOUR_FIFTHS;
        for (Card.AttributeAudit a : list(fairness.chosen().attributes())) {
            ObjectNode x = out.addObject();
            x.put("attribute", a.attribute());
            x.put("bound", bound);
            ArrayNode groups = x.putArray("groups");
            double highest = 0;
            for (Card.GroupRates g : list(a.groups())) {
                if (Double.isNaN(g.favourableRate())) {
                    continue;
                }
                ObjectNode y = groups.addObject();
                y.put("group", g.group());
                y.put("rows", g.rows());
                y.put("compared", g.compared());
                y.put("rate", g.favourableRate());
                if (g.compared()) {
                    highest = Math.max(highest, g.favourableRate());
                }
            }
            if (a.notMeasurable() != null) {
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
