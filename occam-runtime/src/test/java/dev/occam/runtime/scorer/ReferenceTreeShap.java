package dev.occam.runtime.scorer;

import dev.occam.runtime.scorer.TreeEnsembleScorer.Precision;
import dev.occam.runtime.scorer.TreeEnsembleScorer.Tree;

/**
 * The test's reference: Lundberg, Erion &amp; Lee's path algorithm (Algorithm 2 of arXiv:1802.03888), which
 * {@link TreeShap} computed until it moved to the linear-time quadrature form. Kept here, unchanged, so that the
 * two are compared on many trees: they compute the same Shapley values by different arithmetic.
 *
 * SHAP values of one tree by the polynomial-time path algorithm of Lundberg, Erion &amp; Lee, <i>Consistent
 * Individualized Feature Attribution for Tree Ensembles</i> (arXiv:1802.03888, 2018, Algorithm 2; also
 * Lundberg et al., <i>From local explanations to global understanding with explainable AI for trees</i>,
 * Nature Machine Intelligence 2, 2020): the exact Shapley values of the set function
 * {@code v(S) = E[f(x) | x_S]}, where the expectation over the features outside S follows both children of a
 * split in proportion to the training cover that reached them (Algorithm 1 of the paper). They add up to
 * {@code f(x) − v(∅)}, and {@code v(∅)} is the cover-weighted mean of the leaf values.
 *
 * <p>The walk keeps, for the path from the root to the current node, each distinct feature met on it with the
 * fraction of the cover that follows the path when the feature is unknown ("zero fraction", the product of
 * the cover ratios of its splits) and whether the row itself follows the path ("one fraction", 1 or 0), and
 * the weights of the subset sizes of the path's features, which grow one feature at a time ({@link #extend})
 * and can take one feature out again ({@link #unwind}). At a leaf, each feature on the path gets its Shapley
 * weight times (one fraction − zero fraction) times the leaf value. A feature split on twice along the path
 * is first unwound, so it appears once with its fractions multiplied. The row's own branch at each split is
 * the one {@link Tree#leafOf} takes, so missing values follow their learned direction.
 *
 * <p>Cost: O(leaves · depth²) per tree and row, and no allocation per node: the paths live in a {@link Workspace}
 * of one path per level, made per call (per ensemble for {@code TreeEnsembleScorer}). Written from the paper; no
 * state outside the call, so any number of threads may explain at once.
 */
final class ReferenceTreeShap {

    private ReferenceTreeShap() {
    }

    /**
     * Adds {@code weight} times the tree's SHAP values for row {@code x} to {@code phi} (indexed by the
     * tree's feature indices).
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
        if (workspace.levels.length < tree.depth() + 2) {
            throw new IllegalArgumentException("workspace for depth " + (workspace.levels.length - 2)
                    + ", tree of depth " + tree.depth());
        }
        workspace.levels[0].length = 0;
        recurse(tree, x, precision, weight, phi, 0, workspace.levels, 0, 1.0, 1.0, -1);
    }

    /**
     * One path per level of the walk (the reference implementation's stack of paths): a node at level d copies its
     * parent's path from level d into level d + 1 and extends it there, so nothing is allocated per node.
     */
    static final class Workspace {
        final Path[] levels;

        /** @param depth the deepest tree's depth, in splits */
        Workspace(int depth) {
            levels = new Path[depth + 2];
            for (int d = 0; d < levels.length; d++) {
                levels[d] = new Path(depth + 2);
            }
        }
    }

    /** The unique features of the path from the root, with their fractions and the subset-size weights. */
    private static final class Path {
        final int[] feature;
        final double[] zero;
        final double[] one;
        final double[] weight;
        int length;

        Path(int capacity) {
            feature = new int[capacity];
            zero = new double[capacity];
            one = new double[capacity];
            weight = new double[capacity];
        }

        void copyFrom(Path p) {
            System.arraycopy(p.feature, 0, feature, 0, p.length);
            System.arraycopy(p.zero, 0, zero, 0, p.length);
            System.arraycopy(p.one, 0, one, 0, p.length);
            System.arraycopy(p.weight, 0, weight, 0, p.length);
            length = p.length;
        }
    }

