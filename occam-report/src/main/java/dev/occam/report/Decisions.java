package dev.occam.report;

import static dev.occam.report.ReportPage.list;
import static dev.occam.report.ReportPage.text;

import dev.occam.results.Card;
import dev.occam.results.Leaderboard;
import dev.occam.results.ReportData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's parts about decisions and errors: the fairness concern in the verdict banner, the other metrics
 * beside the selection metric, the threshold table and confusion matrix of a two-class model, a regression model's
 * held-out diagnostics, and the chosen model's hyperparameters.
 */
final class Decisions {

    private Decisions() {
    }

    /**
     * Each audited attribute whose selection-rate ratio is below the bound (the use case's, else the four-fifths
     * rule), as a sentence for the verdict banner: a success bar met must not read as a pass of the audit.
     */
    static List<String> fairnessConcerns(Card card) {
        List<String> out = new ArrayList<>();
        Card.Fairness fairness = card.fairness();
        if (fairness == null || fairness.chosen() == null) {
            return out;
        }
        double bound = fairness.minSelectionRateRatio() != null ? fairness.minSelectionRateRatio()
                : ChartData.FOUR_FIFTHS;
        String rule = fairness.minSelectionRateRatio() != null ? "the use case's bound" : "the four-fifths rule";
        for (Card.AttributeAudit a : list(fairness.chosen().attributes())) {
            if (!Double.isNaN(a.selectionRateRatio()) && a.selectionRateRatio() < bound) {
                out.add("Fairness: the selection-rate ratio by " + a.attribute() + " is "
                        + Html.fixed(a.selectionRateRatio(), 2) + " (" + text(a.lowestGroup()) + " vs "
                        + text(a.highestGroup()) + "), below " + rule + " (" + Html.fixed(bound, 2)
                        + "): adverse impact is indicated; see the fairness audit.");
            }
        }
        return out;
    }

