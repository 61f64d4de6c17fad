package dev.occam.core.learn.tree;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.TreeScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Grows a classification tree over K >= 3 classes (CART; Breiman, Friedman, Olshen &amp; Stone 1984): each split
 * maximises the decrease in Gini impurity {@code n·(1 − Σ p_k²)} summed over the two children; a leaf holds its
 * rows' class shares. The rules of {@link DecisionTree} carry over: a numeric split is a threshold half-way between
 * two neighbouring values; a split is chosen on the rows that have the feature and the rows missing it go to the
 * child that got more rows (ties left), which is also where missing values and unseen levels go at scoring time;
 * a node stops below {@code minSplit} rows, at {@code maxDepth}, when pure, or without a split leaving
 * {@code minLeaf} rows with the feature on each side; ties in gain go to the earlier feature, then the smaller
 * threshold.
 *
 * <p>Categorical features: with two classes, ordering the levels by their share of one class and cutting the
 * order finds the best partition (Breiman et al. 1984, §4.2.2); with K classes no such order is exact, so the
 * levels are ordered by their share of each class in turn and every cut of each of the K orders is tried (which
 * includes every split of one class's "mostly" levels from the rest).
 *
 * <p>Pruning, as {@link DecisionTree}'s: cost-complexity at {@code complexity ·} the root's risk, risk being the
 * rows the majority call misclassifies. For a forest ({@code featuresPerSplit} below the feature count and no
 * pruning), each split examines that many features drawn at random.
 *
 * <p>Row weights (balanced classes), as the two-class {@link Grower} takes them: class counts become class weights,
 * so the Gini impurity, the leaves' class shares, the levels' class shares that order a categorical feature and the
 * pruning risk are all weighted, and the rows missing the split feature go to the child of more weight; while
 * {@code minSplit} and {@code minLeaf} still count rows, as rpart's {@code minsplit} and {@code minbucket} count
 * observations. A sampled row counts its weight once per draw. Without weights every count is the number of rows,
 * the same arithmetic as an unweighted fit.
 */
final class ClassTreeGrower {

    private final Frame features;
    private final int[] y;
    private final int classes;
    private final DecisionTree.Options options;
    private final int featuresPerSplit;
    private final SplittableRandom random;
    private final boolean prune;
    /** Each row's weight, or null for all 1. */
    private final double[] w;

    /** A node while growing: its rows, class counts (weights, when weighted), and children once split. */
    private static final class Node {
        int[] rows;
        double[] counts;
        int depth;
        int feature = -1;
        double threshold = Double.NaN;
        boolean[] leftLevels;
        boolean missingLeft;
        Node left;
        Node right;
        int id;

        boolean isLeaf() {
            return left == null;
        }

        double total() {
            double t = 0;
            for (double c : counts) {
                t += c;
            }
            return t;
        }

        double risk() {
            double max = 0;
            for (double c : counts) {
                max = Math.max(max, c);
            }
            return total() - max;
        }
    }

    /**
     * @param weights each row's weight, positive and finite; null for all 1
     */
    ClassTreeGrower(Frame features, int[] y, int classes, DecisionTree.Options options, int featuresPerSplit,
            SplittableRandom random, boolean prune, double[] weights) {
        this.features = features;
        this.w = weights == null ? null : dev.occam.core.data.RowWeights.checked(weights, y.length);
        this.y = y;
        this.classes = classes;
        this.options = options;
        this.featuresPerSplit = featuresPerSplit;
        this.random = random;
        this.prune = prune;
    }

    /**
     * @param sample rows to grow on, repeats allowed
     * @return K trees of one structure, tree k's values the share of class k (root first, preorder)
     */
    List<List<TreeScorer.Node>> grow(int[] sample) {
        Node root = node(sample, 0);
        List<Node> all = new ArrayList<>();
        ArrayList<Node> pending = new ArrayList<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            Node n = pending.remove(pending.size() - 1);
            all.add(n);
            if (split(n)) {
                pending.add(n.right);
                pending.add(n.left);
            }
        }
        if (prune && options.complexity() > 0) {
            pruneWeakestLinks(root, options.complexity() * root.risk());
        }
        return flatten(root);
    }

    private Node node(int[] rows, int depth) {
        Node n = new Node();
        n.rows = rows;
        n.depth = depth;
        n.counts = new double[classes];
        for (int r : rows) {
            n.counts[y[r]] += weight(r);
        }
        return n;
    }

    /** A row's weight: 1 in an unweighted fit, so that every weighted sum is then the count it was. */
    private double weight(int r) {
        return w == null ? 1.0 : w[r];
    }

    private static double giniSum(double[] counts, double total) {
        if (total == 0) {
            return 0;
        }
        double s = 0;
        for (double c : counts) {
            s += c * c;
        }
        return total - s / total;
    }

    /** Best split so far: the decrease in n·Gini and how to send rows. */
    private static final class Best {
        double gain;
        int feature = -1;
        double threshold = Double.NaN;
        boolean[] leftLevels;
    }

    private boolean split(Node n) {
        double total = n.total();
        if (n.rows.length < options.minSplit() || n.depth >= options.maxDepth() || n.risk() == 0) {
            return false;
        }
        Best best = new Best();
        best.gain = 1e-10 * giniSum(n.counts, total);
        int p = features.columnCount();
        int[] order = new int[p];
        Arrays.setAll(order, j -> j);
        int examine = p;
        if (featuresPerSplit < p) {
            for (int i = 0; i < p - 1; i++) {
                int j = i + random.nextInt(p - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            examine = featuresPerSplit;
            Arrays.sort(order, 0, examine); // ties go to the earlier feature, as in a full search
        }
        for (int f = 0; f < examine; f++) {
            int j = order[f];
            Column c = features.column(j);
            if (c instanceof NumericColumn nc) {
                scanNumeric(n, j, nc.values(), best);
            } else {
                scanCategorical(n, j, (CategoricalColumn) c, best);
            }
        }
        if (best.feature < 0) {
            return false;
        }
        apply(n, best);
        return true;
    }

    private void scanNumeric(Node n, int j, double[] x, Best best) {
        int[] present = Arrays.stream(n.rows).filter(r -> !Double.isNaN(x[r])).toArray();
        if (present.length < 2 * options.minLeaf()) {
            return;
        }
        Integer[] sorted = Arrays.stream(present).boxed().toArray(Integer[]::new);
        Arrays.sort(sorted, (a, b) -> Double.compare(x[a], x[b]));
        double[] all = new double[classes];
        double m = 0;
        for (int r : present) {
            double wr = weight(r);
            all[y[r]] += wr;
            m += wr;
        }
        double parent = giniSum(all, m);
        double[] left = new double[classes];
        double[] right = new double[classes];
        double wl = 0;
        for (int i = 0; i < sorted.length - 1; i++) {
            double wr = weight(sorted[i]);
            left[y[sorted[i]]] += wr;
            wl += wr;
            double v = x[sorted[i]];
            double next = x[sorted[i + 1]];
            int nl = i + 1;
            if (v == next || nl < options.minLeaf() || present.length - nl < options.minLeaf()) {
                continue;
            }
            for (int k = 0; k < classes; k++) {
                right[k] = all[k] - left[k];
            }
            double gain = parent - giniSum(left, wl) - giniSum(right, m - wl);
            double threshold = v + (next - v) / 2;
            if (gain > best.gain || (gain == best.gain && best.feature == j && threshold < best.threshold)) {
                best.gain = gain;
                best.feature = j;
                best.threshold = threshold;
                best.leftLevels = null;
            }
        }
    }

    private void scanCategorical(Node n, int j, CategoricalColumn c, Best best) {
        int levels = c.levels().size();
        int[] codes = c.codes();
        double[][] byLevel = new double[levels][classes];
        double[] levelRows = new double[levels];
        double[] levelWeight = new double[levels];
        double m = 0;
        double weight = 0;
        for (int r : n.rows) {
            if (codes[r] >= 0) {
                double wr = weight(r);
                byLevel[codes[r]][y[r]] += wr;
                levelRows[codes[r]]++;
                levelWeight[codes[r]] += wr;
                m++;
                weight += wr;
            }
        }
        List<Integer> seen = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            if (levelRows[l] > 0) {
                seen.add(l);
            }
        }
        if (seen.size() < 2 || m < 2 * options.minLeaf()) {
            return;
        }
        double[] all = new double[classes];
        for (int l : seen) {
            for (int k = 0; k < classes; k++) {
                all[k] += byLevel[l][k];
            }
        }
        double parent = giniSum(all, weight);
        for (int target = 0; target < classes; target++) {
            final int t = target;
            List<Integer> order = new ArrayList<>(seen);
            order.sort((a, b) -> {
                int cmp = Double.compare(byLevel[a][t] / levelWeight[a], byLevel[b][t] / levelWeight[b]);
                return cmp != 0 ? cmp : Integer.compare(a, b);
            });
            double[] left = new double[classes];
            double nl = 0;
            double wl = 0;
            for (int i = 0; i < order.size() - 1; i++) {
                int l = order.get(i);
                for (int k = 0; k < classes; k++) {
                    left[k] += byLevel[l][k];
                }
                nl += levelRows[l];
                wl += levelWeight[l];
                if (nl < options.minLeaf() || m - nl < options.minLeaf()) {
                    continue;
                }
                double[] right = new double[classes];
                for (int k = 0; k < classes; k++) {
                    right[k] = all[k] - left[k];
                }
                double gain = parent - giniSum(left, wl) - giniSum(right, weight - wl);
                if (gain > best.gain) {
                    boolean[] goesLeft = new boolean[levels];
                    for (int s = 0; s <= i; s++) {
                        goesLeft[order.get(s)] = true;
                    }
                    best.gain = gain;
                    best.feature = j;
                    best.threshold = Double.NaN;
                    best.leftLevels = goesLeft;
                }
            }
        }
    }

    private void apply(Node n, Best best) {
        Column c = features.column(best.feature);
        int[] side = new int[n.rows.length]; // 1 left, 2 right, 0 missing
        double nl = 0; // the weight of the rows with the feature on each side
        double nr = 0;
        for (int i = 0; i < n.rows.length; i++) {
            int r = n.rows[i];
            if (c instanceof NumericColumn nc) {
                double v = nc.values()[r];
                side[i] = Double.isNaN(v) ? 0 : v < best.threshold ? 1 : 2;
            } else {
                int code = ((CategoricalColumn) c).codes()[r];
                side[i] = code < 0 ? 0 : best.leftLevels[code] ? 1 : 2;
            }
            if (side[i] == 1) {
                nl += weight(r);
            } else if (side[i] == 2) {
                nr += weight(r);
            }
        }
        boolean missingLeft = nl >= nr;
        int[] left = new int[n.rows.length];
        int[] right = new int[n.rows.length];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n.rows.length; i++) {
            boolean goesLeft = side[i] == 1 || (side[i] == 0 && missingLeft);
            if (goesLeft) {
                left[a++] = n.rows[i];
            } else {
                right[b++] = n.rows[i];
            }
        }
        n.feature = best.feature;
        n.threshold = best.threshold;
        n.leftLevels = best.leftLevels;
        n.missingLeft = missingLeft;
        n.left = node(Arrays.copyOf(left, a), n.depth + 1);
        n.right = node(Arrays.copyOf(right, b), n.depth + 1);
    }

    /** Weakest-link pruning (Breiman et al. 1984, §3.3): cut the subtree of least risk gained per leaf while it is at most alpha. */
    private static void pruneWeakestLinks(Node root, double alpha) {
        while (!root.isLeaf()) {
            Node[] weakest = new Node[1];
            double[] least = {Double.POSITIVE_INFINITY};
            findWeakest(root, weakest, least);
            if (weakest[0] == null || least[0] > alpha) {
                return;
            }
            weakest[0].left = null;
            weakest[0].right = null;
            weakest[0].feature = -1;
        }
    }

    /** Returns {subtree risk, leaves}; records the internal node with the least (R(t) − R(T_t)) / (leaves − 1). */
    private static double[] findWeakest(Node n, Node[] weakest, double[] least) {
        if (n.isLeaf()) {
            return new double[] {n.risk(), 1};
        }
        double[] l = findWeakest(n.left, weakest, least);
        double[] r = findWeakest(n.right, weakest, least);
        double risk = l[0] + r[0];
        double leaves = l[1] + r[1];
        double g = (n.risk() - risk) / (leaves - 1);
        if (g < least[0]) {
            least[0] = g;
            weakest[0] = n;
        }
        return new double[] {risk, leaves};
    }

    /** The K runtime trees of one structure, root first, each subtree in preorder. */
    private List<List<TreeScorer.Node>> flatten(Node root) {
        List<Node> preorder = new ArrayList<>();
        ArrayList<Node> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            n.id = preorder.size();
            preorder.add(n);
            if (!n.isLeaf()) {
                stack.add(n.right);
                stack.add(n.left);
            }
        }
        List<List<TreeScorer.Node>> out = new ArrayList<>(classes);
        for (int k = 0; k < classes; k++) {
            List<TreeScorer.Node> nodes = new ArrayList<>(preorder.size());
            for (Node g : preorder) {
                double total = g.total();
                double share = total == 0 ? 1.0 / classes : g.counts[k] / total;
                int count = g.rows.length;
                nodes.add(g.isLeaf() ? TreeScorer.Node.leaf(share, count)
                        : new TreeScorer.Node(g.feature, g.threshold, g.leftLevels, g.missingLeft, g.left.id,
                                g.right.id, share, count));
            }
            out.add(nodes);
        }
        return out;
    }
}
