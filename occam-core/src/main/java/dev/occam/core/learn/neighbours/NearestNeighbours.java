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
 * so many noise columns dilute the neighbourhoods: kNN does not select features.
 *
 * <p>The search is exact and fast on large tables: a k-d tree (Friedman, Bentley &amp; Finkel, ACM TOMS 3(3),
 * 1977) built when the scorer is created; ties in distance go to the earlier training row, so the model is a
 * deterministic function of the data.
 */
public final class NearestNeighbours implements Learner {

    /**
     * @param k how many neighbours to average, at least 1
     * @param weighting uniform (each neighbour counts the same) or distance (in proportion to 1 / distance)
     */
    public record Options(int k, Weighting weighting) {

        public Options {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1: " + k);
            }
            if (weighting == null) {
                throw new IllegalArgumentException("weighting must be uniform or distance: null");
            }
        }

        /** k = 15, uniform weights. */
        public static Options defaults() {
            return new Options(15, Weighting.UNIFORM);
        }

        public Options withK(int value) {
            return new Options(value, weighting);
        }

        public Options withWeighting(Weighting value) {
            return new Options(k, value);
        }
    }

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
        return Model.of(family(), target.info(), scorer);
    }
}
