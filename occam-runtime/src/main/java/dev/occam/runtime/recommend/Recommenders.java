package dev.occam.runtime.recommend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a recommender as JSON and reads it back. Doubles are written in their shortest exact form, so a
 * recommender read back recommends exactly what the written one did.
 */
public final class Recommenders {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private Recommenders() {
    }

    public static String toJson(Recommender recommender) {
        try {
            return MAPPER.writerFor(SavedRecommender.class).writeValueAsString(recommender.saved());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + recommender.method() + " recommender", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a saved recommender (the message says why) */
    public static Recommender fromJson(String json) {
        SavedRecommender saved;
        try {
            saved = MAPPER.readValue(json, SavedRecommender.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a saved recommender: " + e.getOriginalMessage(), e);
        }
        return saved.load();
    }

    /** The recommender as a JSON tree (to sit inside a model file). */
    public static JsonNode toTree(Recommender recommender) {
        try {
            return MAPPER.readTree(MAPPER.writerFor(SavedRecommender.class).writeValueAsBytes(recommender.saved()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write the " + recommender.method() + " recommender", e);
        }
    }

    /** @throws IllegalArgumentException when the tree is not a saved recommender (the message says why) */
    public static Recommender fromTree(JsonNode tree) {
        SavedRecommender saved;
        try {
            saved = MAPPER.treeToValue(tree, SavedRecommender.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a saved recommender: " + e.getOriginalMessage(), e);
        }
        return saved.load();
    }
}
