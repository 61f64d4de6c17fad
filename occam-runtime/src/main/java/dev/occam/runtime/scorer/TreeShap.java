package dev.occam.runtime.scorer;

import dev.occam.runtime.scorer.TreeEnsembleScorer.Precision;
import dev.occam.runtime.scorer.TreeEnsembleScorer.Tree;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHAP values of one tree: the exact Shapley values of the set function {@code v(S) = E[f(x) | x_S]} of Lundberg,
 * Erion &amp; Lee (<i>Consistent Individualized Feature Attribution for Tree Ensembles</i>, arXiv:1802.03888,
 * 2018, Algorithm 1), where the expectation over the features outside S follows both children of a split in
 * proportion to the training cover that reached them. They add up to {@code f(x) − v(∅)}, and {@code v(∅)} is the
 * cover-weighted mean of the leaf values. The numbers are those of the paper's Algorithm 2; the arithmetic is the
 * linear-time form of Yu, Peng, Zou, Zhang &amp; Liu (<i>Linear TreeShap</i>, NeurIPS 2022), written here as
 * follows.
 *
 * <p><b>Per leaf.</b> For a leaf, each distinct feature j on its path has a "zero fraction" z_j (the product of
 * the cover ratios of its splits on the path: how much of the cover follows the path when x_j is unknown) and a
 * "one fraction" o_j (1 when the row itself follows every one of those splits, else 0); the leaf's share of
 * {@code v(S)} is {@code value · Π_{j∈S} o_j · Π_{j∉S} z_j}. The Shapley weight of a coalition of size s among
 * the path's m features is {@code ∫₀¹ tˢ (1 − t)^(m−1−s) dt}, so summing over coalitions gives, for feature i,
 * <pre>  φ_i += value · (o_i − z_i) · ∫₀¹ P(t) / f_i(t) dt,   f_j(t) = z_j (1 − t) + o_j t,   P = Π_j f_j,</pre>
 * whose integrand is a polynomial of degree below m. A Gauss–Legendre rule of ⌈m/2⌉ points integrates it exactly,
 * so each polynomial is carried as its values at those points.
 *
 * <p><b>Per tree, in one walk.</b> Going down, each node's P is its parent's times the entering split's factor
 * (divided by the factor the same feature had higher up, when it repeats). Coming up, each node gets
 * {@code A = Σ value · P} over the leaves below it. A split on feature i then contributes
 * {@code (o − z) ∫ (A − B) / f dt}, with its own (combined) fractions, where B is the A of the next splits on i
 * below it: their leaves are counted by those splits, with the fractions they combine to. Every node costs a few
 * operations per quadrature point: O(nodes · depth) per tree and row, where the path algorithm is
 * O(leaves · depth²). Subtrees whose zero and one fractions are both 0 carry no weight and are not visited.
 *
 * <p>The row's own branch at each split is the one {@link Tree#leafOf} takes, so missing values follow their learned
 * direction. No allocation per node: the walk's vectors live in a {@link Workspace}, made per call (per ensemble
 * for {@code TreeEnsembleScorer}); no state outside the call, so any number of threads may explain at once.
 */
final class TreeShap {

    /** Gauss–Legendre rules on [0, 1] by number of points, computed once each: {nodes, weights}. */
    private static final ConcurrentHashMap<Integer, double[][]> RULES = new ConcurrentHashMap<>();

    private TreeShap() {
    }

    /** The cover-weighted mean of the leaf values, {@code v(∅)}: the children weighted by cover / parent cover. */
    static double expectedValue(Tree tree) {
        double[] e = new double[tree.size()];
        // Children come after their parents: a backward pass sees every child before its parent.
        for (int i = tree.size() - 1; i >= 0; i--) {
            if (tree.isLeaf(i)) {
                e[i] = tree.value(i);
            } else {
                int l = tree.left(i);
                int r = tree.right(i);
                e[i] = fraction(tree, i, l) * e[l] + fraction(tree, i, r) * e[r];
            }
        }
        return e[0];
    }

    /** The share of a node's cover that reaches one child; half each when the node has no cover. */
    static double fraction(Tree tree, int node, int child) {
        double parent = tree.cover(node);
        return parent > 0 ? tree.cover(child) / parent : 0.5;
    }

