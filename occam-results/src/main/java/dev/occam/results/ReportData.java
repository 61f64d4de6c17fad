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
        @JsonInclude(Include.NON_NULL) Classes classes,
        @JsonInclude(Include.NON_NULL) Decisions decisions,
        @JsonInclude(Include.NON_NULL) Regression regression) {

    /** A document without the multiclass section (two classes, a number). */
    public ReportData(String format, List<Curve> curves, List<Example> examples, List<Histogram> histograms) {
        this(format, curves, examples, histograms, null);
    }

    /** A document without the decision and regression sections (written before they were). */
    public ReportData(String format, List<Curve> curves, List<Example> examples, List<Histogram> histograms,
            Classes classes) {
        this(format, curves, examples, histograms, classes, null, null);
    }

    /**
     * A two-class model's decisions: its threshold, how it was chosen ({@code chosen_by}: "costs", "use case" or
     * "positive share"), the costs when the use case has them, and what each threshold would do to the held-out
     * scores (every repeat pooled, on the model's scale: calibrated when it has a calibrator).
     */
    public record Decisions(
            String model,
            double threshold,
            @JsonProperty("chosen_by") String chosenBy,
            @JsonInclude(Include.NON_NULL) @JsonProperty("cost_false_positive") Double costFalsePositive,
            @JsonInclude(Include.NON_NULL) @JsonProperty("cost_false_negative") Double costFalseNegative,
            List<ThresholdRow> table) {
    }

    /**
     * One threshold: precision and recall of the positive calls (precision NaN when nothing is called), the
     * approval rate (the share called negative: approved, when the positive class is the risk) and the cost per row
     * with costs; {@code chosen} marks the model's threshold.
     */
    public record ThresholdRow(
            double threshold,
            @FiniteOrNull double precision,
            @FiniteOrNull double recall,
            @JsonProperty("approval_rate") double approvalRate,
            @JsonInclude(Include.NON_NULL) @JsonProperty("cost_per_row") Double costPerRow,
            boolean chosen) {
    }

    /**
     * A regression model's held-out diagnostics (first repeat: each row predicted once by the fold model that did
     * not see it): up to 1,000 [predicted, actual] pairs (every k-th row), the residuals (actual − predicted) in 20
     * bins, and the error in each tenth of the rows by predicted value.
     */
    public record Regression(
            String model,
            @JsonProperty("predicted_actual") double[][] predictedActual,
            Histogram residuals,
            List<DecileError> deciles) {
    }

    /** One tenth of the rows by predicted value: its range, mean prediction and outcome, MAE and RMSE. */
    public record DecileError(
            int decile,
            int rows,
            @JsonProperty("predicted_low") double predictedLow,
            @JsonProperty("predicted_high") double predictedHigh,
            @JsonProperty("mean_predicted") double meanPredicted,
            @JsonProperty("mean_actual") double meanActual,
            double mae,
            double rmse) {
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
