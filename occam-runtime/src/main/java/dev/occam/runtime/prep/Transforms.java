package dev.occam.runtime.prep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.io.Json;

/** Reads a transform from its JSON form. */
public final class Transforms {

    private Transforms() {
    }

    public static Transform fromJson(JsonNode node) {
        String type = Json.required(node, "type").asText();
        return switch (type) {
            case "impute" -> Imputation.fromJson(node);
            case "indicators" -> IndicatorEncoding.fromJson(node);
            case "standardize" -> Standardization.fromJson(node);
            default -> throw new IllegalArgumentException("unknown preparation step type '" + type
                    + "'; expected impute, indicators or standardize");
        };
    }
}
