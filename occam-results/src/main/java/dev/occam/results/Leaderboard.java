package dev.occam.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code leaderboard.json}: every candidate's cross-validated record on the same folds, how it compares with the
 * best, its size and speed, and the choice ({@code chosen} is null when nothing was chosen). Each candidate's
 * {@code metrics} are the task's other metrics from the same held-out scores (two classes: auc, pr_auc, logloss,
 * brier, accuracy and f1 at each fold's threshold; with costs also expected_cost per row and each fold's threshold;
 * three or more classes: accuracy, logloss, macro_auc; regression: rmse, mae, r2, mape), the selection metric left
 * out.
 */
public record Leaderboard(
        @JsonProperty("use_case") String useCase,
        String metric,
        @JsonProperty("higher_is_better") boolean higherIsBetter,
        int folds,
        int repeats,
        String split,
        long seed,
        String rule,
        double alpha,
        String chosen,
        List<Candidate> candidates) {

    /**
     * One of a candidate's other metrics over the folds: its mean, its sample standard deviation (the spread over
     * the folds), and the value on each fold.
     */
    public record Summary(@FiniteOrNull double mean, @FiniteOrNull double std, double[] folds) {
    }

    /**
     * One candidate: the metric on each fold, mean and sd; parameters null when it was not refitted; the
     * difference with the best eligible model with its interval and p-value (null for the best itself and when
     * not compared); reasons it is not eligible, those resting on a measured time apart; fit and scoring times.
     */
    public record Candidate(
            int rung,
            String model,
            @JsonInclude(Include.NON_NULL) String learner,
            @JsonInclude(Include.NON_EMPTY) java.util.Map<String, Object> options,
            String metric,
            @FiniteOrNull double mean,
            @FiniteOrNull double std,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull Double brier,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull Double ece,
            double[] folds,
            Long parameters,
            boolean interpretable,
            boolean eligible,
            boolean deployable,
            @JsonInclude(Include.NON_NULL) @JsonProperty("why_not_eligible") String whyNotEligible,
            @JsonInclude(Include.NON_NULL) @JsonProperty("why_not_eligible_timing") String whyNotEligibleTiming,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull @JsonProperty("difference_vs_best") Double differenceVsBest,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull @JsonProperty("difference_low") Double differenceLow,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull @JsonProperty("difference_high") Double differenceHigh,
            @FiniteOrNull @JsonProperty("p_value_vs_best") double pValueVsBest,
            boolean chosen,
            @FiniteOrNull @JsonProperty("fit_ms") double fitMs,
            @FiniteOrNull @JsonProperty("p50_us") double p50Us,
            @FiniteOrNull @JsonProperty("p99_us") double p99Us,
            @JsonInclude(Include.NON_EMPTY) java.util.Map<String, Summary> metrics) {

        /** A candidate without other metrics (files written before they were reported). */
        public Candidate(int rung, String model, String learner, java.util.Map<String, Object> options, String metric,
                double mean, double std, Double brier, Double ece, double[] folds, Long parameters,
                boolean interpretable, boolean eligible, boolean deployable, String whyNotEligible,
                String whyNotEligibleTiming, Double differenceVsBest, Double differenceLow, Double differenceHigh,
                double pValueVsBest, boolean chosen, double fitMs, double p50Us, double p99Us) {
            this(rung, model, learner, options, metric, mean, std, brier, ece, folds, parameters, interpretable,
                    eligible, deployable, whyNotEligible, whyNotEligibleTiming, differenceVsBest, differenceLow,
                    differenceHigh, pValueVsBest, chosen, fitMs, p50Us, p99Us, null);
        }

        /** Every reason the candidate is not eligible, the fixed ones first; empty when it is. */
        public String whyNot() {
            StringBuilder sb = new StringBuilder();
            for (String reason : new String[] {whyNotEligible, whyNotEligibleTiming}) {
                if (reason != null) {
                    sb.append(sb.length() == 0 ? "" : "; ").append(reason);
                }
            }
            return sb.toString();
        }
    }
}
