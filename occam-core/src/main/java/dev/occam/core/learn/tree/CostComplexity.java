package dev.occam.core.learn.tree;

/**
 * Cost-complexity pruning (Breiman, Friedman, Olshen &amp; Stone 1984, chapter 3) of a grown tree given as arrays:
 * the smallest subtree minimising {@code risk + alpha * leaves}. Bottom up, a node's pruned subtree beats the node
 * as a leaf only when it lowers the risk by more than {@code alpha} per extra leaf; ties prune, giving the smallest
 * minimising subtree. That is the tree weakest-link pruning reaches at {@code alpha}, and the tree rpart prints for
 * a given cp ({@code alpha = cp * rootRisk}).
 *
 * <p>The tree rung prunes its own trees with it ({@link Grower}); the Spark engine prunes MLlib's trees with it, so
 * both engines cut back by one rule.
 */
public final class CostComplexity {

    private CostComplexity() {
    }

    /**
     * Which nodes the pruned tree turns into leaves.
     *
     * @param left each node's left child, or a negative number for a leaf; every child's index is larger than its
     *     parent's (preorder, or the order the nodes were created in)
     * @param right each node's right child (read only where {@code left} is not negative)
     * @param risk each node's risk as a leaf: misclassified rows, or the sum of squared deviations from its mean
     *     ({@code n p (1 - p)} for a class share)
     * @param alpha the price of one more leaf, in units of risk ({@code cp * risk[root]})
     * @return for each node, whether its subtree is cut back to the node alone; only nodes no collapsed ancestor
     *     hides matter
     */
    public static boolean[] collapsed(int[] left, int[] right, double[] risk, double alpha) {
        int n = risk.length;
        if (left.length != n || right.length != n) {
            throw new IllegalArgumentException("left, right and risk must have one entry per node: " + left.length
                    + ", " + right.length + ", " + n);
        }
        if (!(alpha >= 0)) {
            throw new IllegalArgumentException("alpha must be a number >= 0: " + alpha);
        }
        boolean[] out = new boolean[n];
        double[] subtreeRisk = new double[n];
        int[] leaves = new int[n];
        // Children come after their parent, so the reverse order is bottom up.
        for (int i = n - 1; i >= 0; i--) {
            if (left[i] < 0) {
                subtreeRisk[i] = risk[i];
                leaves[i] = 1;
                continue;
            }
            if (left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n) {
                throw new IllegalArgumentException("node " + i + "'s children (" + left[i] + ", " + right[i]
                        + ") must come after it, among the " + n + " nodes");
            }
            double below = subtreeRisk[left[i]] + subtreeRisk[right[i]];
            int count = leaves[left[i]] + leaves[right[i]];
            if (risk[i] - below <= alpha * (count - 1)) {
                out[i] = true;
                subtreeRisk[i] = risk[i];
                leaves[i] = 1;
            } else {
                subtreeRisk[i] = below;
                leaves[i] = count;
            }
        }
        return out;
    }
}
