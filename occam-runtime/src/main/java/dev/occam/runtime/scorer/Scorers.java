package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.io.Json;

/** Reads a scorer from its JSON form. */
public final class Scorers {

    /** The scorer types this version reads. */
    static final java.util.List<String> TYPES = java.util.List.of("constant", "rules", "linear", "scorecard", "tree",
            "tree_ensemble", "neighbours", "naive-bayes", "mlp", "multiclass", "formula");

    private Scorers() {
    }

    public static Scorer fromJson(JsonNode node) {
        String type = Json.required(node, "type").asText();
        return switch (type) {
            case "constant" -> ConstantScorer.fromJson(node);
            case "linear" -> LinearScorer.fromJson(node);
            case "tree" -> TreeScorer.fromJson(node);
            case "rules" -> RuleListScorer.fromJson(node);
            case "scorecard" -> ScorecardScorer.fromJson(node);
            case "neighbours" -> NeighboursScorer.fromJson(node);
            case "naive-bayes" -> NaiveBayesScorer.fromJson(node);
            case "tree_ensemble" -> TreeEnsembleScorer.fromJson(node);
            case "mlp" -> MlpScorer.fromJson(node);
            case "multiclass" -> MulticlassScorer.fromJson(node);
            case "formula" -> FormulaScorer.fromJson(node);
            default -> throw new IllegalArgumentException("unknown scorer type '" + type
                    + "'; expected one of " + TYPES);
        };
    }
}
