package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.scorer.LinearScorer.Link;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Many decision trees read as one score: {@code score = link⁻¹(baseMargin + combine(leaf values))}, where
 * each tree contributes the value of the leaf the row falls into and {@code combine} is their
 * {@link Combination#MEAN mean} (a random forest, Breiman, <i>Random Forests</i>, Machine Learning 45, 2001:
 * the mean of the trees' positive shares or means, identity link, base margin 0) or their
 * {@link Combination#SUM sum} (gradient-boosted trees, Chen &amp; Guestrin, <i>XGBoost: A Scalable Tree
 * Boosting System</i>, KDD 2016: a base margin plus every tree's leaf weight, through the logit link for a
 * probability or the identity link for a value).
 *
 * <p>A tree node sends a row left when its number is below the node's threshold, or when its category is
 * in the node's left set; a missing value, and a category the node does not know, follow the node's
 * missing direction. This is {@link TreeScorer}'s rule, so a one-tree mean ensemble scores as that tree.
 *
 * <p><b>Precision.</b> With {@link Precision#FLOAT64} everything is computed in doubles. With
 * {@link Precision#FLOAT32} the scorer reproduces XGBoost's own arithmetic: each input value is rounded to
 * a float before it is compared with the (float) threshold, and the base margin and leaf values are
 * summed in float, in tree order; only the link is applied in double. Scores then equal
 * {@code Booster.predict} to about 1e-7 (the float rounding of its sigmoid), where doubles could send a
 * value lying between a float threshold and its double neighbour down the other branch.
 *
 * <p>Parameter count: the total number of nodes over all trees (each inner node holds a split, each leaf
 * a value); the base margin is not counted. Immutable and thread-safe; scoring allocates nothing.
 */
public final class TreeEnsembleScorer implements Scorer {

    /** How the trees' leaf values are combined. */
    public enum Combination {
        /** The mean of the leaf values: a random forest's probability or value. */
        MEAN,
        /** The base margin plus the sum of the leaf values: boosted trees. */
        SUM
    }

    /** The arithmetic of the comparisons and the sum. */
    public enum Precision {
        /** Doubles throughout. */
        FLOAT64,
        /** Inputs, thresholds and the sum in float, as XGBoost computes them. */
        FLOAT32
    }

    /** How many features {@link #describe()} lists by split count. */
    private static final int TOP_FEATURES = 10;

    /**
     * One tree as parallel arrays indexed by node, root at 0, each child after its parent. A leaf has
     * {@code feature == -1}. A numeric split has a threshold and no level set; a categorical split has
     * {@code leftLevels[code]} true for the levels that go left and a NaN threshold. {@code value} is the
     * leaf's score (inner nodes may hold the node's own value or NaN); {@code cover} is the training weight
     * that reached the node: in-bag rows for a forest, XGBoost's sum of hessians for boosting.
     */
    public static final class Tree {
        private final int[] feature;
        private final double[] threshold;
        private final boolean[][] leftLevels;
        private final boolean[] missingLeft;
        private final int[] left;
        private final int[] right;
        private final double[] value;
        private final double[] cover;
        /** The longest root-to-leaf path, in splits; and TreeSHAP's v(∅): kept, as every explanation reads them. */
        private final int depth;
        private final double expectedValue;

        /**
         * @throws IllegalArgumentException when the arrays differ in length, a child index does not come
         *     after its parent inside the tree, a split has both or neither of a threshold and a level set,
         *     or a leaf value is not finite
         */
        public Tree(int[] feature, double[] threshold, boolean[][] leftLevels, boolean[] missingLeft, int[] left,
                int[] right, double[] value, double[] cover) {
            int n = feature.length;
            if (n == 0) {
                throw new IllegalArgumentException("a tree needs at least one node");
            }
            if (threshold.length != n || leftLevels.length != n || missingLeft.length != n || left.length != n
                    || right.length != n || value.length != n || cover.length != n) {
                throw new IllegalArgumentException("tree arrays must all have " + n + " entries");
            }
            this.feature = feature.clone();
            this.threshold = threshold.clone();
            this.leftLevels = new boolean[n][];
            this.missingLeft = missingLeft.clone();
            this.left = left.clone();
            this.right = right.clone();
            this.value = value.clone();
            this.cover = cover.clone();
            for (int i = 0; i < n; i++) {
                if (feature[i] < 0) {
                    if (feature[i] != -1) {
                        throw new IllegalArgumentException("node " + i + ": feature must be >= 0, or -1 for a leaf: "
                                + feature[i]);
                    }
                    if (!Double.isFinite(value[i])) {
                        throw new IllegalArgumentException("leaf " + i + ": value must be finite: " + value[i]);
                    }
                    this.threshold[i] = Double.NaN;
                    this.missingLeft[i] = false;
                    this.left[i] = -1;
                    this.right[i] = -1;
                    continue;
                }
                if (left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n) {
                    throw new IllegalArgumentException("node " + i + ": children " + left[i] + ", " + right[i]
                            + " must come after it and inside the tree");
                }
                boolean numeric = leftLevels[i] == null;
                if (numeric == Double.isNaN(threshold[i])) {
                    throw new IllegalArgumentException("node " + i + ": a split needs either a threshold or a level"
                            + " set, got threshold " + threshold[i] + " and "
                            + (numeric ? "no level set" : "a level set"));
                }
                this.leftLevels[i] = numeric ? null : leftLevels[i].clone();
            }
            this.depth = measureDepth();
            if (depth > MAX_DEPTH) {
                // TreeSHAP's workspace grows with the depth times the features on a path, and its recursion with the
                // depth: a forged model file must not take the process down with it.
                throw new IllegalArgumentException("a tree is " + depth + " levels deep; a tree may be at most "
                        + MAX_DEPTH + " levels deep");
            }
            this.expectedValue = TreeShap.expectedValue(this);
        }

        /** The deepest a tree may be (rpart stops at 30, boosting at 16; a forest's trees stay far below). */
        public static final int MAX_DEPTH = 1_000;

        /** The tree of a {@link TreeScorer}'s nodes; each node's count becomes its cover. */
        public static Tree of(List<TreeScorer.Node> nodes) {
            int n = nodes.size();
            int[] feature = new int[n];
            double[] threshold = new double[n];
            boolean[][] levels = new boolean[n][];
            boolean[] missing = new boolean[n];
            int[] l = new int[n];
            int[] r = new int[n];
            double[] value = new double[n];
            double[] cover = new double[n];
            for (int i = 0; i < n; i++) {
                TreeScorer.Node node = nodes.get(i);
                feature[i] = node.feature();
                threshold[i] = node.threshold();
                levels[i] = node.leftLevels();
                missing[i] = node.missingLeft();
                l[i] = node.left();
                r[i] = node.right();
                value[i] = node.value();
                cover[i] = node.count();
            }
            return new Tree(feature, threshold, levels, missing, l, r, value, cover);
        }

        public int size() {
            return feature.length;
        }

        public boolean isLeaf(int node) {
            return feature[node] < 0;
        }

        /** The feature (index in the scorer's input) a node splits on, or -1 for a leaf. */
        public int feature(int node) {
            return feature[node];
        }

        /** The numeric threshold of a node (NaN for a categorical split or a leaf). */
        public double threshold(int node) {
            return threshold[node];
        }

        /** Whether a level code goes left at a categorical split, or null for other nodes. */
        public boolean[] leftLevels(int node) {
            return leftLevels[node] == null ? null : leftLevels[node].clone();
        }

        public boolean missingLeft(int node) {
            return missingLeft[node];
        }

        public int left(int node) {
            return left[node];
        }

        public int right(int node) {
            return right[node];
        }

        public double value(int node) {
            return value[node];
        }

        public double cover(int node) {
            return cover[node];
        }

        /** Index of the leaf a row falls into. */
        public int leafOf(double[] x, Precision precision) {
            int i = 0;
            boolean float32 = precision == Precision.FLOAT32;
            while (feature[i] >= 0) {
                double v = x[feature[i]];
                boolean goLeft;
                double t = threshold[i];
                if (Double.isNaN(v)) {
                    goLeft = missingLeft[i];
                } else if (t == t) {
                    // A numeric split (a categorical one has a NaN threshold, as the constructor checks): the level
                    // sets are not read. XGBoost compares a float feature value with a float split condition.
                    goLeft = float32 ? (float) v < (float) t : v < t;
                } else {
                    boolean[] levels = leftLevels[i];
                    int code = (int) v;
                    goLeft = code >= 0 && code < levels.length ? levels[code] : missingLeft[i];
                }
                i = goLeft ? left[i] : right[i];
            }
            return i;
        }

        /** Whether level code {@code v} goes left at categorical split {@code node}; an unknown code goes the missing way. */
        boolean goesLeftCategorical(int node, double v) {
            boolean[] levels = leftLevels[node];
            int code = (int) v;
            return code >= 0 && code < levels.length ? levels[code] : missingLeft[node];
        }

        /** Edges on the longest path from the root to a leaf. */
        public int depth() {
            return depth;
        }

        /** TreeSHAP's {@code v(∅)}: the cover-weighted mean of the leaf values ({@link TreeShap#expectedValue}). */
        double expectedValue() {
            return expectedValue;
        }

        private int measureDepth() {
            int[] depth = new int[feature.length];
            int max = 0;
            // Children come after their parents, so one forward pass sees every parent first.
            for (int i = 0; i < feature.length; i++) {
                if (feature[i] >= 0) {
                    depth[left[i]] = depth[i] + 1;
                    depth[right[i]] = depth[i] + 1;
                } else {
                    max = Math.max(max, depth[i]);
                }
            }
            return max;
        }

        public int leafCount() {
            int leaves = 0;
            for (int f : feature) {
                if (f < 0) {
                    leaves++;
                }
            }
            return leaves;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tree t && Arrays.equals(feature, t.feature) && Arrays.equals(threshold, t.threshold)
                    && Arrays.deepEquals(leftLevels, t.leftLevels) && Arrays.equals(missingLeft, t.missingLeft)
                    && Arrays.equals(left, t.left) && Arrays.equals(right, t.right) && Arrays.equals(value, t.value)
                    && Arrays.equals(cover, t.cover);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(feature), Arrays.hashCode(threshold), Arrays.hashCode(value));
        }
    }

    private final Schema input;
    private final Tree[] trees;
    /** The deepest tree's depth: the size of TreeSHAP's workspace. */
    private final int maxDepth;
    private final Combination combination;
    private final double baseMargin;
    private final Link link;
    private final Precision precision;
    /**
     * Every tree's nodes in one array, four ints a node, for the scoring walk of a float ensemble with numeric splits
     * only (boosting through XGBoost): feature (bit 30 set when a missing value goes left; -1 for a leaf), left child,
     * right child (absolute positions), and the float bits of the threshold or of the leaf's value. One cache line
     * holds a node, where the tree's parallel arrays take six; null when the ensemble does not qualify.
     */
    private final int[] packed;
    /** Each tree's root in {@link #packed}. */
    private final int[] roots;
    private static final int MISSING_LEFT = 1 << 30;

    /**
     * @param baseMargin added before the link; must be 0 for {@link Combination#MEAN}
     * @throws IllegalArgumentException when there is no tree, a split names a feature outside the schema
     *     or of the wrong type, or the base margin is not finite (or not 0 for a mean)
     */
    public TreeEnsembleScorer(Schema input, List<Tree> trees, Combination combination, double baseMargin, Link link,
            Precision precision) {
        this.input = Objects.requireNonNull(input, "input");
        this.combination = Objects.requireNonNull(combination, "combination");
        this.link = Objects.requireNonNull(link, "link");
        this.precision = Objects.requireNonNull(precision, "precision");
        this.trees = trees.toArray(new Tree[0]);
        if (this.trees.length == 0) {
            throw new IllegalArgumentException("a tree ensemble needs at least one tree");
        }
        if (!Double.isFinite(baseMargin)) {
            throw new IllegalArgumentException("base margin must be finite: " + baseMargin);
        }
        if (combination == Combination.MEAN && baseMargin != 0.0) {
            throw new IllegalArgumentException("a mean of trees has no base margin: " + baseMargin);
        }
        this.baseMargin = baseMargin;
        for (int t = 0; t < this.trees.length; t++) {
            Tree tree = this.trees[t];
            for (int i = 0; i < tree.size(); i++) {
                int f = tree.feature[i];
                if (f < 0) {
                    continue;
                }
                if (f >= input.size()) {
                    throw new IllegalArgumentException("tree " + t + " node " + i + ": feature " + f
                            + " outside the schema of " + input.size());
                }
                Feature feature = input.feature(f);
                if (feature.isCategorical() == (tree.leftLevels[i] == null)) {
                    throw new IllegalArgumentException("tree " + t + " node " + i + ": split on '" + feature.name()
                            + "' must be " + (feature.isCategorical() ? "a level set" : "a threshold"));
                }
            }
        }
        int deepest = 0;
        for (Tree tree : this.trees) {
            deepest = Math.max(deepest, tree.depth());
        }
        this.maxDepth = deepest;
        int[][] packing = pack(this.trees, precision);
        this.packed = packing == null ? null : packing[0];
        this.roots = packing == null ? null : packing[1];
    }

    /** The packed nodes and roots of a float ensemble whose splits are all numeric, or null. */
    private static int[][] pack(Tree[] trees, Precision precision) {
        if (precision != Precision.FLOAT32) {
            return null;
        }
        int nodes = 0;
        for (Tree tree : trees) {
            for (int i = 0; i < tree.size(); i++) {
                if (tree.leftLevels[i] != null) {
                    return null;
                }
            }
            nodes += tree.size();
        }
        if ((long) nodes * 4 > Integer.MAX_VALUE - 8) {
            return null;
        }
        int[] packed = new int[nodes * 4];
        int[] roots = new int[trees.length];
        int base = 0;
        for (int t = 0; t < trees.length; t++) {
            Tree tree = trees[t];
            roots[t] = base * 4;
            for (int i = 0; i < tree.size(); i++) {
                int at = (base + i) * 4;
                if (tree.feature[i] < 0) {
                    packed[at] = -1;
                    packed[at + 3] = Float.floatToRawIntBits((float) tree.value[i]);
                } else {
                    packed[at] = tree.feature[i] | (tree.missingLeft[i] ? MISSING_LEFT : 0);
                    packed[at + 1] = (base + tree.left[i]) * 4;
                    packed[at + 2] = (base + tree.right[i]) * 4;
                    packed[at + 3] = Float.floatToRawIntBits((float) tree.threshold[i]);
                }
            }
            base += tree.size();
        }
        return new int[][] {packed, roots};
    }

    /** A random forest: the mean of the trees' leaf values, in doubles. */
    public static TreeEnsembleScorer mean(Schema input, List<Tree> trees) {
        return new TreeEnsembleScorer(input, trees, Combination.MEAN, 0.0, Link.IDENTITY, Precision.FLOAT64);
    }

    /** Boosted trees: {@code link⁻¹(baseMargin + Σ leaf values)}. */
    public static TreeEnsembleScorer sum(Schema input, List<Tree> trees, double baseMargin, Link link,
            Precision precision) {
        return new TreeEnsembleScorer(input, trees, Combination.SUM, baseMargin, link, precision);
    }

    public List<Tree> trees() {
        return List.of(trees);
    }

    public Combination combination() {
        return combination;
    }

    public double baseMargin() {
        return baseMargin;
    }

    public Link link() {
        return link;
    }

    public Precision precision() {
        return precision;
    }

    @Override
    public Schema input() {
        return input;
    }

    /** The combined leaf values before the link: the mean, or the base margin plus the sum. */
    public double margin(double[] x) {
        if (packed != null) {
            return packedMargin(x);
        }
        return treeMargin(x);
    }

    /** {@link #margin} over the packed nodes: the same comparisons in float and the same float sum, in tree order. */
    private double packedMargin(double[] x) {
        int[] nodes = packed;
        float sum = (float) baseMargin;
        for (int root : roots) {
            int k = root;
            int f;
            while ((f = nodes[k]) >= 0) {
                double v = x[f & ~MISSING_LEFT];
                boolean goLeft = v != v ? (f & MISSING_LEFT) != 0 : (float) v < Float.intBitsToFloat(nodes[k + 3]);
                k = nodes[goLeft ? k + 1 : k + 2];
            }
            sum += Float.intBitsToFloat(nodes[k + 3]);
        }
        return combination == Combination.MEAN ? (double) sum / trees.length : sum;
    }

    /** {@link #margin} walking each tree's own arrays; every ensemble can. */
    double treeMargin(double[] x) {
        if (precision == Precision.FLOAT32) {
            float sum = (float) baseMargin;
            for (Tree tree : trees) {
                sum += (float) tree.value[tree.leafOf(x, precision)];
            }
            return combination == Combination.MEAN ? (double) sum / trees.length : sum;
        }
        double sum = baseMargin;
        for (Tree tree : trees) {
            sum += tree.value[tree.leafOf(x, precision)];
        }
        return combination == Combination.MEAN ? sum / trees.length : sum;
    }

    @Override
    public double score(double[] x) {
        return link.inverse(margin(x));
    }

    /**
     * {@link #score} of a block of rows, tree by tree: each tree walks every row of the block before the next tree, so
     * its nodes stay in cache over the block (a forest of deep trees, hundreds of megabytes walked row by row, misses
     * the cache at almost every node). Each row's leaf values are still summed in tree order, in the same precision,
     * so the scores equal {@link #score}'s to the bit. The packed walk (float ensembles of numeric splits) is already
     * compact and goes row by row.
     */
    @Override
    public void scoreBlock(double[][] rows, int count, double[] out) {
        if (packed != null) {
            Scorer.super.scoreBlock(rows, count, out);
            return;
        }
        if (precision == Precision.FLOAT32) {
            float[] sum = new float[count];
            Arrays.fill(sum, (float) baseMargin);
            for (Tree tree : trees) {
                for (int i = 0; i < count; i++) {
                    sum[i] += (float) tree.value[tree.leafOf(rows[i], precision)];
                }
            }
            for (int i = 0; i < count; i++) {
                out[i] = link.inverse(combination == Combination.MEAN ? (double) sum[i] / trees.length : sum[i]);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            out[i] = baseMargin;
        }
        for (Tree tree : trees) {
            for (int i = 0; i < count; i++) {
                out[i] += tree.value[tree.leafOf(rows[i], precision)];
            }
        }
        for (int i = 0; i < count; i++) {
            out[i] = link.inverse(combination == Combination.MEAN ? out[i] / trees.length : out[i]);
        }
    }

    /**
     * The SHAP values of the trees for this row, one per input column, and the expected value they are
     * measured against, on the margin scale (before the link): TreeSHAP of each tree (see {@link TreeShap}),
     * summed for boosting, averaged for a forest; the expected value is the base margin plus the sum (or the
     * mean) of the trees' cover-weighted leaf means. Computed in doubles: for a {@link Precision#FLOAT32}
     * ensemble they add up to the double sum of the leaf values, which differs from {@link #margin} by the
     * float rounding of the sum. XGBoost's {@code predictContrib} returns the same numbers (its last column
     * is the expected value), to its float rounding.
     *
     * @return the values per input column followed by the expected value, {@code input().size() + 1} numbers
     */
    public double[] shapValues(double[] x) {
        double[] phi = new double[input.size() + 1];
        double weight = combination == Combination.MEAN ? 1.0 / trees.length : 1.0;
        double expected = 0;
        TreeShap.Workspace workspace = new TreeShap.Workspace(maxDepth);
        for (Tree tree : trees) {
            TreeShap.accumulate(tree, x, precision, weight, phi, workspace);
            expected += tree.expectedValue();
        }
        phi[input.size()] = baseMargin + (combination == Combination.MEAN ? expected / trees.length : expected);
        return phi;
    }

    /**
     * TreeSHAP ({@link #shapValues}) on the margin scale: log-odds for the logit link, otherwise the score
     * itself (a forest's probability or mean, boosting's value). The contributions add up to the margin the
     * model computes: for a {@link Precision#FLOAT32} ensemble, the float rounding between the double sum and
     * the float sum (about 1e-7 of the margin) is shared out in proportion to the absolute contributions.
     */
    @Override
    public Attribution attribute(double[] x, int[] groupOf, int groups) {
        double[] shap = shapValues(x);
        double[] perColumn = Arrays.copyOf(shap, input.size());
        double expected = shap[input.size()];
        double value = margin(x);
        double sum = expected;
        double absolute = 0;
        for (double v : perColumn) {
            sum += v;
            absolute += Math.abs(v);
        }
        double residual = value - sum;
        if (residual != 0 && absolute > 0) {
            for (int c = 0; c < perColumn.length; c++) {
                perColumn[c] += residual * Math.abs(perColumn[c]) / absolute;
            }
        }
        return new Attribution(link == Link.LOGIT, value, expected, Attribution.grouped(perColumn, groupOf, groups));
    }

    @Override
    public long parameterCount() {
        long nodes = 0;
        for (Tree tree : trees) {
            nodes += tree.size();
        }
        return nodes;
    }

    @Override
    public String describe() {
        long leaves = 0;
        int maxDepth = 0;
        long depthSum = 0;
        long[] splits = new long[input.size()];
        for (Tree tree : trees) {
            leaves += tree.leafCount();
            int d = tree.depth();
            maxDepth = Math.max(maxDepth, d);
            depthSum += d;
            for (int f : tree.feature) {
                if (f >= 0) {
                    splits[f]++;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(trees.length).append(trees.length == 1 ? " tree" : " trees").append(", ");
        if (combination == Combination.MEAN) {
            sb.append("score = mean of the trees' leaf values");
        } else {
            sb.append("score = ").append(link == Link.LOGIT ? "logistic(" : "")
                    .append(Json.number(baseMargin)).append(" + sum of the trees' leaf values")
                    .append(link == Link.LOGIT ? ")" : "");
        }
        if (precision == Precision.FLOAT32) {
            sb.append(" (float32 arithmetic)");
        }
        sb.append('\n');
        sb.append(parameterCount()).append(" nodes, ").append(leaves).append(" leaves; depth ")
                .append(String.format(Locale.ROOT, "%.1f", (double) depthSum / trees.length))
                .append(" on average, ").append(maxDepth).append(" at most\n");
        List<Integer> order = new ArrayList<>();
        for (int f = 0; f < splits.length; f++) {
            if (splits[f] > 0) {
                order.add(f);
            }
        }
        // Most splits first; equal counts in schema order, so the text is deterministic.
        order.sort((a, b) -> splits[a] != splits[b] ? Long.compare(splits[b], splits[a]) : Integer.compare(a, b));
        if (order.isEmpty()) {
            sb.append("no splits: every tree is a single leaf");
        } else {
            sb.append("features by number of splits:");
            for (int k = 0; k < Math.min(TOP_FEATURES, order.size()); k++) {
                int f = order.get(k);
                sb.append("\n  ").append(input.feature(f).name()).append(": ").append(splits[f]);
            }
            if (order.size() > TOP_FEATURES) {
                sb.append("\n  (").append(order.size() - TOP_FEATURES).append(" more features split)");
            }
        }
        return sb.toString();
    }

    /**
     * JSON: the combination, link, base margin and precision, the schema, and each tree as parallel node
     * arrays (arrays print on one line, which keeps a forest's file a fraction of the size of one object
     * per node): {@code feature} (the feature's name, null for a leaf), {@code less_than} (numeric
     * threshold, else null), {@code levels_left} (only in trees with a categorical split: the levels that go
     * left, else null), {@code missing_left}, {@code left} and {@code right} (child indices, -1 for a
     * leaf), {@code value} and {@code cover}.
     */
    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "tree_ensemble");
        node.put("combination", combination.name().toLowerCase(Locale.ROOT));
        node.put("link", link.name().toLowerCase(Locale.ROOT));
        node.put("base_margin", baseMargin);
        node.put("precision", precision.name().toLowerCase(Locale.ROOT));
        node.set("schema", Json.schemaToJson(input));
        ArrayNode array = node.putArray("trees");
        for (Tree tree : trees) {
            array.add(treeToJson(tree));
        }
        return node;
    }

    private ObjectNode treeToJson(Tree tree) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode feature = o.putArray("feature");
        ArrayNode lessThan = o.putArray("less_than");
        ArrayNode levelsLeft = JsonNodeFactory.instance.arrayNode();
        boolean anyCategorical = false;
        ArrayNode missingLeft = o.putArray("missing_left");
        ArrayNode left = o.putArray("left");
        ArrayNode right = o.putArray("right");
        ArrayNode value = o.putArray("value");
        ArrayNode cover = o.putArray("cover");
        for (int i = 0; i < tree.size(); i++) {
            int f = tree.feature[i];
            if (f < 0) {
                feature.addNull();
                lessThan.addNull();
                levelsLeft.addNull();
            } else {
                Feature feat = input.feature(f);
                feature.add(feat.name());
                if (tree.leftLevels[i] == null) {
                    lessThan.add(tree.threshold[i]);
                    levelsLeft.addNull();
                } else {
                    anyCategorical = true;
                    lessThan.addNull();
                    ArrayNode levels = levelsLeft.addArray();
                    for (int c = 0; c < tree.leftLevels[i].length; c++) {
                        if (tree.leftLevels[i][c]) {
                            levels.add(feat.levels().get(c));
                        }
                    }
                }
            }
            missingLeft.add(tree.missingLeft[i]);
            left.add(tree.left[i]);
            right.add(tree.right[i]);
            addNumber(value, tree.value[i]);
            addNumber(cover, tree.cover[i]);
        }
        if (anyCategorical) {
            o.set("levels_left", levelsLeft);
        }
        return o;
    }

    private static void addNumber(ArrayNode array, double v) {
        if (Double.isNaN(v)) {
            array.addNull();
        } else {
            array.add(v);
        }
    }

    static TreeEnsembleScorer fromJson(JsonNode node) {
        Schema schema = Json.schemaFromJson(Json.required(node, "schema"));
        Combination combination = parse(Combination.class, "combination", Json.required(node, "combination").asText());
        Link link = parse(Link.class, "link", Json.required(node, "link").asText());
        Precision precision = parse(Precision.class, "precision", Json.required(node, "precision").asText());
        double baseMargin = Json.required(node, "base_margin").doubleValue();
        List<Tree> trees = new ArrayList<>();
        for (JsonNode t : Json.required(node, "trees")) {
            trees.add(treeFromJson(schema, t, trees.size()));
        }
        return new TreeEnsembleScorer(schema, trees, combination, baseMargin, link, precision);
    }

    private static Tree treeFromJson(Schema schema, JsonNode t, int index) {
        JsonNode featureNames = Json.required(t, "feature");
        int n = featureNames.size();
        JsonNode lessThan = Json.required(t, "less_than");
        JsonNode levelsLeft = t.get("levels_left");
        JsonNode missing = Json.required(t, "missing_left");
        int[] l = Json.ints(Json.required(t, "left"));
        int[] r = Json.ints(Json.required(t, "right"));
        double[] value = Json.doubles(Json.required(t, "value"));
        double[] cover = Json.doubles(Json.required(t, "cover"));
        if (lessThan.size() != n || missing.size() != n || l.length != n || r.length != n || value.length != n
                || cover.length != n || (levelsLeft != null && levelsLeft.size() != n)) {
            throw new IllegalArgumentException("tree " + index + ": node arrays must all have " + n + " entries");
        }
        int[] feature = new int[n];
        double[] threshold = new double[n];
        boolean[][] levels = new boolean[n][];
        boolean[] missingLeft = new boolean[n];
        for (int i = 0; i < n; i++) {
            missingLeft[i] = missing.get(i).asBoolean();
            JsonNode name = featureNames.get(i);
            threshold[i] = Double.NaN;
            if (name.isNull()) {
                feature[i] = -1;
                continue;
            }
            int f = schema.indexOf(name.asText());
            if (f < 0) {
                throw new IllegalArgumentException("tree " + index + " node " + i + " splits on unknown feature '"
                        + name.asText() + "'");
            }
            feature[i] = f;
            Feature feat = schema.feature(f);
            if (feat.isNumeric()) {
                JsonNode v = lessThan.get(i);
                if (v.isNull()) {
                    throw new IllegalArgumentException("tree " + index + " node " + i + ": numeric split on '"
                            + feat.name() + "' needs a less_than threshold");
                }
                threshold[i] = v.doubleValue();
            } else {
                JsonNode set = levelsLeft == null ? null : levelsLeft.get(i);
                if (set == null || set.isNull()) {
                    throw new IllegalArgumentException("tree " + index + " node " + i + ": categorical split on '"
                            + feat.name() + "' needs levels_left");
                }
                levels[i] = new boolean[feat.levels().size()];
                for (JsonNode level : set) {
                    int code = feat.code(level.asText());
                    if (code < 0) {
                        throw new IllegalArgumentException("tree " + index + " node " + i + ": '" + level.asText()
                                + "' is not a level of '" + feat.name() + "'");
                    }
                    levels[i][code] = true;
                }
            }
        }
        return new Tree(feature, threshold, levels, missingLeft, l, r, value, cover);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(field + " must be one of " + String.join(", ", names) + ", got '"
                    + text + "'");
        }
    }
}
