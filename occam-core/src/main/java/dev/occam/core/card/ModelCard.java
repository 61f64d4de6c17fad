package dev.occam.core.card;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.core.data.DataException;
import dev.occam.core.data.DataFingerprint;
import dev.occam.core.data.DataSource;
import dev.occam.core.fairness.FairnessAudit;
import dev.occam.core.fairness.ProxyCheck;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.usecase.Fairness;
import dev.occam.core.usecase.UseCase;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.PredictionInterval;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model card: the provenance of a fitted model in one JSON document. The use case as read, the
 * data's fingerprint and schema, how the candidates were evaluated, what was chosen and why, and
 * whether the success bar is met. The report and the server only render it.
 */
public final class ModelCard {

    public static final String FORMAT = "occam-card/1";

    /** The four-fifths rule's ratio (29 CFR 1607.4(D)), the reference when the use case sets no bound. */
    static final double FOUR_FIFTHS = 0.8;

    private ModelCard() {
    }

    public static ObjectNode build(FitResult result, DataSource source, Frame table, Frame features) {
        LeaderboardEntry chosen = result.chosenEntry();
        UseCase uc = result.useCase();
        ObjectNode card = JsonNodeFactory.instance.objectNode();
        card.put("format", FORMAT);
        card.put("name", uc.name());
        card.put("question", uc.question());
        card.set("use_case", useCaseJson(uc));

        ObjectNode data = card.putObject("data");
        if (source.path() != null) {
            data.put("path", source.path().toString());
        }
        if (source.sql() != null) {
            data.put("sql", source.sql());
        }
        if (source.jdbc() != null) {
            data.put("jdbc", redactCredentials(source.jdbc()));
        }
        data.put("fingerprint", fingerprintOrNull(source, table));
        data.put("rows", result.rowsRead());
        data.put("rows_dropped", result.rowsDropped());
        data.put("rows_used", result.target().size());
        ArrayNode columns = data.putArray("columns");
        for (Column c : table.columns()) {
            ObjectNode col = columns.addObject();
            col.put("name", c.name());
            col.put("type", c instanceof NumericColumn ? "numeric" : "categorical");
            col.put("missing", c.missingCount());
            if (c instanceof CategoricalColumn cc) {
                col.put("levels", cc.levels().size());
            }
            String role = c.name().equals(uc.target()) ? "target"
                    : features.hasColumn(c.name()) ? "feature" : "set aside: " + result.setAside().get(c.name());
            col.put("role", role);
        }

        ObjectNode target = card.putObject("target");
        target.put("name", result.target().info().name());
        target.put("task", result.target().info().task().name().toLowerCase(Locale.ROOT));
        if (result.target().isClassification()) {
            target.put("positive", result.target().info().positive());
            target.put("negative", result.target().info().negative());
            target.put("positive_share", result.target().mean());
        } else if (result.target().isMulticlass()) {
            ArrayNode levels = target.putArray("levels");
            result.target().info().levels().forEach(levels::add);
            ArrayNode shares = target.putArray("class_shares");
            for (double share : result.target().classShares()) {
                shares.add(share);
            }
        } else {
            target.put("mean", result.target().mean());
        }

        ObjectNode evaluation = card.putObject("evaluation");
        evaluation.put("method", result.splitter().describe(result.target().info().task().isCategorical())
                + "; preparation refitted inside every fold");
        evaluation.put("folds", result.splitter().k());
        evaluation.put("repeats", result.splitter().repeats());
        evaluation.put("seed", uc.selection().seed());
        evaluation.put("metric", result.metric().key());
        if (result.target().isClassification()) {
            evaluation.put("calibration_metrics", "brier and ece of each candidate's held-out scores, repeats pooled;"
                    + " ece in " + dev.occam.core.evaluate.Reliability.ECE_BANDS + " equal-width bands (Naeini, Cooper"
                    + " & Hauskrecht 2015; Guo et al. 2017)");
        }
        ArrayNode candidates = evaluation.putArray("candidates");
        for (LeaderboardEntry e : result.entries()) {
            ObjectNode c = candidates.addObject();
            c.put("model", e.family());
            c.put("rung", e.rung());
            putNumber(c, "mean", e.evaluation().mean());
            putNumber(c, "std", e.evaluation().standardDeviation());
            var reliability = result.reliability(e);
            if (reliability != null) {
                putNumber(c, "brier", reliability.brier());
                putNumber(c, "ece", reliability.ece());
            }
            c.put("parameters", e.parameters());
            if (e.whyNotEligible() != null) {
                c.put("why_not_eligible", e.whyNotEligible());
            }
            if (e.versusBest() != null) {
                putNumber(c, "p_value_vs_best", e.versusBest().pValue());
            }
        }

        ObjectNode selection = card.putObject("selection");
        var verdict = result.verdict();
        selection.put("rule", verdict.rule().key());
        selection.put("alpha", verdict.alpha());
        selection.put("test", result.splitter().comparison() + "; each comparison with the best eligible model at"
                + " alpha on its own");
        if (chosen != null) {
            selection.put("chosen", chosen.family());
            selection.put("rung", chosen.rung());
            if (result.model() != null) {
                selection.put("threshold", result.model().threshold());
            }
        } else {
            selection.putNull("chosen");
        }
        if (verdict.best() != null) {
            selection.put("best", verdict.best().family());
        }
        ArrayNode reasons = selection.putArray("reasons");
        verdict.reasons().forEach(reasons::add);
        ArrayNode climbs = selection.putArray("price_of_climbing");
        for (var climb : verdict.climbs()) {
            ObjectNode c = climbs.addObject();
            c.put("model", climb.family());
            c.put("rung", climb.rung());
            putNumber(c, "metric_gain", climb.gain().meanDifference());
            putNumber(c, "gain_low", climb.gain().low());
            putNumber(c, "gain_high", climb.gain().high());
            putNumber(c, "p_value", climb.gain().pValue());
            putNumber(c, "parameter_ratio", climb.parameterRatio());
            putNumber(c, "fit_time_ratio", climb.fitTimeRatio());
            putNumber(c, "latency_ratio", climb.latencyRatio());
        }
        ArrayNode excluded = selection.putArray("ineligible");
        for (LeaderboardEntry e : result.entries()) {
            if (!e.eligible()) {
                ObjectNode x = excluded.addObject();
                x.put("model", e.family());
                x.put("why", e.whyNotEligible());
            }
        }

        ArrayNode suspects = card.putArray("leakage_suspects");
        for (var s : result.suspects()) {
            ObjectNode x = suspects.addObject();
            x.put("column", s.column());
            x.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
            x.put("reason", s.reason());
            x.put("dropped", result.setAside().containsKey(s.column()));
        }

        if (!result.fairness().isEmpty()) {
            card.set("fairness", fairnessJson(result));
        }
        if (result.explanation() != null) {
            card.set("explanation", result.explanation().toJson());
        }
        if (result.model() != null && result.model().interval() != null) {
            card.set("interval", intervalJson(result.model().interval()));
        }
        if (result.calibration() != null) {
            card.set("calibration", result.calibration().toJson());
        }
        if (result.target().isMulticlass() && result.verdict().chosen() != null
                && result.verdict().chosen().evaluation().heldOut() != null
                && result.verdict().chosen().evaluation().heldOut().classProbabilities() != null) {
            card.set("confusion_matrix", confusionJson(result));
        }

        ObjectNode success = card.putObject("success");
        success.put("metric", uc.success().metric().key());
        success.put(uc.success().atLeast() ? "at_least" : "at_most", uc.success().bound());
        if (chosen != null) {
            success.put("value", chosen.evaluation().mean());
        } else {
            success.putNull("value");
        }
        success.put("met", result.successMet());
        success.put("verdict", result.successSentence());

        ArrayNode notes = card.putArray("notes");
        result.notes().forEach(notes::add);
        ArrayNode warnings = card.putArray("warnings");
        result.warnings().forEach(warnings::add);

        ObjectNode versions = card.putObject("versions");
        versions.put("occam", Versions.occam());
        versions.put("model_format", ModelFile.FORMAT);
        versions.put("java", System.getProperty("java.version"));
        return card;
    }

