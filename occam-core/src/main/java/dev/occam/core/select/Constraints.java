package dev.occam.core.select;

import dev.occam.core.learn.Capability;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The use case's constraints, applied to each candidate before the choice: each exclusion is kept
 * with its reason, so the verdict can say why a better-scoring model was not taken.
 */
public final class Constraints {

    private Constraints() {
    }

    /**
     * Reasons a candidate may not be chosen; empty when it may.
     *
     * @param useCase the constraints of the use case
     * @param capabilities what the candidate's learner declares
     * @param monotoneAsked whether the use case asks for monotone directions
     */
    public static List<String> reasons(LeaderboardEntry entry, dev.occam.core.usecase.Constraints useCase,
            Set<Capability> capabilities, boolean monotoneAsked) {
        List<String> reasons = new ArrayList<>();
        if (!entry.evaluation().succeeded()) {
            reasons.add(entry.evaluation().failure());
            return reasons;
        }
        if (Double.isNaN(entry.evaluation().mean())) {
            reasons.add("its " + entry.evaluation().metric().key() + " is undefined on some fold");
        }
        if (useCase.maxLatencyUs() != null && entry.p99Micros() > useCase.maxLatencyUs()) {
            reasons.add(String.format(Locale.ROOT, "p99 scoring latency %.1f µs > %s µs allowed", entry.p99Micros(),
                    dev.occam.runtime.io.Json.number(useCase.maxLatencyUs())));
        }
        if (useCase.maxParameters() != null && entry.parameters() > useCase.maxParameters()) {
            reasons.add(String.format(Locale.ROOT, "%,d parameters > %,d allowed", entry.parameters(),
                    useCase.maxParameters()));
        }
        if (useCase.interpretable() && !capabilities.contains(Capability.EXPLAINABLE)) {
            reasons.add("not interpretable, and the use case requires it");
        }
        if (monotoneAsked && !capabilities.contains(Capability.MONOTONE_CONSTRAINTS)) {
            reasons.add("cannot hold the monotone directions the use case asks for");
        }
        return reasons;
    }
}
