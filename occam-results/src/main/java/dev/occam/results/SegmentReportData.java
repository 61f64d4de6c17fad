package dev.occam.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code report-data.json} of a segmentation: what the report draws that the card does not hold, the rows on the
 * first two principal components with their segment (at most a seeded sample of rows), and the gap curve.
 *
 * @param points {@code [pc1, pc2, segment]} per row drawn, segment from 1
 * @param gap the gap statistic per k (1..), with its standard error
 */
public record SegmentReportData(
        String format,
        @JsonProperty("axis_names") List<String> axisNames,
        List<double[]> points,
        List<Gap> gap) {

    public static final String FORMAT = "occam-segment-report-data/1";

    public record Gap(int k, @FiniteOrNull double gap, @FiniteOrNull @JsonProperty("standard_error") double standardError) {
    }
}
