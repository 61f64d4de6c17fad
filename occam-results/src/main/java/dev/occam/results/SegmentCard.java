package dev.occam.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code card.json} of a segmentation ({@code task: segment}, format {@value #FORMAT}): what was segmented, how the
 * columns were prepared, every rung of the ladder with its statistics, the choice and the verdict in words, the chosen
 * segmentation's profiles and membership rule, and the principal components of the prepared rows.
 *
 * @param rows the rows read
 * @param rowsFitted the rows the ladder was fitted on (a seeded sample when there were more; every row is assigned)
 * @param columns the columns segmented on
 * @param excluded the columns set aside ({@code data.exclude})
 * @param verdict the choice and the success bar, in sentences
 * @param candidates the ladder's rungs in order (the leaderboard's rows)
 * @param profiles the chosen segmentation's segments, in segment order
 * @param notes what else a reader should know (sampling, a rung that was not listed and why)
 */
public record SegmentCard(
        String format,
        @JsonProperty("use_case") String useCase,
        String question,
        String task,
        String data,
        int rows,
        @JsonProperty("rows_fitted") int rowsFitted,
        List<String> columns,
        List<String> excluded,
        List<String> preparation,
        Success success,
        String chosen,
        List<String> verdict,
        List<Candidate> candidates,
        List<Profile> profiles,
        @JsonProperty("membership_rule") Rule membershipRule,
        @JsonProperty("principal_components") Components principalComponents,
        List<String> notes,
        long seed,
        @JsonProperty("occam_version") String occamVersion) {

    public static final String FORMAT = "occam-segment-card/1";

    /** The bar: {@code metric} (stability, silhouette or bic) at least {@code bound}; the chosen one's value. */
    public record Success(String metric, double bound, @FiniteOrNull double value, boolean met) {
    }

    /**
     * One rung. {@code bic} (mixtures; k-means as its spherical mixture EII), {@code gap} (k-means), silhouette and
     * stability are null where they do not apply.
     *
     * @param stabilitySd the standard deviation of the resamples' adjusted Rand indices
     * @param choice how the number of segments was chosen, in words
     * @param whyNot why it was not chosen, in words; null for the chosen one
     */
    public record Candidate(
            int rung,
            String method,
            int segments,
            long parameters,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull Double bic,
            @JsonInclude(Include.NON_NULL) @FiniteOrNull Double gap,
            @FiniteOrNull double silhouette,
            @FiniteOrNull double stability,
            @FiniteOrNull @JsonProperty("stability_sd") double stabilitySd,
            String choice,
            boolean chosen,
            @JsonInclude(Include.NON_NULL) @JsonProperty("why_not") String whyNot) {
    }

    /** A segment: number (from 1), size, share, the sentence people read, and the columns ranked by contrast. */
    public record Profile(int segment, int size, double share, String summary, List<Contrast> contrasts) {
    }

    /** How one column sets a segment apart: signed standardised difference, and in words. */
    public record Contrast(String column, double score, String words) {
    }

    /** The shallow tree's rules, one per leaf, and the share of rows it puts in their own segment (descriptive). */
    public record Rule(List<String> rules, double accuracy, int depth) {
    }

    /** The principal components of the prepared rows: each one's share of the variance and its loadings. */
    public record Components(List<String> names, double[] explained, double[][] loadings) {
    }
}
