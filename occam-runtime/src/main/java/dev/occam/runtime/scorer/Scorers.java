package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.io.Json;

/** Reads a scorer from its JSON form. */
public final class Scorers {

    private Scorers() {
    }

    public static Scorer fromJson(JsonNode node) {
        String type = Json.required(node, "type").asText();
        return switch (type) {
            case "constant" -> ConstantScorer.fromJson(node);
            case "linear" -> LinearScorer.fromJson(node);
            case "tree" -> TreeScorer.fromJson(node);
            case "tree_ensemble" -> TreeEnsembleScorer.fromJson(node);
            default -> throw new IllegalArgumentException("unknown scorer type '" + type
                    + "'; expected constant, linear, tree or tree_ensemble");
        };
    }
}
