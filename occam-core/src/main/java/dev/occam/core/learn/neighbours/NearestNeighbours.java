package dev.occam.core.learn.neighbours;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.core.learn.Pipeline;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.NeighboursScorer;
import dev.occam.runtime.scorer.NeighboursScorer.Weighting;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Rung 3: k nearest neighbours (Cover &amp; Hart, "Nearest neighbor pattern classification", IEEE Trans.
 * Information Theory 13(1), 1967). Fitting stores the training rows; a row scores the mean target of the
 * {@code k} training rows nearest to it in Euclidean distance, the share of positives for classification;
 * with three or more classes, each class's probability is its share of the k votes.
 *
 * <p>When to use it: as the ladder's assumption-free local comparator. It needs no shape for the
 * relation between features and target, so when it beats the linear rung clearly, the relation is
 * local or interacting in a way a line misses. It explains itself only by example (the neighbours of a row),
 * stores the whole training set (see {@link NeighboursScorer} for the parameter count) and costs more per
 * score than any other rung-3 model; selection weighs that.
 *
 * <p>Distances only mean something on comparable scales, so {@link #pipeline()} imputes (median, mode),
 * standardises every numeric column and encodes every level as its own 0/1 column (no reference level: dropping
 * one would put that level's rows closer to every other level than they are to each other), on each fold's
 * training rows. The indicators stay 0/1, so two rows of different levels are as far apart as two standardised
 * numbers typically are; standardised, a rare level's column would dominate every distance (see
 * {@link Pipeline#standardisedNumbers}). The bare learner reads such a frame: numeric and complete.
 *
 * <p>Defaults: k = 15, uniform weights. k = 15 smooths the 0/1 votes enough for a useful ranking (16 score
 * levels) on a few thousand rows, where scikit-learn's default of 5 gives only 6 levels and a ragged ROC
 * curve; distance weighting is the option for when the nearest rows deserve more say.
 *
 * <p>What fails: a categorical column or a missing value reaching the bare learner (named in the error; the
 * pipeline prevents both); an infinite value. With fewer training rows than k, every row is a neighbour and
 * the model scores the (weighted) training mean. Features that do not matter still count in the distance,
 * so many noise columns dilute the neighbourhoods: kNN does not select features. A model too costly to score
 * (more than {@link Options#maxScoringSeconds}, 30 s by default, to score as many rows as it stores, by the count
 * of distance terms its search needs) is refused with the estimate in words, so the ladder skips it and says why:
 * on 250,000 rows of 20 informative features every search scans all 200,000 stored rows of a fold (about 8e11
 * terms, some 13 minutes a scoring), where on 3 features the tree touches a few hundred.
 *
 * <p>The search is exact and fast on large tables: a k-d tree (Friedman, Bentley &amp; Finkel, ACM TOMS 3(3),
 * 1977) built when the scorer is created; ties in distance go to the earlier training row, so the model is a
 * deterministic function of the data.
 */
public final class NearestNeighbours implements Learner {

    /**
     * @param k how many neighbours to average, at least 1
     * @param weighting uniform (each neighbour counts the same) or distance (in proportion to 1 / distance)
     * @param maxScoringSeconds the most that scoring as many rows as the model stores may take by the fit's
     *     estimate (on one core, at {@link #NANOS_PER_TERM} ns per distance term); above it the fit refuses, with
     *     the estimate, so the ladder skips the candidate instead of spending the run on it. Greater than 0
     */
    public record Options(int k, Weighting weighting, double maxScoringSeconds) {

        public Options {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1: " + k);
            }
            if (weighting == null) {
                throw new IllegalArgumentException("weighting must be uniform or distance: null");
            }
            if (!(maxScoringSeconds > 0)) {
                throw new IllegalArgumentException("maxScoringSeconds must be > 0: " + maxScoringSeconds);
            }
        }

        /** k, weighting and the default cost limit. */
        public Options(int k, Weighting weighting) {
            this(k, weighting, DEFAULT_MAX_SCORING_SECONDS);
        }

        /**
         * k = 15, uniform weights, at most {@value #DEFAULT_MAX_SCORING_SECONDS} s to score as many rows as are stored.
         *
         * <p>Why 30 s: cross-validation scores every row once per repeat and, for two classes, each fold's training
         * rows as well (for the decision threshold): about 12 times that unit over 5 x 2 folds, so 30 s is about 6
         * minutes of one core, 3 on two, already most of the budget of a 250,000-row ladder (issue 12). Every
         * shipped example needs well under a second.
         */
        public static Options defaults() {
            return new Options(15, Weighting.UNIFORM, DEFAULT_MAX_SCORING_SECONDS);
        }

        public Options withK(int value) {
            return new Options(value, weighting, maxScoringSeconds);
        }

        public Options withWeighting(Weighting value) {
            return new Options(k, value, maxScoringSeconds);
        }

        public Options withMaxScoringSeconds(double value) {
            return new Options(k, weighting, value);
        }
    }

    /** See {@link Options#defaults()}. */
    public static final double DEFAULT_MAX_SCORING_SECONDS = 30;

    /**
     * Nanoseconds of CPU per unit of search work (a distance term: one subtraction, square and add, on a point or on a
     * box's bound) for the cost estimate. Measured in thread CPU time, which a loaded machine does not stretch as it
     * does wall time: k-d tree searches on 40,000 and 200,000 stored rows of 19 prepared features (credit-250k) took
     * 2.7 and 3.8 ns per term, the box bounds and the neighbour heap included; 3 ns is the round figure between. The
     * former 1 ns, read off wall times, let a 200,000-row fold through at an estimated 28 s that took 110 s of CPU
     * (docs/performance.md, "Large tables on the default ladder").
     */
    public static final double NANOS_PER_TERM = 3.0;

    private final Options options;

    public NearestNeighbours() {
        this(Options.defaults());
    }

    public NearestNeighbours(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Imputation, standardised numbers, one 0/1 indicator per level, then k nearest neighbours with the defaults. */
    public static Pipeline pipeline() {
        return pipeline(Options.defaults());
    }

    /** Imputation, standardised numbers, one 0/1 indicator per level, then k nearest neighbours. */
    public static Pipeline pipeline(Options options) {
        return Pipeline.standardisedNumbers(new NearestNeighbours(options));
    }

    public Options options() {
        return options;
    }

    @Override
    public String family() {
        return "knn";
    }

    @Override
    public int rung() {
        return 3;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CLASSIFICATION, Capability.REGRESSION, Capability.MULTICLASS);
    }

    /**
     * @throws IllegalArgumentException when the row counts differ or are zero, or a column is categorical or
     *     holds a missing or infinite value (naming the column and the row)
     */
    @Override
    public Model fit(Frame features, Target target) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        int n = features.rows();
        target.requireRowsOf(features);
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit k nearest neighbours on zero rows");
        }
        int p = features.columnCount();
        double[] points = new double[Math.multiplyExact(n, p)];
        for (int j = 0; j < p; j++) {
            Column c = features.column(j);
            if (!(c instanceof NumericColumn nc)) {
                throw new IllegalArgumentException("column '" + c.name() + "' is categorical; k nearest neighbours"
                        + " needs numbers (encode it first, as pipeline() does)");
            }
            double[] v = nc.values();
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(v[i])) {
                    throw new IllegalArgumentException("column '" + c.name() + "' is missing at row " + i
                            + "; k nearest neighbours needs complete rows (impute first, as pipeline() does)");
                }
                if (Double.isInfinite(v[i])) {
                    throw new IllegalArgumentException("column '" + c.name() + "' holds " + v[i] + " at row " + i);
                }
                points[i * p + j] = v[i];
            }
        }
        // Multiclass: the stored targets are the class codes, and each class's probability is its vote share.
        NeighboursScorer scorer = new NeighboursScorer(features.schema(), points, target.values(), options.k(),
                options.weighting(), target.isMulticlass() ? target.info().classCount() : 1);
        requireAffordable(scorer);
        return Model.of(family(), target.info(), scorer);
    }

    /**
     * Refuses a model whose scoring would cost more than {@link Options#maxScoringSeconds}: the estimate is rows ×
     * {@link NeighboursScorer#searchWork()} × features distance terms (scoring as many rows as are stored), a count
     * from the data rather than a timing, so the same data are refused on every machine and every run.
     *
     * @throws IllegalArgumentException saying why, with the estimate and what would make it affordable
     */
    private void requireAffordable(NeighboursScorer scorer) {
        int rows = scorer.rows();
        int features = scorer.input().size();
        double work = scorer.searchWork();
        double terms = rows * work * Math.max(1, features);
        double seconds = terms * NANOS_PER_TERM * 1e-9;
        if (seconds <= options.maxScoringSeconds()) {
            return;
        }
        boolean scans = work >= rows;
        throw new IllegalArgumentException(String.format(Locale.ROOT, "k nearest neighbours would cost too much here: "
                + "each prediction compares a row with %s of the %,d stored rows over %d prepared features (%s), so "
                + "scoring as many rows as it stores takes about %.1e distance terms, roughly %s seconds on one "
                + "core, over max_scoring_seconds = %s (5 x 2 cross-validation costs 2 to 12 times that). "
                + "Fewer rows, or fewer and more informative features, would make it affordable", scans ? "every one"
                : String.format(Locale.ROOT, "about %,.0f", work), rows, features,
                scans ? "in " + features + " dimensions the k-d tree would not prune enough, so it scans"
                        : "the k-d tree prunes the rest", terms,
                seconds < 100 ? String.format(Locale.ROOT, "%.2g", seconds) : String.format(Locale.ROOT, "%,.0f", seconds),
                shortest(options.maxScoringSeconds())));
    }

    private static String shortest(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
