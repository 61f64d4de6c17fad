package dev.occam.core.learn.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Cost-complexity pruning on arrays. The tree: root (risk 100) splits into a leaf (40) and a node (50) that splits
 * into two leaves (24 and 24): the lower split saves 2 for one more leaf, the whole tree 100 - 88 = 12 for two.
 */
class CostComplexityTest {

    private static final int[] LEFT = {1, -1, 3, -1, -1};
    private static final int[] RIGHT = {2, -1, 4, -1, -1};
    private static final double[] RISK = {100, 40, 50, 24, 24};

    @Test
    void collapsed_alphaBelowEverySaving_keepsTheWholeTree() {
        assertArrayEquals(new boolean[5], CostComplexity.collapsed(LEFT, RIGHT, RISK, 1.9));
    }

    @Test
    void collapsed_alphaEqualToTheLowerSaving_prunesItAndKeepsTheRoot() {
        // Ties prune; the root then saves 100 - 90 = 10 for one more leaf, more than 2.
        assertArrayEquals(new boolean[] {false, false, true, false, false},
                CostComplexity.collapsed(LEFT, RIGHT, RISK, 2.0));
    }

    @Test
    void collapsed_alphaAboveTheRootsSavingAfterPruning_leavesTheRootAlone() {
        assertArrayEquals(new boolean[] {true, false, true, false, false},
                CostComplexity.collapsed(LEFT, RIGHT, RISK, 10.0));
        // Just below 10 the root's split survives on its own.
        assertArrayEquals(new boolean[] {false, false, true, false, false},
                CostComplexity.collapsed(LEFT, RIGHT, RISK, 9.99));
    }

    @Test
    void collapsed_childBeforeItsParent_isRefusedNamingTheNode() {
        assertThrows(IllegalArgumentException.class, () -> CostComplexity.collapsed(
                new int[] {-1, 0, -1}, new int[] {-1, 2, -1}, new double[] {1, 2, 1}, 0.0));
        assertThrows(IllegalArgumentException.class, () -> CostComplexity.collapsed(LEFT, RIGHT, RISK, Double.NaN));
    }
}
