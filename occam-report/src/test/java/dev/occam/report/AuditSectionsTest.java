package dev.occam.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.results.Card;
import dev.occam.results.Results;
import org.junit.jupiter.api.Test;

class AuditSectionsTest {

    /** The fairness section of a card where senior_citizen has every row in one group. */
    private static Card.Fairness fairness() throws Exception {
        return Results.MAPPER.readValue("""
                {"method": "held-out decisions",
                 "chosen": {"model": "logistic", "favourable_decision": "called No", "threshold": 0.44,
                   "attributes": [{"attribute": "senior_citizen", "groups_are": "values", "selection_rate_ratio": null,
                     "verdict": "not measurable", "groups": [{"group": "0", "rows": 7043, "compared": true}],
                     "notes": [],
                     "not_measurable": "senior_citizen: every row is in one group (0), so no rate can be compared"}]},
                 "candidates": [], "proxies": [], "notes": [],
                 "warnings": ["senior_citizen: every row is in one group (0), so no rate can be compared"]}
                """, Card.Fairness.class);
    }

    @Test
    void fairness_attributeNotMeasurable_warningShownAtTopAndUnderTheAttribute() throws Exception {
        String html = AuditSections.fairness(fairness());
        assertTrue(html.contains("<div class=\"warnings\"><h3>Warnings</h3><ul><li>senior_citizen: every row is in one"
                + " group (0), so no rate can be compared</li></ul></div>"), html);
        assertTrue(html.contains("<h3>senior_citizen</h3><p class=\"warnings\">Not measurable: senior_citizen: every"
                + " row is in one group (0), so no rate can be compared.</p>"), html);
        assertTrue(html.indexOf("Warnings") < html.indexOf("<h3>senior_citizen</h3>"), "warnings come first");
    }
}