    /**
     * Adds {@code weight} times the tree's SHAP values for row {@code x} to {@code phi} (indexed by the
     * tree's feature indices, each below {@code phi.length}).
     */
    static void accumulate(Tree tree, double[] x, Precision precision, double weight, double[] phi) {
        accumulate(tree, x, precision, weight, phi, new Workspace(tree.depth()));
    }

    /**
     * {@link #accumulate(Tree, double[], Precision, double, double[])} in a workspace made for trees at least
     * this one's depth, so that a whole ensemble's walk allocates nothing per node.
     */
    static void accumulate(Tree tree, double[] x, Precision precision, double weight, double[] phi,
            Workspace workspace) {
        if (workspace.levels < tree.depth() + 1) {
            throw new IllegalArgumentException("workspace for depth " + (workspace.levels - 1) + ", tree of depth "
                    + tree.depth());
        }
        if (tree.isLeaf(0)) {
            return; // one leaf: f(x) = v(∅), every value 0
        }
        // A path holds at most min(depth, features) distinct features, so the integrands' degree is below that.
        int distinct = Math.min(tree.depth(), phi.length);
        workspace.use(rule((distinct + 1) / 2), phi.length);
        walk(tree, x, precision, weight, phi, workspace, 0, 0, -1, 1.0, 1.0);
    }

    /**
     * Visits {@code node} at {@code level}, entered by a split on {@code feature} (-1 at the root) whose combined
     * fractions on the path are {@code zero} and {@code one}; leaves {@code A} of the node in
     * {@code workspace.sum[level]} and adds the node's split contribution to {@code phi}.
     */
    private static void walk(Tree tree, double[] x, Precision precision, double scale, double[] phi,
            Workspace w, int node, int level, int feature, double zero, double one) {
        int q = w.points;
        double[] t = w.nodes;
        double[] product = w.product[level];
        double[] factor = w.factor[level];
        double[] sum = w.sum[level];
        double outerZero = 1.0;
        double outerOne = 1.0;
        int outerSplit = -1;
        if (feature < 0) {
            Arrays.fill(product, 0, q, 1.0);
        } else {
            outerZero = w.zeroOf[feature];
            outerOne = w.oneOf[feature];
            outerSplit = w.enclosing[feature];
            double[] parent = w.product[level - 1];
            for (int k = 0; k < q; k++) {
                double s = t[k];
                double f = zero * (1 - s) + one * s;
                factor[k] = f;
                // The feature's earlier factor is never 0 here: subtrees with both fractions 0 are not visited.
                product[k] = parent[k] * f / (outerZero * (1 - s) + outerOne * s);
            }
            w.zeroOf[feature] = zero;
            w.oneOf[feature] = one;
            w.enclosing[feature] = level;
            Arrays.fill(w.below[level], 0, q, 0.0);
        }
        if (tree.isLeaf(node)) {
            double value = tree.value(node);
            for (int k = 0; k < q; k++) {
                sum[k] = value * product[k];
            }
        } else {
            Arrays.fill(sum, 0, q, 0.0);
            int split = tree.feature(node);
            int hot = goesLeft(tree, node, x, precision) ? tree.left(node) : tree.right(node);
            int cold = hot == tree.left(node) ? tree.right(node) : tree.left(node);
            double incomingZero = w.zeroOf[split];
            double incomingOne = w.oneOf[split];
            double hotZero = incomingZero * fraction(tree, node, hot);
            if (hotZero > 0 || incomingOne > 0) {
                walk(tree, x, precision, scale, phi, w, hot, level + 1, split, hotZero, incomingOne);
                addInto(sum, w.sum[level + 1], q);
            }
            double coldZero = incomingZero * fraction(tree, node, cold);
            if (coldZero > 0) {
                walk(tree, x, precision, scale, phi, w, cold, level + 1, split, coldZero, 0.0);
                addInto(sum, w.sum[level + 1], q);
            }
        }
        if (feature >= 0) {
            double[] below = w.below[level];
            double[] weights = w.weights;
            double integral = 0;
            for (int k = 0; k < q; k++) {
                integral += weights[k] * (sum[k] - below[k]) / factor[k];
            }
            phi[feature] += scale * (one - zero) * integral;
            w.zeroOf[feature] = outerZero;
            w.oneOf[feature] = outerOne;
            w.enclosing[feature] = outerSplit;
            if (outerSplit >= 0) {
                addInto(w.below[outerSplit], sum, q);
            }
        }
    }

