package dev.occam.core.evaluate;

import java.util.List;

/**
 * A candidate's cross-validated record: the metric on every fold (the numbers the significance test and
 * the report both read), or why it could not be evaluated.
 *
 * @param id the candidate's id, which names it in every output; its family unless the use case named it
 * @param family the model family of the candidate's learner
 * @param heldOut every row's out-of-fold scores and thresholds (read by the fairness audit); null when
 *     the evaluation failed or was made without them
 */
public record Evaluation(String id, String family, int rung, Metric metric, List<FoldResult> folds, String failure,
        HeldOutScores heldOut) {

    public Evaluation {
        id = id == null ? family : id;
        folds = List.copyOf(folds);
    }

    /** A record named by its family. */
    public Evaluation(String family, int rung, Metric metric, List<FoldResult> folds, String failure,
            HeldOutScores heldOut) {
        this(family, family, rung, metric, folds, failure, heldOut);
    }

    /** The same record for the candidate named {@code id}. */
    public Evaluation withId(String id) {
        return new Evaluation(id, family, rung, metric, folds, failure, heldOut);
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
