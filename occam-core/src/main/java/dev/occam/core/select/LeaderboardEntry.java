package dev.occam.core.select;

import dev.occam.core.evaluate.CorrectedResampledTTest;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.FoldMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One candidate's line in the leaderboard: its cross-validated record, its size and speed, why it may
 * not be chosen (empty when it may), its comparison with the best eligible candidate, and whether it
 * was chosen. Measured times ({@code fitMillis} in the evaluation, the latencies) are kept apart from
 * the deterministic fields.
 *
 * @param options the candidate's options as the use case gave them (snake_case name to value); empty for the
 *     learner's defaults
 * @param deployable whether a model file can be written for it (today's SQL rule cannot: it runs in SQL)
 * @param versusBest this candidate minus the best eligible one, fold by fold; null for the best itself or
 *     when it could not be evaluated
 * @param metrics the task's other metrics fold by fold, from the held-out scores ({@link FoldMetrics}); with
 *     costs, the expected cost per row and each fold's threshold too
 */
public record LeaderboardEntry(Evaluation evaluation, long parameters, boolean interpretable, boolean deployable,
        List<String> ineligibleBecause, double p50Micros, double p99Micros, CorrectedResampledTTest.Result versusBest,
        boolean chosen, Map<String, Object> options, FoldMetrics metrics) {

    public LeaderboardEntry {
        metrics = metrics == null ? FoldMetrics.NONE : metrics;
        ineligibleBecause = List.copyOf(ineligibleBecause);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options == null ? Map.of() : options));
    }

    /** An entry without other metrics. */
    public LeaderboardEntry(Evaluation evaluation, long parameters, boolean interpretable, boolean deployable,
            List<String> ineligibleBecause, double p50Micros, double p99Micros,
            CorrectedResampledTTest.Result versusBest, boolean chosen, Map<String, Object> options) {
        this(evaluation, parameters, interpretable, deployable, ineligibleBecause, p50Micros, p99Micros, versusBest,
                chosen, options, FoldMetrics.NONE);
    }

    /** An entry of a candidate with its learner's defaults. */
    public LeaderboardEntry(Evaluation evaluation, long parameters, boolean interpretable, boolean deployable,
            List<String> ineligibleBecause, double p50Micros, double p99Micros,
            CorrectedResampledTTest.Result versusBest, boolean chosen) {
        this(evaluation, parameters, interpretable, deployable, ineligibleBecause, p50Micros, p99Micros, versusBest,
                chosen, Map.of());
    }

    /** The same entry with these other metrics. */
    public LeaderboardEntry withMetrics(FoldMetrics other) {
        return new LeaderboardEntry(evaluation, parameters, interpretable, deployable, ineligibleBecause, p50Micros,
                p99Micros, versusBest, chosen, options, other);
    }

    /** The candidate's id, which names it on the leaderboard and in every output. */
    public String id() {
        return evaluation.id();
    }

    /** The model family of the candidate's learner (the model file's {@code family}). */
    public String family() {
        return evaluation.family();
    }

    public int rung() {
        return evaluation.rung();
    }

    public boolean eligible() {
        return ineligibleBecause.isEmpty();
    }

    /** Why it may not be chosen, in one phrase; null when it may. */
    public String whyNotEligible() {
        return eligible() ? null : String.join("; ", ineligibleBecause);
    }

    public LeaderboardEntry withIneligibility(List<String> reasons) {
        return new LeaderboardEntry(evaluation, parameters, interpretable, deployable, reasons, p50Micros, p99Micros,
                versusBest, chosen, options, metrics);
    }

    LeaderboardEntry withComparison(CorrectedResampledTTest.Result comparison) {
        return new LeaderboardEntry(evaluation, parameters, interpretable, deployable, ineligibleBecause, p50Micros,
                p99Micros, comparison, chosen, options, metrics);
    }

    LeaderboardEntry withChosen(boolean isChosen) {
        return new LeaderboardEntry(evaluation, parameters, interpretable, deployable, ineligibleBecause, p50Micros,
                p99Micros, versusBest, isChosen, options, metrics);
    }
}
