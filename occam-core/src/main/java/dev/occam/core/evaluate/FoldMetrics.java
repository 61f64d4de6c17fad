package dev.occam.core.evaluate;

import dev.occam.runtime.Task;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A candidate's other metrics, fold by fold, beside the one that selects: read from its held-out scores, so nothing
 * is refitted and every number is out-of-fold. Two classes: AUC, PR-AUC, log loss, Brier, and accuracy and F1 at
 * each fold's decision threshold; three or more: accuracy, log loss, macro AUC; regression: RMSE, MAE, R², MAPE.
 * With costs, {@code expected_cost} (per row, at each fold's cost threshold) and {@code threshold} are added by
 * the caller ({@link #with}).
 *
 * @param values per metric key, one value per fold in the order of the folds
 */
public record FoldMetrics(Map<String, double[]> values) {

    /** No other metric (a failed candidate, or folds that do not validate every row). */
    public static final FoldMetrics NONE = new FoldMetrics(Map.of());

    public FoldMetrics {
        Map<String, double[]> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        values = Collections.unmodifiableMap(copy);
    }

    /** The metrics a task reports, in the order shown. */
    public static List<Metric> reportedFor(Task task) {
        if (task == Task.MULTICLASS) {
            return List.of(Metric.ACCURACY, Metric.LOGLOSS, Metric.MACRO_AUC);
        }
        if (task == Task.REGRESSION) {
            return List.of(Metric.RMSE, Metric.MAE, Metric.R2, Metric.MAPE);
        }
        return List.of(Metric.AUC, Metric.PR_AUC, Metric.LOGLOSS, Metric.BRIER, Metric.ACCURACY, Metric.F1);
    }

    /**
     * @param heldOut the candidate's held-out scores, or null (then {@link #NONE})
     * @param truth each row's true value (0/1, the class code for multiclass, or the number)
     * @param task the target's task
     * @param folds the folds that made the scores
     * @param selecting the selection metric, left out (its values are the leaderboard's own)
     */
    public static FoldMetrics of(HeldOutScores heldOut, double[] truth, Task task, List<Fold> folds, Metric selecting) {
        if (heldOut == null) {
            return NONE;
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Metric m : reportedFor(task)) {
            if (m.equals(selecting)) {
                continue;
            }
            double[] perFold = new double[folds.size()];
            for (int f = 0; f < folds.size(); f++) {
                Fold fold = folds.get(f);
                int[] test = fold.test();
                double[] t = new double[test.length];
                double[] s = new double[test.length];
                for (int j = 0; j < test.length; j++) {
                    t[j] = truth[test[j]];
                    s[j] = heldOut.score(fold.repeat(), test[j]);
                }
                if (task == Task.MULTICLASS) {
                    int[] codes = new int[test.length];
                    double[][] p = new double[test.length][];
                    for (int j = 0; j < test.length; j++) {
                        codes[j] = (int) t[j];
                        p[j] = heldOut.classProbabilities(fold.repeat(), test[j]);
                    }
                    perFold[f] = m.computeClasses(codes, p);
                } else {
                    perFold[f] = m.compute(t, s, task == Task.CLASSIFICATION
                            ? heldOut.threshold(fold.repeat(), test[0]) : Double.NaN);
                }
            }
            out.put(m.key(), perFold);
        }
        return new FoldMetrics(out);
    }

    /** These metrics and one more, per fold. */
    public FoldMetrics with(String key, double[] perFold) {
        Map<String, double[]> more = new LinkedHashMap<>(values);
        more.put(key, perFold);
        return new FoldMetrics(more);
    }

    /** The mean over the folds; NaN when a fold's value is undefined. */
    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** The sample standard deviation over the folds (divisor n − 1); NaN with fewer than two. */
    public static double sd(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    @Override
    public Map<String, double[]> values() {
        Map<String, double[]> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }
}
