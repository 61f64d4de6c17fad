package dev.occam.core.evaluate;

import dev.occam.runtime.Task;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The success metrics of a use case, each computed from true values and scores. For classification
 * the truth is 1.0 / 0.0 and the score is the positive class's probability; accuracy and F1 call a row
 * positive when its score is at or above the decision threshold, which must be stated with them.
 *
 * <p>A metric is a {@link Kind} and, for the one kind that takes one, its parameter: recall at a given
 * precision is a family of metrics, one per precision, so a metric is a value (equal when its kind and
 * precision are) rather than an enum constant. The metrics without a parameter are the constants
 * ({@link #AUC}, {@link #RMSE}, ...); {@link #recallAtPrecision(double)} makes the other. Its {@link #key()}
 * carries the precision ({@code recall_at_precision_0.9}), so every output that names the metric (leaderboard,
 * card, report, console) names the precision with it, and {@link #fromKey} reads such a key back.
 * Immutable and thread-safe.
 */
public final class Metric {

    /** What a metric measures; every kind but {@link #RECALL_AT_PRECISION} is a whole metric on its own. */
    public enum Kind {
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
        /**
         * Recall at a given precision p: the largest recall over the thresholds whose precision is at least p. The
         * thresholds are the distinct scores (a row is called positive when its score is at or above one), tied
         * scores taken together, so a tie is never split to reach p; the points are those of scikit-learn's
         * {@code precision_recall_curve}. 0 when no threshold reaches precision p (the model cannot work at that
         * precision on these rows), NaN without a positive row (recall is undefined). Higher is better; two
         * classes only; it reads the ranking, not the decision threshold. "Of the cases we must act on, how many
         * do we catch while at most 1 − p of our calls are false alarms?"
         */
        RECALL_AT_PRECISION("recall_at_precision", true, Task.CLASSIFICATION),
        RMSE("rmse", false, Task.REGRESSION),
        MAE("mae", false, Task.REGRESSION),
        /** 1 − residual sum of squares / total sum of squares about the evaluated rows' own mean. */
        R2("r2", true, Task.REGRESSION),
        /**
         * Mean absolute percentage error as a share: the mean of |y − ŷ| / |y| over the rows whose true value is
         * not 0 (scikit-learn's {@code mean_absolute_percentage_error} divides by max(|y|, ε) instead, which makes
         * a zero target dominate); NaN when every true value is 0.
         */
        MAPE("mape", false, Task.REGRESSION);

        private final String key;
        private final boolean higherIsBetter;
        private final Task task;

        Kind(String key, boolean higherIsBetter, Task task) {
            this.key = key;
            this.higherIsBetter = higherIsBetter;
            this.task = task;
        }

        /** The name a use case's {@code success.metric} gives. */
        public String key() {
            return key;
        }

        public boolean higherIsBetter() {
            return higherIsBetter;
        }

        public Task task() {
            return task;
        }

        /** Whether a metric of this kind needs a precision ({@code success.precision}). */
        public boolean takesPrecision() {
            return this == RECALL_AT_PRECISION;
        }

        /**
         * Whether this kind can judge a target of the task: the classification kinds judge two classes;
         * accuracy, log loss and macro AUC also judge three or more (from the per-class probabilities).
         */
        public boolean supports(Task target) {
            if (target == Task.MULTICLASS) {
                return this == ACCURACY || this == LOGLOSS || this == MACRO_AUC;
            }
            return task == target;
        }

        /** The kind named {@code key}, ignoring case. @throws IllegalArgumentException listing the known names */
        public static Kind fromKey(String key) {
            for (Kind k : values()) {
                if (k.key.equals(key.toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown metric " + quote(key) + "; expected one of " + allKeys());
        }

        private static String allKeys() {
            List<String> keys = new ArrayList<>();
            for (Kind k : values()) {
                keys.add(k.key);
            }
            return String.join(", ", keys);
        }
    }

    /** {@link Kind#AUC}. */
    public static final Metric AUC = new Metric(Kind.AUC, Double.NaN);
    /** {@link Kind#LOGLOSS}. */
    public static final Metric LOGLOSS = new Metric(Kind.LOGLOSS, Double.NaN);
    /** {@link Kind#ACCURACY}. */
    public static final Metric ACCURACY = new Metric(Kind.ACCURACY, Double.NaN);
    /** {@link Kind#F1}. */
    public static final Metric F1 = new Metric(Kind.F1, Double.NaN);
    /** {@link Kind#BRIER}. */
    public static final Metric BRIER = new Metric(Kind.BRIER, Double.NaN);
    /** {@link Kind#MACRO_AUC}. */
    public static final Metric MACRO_AUC = new Metric(Kind.MACRO_AUC, Double.NaN);
    /** {@link Kind#PR_AUC}. */
    public static final Metric PR_AUC = new Metric(Kind.PR_AUC, Double.NaN);
    /** {@link Kind#RMSE}. */
    public static final Metric RMSE = new Metric(Kind.RMSE, Double.NaN);
    /** {@link Kind#MAE}. */
    public static final Metric MAE = new Metric(Kind.MAE, Double.NaN);
    /** {@link Kind#R2}. */
    public static final Metric R2 = new Metric(Kind.R2, Double.NaN);
    /** {@link Kind#MAPE}. */
    public static final Metric MAPE = new Metric(Kind.MAPE, Double.NaN);

    /** How far log loss keeps probabilities from 0 and 1. */
    public static final double LOGLOSS_EPSILON = 1e-15;

    private static final String RECALL_AT_PRECISION_PREFIX = Kind.RECALL_AT_PRECISION.key + "_";

    private final Kind kind;
    private final double precision;

    private Metric(Kind kind, double precision) {
        this.kind = kind;
        this.precision = precision;
    }

    /** The metric of a kind without a parameter. @throws IllegalArgumentException for recall at precision */
    public static Metric of(Kind kind) {
        return switch (kind) {
            case AUC -> AUC;
            case LOGLOSS -> LOGLOSS;
            case ACCURACY -> ACCURACY;
            case F1 -> F1;
            case BRIER -> BRIER;
            case MACRO_AUC -> MACRO_AUC;
            case PR_AUC -> PR_AUC;
            case RMSE -> RMSE;
            case MAE -> MAE;
            case R2 -> R2;
            case MAPE -> MAPE;
            case RECALL_AT_PRECISION -> throw new IllegalArgumentException(kind.key
                    + " needs a precision, such as " + RECALL_AT_PRECISION_PREFIX + "0.9");
        };
    }

    /**
     * Recall at precision {@code precision}, as documented on {@link Kind#RECALL_AT_PRECISION}.
     *
     * @param precision the precision the recall is read at, in (0, 1): 0 would ask nothing, and at 1 any negative
     *     ranked above a positive caps the recall, so one mislabelled row would decide a fold
     * @throws IllegalArgumentException naming the value when it is outside (0, 1)
     */
    public static Metric recallAtPrecision(double precision) {
        if (!(precision > 0 && precision < 1)) {
            throw new IllegalArgumentException("the precision of " + Kind.RECALL_AT_PRECISION.key
                    + " must be in (0, 1): " + precision);
        }
        return new Metric(Kind.RECALL_AT_PRECISION, precision);
    }

    public Kind kind() {
        return kind;
    }

    /** The precision recall is read at ({@link Kind#RECALL_AT_PRECISION}); NaN for every other kind. */
    public double precision() {
        return precision;
    }

    /**
     * The name used in output files and messages: the kind's key, and for recall at precision the precision in its
     * shortest decimal form after an underscore ({@code recall_at_precision_0.9} for 0.9 or 0.90): letters, digits,
     * underscores and a point, so it is safe as a JSON key, a file name part and a console column.
     */
    public String key() {
        if (kind != Kind.RECALL_AT_PRECISION) {
            return kind.key;
        }
        return RECALL_AT_PRECISION_PREFIX + BigDecimal.valueOf(precision).stripTrailingZeros().toPlainString();
    }

    public boolean higherIsBetter() {
        return kind.higherIsBetter;
    }

    public Task task() {
        return kind.task;
    }

    /**
     * Whether this metric can judge a target of the task: the classification metrics judge two classes;
     * accuracy, log loss and macro AUC also judge three or more (from the per-class probabilities).
     */
    public boolean supports(Task target) {
        return kind.supports(target);
    }

    /** The metrics that can judge a target of the task, by key, for messages. */
    public static String keysFor(Task target) {
        List<String> keys = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (k.supports(target)) {
                keys.add(k.key);
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
            throw new IllegalArgumentException("cannot compute " + key() + " on zero rows");
        }
        if (!supports(Task.MULTICLASS)) {
            throw new IllegalArgumentException(key() + " judges two classes; for three or more use "
                    + keysFor(Task.MULTICLASS));
        }
        int n = truth.length;
        return switch (kind) {
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
        return kind == Kind.ACCURACY || kind == Kind.F1;
    }

    /**
     * The metric named {@code key} as {@link #key()} writes it, ignoring case: a kind's key, or
     * {@code recall_at_precision_P} with the precision P.
     *
     * @throws IllegalArgumentException listing the known names, or naming a precision that is not a number in (0, 1)
     */
    public static Metric fromKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.startsWith(RECALL_AT_PRECISION_PREFIX)) {
            String number = lower.substring(RECALL_AT_PRECISION_PREFIX.length());
            // Digits and a point only, as key() writes them: no exponent, sign, NaN or hexadecimal.
            if (!number.matches("[0-9]*\\.?[0-9]+")) {
                throw new IllegalArgumentException("metric " + quote(key) + ": " + quote(number)
                        + " is not a precision; write it as " + RECALL_AT_PRECISION_PREFIX + "0.9");
            }
            return recallAtPrecision(Double.parseDouble(number));
        }
        return of(Kind.fromKey(key));
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
            throw new IllegalArgumentException("cannot compute " + key() + " on zero rows");
        }
        return switch (kind) {
            case AUC, MACRO_AUC -> auc(truth, score);
            case PR_AUC -> averagePrecision(truth, score);
            case RECALL_AT_PRECISION -> recallAtPrecision(truth, score, precision);
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
        return SortedByClass.of(score, truth).auc();
    }

    /**
     * The AUC (Mann-Whitney, ties counted a half) of the first {@code positives} values of {@code pos} against the
     * first {@code negatives} of {@code neg}, each sorted ascending; NaN when either class is empty.
     */
    static double aucOfSorted(double[] pos, int positives, double[] neg, int negatives) {
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double u = 0;
        int below = 0;
        int notAbove = 0;
        for (int k = 0; k < positives; k++) {
            double p = pos[k];
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

    /**
     * The points of the precision-recall curve, one per distinct score from the highest down: with every row
     * scored at or above it called positive, how many rows are called and how many of them are positive.
     *
     * @param positives the positive rows among all
     * @param called per threshold, the rows called positive (increasing)
     * @param truePositives per threshold, the positive rows among them (non-decreasing)
     */
    record PrecisionRecallSteps(int positives, int[] called, int[] truePositives) {

        static PrecisionRecallSteps of(double[] truth, double[] score) {
            for (double s : score) {
                if (Double.isNaN(s)) {
                    return ofBoxedOrder(truth, score);
                }
            }
            // Each class's scores sorted apart (primitives), merged from the highest: the steps of one sort of
            // every row, whose order within a tie does not matter (a tie is one step).
            SortedByClass sorted = SortedByClass.of(score, truth);
            double[] pos = sorted.ofPositives();
            double[] neg = sorted.ofNegatives();
            int n = truth.length;
            int[] called = new int[n];
            int[] truePositives = new int[n];
            int steps = 0;
            int tp = 0;
            int calledSoFar = 0;
            for (int a = pos.length - 1, b = neg.length - 1; a >= 0 || b >= 0; ) {
                double x = b < 0 || (a >= 0 && Double.compare(pos[a], neg[b]) >= 0) ? pos[a] : neg[b];
                // Tied scores (== : 0.0 and -0.0 together, as the sort's neighbours were compared) are one step.
                while (a >= 0 && pos[a] == x) {
                    a--;
                    tp++;
                    calledSoFar++;
                }
                while (b >= 0 && neg[b] == x) {
                    b--;
                    calledSoFar++;
                }
                called[steps] = calledSoFar;
                truePositives[steps] = tp;
                steps++;
            }
            return new PrecisionRecallSteps(pos.length, Arrays.copyOf(called, steps),
                    Arrays.copyOf(truePositives, steps));
        }

        /** As {@link #of}, from one sort of boxed row numbers: what scores with a NaN among them get, as before. */
        static PrecisionRecallSteps ofBoxedOrder(double[] truth, double[] score) {
            int n = truth.length;
            int positives = 0;
            for (double t : truth) {
                positives += t == 1.0 ? 1 : 0;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
            int[] called = new int[n];
            int[] truePositives = new int[n];
            int steps = 0;
            int tp = 0;
            for (int i = 0; i < n; ) {
                int j = i;
                // Tied scores are one threshold: the curve steps once for all of them.
                while (j < n && score[order[j]] == score[order[i]]) {
                    tp += truth[order[j]] == 1.0 ? 1 : 0;
                    j++;
                }
                called[steps] = j;
                truePositives[steps] = tp;
                steps++;
                i = j;
            }
            return new PrecisionRecallSteps(positives, Arrays.copyOf(called, steps),
                    Arrays.copyOf(truePositives, steps));
        }

        double recall(int step) {
            return (double) truePositives[step] / positives;
        }

        double precision(int step) {
            return (double) truePositives[step] / called[step];
        }
    }

    /** Average precision as documented on {@link Kind#PR_AUC}: one step per distinct score, highest first. */
    static double averagePrecision(double[] truth, double[] score) {
        PrecisionRecallSteps curve = PrecisionRecallSteps.of(truth, score);
        if (curve.positives() == 0) {
            return Double.NaN;
        }
        double ap = 0;
        double previousRecall = 0;
        for (int step = 0; step < curve.called().length; step++) {
            double recall = curve.recall(step);
            ap += (recall - previousRecall) * curve.precision(step);
            previousRecall = recall;
        }
        return ap;
    }

    /**
     * Recall at precision {@code precision} as documented on {@link Kind#RECALL_AT_PRECISION}. Recall never falls
     * as the threshold is lowered, so the answer is the recall of the lowest threshold whose precision reaches p.
     * Precision is compared as the quotient TP / called, as scikit-learn computes it, so a precision of exactly
     * 9/10 meets p = 0.9.
     */
    static double recallAtPrecision(double[] truth, double[] score, double precision) {
        PrecisionRecallSteps curve = PrecisionRecallSteps.of(truth, score);
        if (curve.positives() == 0) {
            return Double.NaN;
        }
        double best = 0;
        for (int step = 0; step < curve.called().length; step++) {
            if (curve.precision(step) >= precision) {
                best = curve.recall(step);
            }
        }
        return best;
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

    /** Equal when the kind and the precision are (every metric but recall at precision has none). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Metric m && m.kind == kind && Double.compare(m.precision, precision) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Double.hashCode(precision);
    }

    /** The key ({@link #key()}). */
    @Override
    public String toString() {
        return key();
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }
}