    /**
     * @param levels the workspace's paths; {@code levels[level]} holds the parent's path, left as it was
     */
    private static void recurse(Tree tree, double[] x, Precision precision, double scale, double[] phi, int node,
            Path[] levels, int level, double zeroFraction, double oneFraction, int feature) {
        Path m = levels[level + 1];
        m.copyFrom(levels[level]);
        extend(m, zeroFraction, oneFraction, feature);
        if (tree.isLeaf(node)) {
            double value = tree.value(node);
            // Element 0 is the empty root element; every later one is a feature on the path.
            for (int i = 1; i < m.length; i++) {
                double w = unwoundSum(m, i);
                phi[m.feature[i]] += scale * w * (m.one[i] - m.zero[i]) * value;
            }
            return;
        }
        int split = tree.feature(node);
        int hot = TreeShap.goesLeft(tree, node, x, precision) ? tree.left(node) : tree.right(node);
        int cold = hot == tree.left(node) ? tree.right(node) : tree.left(node);
        double incomingZero = 1.0;
        double incomingOne = 1.0;
        for (int k = 1; k < m.length; k++) {
            if (m.feature[k] == split) {
                incomingZero = m.zero[k];
                incomingOne = m.one[k];
                unwind(m, k);
                break;
            }
        }
        recurse(tree, x, precision, scale, phi, hot, levels, level + 1,
                incomingZero * TreeShap.fraction(tree, node, hot),
                incomingOne, split);
        double coldZero = incomingZero * TreeShap.fraction(tree, node, cold);
        if (coldZero > 0) {
            // With zero fraction 0 and one fraction 0 the whole subtree carries no weight.
            recurse(tree, x, precision, scale, phi, cold, levels, level + 1, coldZero, 0.0, split);
        }
    }

    /** Adds a feature with its fractions to the path and updates the subset-size weights. */
    private static void extend(Path m, double zeroFraction, double oneFraction, int feature) {
        int u = m.length;
        m.feature[u] = feature;
        m.zero[u] = zeroFraction;
        m.one[u] = oneFraction;
        m.weight[u] = u == 0 ? 1.0 : 0.0;
        for (int i = u - 1; i >= 0; i--) {
            m.weight[i + 1] += oneFraction * m.weight[i] * (i + 1) / (u + 1);
            m.weight[i] = zeroFraction * m.weight[i] * (u - i) / (u + 1);
        }
        m.length = u + 1;
    }

    /** Takes element {@code index} out of the path, undoing its {@link #extend}. */
    private static void unwind(Path m, int index) {
        int last = m.length - 1;
        double one = m.one[index];
        double zero = m.zero[index];
        double n = m.weight[last];
        for (int j = last - 1; j >= 0; j--) {
            if (one != 0) {
                double t = m.weight[j];
                m.weight[j] = n * (last + 1) / ((j + 1) * one);
                n = t - m.weight[j] * zero * (last - j) / (last + 1);
            } else {
                m.weight[j] = m.weight[j] * (last + 1) / (zero * (last - j));
            }
        }
        for (int j = index; j < last; j++) {
            m.feature[j] = m.feature[j + 1];
            m.zero[j] = m.zero[j + 1];
            m.one[j] = m.one[j + 1];
        }
        m.length = last;
    }

    /** The sum of the weights the path would have with element {@code index} unwound, without unwinding it. */
    private static double unwoundSum(Path m, int index) {
        int last = m.length - 1;
        double one = m.one[index];
        double zero = m.zero[index];
        double total = 0;
        if (one != 0) {
            double n = m.weight[last];
            for (int j = last - 1; j >= 0; j--) {
                double w = n * (last + 1) / ((j + 1) * one);
                total += w;
                n = m.weight[j] - w * zero * (last - j) / (last + 1);
            }
        } else {
            for (int j = last - 1; j >= 0; j--) {
                total += m.weight[j] * (last + 1) / (zero * (last - j));
            }
        }
        return total;
    }
}
