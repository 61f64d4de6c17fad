package dev.occam.report;

import dev.occam.results.Card;
import dev.occam.results.Leaderboard;
import dev.occam.results.ReportData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report page: the template filled with the verdict, the leaderboard, the curves, the chosen model and
 * example decisions ({@link AuditSections} adds fairness, data and provenance), the chart data and the
 * inlined chart library.
 */
final class ReportPage {

    private ReportPage() {
    }

    static String render(ReportInputs in) {
        Card card = in.card();
        Card.Success success = card.success();
        boolean met = success != null && success.met();
        Map<String, String> v = new HashMap<>();
        v.put("title", Objects.requireNonNullElse(card.name(), "Occam report"));
        v.put("question", Objects.requireNonNullElse(card.question(), ""));
        v.put("verdict", success != null && success.verdict() != null ? success.verdict() : "No verdict in the card.");
        List<String> concerns = Decisions.fairnessConcerns(card);
        v.put("verdict_class", !met ? "not-met" : concerns.isEmpty() ? "met" : "concern");
        v.put("verdict_word", !met ? "Success bar not met"
                : concerns.isEmpty() ? "Success bar met" : "Success bar met, but the fairness audit fails");
        v.put("verdict_concern", concerns.isEmpty() ? "" : "<span class=\"concern-text\">"
                + Html.escape(String.join(" ", concerns)) + "</span>");
        v.put("reasons", Html.list(list(card.selection() == null ? null : card.selection().reasons())));
        v.put("verdict_details", verdictDetails(card));
        v.put("leaderboard_table", leaderboardTable(in.leaderboard()));
        v.put("other_metrics", Decisions.otherMetrics(in.leaderboard()));
        v.put("metric", metric(in));
        boolean multiclass = in.reportData() != null && in.reportData().classes() != null;
        boolean regression = card.target() != null && "regression".equals(card.target().task());
        v.put("curves_title", multiclass ? "Held-out answers by class"
                : regression ? "Predicted against actual" : "ROC and calibration");
        v.put("curves", regression ? Decisions.regression(in.reportData()) : curves(in.reportData(), card.calibration()));
        v.put("decisions_title", regression ? "Error by decile of the prediction" : "Decision threshold");
        v.put("decisions", regression ? Decisions.deciles(in.reportData())
                : Decisions.thresholds(in.reportData(), card, multiclass));
        v.put("hyperparameters", Decisions.hyperparameters(card.selection()));
        v.put("limitations", Limitations.html(card, in.leaderboard()));
        v.put("model_description", in.modelDescription() == null ? "No model file: nothing deployable was chosen."
                : in.modelDescription());
        v.put("interval", interval(card.interval()));
        v.put("importance", importance(card.explanation()));
        v.put("examples", examples(in.reportData()));
        v.put("fairness", AuditSections.fairness(card.fairness()));
        v.put("data_profile", AuditSections.dataProfile(card.data(), in.reportData()));
        v.put("provenance", AuditSections.provenance(card));
        v.put("chart_data", ChartData.inlineJson(ChartData.of(in)));
        v.put("echarts", ChartLibrary.script());
        v.put("page_script", ChartLibrary.pageScript());
        return Template.resource("report.html").render(v);
    }

    /** The leaderboard's metric, else the card's, else nothing. */
    static String metric(ReportInputs in) {
        if (in.leaderboard() != null && in.leaderboard().metric() != null) {
            return in.leaderboard().metric();
        }
        Card.Evaluation evaluation = in.card().evaluation();
        return evaluation == null || evaluation.metric() == null ? "" : evaluation.metric();
    }

