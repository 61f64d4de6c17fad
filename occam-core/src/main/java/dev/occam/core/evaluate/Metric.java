package dev.occam.core.evaluate;

import dev.occam.runtime.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The success metrics of a use case, each computed from true values and scores. For classification
 * the truth is 1.0 / 0.0 and the score is the positive class's probability; accuracy and F1 call a row
 * positive when its score is at or above the decision threshold, which must be stated with them.
 */
public enum Metric {
    /** Area under the ROC curve; ties count half (Mann-Whitney U / (n₊ n₋)). */
    AUC("auc", true, Task.CLASSIFICATION),
    /** Mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15]. */
    LOGLOSS("logloss", false, Task.CLASSIFICATION),
    ACCURACY("accuracy", true, Task.CLASSIFICATION),
    /** F1 of the positive class: 2·TP / (2·TP + FP + FN); 0 when there is no positive call and no positive row. */
    F1("f1", true, Task.CLASSIFICATION),
    /** Mean squared difference between probability and outcome (Brier 1950). */
    BRIER("brier", false, Task.CLASSIFICATION),
    /**
     * Macro one-vs-rest AUC: the unweighted mean over the classes of the AUC of "this class against all the
     * others" scored by the class's probability (Provost &amp; Domingos 2000's one-vs-rest AUC, averaged without
     * class weights, as scikit-learn's {@code roc_auc_score(multi_class="ovr", average="macro")}); classes
     * absent from the evaluated rows are left out. Chosen over Hand &amp; Till's (2001) pairwise M because it
     * reads as "how well each class is told from the rest" and needs only K AUCs. With two classes it is the
     * AUC.
     */
    MACRO_AUC("macro_auc", true, Task.CLASSIFICATION),
    /**
     * Average precision, the area under the precision-recall curve as a step function: Σₙ (Rₙ − Rₙ₋₁) Pₙ over
     * the distinct scores from the highest down, tied scores taken together (scikit-learn's
     * {@code average_precision_score}; Zhu 2004). The metric of rare events: a constant score gets the positive
     * share, not 0.5. NaN without a positive row.
     */
    PR_AUC("pr_auc", true, Task.CLASSIFICATION),
    RMSE("rmse", false, Task.REGRESSION),
    MAE("mae", false, Task.REGRESSION),
    /** 1 − residual sum of squares / total sum of squares about the evaluated rows' own mean. */
    R2("r2", true, Task.REGRESSION),
    /**
     * Mean absolute percentage error as a share: the mean of |y − ŷ| / |y| over the rows whose true value is not 0
     * (scikit-learn's {@code mean_absolute_percentage_error} divides by max(|y|, ε) instead, which makes a zero
     * target dominate); NaN when every true value is 0.
     */
    MAPE("mape", false, Task.REGRESSION);

    /** How far log loss keeps probabilities from 0 and 1. */
    public static final double LOGLOSS_EPSILON = 1e-15;

    private final String key;
    private final boolean higherIsBetter;
    private final Task task;

