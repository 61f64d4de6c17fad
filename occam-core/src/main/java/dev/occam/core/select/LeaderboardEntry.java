package dev.occam.core.select;

import dev.occam.core.evaluate.Evaluation;

/**
 * One candidate's line in the leaderboard: its cross-validated record, its size and speed, whether it
 * may be chosen, and whether it was. Measured times are kept apart from the deterministic fields.
 */
public record LeaderboardEntry(Evaluation evaluation, long parameters, boolean interpretable, boolean eligible,
        String whyNotEligible, double p50Micros, double p99Micros, boolean chosen) {

    public String family() {
        return evaluation.family();
    }

    public int rung() {
        return evaluation.rung();
    }

    public LeaderboardEntry withChosen(boolean isChosen) {
        return new LeaderboardEntry(evaluation, parameters, interpretable, eligible, whyNotEligible, p50Micros,
                p99Micros, isChosen);
    }
}
