package dev.occam.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code card.json}: the provenance of a fitted model in one document. The use case as read, the data's
 * fingerprint and schema, how the candidates were evaluated, what was chosen and why, the fairness audit, the
 * explanation, and whether the success bar is met. Built by core's {@code ModelCard}; the report renders it.
 * Optional sections ({@code fairness}, {@code explanation}, {@code interval}, {@code calibration}) are left out
 * when there is nothing to say.
 */
public record Card(
        String format,
        String name,
        String question,
        @JsonProperty("use_case") UseCase useCase,
        Data data,
        Target target,
        Evaluation evaluation,
        Selection selection,
        @JsonProperty("leakage_suspects") List<LeakageSuspect> leakageSuspects,
        @JsonInclude(Include.NON_NULL) Fairness fairness,
        @JsonInclude(Include.NON_NULL) Explanation explanation,
        @JsonInclude(Include.NON_NULL) Interval interval,
        @JsonInclude(Include.NON_NULL) Calibration calibration,
        @JsonInclude(Include.NON_NULL) @JsonProperty("confusion_matrix") ConfusionMatrix confusionMatrix,
        Success success,
        List<String> notes,
        List<String> warnings,
        Versions versions,
        @JsonInclude(Include.NON_NULL) @JsonProperty("model_sha256") String modelSha256) {

    public static final String FORMAT = "occam-card/1";

    /** This card with the SHA-256 (hex) of the bytes of the {@code model.json} it describes. */
    public Card withModelSha256(String sha256) {
        return new Card(format, name, question, useCase, data, target, evaluation, selection, leakageSuspects,
                fairness, explanation, interval, calibration, confusionMatrix, success, notes, warnings, versions,
                sha256);
    }

    /** The use case as read (only what was set; defaults are in the other sections). */
    public record UseCase(
            String file,
            String target,
            @JsonInclude(Include.NON_NULL) String task,
            @JsonInclude(Include.NON_NULL) String positive,
            @JsonInclude(Include.NON_NULL) Double threshold,
            @JsonInclude(Include.NON_NULL) Double interval,
            @JsonInclude(Include.NON_NULL) @JsonProperty("current_rule") String currentRule,
            Constraints constraints,
            FairnessSpec fairness,
            List<String> stakeholders,
            @JsonInclude(Include.NON_NULL) String operation,
            @JsonInclude(Include.NON_NULL) Map<String, Double> costs) {

        /** The use case as read by a fit without costs. */
        public UseCase(String file, String target, String task, String positive, Double threshold, Double interval,
                String currentRule, Constraints constraints, FairnessSpec fairness, List<String> stakeholders,
                String operation) {
            this(file, target, task, positive, threshold, interval, currentRule, constraints, fairness, stakeholders,
                    operation, null);
        }
    }

    /** {@code monotone}: feature to direction ("increasing", "decreasing"). */
    public record Constraints(
            @JsonInclude(Include.NON_NULL) @JsonProperty("max_latency_us") Double maxLatencyUs,
            @JsonInclude(Include.NON_NULL) @JsonProperty("max_parameters") Long maxParameters,
            boolean interpretable,
            Map<String, String> monotone) {
    }

    public record FairnessSpec(
            @JsonProperty("protected") List<String> protectedAttributes,
            @JsonInclude(Include.NON_NULL) @JsonProperty("min_selection_rate_ratio") Double minSelectionRateRatio,
            @JsonProperty("use_protected") boolean useProtected,
            String favourable) {
    }

    /** Where the rows came from (one of path, sql, jdbc with its password redacted) and every column read. */
    public record Data(
            @JsonInclude(Include.NON_NULL) String path,
            @JsonInclude(Include.NON_NULL) String sql,
            @JsonInclude(Include.NON_NULL) String jdbc,
            String fingerprint,
            long rows,
            @JsonProperty("rows_dropped") long rowsDropped,
            @JsonProperty("rows_used") long rowsUsed,
            List<Column> columns) {
    }

    /** One column: type "numeric" or "categorical", levels for a category, role "target", "feature" or "set aside: why". */
    public record Column(
            String name,
            String type,
            long missing,
            @JsonInclude(Include.NON_NULL) Integer levels,
            String role) {
    }

    /** Classification: positive, negative and the positive share; regression: the mean. */
    public record Target(
            String name,
            String task,
            @JsonInclude(Include.NON_NULL) String positive,
            @JsonInclude(Include.NON_NULL) String negative,
            @JsonInclude(Include.NON_NULL) @JsonProperty("positive_share") Double positiveShare,
            @JsonInclude(Include.NON_NULL) Double mean,
            @JsonInclude(Include.NON_NULL) List<String> levels,
            @JsonInclude(Include.NON_NULL) @JsonProperty("class_shares") double[] classShares) {
    }

    /** Multiclass: the chosen model's held-out calls (rows: true class, columns: called class). */
    public record ConfusionMatrix(
            String model,
            String about,
            List<String> classes,
            long[][] counts,
            @JsonProperty("class_accuracy") List<ClassAccuracy> classAccuracy) {
    }

    /** The share of a class's rows called as that class (its recall). */
    public record ClassAccuracy(@JsonProperty("class") String name, @FiniteOrNull double accuracy) {
    }

    public record Evaluation(
            String method,
            int folds,
            int repeats,
            long seed,
            String metric,
            @JsonInclude(Include.NON_NULL) @JsonProperty("calibration_metrics") String calibrationMetrics,
            List<EvaluatedCandidate> candidates) {
    }

    /** A candidate's cross-validated mean and sd; brier and ece for classifiers with held-out scores. */
    public record EvaluatedCandidate(
            String model,
            @JsonInclude(Include.NON_NULL) String learner,
            @JsonInclude(Include.NON_EMPTY) java.util.Map<String, Object> options,
            int rung,
            @FiniteOrNull double mean,
            @FiniteOrNull double std,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull Double brier,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull Double ece,
            long parameters,
            @JsonInclude(Include.NON_NULL) @JsonProperty("why_not_eligible") String whyNotEligible,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull @JsonProperty("p_value_vs_best") Double pValueVsBest) {
    }

    /** The choice: chosen is null when nothing was; rung and threshold only with a choice. */
    public record Selection(
            String rule,
            double alpha,
            String test,
            String chosen,
            @JsonInclude(Include.NON_NULL) Integer rung,
            @JsonInclude(Include.NON_NULL) Double threshold,
            @JsonInclude(Include.NON_NULL) String best,
            List<String> reasons,
            @JsonProperty("price_of_climbing") List<Climb> priceOfClimbing,
            List<Ineligible> ineligible,
            @JsonInclude(Include.NON_EMPTY) Map<String, Object> hyperparameters) {

        /** The selection without the chosen model's hyperparameters (cards written before they were recorded). */
        public Selection(String rule, double alpha, String test, String chosen, Integer rung, Double threshold,
                String best, List<String> reasons, List<Climb> priceOfClimbing, List<Ineligible> ineligible) {
            this(rule, alpha, test, chosen, rung, threshold, best, reasons, priceOfClimbing, ineligible, null);
        }
    }

    /** What a step up the ladder buys (metric gain with its interval) and costs (ratios of size and time). */
    public record Climb(
            String model,
            int rung,
            @FiniteOrNull @JsonProperty("metric_gain") double metricGain,
            @FiniteOrNull @JsonProperty("gain_low") double gainLow,
            @FiniteOrNull @JsonProperty("gain_high") double gainHigh,
            @FiniteOrNull @JsonProperty("p_value") double pValue,
            @FiniteOrNull @JsonProperty("parameter_ratio") double parameterRatio,
            @FiniteOrNull @JsonProperty("fit_time_ratio") double fitTimeRatio,
            @FiniteOrNull @JsonProperty("latency_ratio") double latencyRatio) {
    }

    public record Ineligible(String model, String why) {
    }

    /** A column suspected of leaking the outcome; kind as LeakageCheck names it, dropped when data.drop_leaks. */
    public record LeakageSuspect(String column, String kind, String reason, boolean dropped) {
    }

    /**
     * The fairness audit: the chosen model's (absent when nothing audited was chosen), each audited
     * candidate's selection-rate ratios ({@code candidates}: "model" and one entry per attribute, keyed by the
     * attribute's name, null when not measurable), and the proxy ranking.
     */
    public record Fairness(
            String method,
            @JsonProperty("min_selection_rate_ratio") Double minSelectionRateRatio,
            @JsonInclude(Include.NON_NULL) FairnessChosen chosen,
            List<Map<String, Object>> candidates,
            List<ProxyRanking> proxies,
            List<String> notes,
            List<String> warnings) {
    }

    public record FairnessChosen(
            String model,
            @JsonProperty("favourable_decision") String favourableDecision,
            @FiniteOrNull double threshold,
            @FiniteOrNull @JsonProperty("threshold_low") double thresholdLow,
            @FiniteOrNull @JsonProperty("threshold_high") double thresholdHigh,
            @JsonProperty("decisions_per_row") int decisionsPerRow,
            List<AttributeAudit> attributes) {
    }

    public record AttributeAudit(
            String attribute,
            @JsonProperty("groups_are") String groupsAre,
            @FiniteOrNull @JsonProperty("selection_rate_ratio") double selectionRateRatio,
            @FiniteOrNull @JsonProperty("ratio_low") double ratioLow,
            @FiniteOrNull @JsonProperty("ratio_high") double ratioHigh,
            @JsonProperty("lowest_group") String lowestGroup,
            @JsonProperty("highest_group") String highestGroup,
            @FiniteOrNull @JsonProperty("equal_opportunity_difference") double equalOpportunityDifference,
            @FiniteOrNull @JsonProperty("equal_opportunity_low") double equalOpportunityLow,
            @FiniteOrNull @JsonProperty("equal_opportunity_high") double equalOpportunityHigh,
            String verdict,
            List<GroupRates> groups,
            List<String> notes,
            @JsonInclude(Include.NON_NULL) @JsonProperty("not_measurable") String notMeasurable) {
    }

    /** One group's held-out rates; compared is false for a group too small to compare. */
    public record GroupRates(
            String group,
            int rows,
            boolean compared,
            @FiniteOrNull @JsonProperty("positive_call_rate") double positiveCallRate,
            @FiniteOrNull @JsonProperty("favourable_rate") double favourableRate,
            @FiniteOrNull @JsonProperty("true_positive_rate") double truePositiveRate,
            @FiniteOrNull @JsonProperty("false_positive_rate") double falsePositiveRate,
            @FiniteOrNull @JsonProperty("opportunity_rate") double opportunityRate,
            @FiniteOrNull @JsonProperty("mean_score") double meanScore,
            @FiniteOrNull @JsonProperty("observed_positive_rate") double observedPositiveRate,
            List<CalibrationBand> calibration) {
    }

    public record CalibrationBand(
            @JsonProperty("score_band") String scoreBand,
            int predictions,
            @FiniteOrNull @JsonProperty("mean_score") double meanScore,
            @FiniteOrNull @JsonProperty("observed_positive_rate") double observedPositiveRate) {
    }

    /** Features ranked by how well each alone predicts the attribute; measure "AUC" or "R²". */
    public record ProxyRanking(String attribute, String measure, List<Proxy> features) {
    }

    public record Proxy(
            String feature,
            @FiniteOrNull double score,
            @JsonInclude(Include.NON_NULL) String level,
            boolean strong) {
    }

    /** The chosen model's global explanation (core's GlobalExplanation). */
    public record Explanation(
            @JsonProperty("permutation_importance") PermutationImportance permutationImportance,
            @JsonProperty("partial_dependence") PartialDependence partialDependence,
            @JsonInclude(Include.NON_NULL) Coefficients coefficients) {
    }

    /** How it was measured ({@code on}, metric, shuffles, what sd is) and the ranking. */
    public record PermutationImportance(
            String method,
            @JsonInclude(Include.NON_NULL) String on,
            @JsonInclude(Include.NON_NULL) String metric,
            @JsonInclude(Include.NON_NULL) Integer shuffles,
            @JsonInclude(Include.NON_NULL) String sd,
            List<Importance> ranking) {
    }

    public record Importance(
            String feature,
            @FiniteOrNull @JsonProperty("mean_drop") double meanDrop,
            @FiniteOrNull double sd,
            int evaluations) {
    }

    public record PartialDependence(String method, List<DependenceCurve> features) {
    }

    /** A numeric feature's curve is over {@code grid}, a categorical one's over {@code levels}; null mean scores are undefined. */
    public record DependenceCurve(
            String feature,
            String type,
            int rows,
            @JsonInclude(Include.NON_NULL) List<String> levels,
            @JsonInclude(Include.NON_NULL) double[] grid,
            @JsonProperty("mean_score") List<Double> meanScore) {
    }

    /** The linear family's coefficient table; odds ratios only for a logit link. */
    public record Coefficients(
            String link,
            String statistic,
            double confidence,
            @FiniteOrNull @JsonProperty("critical_value") double criticalValue,
            @FiniteOrNull double df,
            List<Term> terms) {
    }

    public record Term(
            String term,
            @FiniteOrNull double estimate,
            @FiniteOrNull @JsonProperty("std_error") double stdError,
            @FiniteOrNull double statistic,
            @FiniteOrNull @JsonProperty("p_value") double pValue,
            @FiniteOrNull double low,
            @FiniteOrNull double high,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull @JsonProperty("odds_ratio") Double oddsRatio,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull @JsonProperty("odds_ratio_low") Double oddsRatioLow,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull @JsonProperty("odds_ratio_high") Double oddsRatioHigh,
            @JsonInclude(Include.NON_NULL) Boolean aliased) {
    }

    /** The chosen regression model's prediction interval, as in the model file, with the method in words. */
    public record Interval(
            double level,
            @JsonProperty("half_width") double halfWidth,
            String method,
            int residuals,
            @JsonInclude(Include.NON_NULL) @JsonProperty("out_of_fold_coverage") Coverage outOfFoldCoverage,
            @JsonInclude(Include.NON_NULL) @JsonProperty("method_words") String methodWords,
            @JsonInclude(Include.NON_NULL) String guarantee) {
    }

    /** Share of held-out rows inside their fold's interval: mean, min and max over the folds. */
    public record Coverage(double mean, double min, double max, int folds) {
    }

    /**
     * The chosen classifier's calibration check; {@code fitted} is the calibrator in its model-file form (the
     * runtime's), {@code calibrator} "none" when none is used.
     */
    public record Calibration(
            String model,
            String rule,
            String method,
            @JsonProperty("poorly_calibrated") boolean poorlyCalibrated,
            String calibrator,
            Before before,
            After after,
            List<CalibrationTrial> compared,
            @JsonInclude(Include.NON_NULL) JsonNode fitted,
            String summary) {
    }

    public record Before(
            @FiniteOrNull double brier,
            @FiniteOrNull double ece,
            @FiniteOrNull double slope,
            @FiniteOrNull double intercept) {
    }

    public record After(@FiniteOrNull double brier, @FiniteOrNull double ece) {
    }

    /** One calibrator tried inside the folds: its held-out Brier and ECE, or why it failed. */
    public record CalibrationTrial(
            String calibrator,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull Double brier,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull Double ece,
            @JsonInclude(Include.NON_NULL) String failure) {
    }

    /** The success bar (at_least or at_most, whichever the use case set), the chosen model's value, the verdict. */
    public record Success(
            String metric,
            @JsonInclude(Include.NON_NULL) @JsonProperty("at_least") Double atLeast,
            @JsonInclude(Include.NON_NULL) @JsonProperty("at_most") Double atMost,
            Double value,
            boolean met,
            String verdict) {
    }

    /**
     * What wrote the card: Occam's version, the model file's format, Java's version, the git commit of Occam's code
     * when known, and when the fit ran (ISO-8601 UTC, to the second); the last two are absent from older cards.
     */
    public record Versions(
            String occam,
            @JsonProperty("model_format") String modelFormat,
            String java,
            @JsonInclude(Include.NON_NULL) String commit,
            @JsonInclude(Include.NON_NULL) @JsonProperty("fitted_at") String fittedAt) {

        /** Versions without the commit and fit time (cards written before they were recorded). */
        public Versions(String occam, String modelFormat, String java) {
            this(occam, modelFormat, java, null, null);
        }
    }
}
