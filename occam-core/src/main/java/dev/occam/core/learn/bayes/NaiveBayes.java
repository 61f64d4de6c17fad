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
 * Rung 3: naive Bayes for a yes/no target, on raw frames. The features are assumed independent given the
 * class: each numeric feature gets a Gaussian likelihood per class, each categorical feature a table of
 * level probabilities per class, and the class priors are the training shares. The fitted model reads as a
 * table per feature, and every score splits exactly into the prior log-odds plus one log-likelihood ratio
 * per feature (see {@link NaiveBayesScorer}).
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
 * <p>What fails: a regression target, a training set with only one class, an infinite value, or a numeric
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

    private static final String[] CLASS = {"negative", "positive"};

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
        return EnumSet.of(Capability.CLASSIFICATION, Capability.MISSING_VALUES, Capability.CATEGORICAL_INPUT,
                Capability.EXPLAINABLE);
    }

    @Override
    public Model fit(Frame features, Target target) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        if (!target.isClassification()) {
            throw new IllegalArgumentException("naive Bayes needs a classification target; '" + target.info().name()
                    + "' is a regression target");
        }
        int n = features.rows();
        target.requireRowsOf(features);
        double[] y = target.values();
        int positives = 0;
        for (double v : y) {
            positives += v == 1.0 ? 1 : 0;
        }
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("naive Bayes needs rows of both classes; all " + n + " rows are "
                    + (positives == 0 ? target.info().negative() : target.info().positive()));
        }
        double[] prior = {(double) (n - positives) / n, (double) positives / n};

        // First pass: per-class moments of the numeric features, and the largest overall variance.
        int p = features.columnCount();
        Moments[] moments = new Moments[p];
        double largestVariance = 0;
        for (int j = 0; j < p; j++) {
            if (features.column(j) instanceof NumericColumn nc) {
                moments[j] = Moments.of(nc, y);
                if (moments[j].usable() == null) {
                    largestVariance = Math.max(largestVariance, moments[j].overallVariance);
                }
            }
        }
        double epsilon = options.varianceSmoothing() * largestVariance;

        List<Likelihood> likelihoods = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            Column c = features.column(j);
            if (c instanceof CategoricalColumn cc) {
                likelihoods.add(categorical(cc, y));
                continue;
            }
            Moments m = moments[j];
            String unused = m.usable();
            if (unused != null) {
                likelihoods.add(new Unused(unused));
                continue;
            }
            // The floor only guards against underflow on values near 1e-300; it never binds on ordinary data.
            double[] variance = {Math.max(m.variance[0] + epsilon, Double.MIN_NORMAL),
                Math.max(m.variance[1] + epsilon, Double.MIN_NORMAL)};
            likelihoods.add(new Gaussian(m.mean, variance));
        }
        return Model.of(family(), target.info(), new NaiveBayesScorer(features.schema(), prior, likelihoods));
    }

    private Likelihood categorical(CategoricalColumn c, double[] y) {
        int levels = c.levels().size();
        if (levels == 0) {
            return new Unused("no levels in training");
        }
        double[][] count = new double[2][levels];
        double[] observed = new double[2];
        int[] codes = c.codes();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] >= 0) {
                int k = (int) y[i];
                count[k][codes[i]]++;
                observed[k]++;
            }
        }
        double alpha = options.alpha();
        double[][] probability = new double[2][levels];
        for (int k = 0; k < 2; k++) {
            double denominator = observed[k] + alpha * levels;
            for (int v = 0; v < levels; v++) {
                probability[k][v] = (count[k][v] + alpha) / denominator;
            }
        }
        return new Categorical(probability);
    }

    /** Per-class mean and population variance of one numeric column, over the rows that have a value. */
    private static final class Moments {
        final double[] mean = new double[2];
        final double[] variance = new double[2];
        final int[] count = new int[2];
        double overallVariance;
        boolean constant;

        static Moments of(NumericColumn c, double[] y) {
            Moments m = new Moments();
            double[] v = c.values();
            double[] sum = new double[2];
            double total = 0;
            int seen = 0;
            double first = Double.NaN;
            m.constant = true;
            for (int i = 0; i < v.length; i++) {
                double x = v[i];
                if (Double.isNaN(x)) {
                    continue;
                }
                if (Double.isInfinite(x)) {
                    throw new IllegalArgumentException("column '" + c.name() + "' holds " + x + " at row " + i);
                }
                int k = (int) y[i];
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
            for (int k = 0; k < 2; k++) {
                m.mean[k] = m.count[k] == 0 ? 0 : sum[k] / m.count[k];
            }
            double[] squares = new double[2];
            double overallSquares = 0;
            for (int i = 0; i < v.length; i++) {
                double x = v[i];
                if (Double.isNaN(x)) {
                    continue;
                }
                int k = (int) y[i];
                double d = x - m.mean[k];
                squares[k] += d * d;
                double o = x - overallMean;
                overallSquares += o * o;
            }
            for (int k = 0; k < 2; k++) {
                m.variance[k] = m.count[k] == 0 ? 0 : squares[k] / m.count[k];
            }
            m.overallVariance = overallSquares / seen;
            if (!Double.isFinite(m.overallVariance) || !Double.isFinite(m.variance[0])
                    || !Double.isFinite(m.variance[1]) || !Double.isFinite(m.mean[0]) || !Double.isFinite(m.mean[1])) {
                throw new IllegalArgumentException("column '" + c.name() + "': values too large for a Gaussian "
                        + "likelihood (the variance overflows)");
            }
            return m;
        }

        /** Why the feature cannot take part, or null when it can. */
        String usable() {
            if (count[0] + count[1] == 0) {
                return "missing in every training row";
            }
            if (constant || overallVariance == 0) {
                return "constant in training";
            }
            for (int k = 0; k < 2; k++) {
                if (count[k] == 0) {
                    return "no value in any " + CLASS[k] + " training row";
                }
            }
            return null;
        }
    }
}
