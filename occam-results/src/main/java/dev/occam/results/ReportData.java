package dev.occam.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code report-data.json}: what the report draws that the card does not hold, computed in core so the report
 * only renders: ROC and calibration curves from held-out scores, example decisions with their reasons, and a
 * histogram of each numeric column.
 */
public record ReportData(String format, List<Curve> curves, List<Example> examples, List<Histogram> histograms,
        @JsonInclude(Include.NON_NULL) Classes classes) {

    /** A document without the multiclass section (two classes, a number). */
    public ReportData(String format, List<Curve> curves, List<Example> examples, List<Histogram> histograms) {
        this(format, curves, examples, histograms, null);
    }

    public static final String FORMAT = "occam-report-data/1";

    /**
     * One model's held-out curves: role "chosen" or "best complex"; ROC as [false positive rate, true positive
     * rate] pairs; the calibration table, and for a calibrated chosen model the table after its calibrator.
     */
    public record Curve(
            String role,
            String model,
            int rung,
            boolean eligible,
            double auc,
            double[][] roc,
            List<CalibrationBin> calibration,
            @JsonInclude(Include.NON_NULL) String calibrator,
            @JsonInclude(Include.NON_NULL) @JsonProperty("calibration_after") List<CalibrationBin> calibrationAfter) {
    }

    /** Scores in [low, high): how many, their mean, and the observed share of positives. */
    public record CalibrationBin(
            double low,
            double high,
            int predictions,
            @JsonProperty("mean_score") double meanScore,
            @JsonProperty("observed_rate") double observedRate) {
    }

    /** One row of the data as the chosen model decides it, with the reasons that raised and lowered its score. */
    public record Example(
            String label,
            int row,
            double score,
            @JsonInclude(Include.NON_NULL) String decision,
            String scale,
            List<String> raises,
            List<String> lowers) {
    }

    /**
     * A multiclass model's held-out answers: the confusion matrix of the first repeat (each row scored once, by the
     * fold model that did not see it; {@code confusion[true][called]}), each class's one-vs-rest AUC and the
     * accuracy of the most probable class.
     */
    public record Classes(
            String model,
            List<String> levels,
            int[][] confusion,
            @JsonProperty("auc_by_class") double[] aucByClass,
            double accuracy) {
    }

    /** Counts of the present values in equal bins from min, each bin_width wide. */
    public record Histogram(
            String column,
            double min,
            double max,
            @JsonProperty("bin_width") double binWidth,
            int[] counts) {
    }
}