    private static void addInto(double[] into, double[] add, int q) {
        for (int k = 0; k < q; k++) {
            into[k] += add[k];
        }
    }

    /** The branch a row takes at an inner node: {@link Tree#leafOf}'s rule. */
    static boolean goesLeft(Tree tree, int node, double[] x, Precision precision) {
        double v = x[tree.feature(node)];
        if (Double.isNaN(v)) {
            return tree.missingLeft(node);
        }
        double t = tree.threshold(node);
        if (!Double.isNaN(t)) {
            return precision == Precision.FLOAT32 ? (float) v < (float) t : v < t;
        }
        return tree.goesLeftCategorical(node, v);
    }

    /** The Gauss–Legendre rule of {@code points} points on [0, 1] (at least 1), from the cache. */
    static double[][] rule(int points) {
        return RULES.computeIfAbsent(Math.max(1, points), TreeShap::legendre);
    }

    /**
     * The nodes and weights of the n-point Gauss–Legendre rule, mapped from [-1, 1] to [0, 1]: exact for
     * polynomials of degree up to 2n − 1. Each root of the Legendre polynomial P_n by Newton's method from the
     * usual estimate {@code cos(π (i + 3/4) / (n + 1/2))}, P_n and its derivative by the three-term recurrence;
     * the weight {@code 2 / ((1 − x²) P_n'(x)²)}.
     */
    static double[][] legendre(int n) {
        double[] nodes = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double root = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double[] pd = legendreAt(n, root);
                derivative = pd[1];
                double step = pd[0] / derivative;
                root -= step;
                if (Math.abs(step) <= 1e-16) {
                    break;
                }
            }
            derivative = legendreAt(n, root)[1];
            double weight = 1.0 / ((1 - root * root) * derivative * derivative); // half of 2/(...): [0, 1]
            // Symmetric pairs: -root near 0 and +root near 1 (the middle one, for odd n, is written twice alike).
            nodes[i] = (1 - root) / 2;
            nodes[n - 1 - i] = (1 + root) / 2;
            weights[i] = weight;
            weights[n - 1 - i] = weight;
        }
        return new double[][] {nodes, weights};
    }

    /** P_n(x) and P_n'(x). */
    private static double[] legendreAt(int n, double x) {
        double previous = 1.0;
        double current = x;
        for (int k = 2; k <= n; k++) {
            double next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
            previous = current;
            current = next;
        }
        double derivative = n * (x * current - previous) / (x * x - 1);
        return new double[] {current, derivative};
    }

    /**
     * The walk's vectors, one per level, and each feature's place on the current path; made per call, reused for
     * every tree of an ensemble (a tree at most {@code depth} deep), never shared between threads.
     */
    static final class Workspace {
        /** Levels the vectors hold: the deepest tree's depth + 1. */
        final int levels;
        double[][] product;
        double[][] factor;
        double[][] sum;
        double[][] below;
        int points;
        double[] nodes;
        double[] weights;
        /** Per feature: its combined fractions on the current path (1 and 1 when not on it), its deepest split. */
        double[] zeroOf = new double[0];
        double[] oneOf = new double[0];
        int[] enclosing = new int[0];

        /** @param depth the deepest tree's depth, in splits */
        Workspace(int depth) {
            levels = depth + 1;
        }

        /** Sizes the vectors for this rule and the feature arrays for this many features. */
        void use(double[][] rule, int features) {
            nodes = rule[0];
            weights = rule[1];
            points = nodes.length;
            if (product == null || product[0].length < points) {
                product = new double[levels][points];
                factor = new double[levels][points];
                sum = new double[levels][points];
                below = new double[levels][points];
            }
            if (zeroOf.length < features) {
                zeroOf = new double[features];
                oneOf = new double[features];
                enclosing = new int[features];
                Arrays.fill(zeroOf, 1.0);
                Arrays.fill(oneOf, 1.0);
                Arrays.fill(enclosing, -1);
            }
        }
    }
}
