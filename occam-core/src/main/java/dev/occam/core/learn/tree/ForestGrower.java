package dev.occam.core.learn.tree;

import dev.occam.core.data.Target;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.TreeScorer;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Grows the trees of a random forest (Breiman, <i>Random Forests</i>, Machine Learning 45, 2001) with the
 * split search of {@link DecisionTree}: the same numeric thresholds, the same ordered categorical
 * partitions, the same missing-value direction. Each tree differs from a single CART tree in three ways:
 * it grows on a sample of the rows (a bootstrap sample repeats some rows and leaves others out), each
 * split examines only {@code featuresPerSplit} features drawn at random among those that vary in the node,
 * and it is grown until its leaves are pure or smaller than {@code 2 * minLeaf} rows, then not pruned.
 *
 * <p>Build one grower per training frame: it ranks every numeric column once, and each tree then sorts only
 * the rows of its nodes on the features it examines; from {@link Bins#MIN_ROWS} rows (two classes or regression)
 * it instead bins every numeric column once and each node builds histograms over the bins (see {@link Bins}). {@link #grow} keeps no state between calls, so trees
 * may be grown from several threads at once; each call is deterministic given its sample and random source.
 */
public final class ForestGrower {

    private final Frame features;
    private final double[] y;
    private final boolean classification;
    private final DecisionTree.Options options;
    private final int featuresPerSplit;
    /** Each numeric column's ranks (sorted growing) or bins (histogram growing); the other is null. */
    private final int[][] ranks;
    private final Bins bins;
    /** Each row's weight, or null for all 1. */
    private final double[] weights;
    /** Each feature's monotone direction, or null for none. */
    private final int[] monotone;

    /**
     * @param featuresPerSplit how many features each split examines (Breiman's {@code mtry}), at least 1
     * @param minLeaf fewest rows, counted with their repeats, on each side of a split
     * @throws IllegalArgumentException when the features and the target differ in length, or an argument is
     *     below 1
     */
    public ForestGrower(Frame features, Target target, int featuresPerSplit, int minLeaf) {
        this(features, target, featuresPerSplit, minLeaf, Bins.MIN_ROWS, java.util.Map.of(), false);
    }

    /**
     * As {@link #ForestGrower(Frame, Target, int, int)}, with the trees holding monotone directions and, for two or
     * more classes, each row weighed by its class's balanced weight (see {@link DecisionTree#withMonotone} and
     * {@link DecisionTree#withBalancedClasses}; a row drawn twice counts its weight twice, as scikit-learn's
     * {@code class_weight="balanced"} multiplies the bootstrap counts).
     *
     * @param monotone column name to +1 (increasing) or -1 (decreasing); empty for none
     * @throws IllegalArgumentException also for a direction other than +1 or -1, on a column that is not a numeric
     *     feature, or on a target of three or more classes
     */
    public ForestGrower(Frame features, Target target, int featuresPerSplit, int minLeaf,
            java.util.Map<String, Integer> monotone, boolean balanced) {
        this(features, target, featuresPerSplit, minLeaf, Bins.MIN_ROWS, monotone, balanced);
    }

    /** As the public constructor, growing on histograms from {@code histogramMinRows} rows. */
    ForestGrower(Frame features, Target target, int featuresPerSplit, int minLeaf, int histogramMinRows) {
        this(features, target, featuresPerSplit, minLeaf, histogramMinRows, java.util.Map.of(), false);
    }

    /**
     * @param histogramMinRows from how many rows the trees grow on histograms ({@link Bins}) rather than on rows
     *     sorted by value; multiclass trees always grow on sorted rows
     */
    ForestGrower(Frame features, Target target, int featuresPerSplit, int minLeaf, int histogramMinRows,
            java.util.Map<String, Integer> monotone, boolean balanced) {
        this.features = Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        target.requireRowsOf(features);
        if (featuresPerSplit < 1) {
            throw new IllegalArgumentException("featuresPerSplit must be >= 1: " + featuresPerSplit);
        }
        if (minLeaf < 1) {
            throw new IllegalArgumentException("minLeaf must be >= 1: " + minLeaf);
        }
        this.y = target.values();
        this.monotone = MonotoneDirections.of(MonotoneDirections.check(monotone), features, target, "random-forest");
        this.weights = balanced && target.info().task().isCategorical() ? target.balancedWeights() : null;
        this.classification = target.isClassification();
        this.featuresPerSplit = featuresPerSplit;
        // No pruning (complexity 0 only stops nodes that are already pure), and no depth limit but the deepest tree
        // a model file may hold (1,000 levels, far beyond a forest's trees on real data), so a fit never writes a
        // model it cannot read back.
        this.options = new DecisionTree.Options(dev.occam.runtime.scorer.TreeEnsembleScorer.Tree.MAX_DEPTH,
                Math.max(2, 2 * minLeaf), minLeaf, 0.0);
        boolean histograms = y.length >= histogramMinRows && !target.isMulticlass();
        this.bins = histograms ? Bins.of(features) : null;
        this.ranks = histograms ? null : Grower.ranks(features);
    }

    /**
     * Grows one tree of a multiclass forest ({@link ClassTreeGrower}, Gini over the K classes, not pruned), each
     * row weighed by its class's balanced weight when the grower was built balanced (a row drawn twice counts twice).
     *
     * @param sample row indices to grow on, repeats allowed, at least one
     * @param random draws the features examined at each split
     * @return K trees of one structure, tree k's values the share of class k
     */
    public List<List<TreeScorer.Node>> growClasses(Target target, int[] sample, SplittableRandom random) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("cannot grow a tree on an empty sample");
        }
        return new ClassTreeGrower(features, target.classCodes(), target.info().classCount(), options,
                featuresPerSplit, random, false, weights).grow(sample);
    }

    /**
     * Grows one tree.
     *
     * @param sample row indices to grow on, repeats allowed, at least one
     * @param random draws the features examined at each split
     * @return the tree's nodes, root first, each subtree in preorder; a node's count is its rows with repeats
     */
    public List<TreeScorer.Node> grow(int[] sample, SplittableRandom random) {
        Objects.requireNonNull(random, "random");
        if (sample.length == 0) {
            throw new IllegalArgumentException("cannot grow a tree on an empty sample");
        }
        for (int row : sample) {
            if (row < 0 || row >= y.length) {
                throw new IllegalArgumentException("sample row " + row + " outside the " + y.length + " rows");
            }
        }
        Grower grower = new Grower(features, y, classification, options, sample, ranks, bins, featuresPerSplit,
                random, false, weights, monotone);
        return DecisionTree.flatten(grower.grow());
    }
}
