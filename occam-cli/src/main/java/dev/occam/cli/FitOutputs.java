package dev.occam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.core.select.FitResult;
import dev.occam.runtime.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a fit's new outputs may replace what its output folder holds. A folder holding a model whose fit met its
 * success bar may be served ({@code occam serve} reads a bare {@code model.json}); a run that missed its bar, or
 * chose nothing deployable, must not take that model offline, so its set is kept apart instead.
 */
final class FitOutputs {

    private FitOutputs() {
    }

    /** @return why the folder keeps its previous outputs, or null when this run's set may replace them */
    static String whyKeepPrevious(Path dir, FitResult result) {
        if (result.model() != null && result.successMet()) {
            return null;
        }
        if (!holdsModelThatMetItsBar(dir)) {
            return null; // nothing servable to lose
        }
        String why = result.model() == null
                ? "this run chose nothing deployable (" + (result.verdict().chosen() == null ? "no candidate"
                        : result.verdict().chosen().id()) + ")"
                : "this run missed its success bar (" + result.successSentence() + ")";
        return "it holds a model whose fit met its success bar, and " + why;
    }

    /** As {@link #whyKeepPrevious(Path, FitResult)} for the tasks whose fit always writes a model file. */
    static String whyKeepPrevious(Path dir, boolean met) {
        if (met || !holdsModelThatMetItsBar(dir)) {
            return null;
        }
        return "it holds a model whose fit met its success bar, and this run missed its success bar";
    }

    /** A model.json with no card, or with a card saying the bar was met (what a server would serve). */
    static boolean holdsModelThatMetItsBar(Path dir) {
        if (!Files.isRegularFile(dir.resolve("model.json"))) {
            return false;
        }
        Path card = dir.resolve("card.json");
        if (!Files.isRegularFile(card)) {
            return true;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(card.toFile());
            // A forecast's card says it in one field, the other tasks' in success.met.
            JsonNode met = root.has("success_met") ? root.get("success_met") : root.path("success").path("met");
            return !met.isBoolean() || met.asBoolean();
        } catch (IOException e) {
            return true; // unreadable: assume it matters
        }
    }
}