    Metric(String key, boolean higherIsBetter, Task task) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
        this.task = task;
    }

    /** The name used in use cases and output files. */
    public String key() {
        return key;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public Task task() {
        return task;
    }

    /**
     * Whether this metric can judge a target of the task: the classification metrics judge two classes;
     * accuracy, log loss and macro AUC also judge three or more (from the per-class probabilities).
     */
    public boolean supports(Task target) {
        if (target == Task.MULTICLASS) {
            return this == ACCURACY || this == LOGLOSS || this == MACRO_AUC;
        }
        return task == target;
    }

    /** The metrics that can judge a target of the task, by key, for messages. */
    public static String keysFor(Task target) {
        List<String> keys = new ArrayList<>();
        for (Metric m : values()) {
            if (m.supports(target)) {
                keys.add(m.key);
            }
        }
        return String.join(", ", keys);
    }

    /**
     * The metric on a multiclass target, from every row's class probabilities: accuracy calls the most
     * probable class (the first on ties, as {@code Model} does); log loss is the mean of −log p(true class),
     * the probability clipped at {@link #LOGLOSS_EPSILON}; macro AUC as documented on {@link #MACRO_AUC}.
     *
     * @param truth each row's class code 0..K-1
     * @param probabilities each row's K class probabilities
     * @return the metric, or NaN when it is undefined (macro AUC with one class present)
     * @throws IllegalArgumentException for a metric that does not judge multiclass targets, or misaligned rows
     */
    public double computeClasses(int[] truth, double[][] probabilities) {
        if (truth.length != probabilities.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " values, probabilities has "
                    + probabilities.length + " rows");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("cannot compute " + key + " on zero rows");
        }
        if (!supports(Task.MULTICLASS)) {
            throw new IllegalArgumentException(key + " judges two classes; for three or more use "
                    + keysFor(Task.MULTICLASS));
        }
        int n = truth.length;
        return switch (this) {
            case ACCURACY -> {
                int right = 0;
                for (int i = 0; i < n; i++) {
                    if (dev.occam.runtime.scorer.MulticlassScorer.argmax(probabilities[i]) == truth[i]) {
                        right++;
                    }
                }
                yield (double) right / n;
            }
            case LOGLOSS -> {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum -= Math.log(Math.min(1 - LOGLOSS_EPSILON, Math.max(LOGLOSS_EPSILON, probabilities[i][truth[i]])));
                }
                yield sum / n;
            }
            default -> macroAuc(truth, probabilities);
        };
    }

    private static double macroAuc(int[] truth, double[][] probabilities) {
        double sum = 0;
        int counted = 0;
        for (double auc : oneVsRestAuc(truth, probabilities)) {
            if (!Double.isNaN(auc)) {
                sum += auc;
                counted++;
            }
        }
        return counted < 2 ? Double.NaN : sum / counted;
    }

    /**
     * Each class's AUC against the others from its probability (Hand & Till's one-vs-rest, as macro AUC
     * averages them); NaN for a class absent from {@code truth}.
     *
     * @param truth class codes 0..K-1
     * @param probabilities per row, the K class probabilities
     */
    public static double[] oneVsRestAuc(int[] truth, double[][] probabilities) {
        int classes = probabilities[0].length;
        double[] out = new double[classes];
        double[] isClass = new double[truth.length];
        double[] score = new double[truth.length];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < truth.length; i++) {
                isClass[i] = truth[i] == k ? 1.0 : 0.0;
                score[i] = probabilities[i][k];
            }
            out[k] = auc(isClass, score);
        }
        return out;
    }

    /** Whether this metric reads the decision threshold. */
    public boolean needsThreshold() {
        return this == ACCURACY || this == F1;
    }

    /** The metric named {@code key}. @throws IllegalArgumentException listing the known names */
    public static Metric fromKey(String key) {
        for (Metric m : values()) {
            if (m.key.equals(key.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        List<String> keys = new ArrayList<>();
        for (Metric m : values()) {
            keys.add(m.key);
        }
        throw new IllegalArgumentException("unknown metric '" + key + "'; expected one of " + String.join(", ", keys));
    }

    /** The default metric of a task: AUC for classification, macro AUC for multiclass, RMSE for regression. */
    public static Metric defaultFor(Task task) {
        return fromKey(task.defaultMetric());
    }

    /**
     * The metric of a model on rows: from the class probabilities for a multiclass model, else from its scores at
     * its threshold.
     *
     * @param truth the rows' true values (class codes for multiclass)
     */
    public double of(dev.occam.runtime.Model model, dev.occam.runtime.data.Frame rows, double[] truth) {
        if (model.target().isMulticlass()) {
            int[] codes = new int[truth.length];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = (int) truth[i];
            }
            return computeClasses(codes, model.scoreClasses(rows));
        }
        return compute(truth, model.score(rows), model.threshold());
    }

    /**
     * @param truth true values (0/1 for classification)
     * @param score scores (positive-class probabilities for classification)
     * @param threshold decision threshold for accuracy and F1; ignored otherwise
     * @return the metric, or NaN when it is undefined on these rows (AUC with one class present)
     */
    public double compute(double[] truth, double[] score, double threshold) {
        if (truth.length != score.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " values, score has " + score.length);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("cannot compute " + key + " on zero rows");
        }
        return switch (this) {
            case AUC, MACRO_AUC -> auc(truth, score);
            case PR_AUC -> averagePrecision(truth, score);
            case MAPE -> meanAbsolutePercentageError(truth, score);
            case LOGLOSS -> logLoss(truth, score);
            case ACCURACY -> accuracy(truth, score, threshold);
            case F1 -> f1(truth, score, threshold);
            case BRIER -> meanSquaredError(truth, score);
            case RMSE -> Math.sqrt(meanSquaredError(truth, score));
            case MAE -> meanAbsoluteError(truth, score);
            case R2 -> rSquared(truth, score);
        };
    }

    /** How many scores log loss had to clip (at or beyond {@link #LOGLOSS_EPSILON} from 0 or 1). */
    public static int logLossClipped(double[] score) {
        int n = 0;
        for (double s : score) {
            if (s < LOGLOSS_EPSILON || s > 1 - LOGLOSS_EPSILON) {
                n++;
            }
        }
        return n;
    }

    /**
     * The Mann–Whitney AUC, ties counting half: for each positive, the negatives scored below it plus half those
     * scored equal. The two classes' scores are sorted apart as primitive arrays and walked together, so it costs
     * two primitive sorts and no boxing (permutation importance calls it once per fold, feature and shuffle).
     */
    private static double auc(double[] truth, double[] score) {
        int n = truth.length;
        int positives = 0;
        for (double t : truth) {
            positives += t == 1.0 ? 1 : 0;
        }
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        for (int i = 0, p = 0, q = 0; i < n; i++) {
            if (truth[i] == 1.0) {
                pos[p++] = score[i];
            } else {
                neg[q++] = score[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        double u = 0;
        int below = 0;
        int notAbove = 0;
        for (double p : pos) {
            while (below < negatives && neg[below] < p) {
                below++;
            }
            if (notAbove < below) {
                notAbove = below;
            }
            while (notAbove < negatives && neg[notAbove] <= p) {
                notAbove++;
            }
            u += below + 0.5 * (notAbove - below);
        }
        return u / ((double) positives * negatives);
    }

    /** Average precision as documented on {@link #PR_AUC}: one step per distinct score, highest first. */
    static double averagePrecision(double[] truth, double[] score) {
        int n = truth.length;
        int positives = 0;
        for (double t : truth) {
            positives += t == 1.0 ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        double ap = 0;
        double previousRecall = 0;
        int tp = 0;
        int called = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            // Tied scores are one threshold: the curve steps once for all of them.
            while (j < n && score[order[j]] == score[order[i]]) {
                tp += truth[order[j]] == 1.0 ? 1 : 0;
                called++;
                j++;
            }
            double recall = (double) tp / positives;
            ap += (recall - previousRecall) * ((double) tp / called);
            previousRecall = recall;
            i = j;
        }
        return ap;
    }

    private static double meanAbsolutePercentageError(double[] truth, double[] score) {
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] != 0) {
                sum += Math.abs(score[i] - truth[i]) / Math.abs(truth[i]);
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    private static double logLoss(double[] truth, double[] score) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double p = Math.min(1 - LOGLOSS_EPSILON, Math.max(LOGLOSS_EPSILON, score[i]));
            sum -= truth[i] == 1.0 ? Math.log(p) : Math.log1p(-p);
        }
        return sum / truth.length;
    }

    private static double accuracy(double[] truth, double[] score, double threshold) {
        requireThreshold(threshold);
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            if ((score[i] >= threshold) == (truth[i] == 1.0)) {
                right++;
            }
        }
        return (double) right / truth.length;
    }

    private static double f1(double[] truth, double[] score, double threshold) {
        requireThreshold(threshold);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean called = score[i] >= threshold;
            boolean positive = truth[i] == 1.0;
            if (called && positive) {
                tp++;
            } else if (called) {
                fp++;
            } else if (positive) {
                fn++;
            }
        }
        int denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 0.0 : 2.0 * tp / denominator;
    }

    private static void requireThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("decision threshold must be in [0, 1]: " + threshold);
        }
    }

    private static double meanSquaredError(double[] truth, double[] score) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = score[i] - truth[i];
            sum += d * d;
        }
        return sum / truth.length;
    }

    private static double meanAbsoluteError(double[] truth, double[] score) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += Math.abs(score[i] - truth[i]);
        }
        return sum / truth.length;
    }

    private static double rSquared(double[] truth, double[] score) {
        double mean = 0;
        for (double t : truth) {
            mean += t;
        }
        mean /= truth.length;
        double rss = 0;
        double tss = 0;
        for (int i = 0; i < truth.length; i++) {
            rss += (truth[i] - score[i]) * (truth[i] - score[i]);
            tss += (truth[i] - mean) * (truth[i] - mean);
        }
        return tss == 0 ? (rss == 0 ? 1.0 : Double.NEGATIVE_INFINITY) : 1.0 - rss / tss;
    }
}
