package dev.occam.core.learn.bayes;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.NaiveBayesScorer;
import dev.occam.runtime.scorer.NaiveBayesScorer.Categorical;
import dev.occam.runtime.scorer.NaiveBayesScorer.Gaussian;
import dev.occam.runtime.scorer.NaiveBayesScorer.Likelihood;
import dev.occam.runtime.scorer.NaiveBayesScorer.Unused;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Rung 3: naive Bayes for a class target (two classes, or three and more), on raw frames. The features are
 * assumed independent given the class: each numeric feature gets a Gaussian likelihood per class, each categorical feature a table of
 * level probabilities per class, and the class priors are the training shares. The fitted model reads as a
 * table per feature, and every score splits exactly into the prior log-odds plus one log-likelihood ratio
 * per feature (see {@link NaiveBayesScorer}). With three or more classes every class gets its prior and its
 * likelihoods, and the probabilities are the softmax of the log joints; an explanation takes the called class
 * against the next most probable.
 *
 * <p>When to use it: as the cheapest model that uses every feature at once, and a strong ranker for its
 * size: the independence assumption distorts the probabilities more than the order of the rows (Hand &amp;
 * Yu, "Idiot's Bayes—Not So Stupid After All?", International Statistical Review 69(3), 2001; Zhang, "The
 * Optimality of Naive Bayes", FLAIRS 2004). Its probabilities are overconfident when features are
 * correlated (two copies of a feature count its evidence twice); read them as a ranking.
 *
 * <ul>
 *   <li><b>Numbers.</b> Per-class mean and population variance of the rows that have the value. Every
 *       variance gets {@code varianceSmoothing × (largest training variance of any numeric feature)} added,
 *       as scikit-learn's {@code GaussianNB(var_smoothing)} does, so that a feature constant within a class
 *       does not make the likelihood infinitely narrow.</li>
 *   <li><b>Categories.</b> {@code P(level | class) = (count + alpha) / (class rows with a value + alpha ×
 *       levels)}, Laplace smoothing with {@code alpha = 1} by default (scikit-learn's {@code CategoricalNB}),
 *       so a level never seen in one class is unlikely there, not impossible.</li>
 *   <li><b>Missing values</b> are left out: of the counts, means and variances when fitting, and of the
 *       product when scoring (the feature contributes nothing for that row). Under the model's own
 *       independence assumption that is exactly the likelihood of the values that are there. A level unseen
 *       in training is treated the same way.</li>
 *   <li><b>Features left out</b> (reported as such in the model): a numeric feature constant in training (it
 *       cannot tell the classes apart), one with no value in a class, and a categorical feature without
 *       levels.</li>
 * </ul>
 *
 * <p>What fails: a regression target, a training set without rows of some class, an infinite value, or a numeric
 * feature whose variance overflows; each with a message naming it.
 */
public final class NaiveBayes implements Learner {

    /**
     * @param varianceSmoothing share of the largest numeric variance added to every Gaussian variance, &gt; 0
     *     (scikit-learn's {@code var_smoothing}, default 1e-9)
     * @param alpha pseudo-count added to every level count, &gt; 0 (1 is Laplace's rule)
     */
    public record Options(double varianceSmoothing, double alpha) {

        public Options {
            if (!(varianceSmoothing > 0) || Double.isInfinite(varianceSmoothing)) {
                throw new IllegalArgumentException("varianceSmoothing must be a finite number > 0: "
                        + varianceSmoothing);
            }
            if (!(alpha > 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha must be a finite number > 0: " + alpha);
            }
        }

        /** scikit-learn's defaults: variance smoothing 1e-9, Laplace smoothing alpha 1. */
        public static Options defaults() {
            return new Options(1e-9, 1.0);
        }

        public Options withVarianceSmoothing(double value) {
            return new Options(value, alpha);
        }

        public Options withAlpha(double value) {
            return new Options(varianceSmoothing, value);
        }
    }

    private final Options options;

    public NaiveBayes() {
        this(Options.defaults());
    }

    public NaiveBayes(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    @Override
    public String family() {
        return "naive-bayes";
    }

    @Override
    public int rung() {
        return 3;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CLASSIFICATION, Capability.MULTICLASS, Capability.MISSING_VALUES,
                Capability.CATEGORICAL_INPUT,
                Capability.EXPLAINABLE);
    }

    @Override
    public Model fit(Frame features, Target target) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        if (!target.isClassification() && !target.isMulticlass()) {
            throw new IllegalArgumentException("naive Bayes needs a classification target; '" + target.info().name()
                    + "' is a regression target");
        }
        int n = features.rows();
        target.requireRowsOf(features);
        int classes = target.isMulticlass() ? target.info().classCount() : 2;
        int[] y = target.isMulticlass() ? target.classCodes() : twoClassCodes(target.values());
        List<String> names = target.isMulticlass() ? target.info().levels()
                : List.of(target.info().negative(), target.info().positive());
        // How an unused feature's reason names a class: by its role for two classes, by its level for more.
        List<String> roles = target.isMulticlass() ? names : List.of("negative", "positive");
        double[] count = new double[classes];
        for (int k : y) {
            count[k]++;
        }
        double[] prior = new double[classes];
        for (int k = 0; k < classes; k++) {
            if (count[k] == 0) {
                throw new IllegalArgumentException(classes == 2
                        ? "naive Bayes needs rows of both classes; all " + n + " rows are " + names.get(1 - k)
                        : "naive Bayes needs rows of every class; none of the " + n + " rows is " + names.get(k));
            }
            prior[k] = count[k] / n;
        }

        // First pass: per-class moments of the numeric features, and the largest overall variance.
        int p = features.columnCount();
        Moments[] moments = new Moments[p];
        double largestVariance = 0;
        for (int j = 0; j < p; j++) {
            if (features.column(j) instanceof NumericColumn nc) {
                moments[j] = Moments.of(nc, y, classes);
                if (moments[j].usable(roles) == null) {
                    largestVariance = Math.max(largestVariance, moments[j].overallVariance);
                }
            }
        }
        double epsilon = options.varianceSmoothing() * largestVariance;

        List<Likelihood> likelihoods = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            Column c = features.column(j);
            if (c instanceof CategoricalColumn cc) {
                likelihoods.add(categorical(cc, y, classes));
                continue;
            }
            Moments m = moments[j];
            String unused = m.usable(roles);
            if (unused != null) {
                likelihoods.add(new Unused(unused));
                continue;
            }
            // The floor only guards against underflow on values near 1e-300; it never binds on ordinary data.
            double[] variance = new double[classes];
            for (int k = 0; k < classes; k++) {
                variance[k] = Math.max(m.variance[k] + epsilon, Double.MIN_NORMAL);
            }
            likelihoods.add(new Gaussian(m.mean, variance));
        }
        return Model.of(family(), target.info(), new NaiveBayesScorer(features.schema(), prior, likelihoods));
    }

    /** 0/1 class codes of a two-class target. */
    private static int[] twoClassCodes(double[] values) {
        int[] codes = new int[values.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = values[i] == 1.0 ? 1 : 0;
        }
        return codes;
    }

    private Likelihood categorical(CategoricalColumn c, int[] y, int classes) {
        int levels = c.levels().size();
        if (levels == 0) {
            return new Unused("no levels in training");
        }
        double[][] count = new double[classes][levels];
        double[] observed = new double[classes];
        // Read through the index when the column is a view (a fold's rows): one pass needs no dense copy.
        for (int i = 0; i < c.size(); i++) {
            int code = c.code(i);
            if (code >= 0) {
                int k = y[i];
                count[k][code]++;
                observed[k]++;
            }
        }
        double alpha = options.alpha();
        double[][] probability = new double[classes][levels];
        for (int k = 0; k < classes; k++) {
            double denominator = observed[k] + alpha * levels;
            for (int v = 0; v < levels; v++) {
                probability[k][v] = (count[k][v] + alpha) / denominator;
            }
        }
        return new Categorical(probability);
    }

    /** Per-class mean and population variance of one numeric column, over the rows that have a value. */
    private static final class Moments {
        final double[] mean;
        final double[] variance;
        final int[] count;
        double overallVariance;
        boolean constant;

        Moments(int classes) {
            mean = new double[classes];
            variance = new double[classes];
            count = new int[classes];
        }

        static Moments of(NumericColumn c, int[] y, int classes) {
            Moments m = new Moments(classes);
            // Two passes through the index when the column is a view: no dense copy.
            int n = c.size();
            double[] sum = new double[classes];
            double total = 0;
            int seen = 0;
            double first = Double.NaN;
            m.constant = true;
            for (int i = 0; i < n; i++) {
                double x = c.value(i);
                if (Double.isNaN(x)) {
                    continue;
                }
                if (Double.isInfinite(x)) {
                    throw new IllegalArgumentException("column '" + c.name() + "' holds " + x + " at row " + i);
                }
                int k = y[i];
                sum[k] += x;
                m.count[k]++;
                total += x;
                if (seen++ == 0) {
                    first = x;
                } else if (x != first) {
                    m.constant = false;
                }
            }
            if (seen == 0) {
                return m;
            }
            double overallMean = total / seen;
            for (int k = 0; k < classes; k++) {
                m.mean[k] = m.count[k] == 0 ? 0 : sum[k] / m.count[k];
            }
            double[] squares = new double[classes];
            double overallSquares = 0;
            for (int i = 0; i < n; i++) {
                double x = c.value(i);
                if (Double.isNaN(x)) {
                    continue;
                }
                int k = y[i];
                double d = x - m.mean[k];
                squares[k] += d * d;
                double o = x - overallMean;
                overallSquares += o * o;
            }
            boolean finite = true;
            for (int k = 0; k < classes; k++) {
                m.variance[k] = m.count[k] == 0 ? 0 : squares[k] / m.count[k];
                finite &= Double.isFinite(m.variance[k]) && Double.isFinite(m.mean[k]);
            }
            m.overallVariance = overallSquares / seen;
            if (!Double.isFinite(m.overallVariance) || !finite) {
                throw new IllegalArgumentException("column '" + c.name() + "': values too large for a Gaussian "
                        + "likelihood (the variance overflows)");
            }
            return m;
        }

        /** Why the feature cannot take part, or null when it can. */
        String usable(List<String> classNames) {
            if (java.util.Arrays.stream(count).sum() == 0) {
                return "missing in every training row";
            }
            if (constant || overallVariance == 0) {
                return "constant in training";
            }
            for (int k = 0; k < count.length; k++) {
                if (count[k] == 0) {
                    return "no value in any " + classNames.get(k) + " training row";
                }
            }
            return null;
        }
    }
}
