package dev.occam.core.select;

import dev.occam.core.calibrate.CalibrationChoice;
import dev.occam.core.data.Target;
import dev.occam.core.evaluate.LeakageCheck;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.evaluate.Splitter;
import dev.occam.core.evaluate.Reliability;
import dev.occam.core.fairness.FairnessAudit;
import dev.occam.core.fairness.FairnessReport;
import dev.occam.core.explain.GlobalExplanation;
import dev.occam.core.usecase.UseCase;
import dev.occam.runtime.Model;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code occam fit} found: the verdict (leaderboard, choice, reasons), the chosen model refitted on
 * all rows (null when nothing was chosen or the choice is today's SQL rule), the notes and suspicions
 * raised on the way, the warnings about how candidates were fitted (separation, convergence: "logistic: ..."),
 * where the files went, the fairness findings (audits of the candidates, proxies), the chosen model's global
 * explanation (null when there is no chosen model to explain), and the calibration check of the chosen
 * classifier (null for regression, or when no deployable model was chosen).
 */
public record FitResult(UseCase useCase, int rowsRead, int rowsDropped, int featureCount, Target target, Metric metric,
        int foldCount, Splitter splitter, Selection.Verdict verdict, Model model, Map<String, String> setAside,
        List<LeakageCheck.Suspect> suspects, List<String> notes, List<String> warnings, Path outputDirectory,
        FairnessReport fairness, GlobalExplanation explanation, CalibrationChoice calibration) {

    public FitResult {
        fairness = fairness == null ? FairnessReport.NONE : fairness;
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
        suspects = List.copyOf(suspects);
        setAside = Collections.unmodifiableMap(new LinkedHashMap<>(setAside));
    }

    /** The fairness audit of the chosen candidate, or null (nothing chosen, no protected attribute, regression). */
    public FairnessAudit chosenAudit() {
        return verdict.chosen() == null ? null : fairness.audit(verdict.chosen().id());
    }

    /**
     * Brier score and expected calibration error of a candidate's held-out scores, the repeats pooled; null
     * for regression or a candidate without held-out scores (a failed one).
     */
    public Reliability reliability(LeaderboardEntry entry) {
        if (!target.isClassification() || !entry.evaluation().succeeded() || entry.evaluation().heldOut() == null) {
            return null;
        }
        return Reliability.of(entry.evaluation().heldOut(), target.values());
    }

    public List<LeaderboardEntry> entries() {
        return verdict.entries();
    }

    /** The chosen candidate's entry, or null. */
    public LeaderboardEntry chosenEntry() {
        return verdict.chosen();
    }

    /** Whether the chosen model's cross-validated metric clears the use case's bar; false when nothing was chosen. */
    public boolean successMet() {
        LeaderboardEntry e = chosenEntry();
        return e != null && useCase.success().isMet(e.evaluation().mean());
    }

    /** The success verdict as a plain sentence. */
    public String successSentence() {
        var success = useCase.success();
        String m = success.metric().key().toUpperCase(java.util.Locale.ROOT);
        String bar = (success.atLeast() ? "at least " : "at most ") + dev.occam.runtime.io.Json.number(success.bound());
        LeaderboardEntry e = chosenEntry();
        if (e == null) {
            return "The use case is not met: no model could be chosen, so none reaches " + m + " " + bar + ".";
        }
        String value = String.format(java.util.Locale.ROOT, "%.3f", e.evaluation().mean());
        if (successMet()) {
            return "The use case is met: " + e.id() + " reaches " + m + " " + value + ", " + bar + " required.";
        }
        String sentence = "The use case is not met: the chosen model, " + e.id() + ", reaches " + m + " " + value
                + ", and the use case requires " + bar + ".";
        LeaderboardEntry best = verdict.best();
        if (best != null && best != e && success.isMet(best.evaluation().mean())) {
            sentence += " The best eligible model, " + best.id() + ", reaches " + String.format(java.util.Locale.ROOT,
                    "%.3f", best.evaluation().mean()) + ", but not significantly more: the bar sits within the noise.";
        }
        return sentence;
    }
}
