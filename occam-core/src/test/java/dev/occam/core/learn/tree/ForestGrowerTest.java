package dev.occam.core.learn.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Fixtures;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.TreeEnsembleScorer.Tree;
import dev.occam.runtime.scorer.TreeScorer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ForestGrowerTest {

    private static int[] everyRow(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    // Trees are compared through TreeEnsembleScorer.Tree, whose equality compares the level sets' contents.

    /** What the single-tree grower builds, unpruned, with a forest's stopping rules. */
    private static List<TreeScorer.Node> presortedUnpruned(Frame x, Target y, int minLeaf) {
        DecisionTree.Options o = new DecisionTree.Options(dev.occam.runtime.scorer.TreeEnsembleScorer.Tree.MAX_DEPTH,
                Math.max(2, 2 * minLeaf), minLeaf, 0.0);
        Grower g = new Grower(x, y.values(), y.isClassification(), o, null, null, null, x.columnCount(), null,
                false, null, null);
        return DecisionTree.flatten(g.grow());
    }

    @Test
    void grow_everyRowOnceEveryFeature_sameTreeAsPresortedGrower_creditData() {
        CreditData d = CreditData.load();
        ForestGrower grower = new ForestGrower(d.features, d.target, d.features.columnCount(), 1);
        List<TreeScorer.Node> byRank = grower.grow(everyRow(d.target.size()), new SplittableRandom(1));
        assertEquals(Tree.of(presortedUnpruned(d.features, d.target, 1)), Tree.of(byRank));
    }

    @Test
    void grow_everyRowOnceEveryFeature_sameTreeAsPresortedGrower_regression() {
        Fixtures.Data d = Fixtures.easy(Task.REGRESSION, 500, 3);
        ForestGrower grower = new ForestGrower(d.features(), d.target(), d.features().columnCount(), 5);
        List<TreeScorer.Node> byRank = grower.grow(everyRow(500), new SplittableRandom(1));
        assertEquals(Tree.of(presortedUnpruned(d.features(), d.target(), 5)), Tree.of(byRank));
    }

    @Test
    void grow_repeatedRows_countedWithTheirRepeats() {
        Frame x = new Frame(List.of(new NumericColumn("x", new double[] {1, 2, 3, 4})));
        Target y = Fixtures.target(Task.REGRESSION, new double[] {0, 0, 10, 10});
        ForestGrower grower = new ForestGrower(x, y, 1, 1);
        List<TreeScorer.Node> nodes = grower.grow(new int[] {0, 0, 0, 2}, new SplittableRandom(1));
        assertEquals(4, nodes.get(0).count());
        assertEquals(2.5, nodes.get(0).value());
        assertEquals(3, nodes.size());
        assertEquals(2.0, nodes.get(0).threshold(), "midway between the values 1 and 3 in the sample");
    }

    @Test
    void grow_sameRandomSeed_sameTree_otherSeedOtherTree() {
        Fixtures.Data d = Fixtures.wide(Task.CLASSIFICATION, 300, 20, 4);
        ForestGrower grower = new ForestGrower(d.features(), d.target(), 3, 1);
        int[] rows = everyRow(300);
        assertEquals(Tree.of(grower.grow(rows, new SplittableRandom(5))),
                Tree.of(grower.grow(rows, new SplittableRandom(5))));
        assertNotEquals(Tree.of(grower.grow(rows, new SplittableRandom(5))),
                Tree.of(grower.grow(rows, new SplittableRandom(6))));
    }

    @Test
    void construct_badArguments_rejectedWithTheValue() {
        Fixtures.Data d = Fixtures.easy(Task.CLASSIFICATION, 20, 1);
        assertEquals("featuresPerSplit must be >= 1: 0", assertThrows(IllegalArgumentException.class,
                () -> new ForestGrower(d.features(), d.target(), 0, 1)).getMessage());
        assertEquals("minLeaf must be >= 1: 0", assertThrows(IllegalArgumentException.class,
                () -> new ForestGrower(d.features(), d.target(), 1, 0)).getMessage());
        ForestGrower g = new ForestGrower(d.features(), d.target(), 1, 1);
        assertEquals("sample row 20 outside the 20 rows", assertThrows(IllegalArgumentException.class,
                () -> g.grow(new int[] {20}, new SplittableRandom(1))).getMessage());
    }
}
