package dev.occam.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report page: the template filled with the verdict, the leaderboard, the curves, the chosen model and
 * example decisions ({@link AuditSections} adds fairness, data and provenance), the chart data and the
 * inlined chart library.
 */
final class ReportPage {

    private ReportPage() {
    }

    static String render(ReportInputs in) {
        JsonNode card = in.card();
        Map<String, String> v = new HashMap<>();
        v.put("title", card.path("name").asText("Occam report"));
        v.put("question", card.path("question").asText(""));
        v.put("verdict", card.path("success").path("verdict").asText("No verdict in the card."));
        v.put("verdict_class", card.path("success").path("met").asBoolean() ? "met" : "not-met");
        v.put("verdict_word", card.path("success").path("met").asBoolean() ? "Success bar met" : "Success bar not met");
        v.put("reasons", Html.list(texts(card.path("selection").path("reasons"))));
        v.put("verdict_details", verdictDetails(card));
        v.put("leaderboard_table", leaderboardTable(in.leaderboard()));
        v.put("metric", in.leaderboard().path("metric").asText(card.path("evaluation").path("metric").asText()));
        v.put("curves", curves(in.reportData(), card.path("calibration")));
        v.put("model_description", in.modelDescription() == null ? "No model file: nothing deployable was chosen."
                : in.modelDescription());
        v.put("interval", interval(card.path("interval")));
        v.put("importance", importance(card));
        v.put("examples", examples(in.reportData()));
        v.put("fairness", AuditSections.fairness(card.path("fairness")));
        v.put("data_profile", AuditSections.dataProfile(card.path("data"), in.reportData()));
        v.put("provenance", AuditSections.provenance(card));
        v.put("chart_data", ChartData.inlineJson(ChartData.of(in)));
        v.put("echarts", ChartLibrary.script());
        v.put("page_script", ChartLibrary.pageScript());
        return Template.resource("report.html").render(v);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String verdictDetails(JsonNode card) {
        StringBuilder sb = new StringBuilder();
        List<String> warnings = texts(card.path("warnings"));
        if (!warnings.isEmpty()) {
            sb.append("<h3>Warnings: how the models were fitted</h3>").append(Html.list(warnings));
        }
        List<String> ineligible = new ArrayList<>();
        card.path("selection").path("ineligible")
                .forEach(x -> ineligible.add(x.path("model").asText() + ": " + x.path("why").asText()));
        if (!ineligible.isEmpty()) {
            sb.append("<h3>Not eligible</h3>").append(Html.list(ineligible));
        }
        List<String> leaks = new ArrayList<>();
        card.path("leakage_suspects").forEach(x -> leaks.add(x.path("column").asText() + ": " + x.path("reason").asText()
                + (x.path("dropped").asBoolean() ? " (dropped)" : " (kept)")));
        if (!leaks.isEmpty()) {
            sb.append("<h3>Suspected leaks</h3>").append(Html.list(leaks));
        }
        List<String> notes = texts(card.path("notes"));
        if (!notes.isEmpty()) {
            sb.append("<h3>Notes</h3>").append(Html.list(notes));
        }
        return sb.toString();
    }

    private static String leaderboardTable(JsonNode leaderboard) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode c : leaderboard.path("candidates")) {
            rows.add(List.of(c.path("chosen").asBoolean() ? "✔ chosen" : "", c.path("rung").asText(),
                    c.path("model").asText(),
                    c.path("mean").isNumber() ? Html.number(c.get("mean").asDouble()) + " ± "
                            + Html.number(c.path("std").asDouble(Double.NaN)) : "failed",
                    number(c, "brier"), number(c, "ece"),
                    c.path("parameters").isNumber() ? Html.number(c.get("parameters").asDouble()) : "—",
                    c.path("p_value_vs_best").isNumber() ? Html.number(c.get("p_value_vs_best").asDouble()) : "—",
                    number(c, "fit_ms"), number(c, "p99_us"),
                    c.path("eligible").asBoolean() ? "yes" : "no: " + whyNot(c)));
        }
        if (rows.isEmpty()) {
            return "<p class=\"empty\">No leaderboard.json in the folder.</p>";
        }
        return Html.table(List.of("", "rung", "model", "mean ± sd", "Brier", "ECE", "parameters", "p vs best", "fit ms",
                "p99 µs", "eligible"), rows, new boolean[] {false, true, false, true, true, true, true, true, true, true,
                    false}, "leaderboard");
    }

    private static String number(JsonNode node, String field) {
        return node.path(field).isNumber() ? Html.number(node.get(field).asDouble()) : "—";
    }

    private static String curves(JsonNode reportData, JsonNode calibration) {
        JsonNode curves = reportData.path("curves");
        if (!curves.isArray() || curves.isEmpty()) {
            return "<p class=\"empty\">No curves: they are drawn for classification targets from the held-out scores"
                    + " in report-data.json.</p>";
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode c : curves) {
            lines.add(c.path("role").asText() + ": " + c.path("model").asText() + " (rung " + c.path("rung").asInt()
                    + (c.path("eligible").asBoolean() ? "" : ", not eligible") + "), held-out AUC "
                    + Html.number(c.path("auc").asDouble()));
        }
        return Html.list(lines) + "<div class=\"pair\">" + Html.chart("roc", 0, "ROC curves")
                + Html.chart("calibration", 0, "Calibration curves") + "</div>" + calibration(calibration);
    }

    /** The card's calibration check of the chosen model: what was found, which calibrator (if any) was used, the rule. */
    private static String calibration(JsonNode calibration) {
        if (!calibration.isObject()) {
            return "";
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode t : calibration.path("compared")) {
            rows.add(List.of(t.path("calibrator").asText(), number(t, "brier"), number(t, "ece"),
                    t.path("calibrator").asText().equals(calibration.path("calibrator").asText()) ? "used" : ""));
        }
        StringBuilder sb = new StringBuilder("<h3>Calibration of the chosen model</h3><p><b>")
                .append(Html.escape(calibration.path("calibrator").asText().equals("none") ? "No calibrator"
                        : "Calibrator: " + calibration.path("calibrator").asText()))
                .append("</b>. ").append(Html.escape(calibration.path("summary").asText())).append(".</p>");
        if (!rows.isEmpty()) {
            sb.append(Html.table(List.of("calibrator", "held-out Brier", "held-out ECE", ""), rows,
                    new boolean[] {false, true, true, false}, "calibration-compared"));
        }
        return sb.append("<p class=\"note\">Rule: ").append(Html.escape(calibration.path("rule").asText()))
                .append(". ").append(Html.escape(calibration.path("method").asText())).append(".</p>").toString();
    }

    /** The chosen regression model's prediction interval from the card, or nothing when it has none. */
    static String interval(JsonNode interval) {
        if (!interval.path("half_width").isNumber()) {
            return "";
        }
        String level = Html.number(100 * interval.path("level").asDouble()) + "%";
        StringBuilder sb = new StringBuilder("<h3>").append(level).append(" prediction interval</h3><p>prediction ± <b>")
                .append(Html.number(interval.get("half_width").asDouble())).append("</b>");
        JsonNode coverage = interval.path("out_of_fold_coverage");
        if (coverage.path("mean").isNumber()) {
            sb.append("; out-of-fold coverage <b>").append(Html.number(100 * coverage.get("mean").asDouble()))
                    .append("%</b> (folds ").append(Html.number(100 * coverage.path("min").asDouble())).append("–")
                    .append(Html.number(100 * coverage.path("max").asDouble())).append("%, ")
                    .append(coverage.path("folds").asInt()).append(" folds, each fold's interval taken from the"
                            + " other folds of its repeat)");
        }
        sb.append(".</p><p class=\"note\">").append(Html.escape(interval.path("method_words").asText()))
                .append(". Guarantee: ").append(Html.escape(interval.path("guarantee").asText())).append(".</p>");
        return sb.toString();
    }

    private static String importance(JsonNode card) {
        JsonNode importance = card.path("explanation").path("permutation_importance");
        if (!importance.path("ranking").isArray() || importance.path("ranking").isEmpty()) {
            return "<p class=\"empty\">No permutation importance in the card.</p>";
        }
        return "<p class=\"note\">" + Html.escape(importance.path("method").asText()) + "; "
                + Html.escape(importance.path("on").asText()) + ".</p>" + Html.chart("importance", 0,
                "Permutation importance");
    }

    private static String examples(JsonNode reportData) {
        JsonNode examples = reportData.path("examples");
        if (!examples.isArray() || examples.isEmpty()) {
            return "<p class=\"empty\">No example decisions (no deployable model).</p>";
        }
        StringBuilder sb = new StringBuilder("<div class=\"examples\">");
        for (JsonNode e : examples) {
            sb.append("<div class=\"example\"><h3>").append(Html.escape(e.path("label").asText())).append("</h3><p>")
                    .append("row ").append(e.path("row").asInt()).append(": score <b>")
                    .append(Html.number(e.path("score").asDouble())).append("</b>");
            if (e.has("decision")) {
                sb.append(", called <b>").append(Html.escape(e.get("decision").asText())).append("</b>");
            }
            sb.append("</p>");
            List<String> raises = texts(e.path("raises"));
            List<String> lowers = texts(e.path("lowers"));
            sb.append("<h4>Raised the score</h4>").append(raises.isEmpty() ? "<p class=\"empty\">nothing</p>"
                    : Html.list(raises));
            sb.append("<h4>Lowered the score</h4>").append(lowers.isEmpty() ? "<p class=\"empty\">nothing</p>"
                    : Html.list(lowers));
            sb.append("</div>");
        }
        return sb.append("</div>").toString();
    }

    /** The reasons a candidate was not eligible: the fixed ones and those resting on a measured time. */
    private static String whyNot(JsonNode candidate) {
        List<String> reasons = new ArrayList<>();
        for (String field : new String[] {"why_not_eligible", "why_not_eligible_timing"}) {
            if (candidate.hasNonNull(field)) {
                reasons.add(candidate.get(field).asText());
            }
        }
        return String.join("; ", reasons);
    }
}
