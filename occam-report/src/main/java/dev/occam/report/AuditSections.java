package dev.occam.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The report's later sections: the fairness audit, the data profile, the provenance. */
final class AuditSections {

    private static final int PROXIES_SHOWN = 10;

    private AuditSections() {
    }

    static String fairness(JsonNode fairness) {
        if (fairness.isMissingNode() || fairness.isNull()) {
            return "<p class=\"empty\">The use case names no protected attributes, so there is no fairness audit.</p>";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<p class=\"note\">").append(Html.escape(fairness.path("method").asText())).append(".</p>");
        List<String> warnings = ReportPage.texts(fairness.path("warnings"));
        if (!warnings.isEmpty()) {
            // An attribute that cannot be measured is said first, so an empty verdict never reads as a pass.
            sb.append("<div class=\"warnings\"><h3>Warnings</h3>").append(Html.list(warnings)).append("</div>");
        }
        JsonNode chosen = fairness.path("chosen");
        if (!chosen.isMissingNode()) {
            sb.append("<p>Model <b>").append(Html.escape(chosen.path("model").asText()))
                    .append("</b>; favourable decision: ").append(Html.escape(chosen.path("favourable_decision").asText()))
                    .append("; mean threshold ").append(Html.number(chosen.path("threshold").asDouble(Double.NaN)))
                    .append(".</p>");
            int index = 0;
            for (JsonNode a : chosen.path("attributes")) {
                sb.append("<h3>").append(Html.escape(a.path("attribute").asText())).append("</h3>");
                if (a.hasNonNull("not_measurable")) {
                    sb.append("<p class=\"warnings\">Not measurable: ")
                            .append(Html.escape(a.get("not_measurable").asText())).append(".</p>");
                }
                sb.append("<p>Selection-rate ratio <b>").append(Html.number(a.path("selection_rate_ratio")
                                .asDouble(Double.NaN)))
                        .append("</b> (95% CI ").append(Html.number(a.path("ratio_low").asDouble(Double.NaN)))
                        .append("–").append(Html.number(a.path("ratio_high").asDouble(Double.NaN)))
                        .append("; lowest ").append(Html.escape(a.path("lowest_group").asText()))
                        .append(", highest ").append(Html.escape(a.path("highest_group").asText()))
                        .append("); equal-opportunity difference ")
                        .append(Html.number(a.path("equal_opportunity_difference").asDouble(Double.NaN)))
                        .append(" (95% CI ").append(Html.number(a.path("equal_opportunity_low").asDouble(Double.NaN)))
                        .append("–").append(Html.number(a.path("equal_opportunity_high").asDouble(Double.NaN)))
                        .append("). Verdict: <b>").append(Html.escape(a.path("verdict").asText())).append("</b>.</p>")
                        .append(Html.list(ReportPage.texts(a.path("notes"))))
                        .append(Html.chart("fairness", index++, "Favourable-decision rate per group of "
                                + a.path("attribute").asText()));
            }
        }
        int index = 0;
        for (JsonNode p : fairness.path("proxies")) {
            sb.append("<h3>Proxies for ").append(Html.escape(p.path("attribute").asText())).append("</h3>");
            List<List<String>> rows = new ArrayList<>();
            int shown = 0;
            for (JsonNode f : p.path("features")) {
                if (shown++ == PROXIES_SHOWN) {
                    break;
                }
                rows.add(List.of(f.path("feature").asText(), Html.number(f.path("score").asDouble(Double.NaN)),
                        f.path("level").asText(""), f.path("strong").asBoolean() ? "strong proxy" : ""));
            }
            sb.append("<div class=\"pair\">")
                    .append(Html.table(List.of("feature", p.path("measure").asText(), "best level", ""), rows,
                            new boolean[] {false, true, false, false}, "proxies"))
                    .append(Html.chart("proxies", index++, "Proxy ranking for " + p.path("attribute").asText()))
                    .append("</div>");
        }
        sb.append(Html.list(ReportPage.texts(fairness.path("notes"))));
        return sb.toString();
    }

    static String dataProfile(JsonNode data, JsonNode reportData) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode c : data.path("columns")) {
            rows.add(List.of(c.path("name").asText(), c.path("type").asText(),
                    c.has("levels") ? c.get("levels").asText() : "", c.path("missing").asText(),
                    c.path("role").asText()));
        }
        StringBuilder sb = new StringBuilder("<p>").append(Html.number(data.path("rows").asDouble(Double.NaN)))
                .append(" rows read, ").append(Html.number(data.path("rows_dropped").asDouble(Double.NaN)))
                .append(" dropped, ").append(Html.number(data.path("rows_used").asDouble(Double.NaN)))
                .append(" used.</p>");
        sb.append(Html.table(List.of("column", "type", "levels", "missing", "role"), rows,
                new boolean[] {false, false, true, true, false}, "columns"));
        JsonNode histograms = reportData.path("histograms");
        if (histograms.isArray() && !histograms.isEmpty()) {
            sb.append("<h3>Distributions of the numeric columns</h3><div class=\"histograms\">");
            for (int i = 0; i < histograms.size(); i++) {
                sb.append(Html.chart("histogram", i, "Histogram of " + histograms.get(i).path("column").asText()));
            }
            sb.append("</div>");
        }
        return sb.toString();
    }

    static String provenance(JsonNode card) {
        JsonNode data = card.path("data");
        JsonNode evaluation = card.path("evaluation");
        JsonNode versions = card.path("versions");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("use case file", card.path("use_case").path("file").asText()));
        rows.add(List.of("data", data.has("path") ? data.get("path").asText()
                : data.has("sql") ? data.get("sql").asText() : data.path("jdbc").asText()));
        rows.add(List.of("data fingerprint", data.path("fingerprint").asText("unknown")));
        rows.add(List.of("evaluation", evaluation.path("method").asText() + "; " + evaluation.path("folds").asText()
                + " folds × " + evaluation.path("repeats").asText() + " repeats; metric "
                + evaluation.path("metric").asText()));
        rows.add(List.of("seed", evaluation.path("seed").asText()));
        rows.add(List.of("selection", card.path("selection").path("rule").asText() + ", alpha "
                + card.path("selection").path("alpha").asText() + "; " + card.path("selection").path("test").asText()));
        rows.add(List.of("card format", card.path("format").asText()));
        versions.fields().forEachRemaining(e -> rows.add(List.of("version: " + e.getKey(), e.getValue().asText())));
        return Html.table(List.of("item", "value"), rows, null, "provenance");
    }
}
