package dev.occam.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code leaderboard.json} of a segmentation: every rung's statistics side by side (the card's candidates), the rule
 * that chose, and the chosen method.
 */
public record SegmentLeaderboard(
        String format,
        @JsonProperty("use_case") String useCase,
        String metric,
        String rule,
        String chosen,
        List<SegmentCard.Candidate> candidates) {

    public static final String FORMAT = "occam-segment-leaderboard/1";
}
