package dev.occam.report;

import static dev.occam.report.ReportPage.list;
import static dev.occam.report.ReportPage.text;

import dev.occam.results.Card;
import dev.occam.results.ReportData;
import java.util.ArrayList;
import java.util.List;

/** The report's later sections: the fairness audit, the data profile, the provenance. */
final class AuditSections {

    private static final int PROXIES_SHOWN = 10;

    private AuditSections() {
    }

    static String fairness(Card.Fairness fairness) {
        if (fairness == null) {
            return "<p class=\"empty\">The use case names no protected attributes, so there is no fairness audit.</p>";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<p class=\"note\">").append(Html.escape(text(fairness.method()))).append(".</p>");
        List<String> warnings = list(fairness.warnings());
        if (!warnings.isEmpty()) {
            // An attribute that cannot be measured is said first, so an empty verdict never reads as a pass.
            sb.append("<div class=\"warnings\"><h3>Warnings</h3>").append(Html.list(warnings)).append("</div>");
        }
        Card.FairnessChosen chosen = fairness.chosen();
        if (chosen != null) {
            sb.append("<p>Model <b>").append(Html.escape(text(chosen.model())))
                    .append("</b>; favourable decision: ").append(Html.escape(text(chosen.favourableDecision())))
                    .append("; mean threshold ").append(Html.number(chosen.threshold())).append(".</p>");
            int index = 0;
            for (Card.AttributeAudit a : list(chosen.attributes())) {
                sb.append("<h3>").append(Html.escape(a.attribute())).append("</h3>");
                if (a.notMeasurable() != null) {
                    sb.append("<p class=\"warnings\">Not measurable: ").append(Html.escape(a.notMeasurable()))
                            .append(".</p>");
                }
                sb.append("<p>Selection-rate ratio <b>").append(Html.number(a.selectionRateRatio()))
                        .append("</b> (95% CI ").append(Html.number(a.ratioLow()))
                        .append("–").append(Html.number(a.ratioHigh()))
                        .append("; lowest ").append(Html.escape(text(a.lowestGroup())))
                        .append(", highest ").append(Html.escape(text(a.highestGroup())))
                        .append("); equal-opportunity difference ").append(Html.number(a.equalOpportunityDifference()))
                        .append(" (95% CI ").append(Html.number(a.equalOpportunityLow()))
                        .append("–").append(Html.number(a.equalOpportunityHigh()))
                        .append("). Verdict: <b>").append(Html.escape(text(a.verdict()))).append("</b>.</p>")
                        .append(Html.list(list(a.notes())))
                        .append(Html.chart("fairness", index++, "Favourable-decision rate per group of "
                                + text(a.attribute())));
            }
        }
        int index = 0;
        for (Card.ProxyRanking p : list(fairness.proxies())) {
            sb.append("<h3>Proxies for ").append(Html.escape(text(p.attribute()))).append("</h3>");
            List<List<String>> rows = new ArrayList<>();
            int shown = 0;
            for (Card.Proxy f : list(p.features())) {
                if (shown++ == PROXIES_SHOWN) {
                    break;
                }
                rows.add(List.of(text(f.feature()), Html.number(f.score()), text(f.level()),
                        f.strong() ? "strong proxy" : ""));
            }
            sb.append("<div class=\"pair\">")
                    .append(Html.table(List.of("feature", text(p.measure()), "best level", ""), rows,
                            new boolean[] {false, true, false, false}, "proxies"))
                    .append(Html.chart("proxies", index++, "Proxy ranking for " + text(p.attribute())))
                    .append("</div>");
        }
        sb.append(Html.list(list(fairness.notes())));
        return sb.toString();
    }

    static String dataProfile(Card.Data data, ReportData reportData) {
        List<List<String>> rows = new ArrayList<>();
        for (Card.Column c : list(data == null ? null : data.columns())) {
            rows.add(List.of(text(c.name()), text(c.type()), c.levels() != null ? String.valueOf(c.levels()) : "",
                    String.valueOf(c.missing()), text(c.role())));
        }
        StringBuilder sb = new StringBuilder("<p>").append(data == null ? "—" : Html.number(data.rows()))
                .append(" rows read, ").append(data == null ? "—" : Html.number(data.rowsDropped()))
                .append(" dropped, ").append(data == null ? "—" : Html.number(data.rowsUsed()))
                .append(" used.</p>");
        sb.append(Html.table(List.of("column", "type", "levels", "missing", "role"), rows,
                new boolean[] {false, false, true, true, false}, "columns"));
        List<ReportData.Histogram> histograms = list(reportData == null ? null : reportData.histograms());
        if (!histograms.isEmpty()) {
            sb.append("<h3>Distributions of the numeric columns</h3><div class=\"histograms\">");
            for (int i = 0; i < histograms.size(); i++) {
                sb.append(Html.chart("histogram", i, "Histogram of " + text(histograms.get(i).column())));
            }
            sb.append("</div>");
        }
        return sb.toString();
    }

    static String provenance(Card card) {
        Card.Data data = card.data();
        Card.Evaluation evaluation = card.evaluation();
        Card.Selection selection = card.selection();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("use case file", card.useCase() == null ? "" : text(card.useCase().file())));
        if (card.versions() != null && card.versions().fittedAt() != null) {
            rows.add(List.of("fit date (UTC)", card.versions().fittedAt()));
        }
        rows.add(List.of("data", data == null ? "" : data.path() != null ? data.path()
                : data.sql() != null ? data.sql() : text(data.jdbc())));
        rows.add(List.of("data fingerprint", data == null || data.fingerprint() == null ? "unknown"
                : data.fingerprint()));
        rows.add(List.of("evaluation", evaluation == null ? "; " + " folds × " + " repeats; metric "
                : text(evaluation.method()) + "; " + evaluation.folds() + " folds × " + evaluation.repeats()
                        + " repeats; metric " + text(evaluation.metric())));
        rows.add(List.of("seed", evaluation == null ? "" : String.valueOf(evaluation.seed())));
        rows.add(List.of("selection", selection == null ? ", alpha ; "
                : text(selection.rule()) + ", alpha " + selection.alpha() + "; " + text(selection.test())));
        rows.add(List.of("card format", text(card.format())));
        Card.Versions versions = card.versions();
        if (versions != null) {
            version(rows, "occam", versions.occam());
            version(rows, "model_format", versions.modelFormat());
            version(rows, "java", versions.java());
            rows.add(List.of("Occam's git commit", versions.commit() != null ? versions.commit()
                    : "not recorded (an installed build outside a git checkout, or a card written before it was)"));

        }
        return Html.table(List.of("item", "value"), rows, null, "provenance");
    }

    private static void version(List<List<String>> rows, String name, String value) {
        if (value != null) {
            rows.add(List.of("version: " + name, value));
        }
    }
}
