package dev.occam.core.select;

import dev.occam.core.evaluate.Metric;
import java.util.List;
import java.util.Optional;

/**
 * Picks the candidate to refit and ship. This version takes the best cross-validated mean among
 * eligible candidates (ties go to the lower rung, then fewer parameters); the significance-based
 * choice of the simplest model that is not worse comes with the selection rules.
 */
public final class Selection {

    private Selection() {
    }

    /** The chosen entry, with the reason in words; empty when no candidate is eligible. */
    public static Optional<Choice> best(List<LeaderboardEntry> entries, Metric metric) {
        LeaderboardEntry best = null;
        for (LeaderboardEntry e : entries) {
            if (!e.eligible() || !e.evaluation().succeeded() || Double.isNaN(e.evaluation().mean())) {
                continue;
            }
            if (best == null || better(e, best, metric)) {
                best = e;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String reason = (metric.higherIsBetter() ? "highest" : "lowest") + " mean " + metric.key()
                + " across the folds";
        return Optional.of(new Choice(best.family(), reason));
    }

    private static boolean better(LeaderboardEntry a, LeaderboardEntry b, Metric metric) {
        double ma = a.evaluation().mean();
        double mb = b.evaluation().mean();
        if (ma != mb) {
            return metric.higherIsBetter() ? ma > mb : ma < mb;
        }
        if (a.rung() != b.rung()) {
            return a.rung() < b.rung();
        }
        return a.parameters() < b.parameters();
    }

    /** The chosen family and why. */
    public record Choice(String family, String reason) {
    }
}
