package dev.occam.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The documents a {@code task: recommend} fit writes: {@code card.json} ({@link Card}, format
 * {@value #CARD_FORMAT}) and {@code leaderboard.json} ({@link Leaderboard}, format {@value #LEADERBOARD_FORMAT}).
 * Their formats differ from the prediction tasks' so a reader can tell them apart ({@link #isRecommendation}).
 */
public final class Recommendation {

    public static final String CARD_FORMAT = "occam-recommend-card/1";
    public static final String LEADERBOARD_FORMAT = "occam-recommend-leaderboard/1";

    private Recommendation() {
    }

    /**
     * Every rung, scored on the same held-out users.
     *
     * @param split how the test was held out, in words
     * @param comparedOn the metric the rungs were compared on (the success metric, or ndcg@10 for coverage)
     * @param test how two rungs were compared, in words
     */
    public record Leaderboard(
            String format,
            @JsonProperty("use_case") String useCase,
            String metric,
            @JsonProperty("compared_on") String comparedOn,
            String split,
            @JsonProperty("test_users") int testUsers,
            @JsonProperty("held_out_interactions") int heldOutInteractions,
            String test,
            double alpha,
            String chosen,
            List<Rung> rungs) {
    }

    /**
     * One rung: its chosen setting (and every setting tried with its validation NDCG), its test metrics, the
     * comparison with the best (null for the best and for rungs that failed), size and times.
     *
     * @param recommendedPopularity the mean popularity of the recommended items (share of training users)
     * @param heldOutPopularity the same for the held-out items, what users chose next
     */
    public record Rung(
            int rung,
            String model,
            String setting,
            @JsonInclude(Include.NON_NULL) String failure,
            @FiniteOrNull double ndcg,
            @FiniteOrNull double recall,
            @FiniteOrNull double map,
            @FiniteOrNull double coverage,
            @FiniteOrNull @JsonProperty("recommended_popularity") double recommendedPopularity,
            @FiniteOrNull @JsonProperty("held_out_popularity") double heldOutPopularity,
            @FiniteOrNull double value,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull @JsonProperty("difference_vs_best") Double differenceVsBest,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull @JsonProperty("difference_low") Double differenceLow,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull @JsonProperty("difference_high") Double differenceHigh,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull @JsonProperty("p_value_vs_best") Double pValueVsBest,
            Long parameters,
            boolean chosen,
            @FiniteOrNull @JsonProperty("tune_s") double tuneSeconds,
            @FiniteOrNull @JsonProperty("fit_s") double fitSeconds,
            @FiniteOrNull @JsonProperty("score_us_per_user") double scoreMicrosPerUser,
            List<Trial> trials,
            List<String> notes) {
    }

    /** One setting tried on the validation split inside the training data. */
    public record Trial(String setting, @FiniteOrNull @JsonProperty("validation_ndcg") double validationNdcg) {
    }

    /**
     * {@code card.json} of a recommendation fit.
     *
     * @param useCase the use case as read
     * @param data what was read and kept
     * @param chosen the chosen rung (null when none could be fitted) and its setting
     * @param reasons the verdict's reasons, in words
     * @param examples a few users' lists from the shipped model, with reasons
     */
    public record Card(
            String format,
            String name,
            String question,
            @JsonProperty("use_case") JsonNode useCase,
            Data data,
            String chosen,
            @JsonInclude(Include.NON_NULL) String setting,
            List<String> reasons,
            Success success,
            List<Example> examples,
            List<String> notes,
            @JsonProperty("created_by") String createdBy) {
    }

    /**
     * @param source the file or query
     * @param rows the rows read; {@code interactions} the distinct (user, item) pairs kept
     */
    public record Data(String source, int rows, int interactions, int users, int items,
            @JsonInclude(Include.NON_NULL) String user, @JsonInclude(Include.NON_NULL) String item) {
    }

    /** The bar and whether the chosen rung met it on the test. */
    public record Success(String metric, @JsonProperty("at_least") double atLeast, @FiniteOrNull double value, boolean met,
            String verdict) {
    }

    /** A user's history and list. */
    public record Example(String user, List<String> history, List<Item> recommended) {
    }

    /** One recommended item. */
    public record Item(int rank, String item, @FiniteOrNull double score, String reason) {
    }

    /** Whether the folder holds a recommendation fit (its {@code card.json} says so). */
    public static boolean isRecommendation(Path dir) throws IOException {
        Path card = dir.resolve(Results.CARD);
        if (!Files.isRegularFile(card)) {
            return false;
        }
        JsonNode format = Results.MAPPER.readTree(card.toFile()).get("format");
        return format != null && CARD_FORMAT.equals(format.asText());
    }
}
