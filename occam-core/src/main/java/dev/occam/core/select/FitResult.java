package dev.occam.core.select;

import dev.occam.core.data.Target;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.usecase.UseCase;
import dev.occam.runtime.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code occam fit} found: the leaderboard, the choice (null when nothing was eligible), the model
 * refitted on all rows, the notes made on the way, and where the files went.
 */
public record FitResult(UseCase useCase, int rowsRead, int rowsDropped, int featureCount, Target target, Metric metric,
        int foldCount, List<LeaderboardEntry> entries, Selection.Choice choice, Model model,
        Map<String, String> setAside, List<String> notes, Path outputDirectory) {

    public FitResult {
        entries = List.copyOf(entries);
        notes = List.copyOf(notes);
        setAside = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(setAside));
    }

    /** The chosen candidate's entry, or null. */
    public LeaderboardEntry chosenEntry() {
        return entries.stream().filter(LeaderboardEntry::chosen).findFirst().orElse(null);
    }

    /** Whether the chosen model's cross-validated metric clears the use case's bar; false when nothing was chosen. */
    public boolean successMet() {
        LeaderboardEntry e = chosenEntry();
        return e != null && useCase.success().isMet(e.evaluation().mean());
    }
}
