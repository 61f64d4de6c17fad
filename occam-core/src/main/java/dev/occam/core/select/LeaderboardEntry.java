package dev.occam.core.select;

import dev.occam.core.evaluate.CorrectedResampledTTest;
import dev.occam.core.evaluate.Evaluation;
import java.util.List;

/**
 * One candidate's line in the leaderboard: its cross-validated record, its size and speed, why it may
 * not be chosen (empty when it may), its comparison with the best eligible candidate, and whether it
 * was chosen. Measured times ({@code fitMillis} in the evaluation, the latencies) are kept apart from
 * the deterministic fields.
 *
 * @param deployable whether a model file can be written for it (today's SQL rule cannot: it runs in SQL)
 * @param versusBest this candidate minus the best eligible one, fold by fold; null for the best itself or
 *     when it could not be evaluated
 */
public record LeaderboardEntry(Evaluation evaluation, long parameters, boolean interpretable, boolean deployable,
        List<String> ineligibleBecause, double p50Micros, double p99Micros, CorrectedResampledTTest.Result versusBest,
        boolean chosen) {

    public LeaderboardEntry {
        ineligibleBecause = List.copyOf(ineligibleBecause);
    }

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
                versusBest, chosen);
    }

    LeaderboardEntry withComparison(CorrectedResampledTTest.Result comparison) {
        return new LeaderboardEntry(evaluation, parameters, interpretable, deployable, ineligibleBecause, p50Micros,
                p99Micros, comparison, chosen);
    }

    LeaderboardEntry withChosen(boolean isChosen) {
        return new LeaderboardEntry(evaluation, parameters, interpretable, deployable, ineligibleBecause, p50Micros,
                p99Micros, versusBest, isChosen);
    }
}
