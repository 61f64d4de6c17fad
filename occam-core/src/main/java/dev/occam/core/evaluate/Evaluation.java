package dev.occam.core.evaluate;

import java.util.List;

/**
 * A learner's cross-validated record: the metric on every fold (the numbers the significance test and
 * the report both read), or why it could not be evaluated.
 *
 * @param heldOut every row's out-of-fold scores and thresholds (read by the fairness audit); null when
 *     the evaluation failed or was made without them
 */
public record Evaluation(String family, int rung, Metric metric, List<FoldResult> folds, String failure,
        HeldOutScores heldOut) {

    public Evaluation {
        folds = List.copyOf(folds);
    }

    /** An evaluation without held-out scores. */
    public Evaluation(String family, int rung, Metric metric, List<FoldResult> folds, String failure) {
        this(family, rung, metric, folds, failure, null);
    }

    public static Evaluation failed(String family, int rung, Metric metric, String reason) {
        return new Evaluation(family, rung, metric, List.of(), reason);
    }

    public boolean succeeded() {
        return failure == null;
    }

    public double[] values() {
        return folds.stream().mapToDouble(FoldResult::value).toArray();
    }

    public double mean() {
        double[] v = values();
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** Sample standard deviation of the per-fold values (divisor n − 1). */
    public double standardDeviation() {
        double[] v = values();
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean();
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    public double meanFitMillis() {
        return folds.stream().mapToDouble(FoldResult::fitMillis).average().orElse(Double.NaN);
    }
}