    /**
     * The chosen model's fairness audit on held-out predictions (threshold, per attribute the groups with
     * their rates, the ratio and the equal-opportunity difference with their intervals, the verdict), the
     * ratio of every audited candidate, and the proxy ranking.
     */
    static ObjectNode fairnessJson(FitResult result) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        Double bound = result.useCase().fairness().minSelectionRateRatio();
        node.put("method", "held-out (out-of-fold) decisions; selection-rate ratio = lowest group favourable rate /"
                + " highest (four-fifths rule, 29 CFR 1607.4(D)); equal-opportunity difference = highest minus lowest"
                + " share of rows with the favourable actual outcome given the favourable decision (Hardt, Price &"
                + " Srebro 2016); 95% percentile bootstrap intervals, rows resampled within groups; groups under "
                + FairnessAudit.Options.MIN_GROUP_ROWS + " rows not compared; a number with at most "
                + FairnessAudit.MAX_VALUE_GROUPS + " distinct values grouped by value, any other in quartile bands cut"
                + " between distinct values");
        if (bound != null) {
            node.put("min_selection_rate_ratio", bound);
        } else {
            node.putNull("min_selection_rate_ratio");
        }
        FairnessAudit audit = result.chosenAudit();
        if (audit != null) {
            ObjectNode chosen = node.putObject("chosen");
            chosen.put("model", result.chosenEntry().family());
            chosen.put("favourable_decision", "called " + (audit.favourable() == Fairness.Favourable.NEGATIVE
                    ? audit.negative() : audit.positive()));
            putNumber(chosen, "threshold", audit.threshold());
            putNumber(chosen, "threshold_low", audit.thresholdLow());
            putNumber(chosen, "threshold_high", audit.thresholdHigh());
            chosen.put("decisions_per_row", audit.repeats());
            ArrayNode attributes = chosen.putArray("attributes");
            for (FairnessAudit.AttributeAudit a : audit.attributes()) {
                ObjectNode x = attributes.addObject();
                x.put("attribute", a.attribute());
                x.put("groups_are", a.grouping().words());
                putNumber(x, "selection_rate_ratio", a.selectionRateRatio());
                putNumber(x, "ratio_low", a.ratioInterval().low());
                putNumber(x, "ratio_high", a.ratioInterval().high());
                x.put("lowest_group", a.lowestGroup());
                x.put("highest_group", a.highestGroup());
                putNumber(x, "equal_opportunity_difference", a.equalOpportunityDifference());
                putNumber(x, "equal_opportunity_low", a.opportunityInterval().low());
                putNumber(x, "equal_opportunity_high", a.opportunityInterval().high());
                x.put("verdict", Double.isNaN(a.selectionRateRatio()) ? "not measurable"
                        : bound != null ? (a.meets(bound) ? "met" : "not met")
                        : a.meets(FOUR_FIFTHS) ? "no bound set; four-fifths rule met"
                        : "no bound set; below the four-fifths rule (adverse impact indicated)");
                ArrayNode groups = x.putArray("groups");
                for (FairnessAudit.GroupRates g : a.groups()) {
                    ObjectNode gr = groups.addObject();
                    gr.put("group", g.group());
                    gr.put("rows", g.rows());
                    gr.put("compared", !g.small());
                    putNumber(gr, "positive_call_rate", g.positiveCallRate());
                    putNumber(gr, "favourable_rate", g.favourableRate());
                    putNumber(gr, "true_positive_rate", g.truePositiveRate());
                    putNumber(gr, "false_positive_rate", g.falsePositiveRate());
                    putNumber(gr, "opportunity_rate", g.opportunityRate());
                    putNumber(gr, "mean_score", g.meanScore());
                    putNumber(gr, "observed_positive_rate", g.observedRate());
                    ArrayNode calibration = gr.putArray("calibration");
                    for (FairnessAudit.CalibrationBand b : g.calibration()) {
                        ObjectNode cb = calibration.addObject();
                        cb.put("score_band", b.band());
                        cb.put("predictions", b.predictions());
                        putNumber(cb, "mean_score", b.meanScore());
                        putNumber(cb, "observed_positive_rate", b.observedRate());
                    }
                }
                ArrayNode notes = x.putArray("notes");
                a.notes().forEach(notes::add);
                if (!a.measurable()) {
                    x.put("not_measurable", a.notMeasurable());
                }
            }
        }
        ArrayNode candidates = node.putArray("candidates");
        for (Map.Entry<String, FairnessAudit> e : result.fairness().audits().entrySet()) {
            ObjectNode c = candidates.addObject();
            c.put("model", e.getKey());
            for (FairnessAudit.AttributeAudit a : e.getValue().attributes()) {
                putNumber(c, a.attribute(), a.selectionRateRatio());
            }
        }
        ArrayNode proxies = node.putArray("proxies");
        for (ProxyCheck.Ranking ranking : result.fairness().proxies()) {
            ObjectNode x = proxies.addObject();
            x.put("attribute", ranking.attribute());
            x.put("measure", ranking.measure());
            ArrayNode features = x.putArray("features");
            for (ProxyCheck.Proxy p : ranking.proxies()) {
                ObjectNode f = features.addObject();
                f.put("feature", p.feature());
                putNumber(f, "score", p.score());
                if (p.level() != null) {
                    f.put("level", p.level());
                }
                f.put("strong", p.strong());
            }
        }
        ArrayNode notes = node.putArray("notes");
        result.fairness().notes().forEach(notes::add);
        ArrayNode warnings = node.putArray("warnings");
        result.fairness().warnings().forEach(warnings::add);
        return node;
    }

    /**
     * The chosen regression model's prediction interval: level, half width, method (key and words), how many
     * residuals, its out-of-fold coverage, and what the method does not promise.
     */
    static ObjectNode intervalJson(PredictionInterval interval) {
        ObjectNode node = interval.toJson();
        node.put("method_words", interval.methodWords() + "; interval = refitted model's prediction ± half width"
                + " (Barber, Candès, Ramdas & Tibshirani 2021, Annals of Statistics 49)");
        node.put("guarantee", "none in finite samples (CV+ would guarantee 1 − 2α but needs the fold models);"
                + " coverage is marginal, over rows like the training rows, one width for every row");
        return node;
    }

    /** The data's fingerprint; null if the file vanished since it was read (the card still gets written). */
    private static String fingerprintOrNull(DataSource source, Frame table) {
        try {
            return DataFingerprint.of(source, table);
        } catch (DataException e) {
            return null;
        }
    }

    /** Keeps passwords in a JDBC URL out of the card. */
    static String redactCredentials(String jdbc) {
        return jdbc.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/:@]+):([^@/]+)@", "//$1:***@");
    }

    /**
     * The chosen candidate's held-out calls against the true classes, every repeat pooled (each row counted once
     * per repeat), with each class's share called right (its recall).
     */
    static ObjectNode confusionJson(FitResult result) {
        var heldOut = result.verdict().chosen().evaluation().heldOut();
        List<String> levels = result.target().info().levels();
        int k = levels.size();
        long[][] counts = new long[k][k];
        double[] truth = result.target().values();
        for (int r = 0; r < heldOut.repeats(); r++) {
            for (int i = 0; i < heldOut.rows(); i++) {
                int called = dev.occam.runtime.scorer.MulticlassScorer.argmax(heldOut.classProbabilities(r, i));
                counts[(int) truth[i]][called]++;
            }
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("model", result.verdict().chosen().family());
        node.put("about", "held-out calls (the most probable class) of every repeat pooled; rows: true class,"
                + " columns: called class");
        ArrayNode names = node.putArray("classes");
        levels.forEach(names::add);
        ArrayNode rows = node.putArray("counts");
        ArrayNode recall = node.putArray("class_accuracy");
        for (int t = 0; t < k; t++) {
            ArrayNode row = rows.addArray();
            long total = 0;
            for (int c = 0; c < k; c++) {
                row.add(counts[t][c]);
                total += counts[t][c];
            }
            ObjectNode x = recall.addObject();
            x.put("class", levels.get(t));
            putNumber(x, "accuracy", total == 0 ? Double.NaN : (double) counts[t][t] / total);
        }
        return node;
    }

    private static ObjectNode useCaseJson(UseCase uc) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("file", uc.file().getFileName().toString());
        node.put("target", uc.target());
        if (uc.task() != null) {
            node.put("task", uc.task().name().toLowerCase(Locale.ROOT));
        }
        if (uc.positive() != null) {
            node.put("positive", uc.positive());
        }
        if (uc.threshold() != null) {
            node.put("threshold", uc.threshold());
        }
        if (uc.interval() != null) {
            node.put("interval", uc.interval());
        }
        if (uc.currentRule() != null) {
            node.put("current_rule", uc.currentRule());
        }
        ObjectNode constraints = node.putObject("constraints");
        if (uc.constraints().maxLatencyUs() != null) {
            constraints.put("max_latency_us", uc.constraints().maxLatencyUs());
        }
        if (uc.constraints().maxParameters() != null) {
            constraints.put("max_parameters", uc.constraints().maxParameters());
        }
        constraints.put("interpretable", uc.constraints().interpretable());
        ObjectNode monotone = constraints.putObject("monotone");
        for (Map.Entry<String, ?> e : uc.constraints().monotone().entrySet()) {
            monotone.put(e.getKey(), e.getValue().toString().toLowerCase(Locale.ROOT));
        }
        ObjectNode fairness = node.putObject("fairness");
        ArrayNode prot = fairness.putArray("protected");
        uc.fairness().protectedAttributes().forEach(prot::add);
        if (uc.fairness().minSelectionRateRatio() != null) {
            fairness.put("min_selection_rate_ratio", uc.fairness().minSelectionRateRatio());
        }
        fairness.put("use_protected", uc.fairness().useProtected());
        fairness.put("favourable", uc.fairness().favourable().key());
        ArrayNode stakeholders = node.putArray("stakeholders");
        uc.stakeholders().forEach(stakeholders::add);
        if (uc.operation() != null) {
            node.put("operation", uc.operation());
        }
        return node;
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