    /** The list, or an empty one when the file did not have it. */
    static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }

    /** The text, or an empty one when the file did not have it. */
    static String text(String text) {
        return text == null ? "" : text;
    }

    private static String verdictDetails(Card card) {
        StringBuilder sb = new StringBuilder();
        List<String> warnings = list(card.warnings());
        if (!warnings.isEmpty()) {
            sb.append("<h3>Warnings: how the models were fitted</h3>").append(Html.list(warnings));
        }
        List<String> ineligible = new ArrayList<>();
        if (card.selection() != null) {
            list(card.selection().ineligible()).forEach(x -> ineligible.add(x.model() + ": " + x.why()));
        }
        if (!ineligible.isEmpty()) {
            sb.append("<h3>Not eligible</h3>").append(Html.list(ineligible));
        }
        List<String> leaks = new ArrayList<>();
        list(card.leakageSuspects()).forEach(x -> leaks.add(x.column() + ": " + x.reason()
                + (x.dropped() ? " (dropped)" : " (kept)")));
        if (!leaks.isEmpty()) {
            sb.append("<h3>Suspected leaks</h3>").append(Html.list(leaks));
        }
        List<String> notes = list(card.notes());
        if (!notes.isEmpty()) {
            sb.append("<h3>Notes</h3>").append(Html.list(notes));
        }
        return sb.toString();
    }

    private static String leaderboardTable(Leaderboard leaderboard) {
        List<List<String>> rows = new ArrayList<>();
        for (Leaderboard.Candidate c : list(leaderboard == null ? null : leaderboard.candidates())) {
            rows.add(List.of(c.chosen() ? "✔ chosen" : "", String.valueOf(c.rung()), text(c.model()),
                    Double.isNaN(c.mean()) ? "failed" : Html.fixed(c.mean(), 3) + " ± " + Html.fixed(c.std(), 3),
                    fixed(c.brier()), fixed(c.ece()),
                    c.parameters() == null ? "—" : Html.number(c.parameters()),
                    c.eligible() ? Html.pValue(c.pValueVsBest()) : "ineligible", Html.number(c.fitMs()), Html.number(c.p99Us()),
                    c.eligible() ? "yes" : "no: " + c.whyNot()));
        }
        if (rows.isEmpty()) {
            return "<p class=\"empty\">No leaderboard.json in the folder.</p>";
        }
        return Html.table(List.of("", "rung", "model", "mean ± sd", "Brier", "ECE", "parameters", "p vs best", "fit ms",
                "p99 µs", "eligible"), rows, new boolean[] {false, true, false, true, true, true, true, true, true, true,
                    false}, "leaderboard");
    }

    /** A metric that may be absent (null) or undefined (NaN), three decimals: "—" for both. */
    static String fixed(Double value) {
        return Html.fixed(value == null ? Double.NaN : value, 3);
    }

    /** A number that may be absent (null) or undefined (NaN): "—" for both. */
    static String number(Double value) {
        return Html.number(value == null ? Double.NaN : value);
    }

    private static String curves(ReportData reportData, Card.Calibration calibration) {
        List<ReportData.Curve> curves = list(reportData == null ? null : reportData.curves());
        if (reportData != null && reportData.classes() != null) {
            return classes(reportData.classes());
        }
        if (curves.isEmpty()) {
            return "<p class=\"empty\">No curves: they are drawn for classification targets from the held-out scores"
                    + " in report-data.json.</p>";
        }
        List<String> lines = new ArrayList<>();
        for (ReportData.Curve c : curves) {
            lines.add(c.role() + ": " + c.model() + " (rung " + c.rung() + (c.eligible() ? "" : ", not eligible")
                    + "), held-out AUC " + Html.number(c.auc()));
        }
        return "<p class=\"note\">From held-out (out-of-fold) scores, every repeat pooled: the chosen model beside"
                + " the best complex one (rung 4 and up).</p>" + Html.list(lines) + "<div class=\"pair\">" + Html.chart("roc", 0, "ROC curves")
                + Html.chart("calibration", 0, "Calibration curves") + "</div>" + calibration(calibration);
    }

    /** A multiclass model's held-out confusion matrix (rows: the true class) and each class's AUC. */
    static String classes(ReportData.Classes classes) {
        List<String> levels = list(classes.levels());
        List<String> header = new ArrayList<>(List.of("true \\ called"));
        header.addAll(levels);
        header.add("held-out AUC (vs the rest)");
        boolean[] numeric = new boolean[header.size()];
        java.util.Arrays.fill(numeric, 1, numeric.length, true);
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < levels.size(); k++) {
            List<String> row = new ArrayList<>(List.of(levels.get(k)));
            for (int c = 0; c < levels.size(); c++) {
                row.add(String.valueOf(classes.confusion()[k][c]));
            }
            row.add(Html.number(classes.aucByClass()[k]));
            rows.add(row);
        }
        return "<p>" + Html.escape(text(classes.model())) + ": each row scored once by the fold model that did not see"
                + " it (first repeat); the most probable class is called. Held-out accuracy <b>"
                + Html.number(100 * classes.accuracy()) + "%</b>.</p>"
                + Html.table(header, rows, numeric, "confusion");
    }

    /** The card's calibration check of the chosen model: what was found, which calibrator (if any) was used, the rule. */
    private static String calibration(Card.Calibration calibration) {
        if (calibration == null) {
            return "";
        }
        String used = text(calibration.calibrator());
        List<List<String>> rows = new ArrayList<>();
        for (Card.CalibrationTrial t : list(calibration.compared())) {
            rows.add(List.of(text(t.calibrator()), number(t.brier()), number(t.ece()),
                    text(t.calibrator()).equals(used) ? "used" : ""));
        }
        StringBuilder sb = new StringBuilder("<h3>Calibration of the chosen model</h3><p><b>")
                .append(Html.escape(used.equals("none") ? "No calibrator" : "Calibrator: " + used))
                .append("</b>. ").append(Html.escape(text(calibration.summary()))).append(".</p>");
        if (!rows.isEmpty()) {
            sb.append(Html.table(List.of("calibrator", "held-out Brier", "held-out ECE", ""), rows,
                    new boolean[] {false, true, true, false}, "calibration-compared"));
        }
        return sb.append("<p class=\"note\">Rule: ").append(Html.escape(text(calibration.rule())))
                .append(". ").append(Html.escape(text(calibration.method()))).append(".</p>").toString();
    }

    /** The chosen regression model's prediction interval from the card, or nothing when it has none. */
    static String interval(Card.Interval interval) {
        if (interval == null || Double.isNaN(interval.halfWidth())) {
            return "";
        }
        String level = Html.number(100 * interval.level()) + "%";
        StringBuilder sb = new StringBuilder("<h3>").append(level).append(" prediction interval</h3><p>prediction ± <b>")
                .append(Html.number(interval.halfWidth())).append("</b>");
        Card.Coverage coverage = interval.outOfFoldCoverage();
        if (coverage != null && !Double.isNaN(coverage.mean())) {
            sb.append("; out-of-fold coverage <b>").append(Html.number(100 * coverage.mean()))
                    .append("%</b> (folds ").append(Html.number(100 * coverage.min())).append("–")
                    .append(Html.number(100 * coverage.max())).append("%, ")
                    .append(coverage.folds()).append(" folds, each fold's interval taken from the"
                            + " other folds of its repeat)");
        }
        sb.append(".</p><p class=\"note\">").append(Html.escape(text(interval.methodWords())))
                .append(". Guarantee: ").append(Html.escape(text(interval.guarantee()))).append(".</p>");
        return sb.toString();
    }

    private static String importance(Card.Explanation explanation) {
        Card.PermutationImportance importance = explanation == null ? null : explanation.permutationImportance();
        if (importance == null || list(importance.ranking()).isEmpty()) {
            return "<p class=\"empty\">No permutation importance in the card.</p>";
        }
        return "<p class=\"note\">" + Html.escape(text(importance.method())) + "; "
                + Html.escape(text(importance.on())) + ".</p>" + Html.chart("importance", 0,
                "Permutation importance");
    }

    private static String examples(ReportData reportData) {
        List<ReportData.Example> examples = list(reportData == null ? null : reportData.examples());
        if (examples.isEmpty()) {
            return "<p class=\"empty\">No example decisions (no deployable model).</p>";
        }
        StringBuilder sb = new StringBuilder("<div class=\"examples\">");
        for (ReportData.Example e : examples) {
            sb.append("<div class=\"example\"><h3>").append(Html.escape(e.label())).append("</h3><p>")
                    .append("row ").append(e.row()).append(": score <b>")
                    .append(Html.number(e.score())).append("</b>");
            if (e.decision() != null) {
                sb.append(", called <b>").append(Html.escape(e.decision())).append("</b>");
            }
            sb.append("</p>");
            List<String> raises = list(e.raises());
            List<String> lowers = list(e.lowers());
            sb.append("<h4>Raised the score</h4>").append(raises.isEmpty() ? "<p class=\"empty\">nothing</p>"
                    : Html.list(raises));
            sb.append("<h4>Lowered the score</h4>").append(lowers.isEmpty() ? "<p class=\"empty\">nothing</p>"
                    : Html.list(lowers));
            sb.append("</div>");
        }
        return sb.append("</div>").toString();
    }
}
