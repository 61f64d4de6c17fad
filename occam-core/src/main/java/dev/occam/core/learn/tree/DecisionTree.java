package dev.occam.core.learn.tree;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.TreeScorer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rung 3: one CART tree (Breiman, Friedman, Olshen &amp; Stone, <i>Classification and Regression
 * Trees</i>, 1984), grown and pruned the way R's {@code rpart} does with its defaults.
 *
 * <ul>
 *   <li><b>Splits.</b> A numeric feature splits as {@code x < t}, with {@code t} the midpoint between
 *       two adjacent distinct values. A categorical feature splits its levels into two groups: the
 *       levels present in the node are ordered by positive share (or mean) and only the cuts of that
 *       order are tried, which finds the best partition for a 0/1 or numeric target (Breiman et al.
 *       1984, after Fisher 1958). The group with the higher share goes left. Levels absent from the
 *       node go with the larger child.
 *   <li><b>Choice.</b> The split that most lowers the Gini impurity (classification, 0/1 target) or
 *       the sum of squares (regression), both weighted by rows, over every feature. Ties go to the
 *       smaller threshold, then to the feature that comes first in the frame.
 *   <li><b>Missing values.</b> A split is chosen on the rows that have the feature, as rpart chooses
 *       its primary split. Rows missing it are then sent to the child that got more rows (more weight in a
 *       weighted fit; ties go
 *       left), are counted there, and keep growing with it; at scoring time missing values and levels
 *       unseen in training take the same direction ({@code missingLeft}). rpart instead routes them by
 *       surrogate splits on other features, so node counts can differ below a split on a feature with
 *       missing values (on credit_data the splits themselves still agree with rpart's).
 *   <li><b>Stopping.</b> A node is not split when it has fewer than {@code minSplit} rows, lies at
 *       depth {@code maxDepth} (the root is at depth 0), is pure, or has no split leaving at least
 *       {@code minLeaf} rows with the feature on each side.
 *   <li><b>Pruning.</b> {@code complexity} is rpart's cp, relative to the root's risk: a split is kept
 *       only if it lowers the whole tree's risk by more than {@code cp * rootRisk} per leaf it adds.
 *       Risk is the number of misclassified rows for classification (rpart's {@code method="class"}
 *       measures risk so, though it chooses splits by Gini) and the sum of squares for regression. The
 *       grown tree is cut back by cost-complexity (weakest-link) pruning at {@code alpha = cp *
 *       rootRisk}, the tree rpart prints (cp as defined in Therneau &amp; Atkinson, "An Introduction
 *       to Recursive Partitioning Using the RPART Routines"). Because risk counts errors of the
 *       majority call, a subtree whose leaves all call the same class as its root lowers no risk and
 *       is pruned, however much it separates the shares. That is rpart's class tree
 *       ({@link ClassRisk#MISCLASSIFIED}); by default a two-class tree instead measures a node's risk as the
 *       squared error of its positive share, {@code n p (1 - p)} ({@link ClassRisk#SQUARED_ERROR}, the class
 *       probability tree of Breiman et al. 1984, section 4.6, equal to rpart's {@code method = "anova"} on the
 *       0/1 target). Where the positive class is rare (wa_churn with 4.9% churners) rpart's class tree is pruned
 *       to its root and ranks nothing (AUC 0.5), while the probability tree keeps the 5 leaves rpart's anova
 *       keeps (5-fold AUC 0.79); with common classes the two differ little. Multiclass trees keep the
 *       misclassification risk.
 *   <li><b>Large n.</b> From {@value Bins#MIN_ROWS} rows on, a two-class or regression tree splits numeric
 *       features on histograms over at most 255 quantile bins per feature ({@link Bins}), computed once per
 *       fit: the same splits where a feature has at most 255 distinct values, otherwise the best cut between
 *       bins (docs/performance.md has the measurements).
 * </ul>
 *
 * <p><b>Class weights and monotone directions.</b> {@link #withBalancedClasses} weighs the rows of each class, two
 * or more, by the inverse of its share (impurity, leaf shares and pruning risk weighted; row counts for the size
 * rules);
 * {@link #withMonotone} holds numeric columns to a direction, with bounds passed down the tree as XGBoost and
 * LightGBM do. Both hold on the sorted and the histogram path alike.
 *
 * <p>A target of three or more classes is grown by {@link ClassTreeGrower} (Gini over the K classes, the same
 * rules otherwise); its leaves hold every class's share.
 *
 * <p>Leaves score the share of the positive class (classification) or the mean (regression) of their
 * training rows. Fitting is deterministic. Each numeric column is sorted (or binned) once per fit; each node
 * then costs one pass over its rows per feature.
 */
public final class DecisionTree implements Learner {

    /**
     * @param maxDepth deepest level a node may sit at, the root being level 0 (rpart's {@code maxdepth})
     * @param minSplit fewest rows a node needs for a split to be tried (rpart's {@code minsplit})
     * @param minLeaf fewest rows, among those with the split feature, on each side of a split (rpart's
     *     {@code minbucket})
     * @param complexity the least relative decrease in risk a split must bring to survive pruning (rpart's
     *     {@code cp}); 0 keeps every split that lowers the risk at all
     * @param classRisk what a two-class tree's pruning counts as a node's risk (see {@link ClassRisk})
     */
    public record Options(int maxDepth, int minSplit, int minLeaf, double complexity, ClassRisk classRisk) {

        public Options {
            if (maxDepth < 1) {
                throw new IllegalArgumentException("maxDepth must be >= 1: " + maxDepth);
            }
            if (maxDepth > dev.occam.runtime.scorer.TreeEnsembleScorer.Tree.MAX_DEPTH) {
                // The deepest tree a model file may hold (TreeSHAP's memory grows with the square of the depth).
                throw new IllegalArgumentException("maxDepth must be <= "
                        + dev.occam.runtime.scorer.TreeEnsembleScorer.Tree.MAX_DEPTH + ": " + maxDepth);
            }
            if (minSplit < 2) {
                throw new IllegalArgumentException("minSplit must be >= 2: " + minSplit);
            }
            if (minLeaf < 1) {
                throw new IllegalArgumentException("minLeaf must be >= 1: " + minLeaf);
            }
            if (!(complexity >= 0) || Double.isInfinite(complexity)) {
                throw new IllegalArgumentException("complexity must be a finite number >= 0: " + complexity);
            }
            Objects.requireNonNull(classRisk, "classRisk");
        }

        /** rpart's four controls with rpart's class risk ({@link ClassRisk#MISCLASSIFIED}), as rpart has them. */
        public Options(int maxDepth, int minSplit, int minLeaf, double complexity) {
            this(maxDepth, minSplit, minLeaf, complexity, ClassRisk.MISCLASSIFIED);
        }

        /**
         * rpart's defaults (maxdepth 30, minsplit 20, minbucket round(20 / 3) = 7, cp 0.01), and a two-class tree
         * pruned as a class probability tree ({@link ClassRisk#SQUARED_ERROR}, rpart's {@code method = "anova"} on
         * the 0/1 target), so that a rare class is ranked rather than never called (docs/methods: tree).
         */
        public static Options defaults() {
            return new Options(30, 20, 7, 0.01, ClassRisk.SQUARED_ERROR);
        }

        public Options withMaxDepth(int value) {
            return new Options(value, minSplit, minLeaf, complexity, classRisk);
        }

        public Options withMinSplit(int value) {
            return new Options(maxDepth, value, minLeaf, complexity, classRisk);
        }

        public Options withMinLeaf(int value) {
            return new Options(maxDepth, minSplit, value, complexity, classRisk);
        }

        public Options withComplexity(double value) {
            return new Options(maxDepth, minSplit, minLeaf, value, classRisk);
        }

        public Options withClassRisk(ClassRisk value) {
            return new Options(maxDepth, minSplit, minLeaf, complexity, value);
        }
    }

    /**
     * What pruning counts as the risk of a node of a two-class tree. Splits are chosen by Gini either way (the two
     * rank splits alike: for a 0/1 target the Gini decrease is twice the decrease in squared error per row).
     */
    public enum ClassRisk {
        /**
         * Rows the node's majority call gets wrong: rpart's {@code method = "class"}. A split survives only if it
         * changes some call, so where one class is rare (a few percent) and never the majority in any sizeable
         * node, the tree is pruned to its root and ranks nothing.
         */
        MISCLASSIFIED,
        /**
         * The sum of squared errors of the node's positive share over its rows, {@code n p (1 - p)} (its Brier
         * score; half its Gini impurity times n): Breiman et al. (1984, section 4.6) prune class probability trees
         * so, and it is rpart's {@code method = "anova"} on the 0/1 target. A split survives when it separates
         * the shares, whichever class its leaves call.
         */
        SQUARED_ERROR
    }

    /** From how many training rows a two-class or regression tree splits numeric features on histograms. */
    public static final int HISTOGRAM_MIN_ROWS = Bins.MIN_ROWS;

    /** The most bins per numeric feature of a tree grown on histograms. */
    public static final int HISTOGRAM_BINS = Bins.MAX_BINS;

    private final Options options;
    private final int histogramMinRows;
    /** Monotone directions by column name, +1 increasing or -1 decreasing; empty for none. */
    private final Map<String, Integer> monotone;
    /** Whether the classes are weighed by the inverse of their shares. */
    private final boolean balanced;

    /** A tree with rpart's default options. */
    public DecisionTree() {
        this(Options.defaults());
    }

    public DecisionTree(Options options) {
        this(options, Bins.MIN_ROWS);
    }

    /** @param histogramMinRows from how many rows a two-class or regression tree grows on histograms */
    DecisionTree(Options options, int histogramMinRows) {
        this(options, histogramMinRows, Map.of(), false);
    }

    private DecisionTree(Options options, int histogramMinRows, Map<String, Integer> monotone, boolean balanced) {
        this.options = Objects.requireNonNull(options, "options");
        this.histogramMinRows = histogramMinRows;
        this.monotone = Map.copyOf(MonotoneDirections.check(monotone));
        this.balanced = balanced;
    }

    /**
     * The same learner weighing the classes by the inverse of their shares in the training rows, each row of class
     * c by {@code n / (K n_c)} for K classes (scikit-learn's {@code class_weight="balanced"}; rpart's case
     * {@code weights}): the Gini impurity, the leaves' class shares and the pruning risk are all weighted, while
     * {@code minSplit} and {@code minLeaf} still count rows, as rpart's do. The leaves then score the shares the
     * classes would have if they were equally common, not the probabilities in the data: a balanced tree ranks (and,
     * with three or more classes, calls the rare classes) as if they were as common as the others, but its scores are
     * not calibrated probabilities. A number is not weighed.
     */
    public DecisionTree withBalancedClasses() {
        return new DecisionTree(options, histogramMinRows, monotone, true);
    }

    /**
     * The same learner holding monotone directions on numeric columns, as XGBoost and LightGBM hold them: a split
     * on a column with a direction is taken only if its two children's values go that way, and the midpoint of the
     * two values bounds every value below them (the lower side's from above, the other's from below), leaves held
     * within their bounds; so the score never decreases (+1) or never increases (-1) in the column, all else equal.
     * Pruning only turns subtrees into leaves whose values keep their bounds, so the pruned tree is monotone too.
     * A direction on a categorical column (no order) or on a column not in the data is refused at fit time, as is
     * any direction on a target of three or more classes (which has no single score to hold a direction).
     *
     * @param directions column name to +1 (increasing) or -1 (decreasing)
     * @throws IllegalArgumentException for a direction other than +1 or -1
     */
    public DecisionTree withMonotone(Map<String, Integer> directions) {
        return new DecisionTree(options, histogramMinRows, directions, balanced);
    }

    public Options options() {
        return options;
    }

    /** The monotone directions held, column name to +1 or -1; empty for none. */
    public java.util.Map<String, Integer> monotone() {
        return monotone;
    }

    /** Whether the classes are weighed by the inverse of their shares ({@link #withBalancedClasses}). */
    public boolean balanced() {
        return balanced;
    }

    @Override
    public String family() {
        return "tree";
    }

    @Override
    public int rung() {
        return 3;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CLASSIFICATION, Capability.REGRESSION, Capability.MULTICLASS,
                Capability.MISSING_VALUES, Capability.CATEGORICAL_INPUT, Capability.EXPLAINABLE,
                Capability.MONOTONE_CONSTRAINTS);
    }

    @Override
    public Model fit(Frame features, Target target) {
        target.requireRowsOf(features);
        if (target.size() == 0) {
            throw new IllegalArgumentException("cannot fit a tree on zero rows");
        }
        int[] directions = MonotoneDirections.of(monotone, features, target, family());
        if (target.isMulticlass()) {
            // Gini over the K classes (ClassTreeGrower); one tree per class's share, of one structure.
            int[] all = java.util.stream.IntStream.range(0, target.size()).toArray();
            List<List<TreeScorer.Node>> perClass = new ClassTreeGrower(features, target.classCodes(),
                    target.info().classCount(), options, features.columnCount(), null, true,
                    balanced ? target.balancedWeights() : null).grow(all);
            List<dev.occam.runtime.scorer.Scorer> components = new ArrayList<>();
            for (List<TreeScorer.Node> nodes : perClass) {
                components.add(new TreeScorer(features.schema(), nodes));
            }
            return Model.of(family(), target.info(), new dev.occam.runtime.scorer.MulticlassScorer(
                    features.schema(), components, dev.occam.runtime.scorer.MulticlassScorer.Combination.SHARES,
                    components.size()));
        }
        double[] weights = balanced && target.isClassification() ? target.balancedWeights() : null;
        Bins bins = target.size() >= histogramMinRows ? Bins.of(features) : null;
        Grower grower = new Grower(features, target.values(), target.isClassification(), options, null, null, bins,
                features.columnCount(), null, true, weights, directions);
        Grower.GrowNode root = grower.grow();
        return Model.of(family(), target.info(), new TreeScorer(features.schema(), flatten(root)));
    }

    /** The tree as runtime nodes, root first, each subtree in preorder (left before right). */
    static List<TreeScorer.Node> flatten(Grower.GrowNode root) {
        List<Grower.GrowNode> preorder = new ArrayList<>();
        Deque<Grower.GrowNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Grower.GrowNode node = stack.pop();
            node.id = preorder.size();
            preorder.add(node);
            if (!node.isLeaf()) {
                stack.push(node.right);
                stack.push(node.left);
            }
        }
        List<TreeScorer.Node> nodes = new ArrayList<>(preorder.size());
        for (Grower.GrowNode g : preorder) {
            if (g.isLeaf()) {
                nodes.add(TreeScorer.Node.leaf(g.value, g.count()));
            } else {
                nodes.add(new TreeScorer.Node(g.feature, g.threshold, g.leftLevels, g.missingLeft, g.left.id,
                        g.right.id, g.value, g.count()));
            }
        }
        return nodes;
    }
}