    /** The task's other metrics per candidate, mean ± sd over the folds; nothing when the leaderboard has none. */
    static String otherMetrics(Leaderboard leaderboard) {
        List<String> keys = new ArrayList<>();
        for (Leaderboard.Candidate c : list(leaderboard == null ? null : leaderboard.candidates())) {
            if (c.metrics() != null) {
                c.metrics().keySet().stream().filter(k -> !keys.contains(k) && !k.equals("threshold"))
                        .forEach(keys::add);
            }
        }
        if (keys.isEmpty()) {
            return "";
        }
        if (keys.remove("expected_cost")) {
            keys.add(0, "expected_cost");
        }
        List<String> header = new ArrayList<>(List.of("rung", "model"));
        keys.forEach(k -> header.add(k.equals("expected_cost") ? "cost per row" : k));
        List<List<String>> rows = new ArrayList<>();
        for (Leaderboard.Candidate c : leaderboard.candidates()) {
            if (c.metrics() == null || c.metrics().isEmpty()) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(String.valueOf(c.rung()), text(c.model())));
            for (String k : keys) {
                Leaderboard.Summary m = c.metrics().get(k);
                row.add(m == null ? "—" : Html.fixed(m.mean(), 3) + " ± " + Html.fixed(m.std(), 3));
            }
            rows.add(row);
        }
        boolean[] numeric = new boolean[header.size()];
        java.util.Arrays.fill(numeric, 2, numeric.length, true);
        numeric[0] = true;
        return "<h3>Other metrics</h3><p class=\"note\">The same held-out scores measured every other way, mean ± sd"
                + " over the folds; accuracy and F1 at each fold's decision threshold"
                + (keys.contains("expected_cost") ? ", and the expected cost per row at the threshold the costs chose"
                        + " for each fold on the other folds" : "")
                + ". They inform; the selection metric chooses.</p>" + Html.table(header, rows, numeric, "other-metrics");
    }

    /** The threshold table and the confusion matrix of a two-class model. */
    static String thresholds(ReportData reportData, Card card, boolean multiclass) {
        if (multiclass) {
            return "<p class=\"empty\">Three or more classes: the most probable class is called, so there is no"
                    + " threshold to choose; the held-out confusion matrix is under the curves.</p>";
        }
        ReportData.Decisions d = reportData == null ? null : reportData.decisions();
        if (d == null) {
            return "<p class=\"empty\">No decision table: no deployable two-class model was chosen.</p>";
        }
        StringBuilder sb = new StringBuilder("<p>").append(Html.escape(text(d.model()))).append(" calls a row ")
                .append(Html.escape(card.target() == null ? "positive" : text(card.target().positive())))
                .append(" when its probability is at least <b>").append(Html.fixed(d.threshold(), 3)).append("</b>, ");
        switch (text(d.chosenBy())) {
            case "costs" -> sb.append("the threshold that minimises the expected cost (a false positive costs ")
                    .append(Html.number(d.costFalsePositive())).append(", a false negative ")
                    .append(Html.number(d.costFalseNegative()))
                    .append(") on every out-of-fold score. <code>occam predict --threshold P</code> overrides it.");
            case "use case" -> sb.append("the use case's threshold.");
            default -> sb.append("the threshold that calls positive the share of training rows that are positive"
                    + " (give costs in the use case to choose it by what mistakes cost).");
        }
        sb.append("</p>");
        boolean costs = d.costFalsePositive() != null;
        List<String> header = new ArrayList<>(List.of("threshold", "precision", "recall", "approval rate"));
        if (costs) {
            header.add("cost per row");
        }
        header.add("");
        List<List<String>> rows = new ArrayList<>();
        for (ReportData.ThresholdRow r : list(d.table())) {
            List<String> row = new ArrayList<>(List.of(Html.fixed(r.threshold(), 3), Html.fixed(r.precision(), 3),
                    Html.fixed(r.recall(), 3), Html.percent(r.approvalRate())));
            if (costs) {
                row.add(Html.fixed(r.costPerRow() == null ? Double.NaN : r.costPerRow(), 3));
            }
            row.add(r.chosen() ? "◀ chosen" : "");
            rows.add(row);
        }
        boolean[] numeric = new boolean[header.size()];
        java.util.Arrays.fill(numeric, 0, numeric.length - 1, true);
        sb.append("<p class=\"note\">What each threshold does to the chosen model's held-out scores (every repeat"
                + " pooled, on the model's own scale): precision and recall of the ")
                .append(Html.escape(card.target() == null ? "positive" : text(card.target().positive())))
                .append(" calls, and the approval rate, the share of rows not called ")
                .append(Html.escape(card.target() == null ? "positive" : text(card.target().positive())))
                .append(". Read off the chosen row, these are slightly optimistic: the threshold was chosen on the"
                        + " same scores (the leaderboard's cost per row is the honest estimate).</p>")
                .append(Html.table(header, rows, numeric, "thresholds"));
        Card.ConfusionMatrix m = card.confusionMatrix();
        if (m != null && list(m.classes()).size() == 2) {
            List<String> classes = m.classes();
            List<List<String>> cm = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                cm.add(List.of(classes.get(t), Html.number(m.counts()[t][0]), Html.number(m.counts()[t][1]),
                        Html.percent(m.classAccuracy().get(t).accuracy())));
            }
            sb.append("<h3>Confusion matrix</h3><p class=\"note\">").append(Html.escape(text(m.model()))).append(": ")
                    .append(Html.escape(text(m.about()))).append(".</p>")
                    .append(Html.table(List.of("true \\ called", classes.get(0), classes.get(1), "called right"), cm,
                            new boolean[] {false, true, true, true}, "confusion"));
        }
        return sb.toString();
    }

    /** A regression model's held-out predicted-against-actual and residual charts. */
    static String regression(ReportData reportData) {
        ReportData.Regression r = reportData == null ? null : reportData.regression();
        if (r == null) {
            return "<p class=\"empty\">No held-out diagnostics: no model was chosen, or the folds do not validate every"
                    + " row.</p>";
        }
        return "<p class=\"note\">" + Html.escape(text(r.model())) + ", each row predicted once by the fold model that"
                + " did not see it (first repeat). Points on the diagonal are exact; a fan or a curve in the residuals"
                + " says the error depends on the size of the prediction.</p><div class=\"pair\">"
                + Html.chart("predicted", 0, "Predicted against actual")
                + Html.chart("residuals", 0, "Residuals") + "</div>";
    }

    /** The error in each tenth of the rows by predicted value. */
    static String deciles(ReportData reportData) {
        ReportData.Regression r = reportData == null ? null : reportData.regression();
        if (r == null || list(r.deciles()).isEmpty()) {
            return "<p class=\"empty\">No error by decile: no held-out predictions.</p>";
        }
        List<List<String>> rows = new ArrayList<>();
        for (ReportData.DecileError d : r.deciles()) {
            rows.add(List.of(String.valueOf(d.decile()), Html.number(d.rows()),
                    Html.number(d.predictedLow()) + " – " + Html.number(d.predictedHigh()), Html.number(d.meanPredicted()),
                    Html.number(d.meanActual()), Html.number(d.mae()), Html.number(d.rmse())));
        }
        return "<p class=\"note\">The held-out rows in ten equal groups by predicted value: a mean actual far from the"
                + " mean predicted is a bias in that range; a larger MAE there, less precision.</p>"
                + Html.table(List.of("decile", "rows", "predicted", "mean predicted", "mean actual", "MAE", "RMSE"), rows,
                        new boolean[] {true, true, true, true, true, true, true}, "deciles");
    }

    /** Every hyperparameter of the chosen model's learner, as it ran. */
    static String hyperparameters(Card.Selection selection) {
        Map<String, Object> h = selection == null || selection.hyperparameters() == null ? Map.of()
                : new LinkedHashMap<>(selection.hyperparameters());
        if (h.isEmpty()) {
            return "";
        }
        List<List<String>> rows = new ArrayList<>();
        h.forEach((k, value) -> rows.add(List.of(k, String.valueOf(value))));
        return "<h3>Hyperparameters</h3><p class=\"note\">Every option of " + Html.escape(text(selection.chosen()))
                + "'s learner as it ran: the use case's, and the defaults of the rest.</p>"
                + Html.table(List.of("option", "value"), rows, new boolean[] {false, false}, "hyperparameters");
    }
}
