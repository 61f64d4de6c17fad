package dev.occam.core.select;

import dev.occam.core.fairness.FairnessAudit;
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

    /**
     * How a latency exclusion begins. It rests on a measured time, so the leaderboard keeps it in a field of
     * its own, apart from the reasons that are the same on every run.
     */
    public static final String LATENCY_REASON = "p99 scoring latency above the ";

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
        return reasons(entry, useCase, capabilities, monotoneAsked, null, null);
    }

    /**
     * Reasons a candidate may not be chosen, fairness included: a selection-rate ratio below the use
     * case's {@code fairness.min_selection_rate_ratio} for any protected attribute (the point estimate on
     * held-out predictions). A ratio that cannot be measured (too few comparable groups) under a bound is
     * a reason too, not a pass: {@code FitJob} refuses such a use case before fitting, so this only guards
     * other callers.
     *
     * @param audit the candidate's fairness audit, or null when it has none
     * @param minSelectionRateRatio the bound, or null for none
     */
    public static List<String> reasons(LeaderboardEntry entry, dev.occam.core.usecase.Constraints useCase,
            Set<Capability> capabilities, boolean monotoneAsked, FairnessAudit audit, Double minSelectionRateRatio) {
        List<String> reasons = new ArrayList<>();
        if (!entry.evaluation().succeeded()) {
            reasons.add(entry.evaluation().failure());
            return reasons;
        }
        if (Double.isNaN(entry.evaluation().mean())) {
            reasons.add("its " + entry.evaluation().metric().key() + " is undefined on some fold");
        }
        if (useCase.maxLatencyUs() != null && entry.p99Micros() > useCase.maxLatencyUs()) {
            // The measured value stays in its own field (p99_us): the reason must not vary from run to run.
            reasons.add(LATENCY_REASON + dev.occam.runtime.io.Json.number(useCase.maxLatencyUs())
                    + " µs allowed");
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
        reasons.addAll(fairnessReasons(audit, minSelectionRateRatio));
        return reasons;
    }

    /**
     * One reason per protected attribute whose selection-rate ratio is below the bound, or cannot be
     * measured; the ratio is shown rounded down, so a ratio just below the bound never reads as equal to it.
     */
    static List<String> fairnessReasons(FairnessAudit audit, Double minSelectionRateRatio) {
        List<String> reasons = new ArrayList<>();
        if (audit == null || minSelectionRateRatio == null) {
            return reasons;
        }
        for (FairnessAudit.AttributeAudit a : audit.attributes()) {
            if (!a.measurable()) {
                reasons.add(String.format(Locale.ROOT, "selection-rate ratio by %s cannot be measured, and %.2f is"
                        + " required (%s)", a.attribute(), minSelectionRateRatio, a.notMeasurable()));
            } else if (!a.meets(minSelectionRateRatio)) {
                reasons.add(String.format(Locale.ROOT, "selection-rate ratio by %s %.2f < %.2f required (%s %s vs %s;"
                        + " threshold %.2f)", a.attribute(), Math.floor(a.selectionRateRatio() * 100 + 1e-9) / 100,
                        minSelectionRateRatio, a.attribute(), a.lowestGroup(), a.highestGroup(), audit.threshold()));
            }
        }
        return reasons;
    }
}
