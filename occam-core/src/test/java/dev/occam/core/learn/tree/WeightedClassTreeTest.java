package dev.occam.core.learn.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.learn.forest.RandomForest;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.MulticlassScorer;
import dev.occam.runtime.scorer.TreeScorer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Balanced class weights {@code n / (K n_c)} in the trees of three or more classes ({@link ClassTreeGrower}), as
 * {@link WeightedTreeTest} checks them for two: a tiny table whose weighted split, missing-value side and leaf shares
 * are computed by hand; unit weights grow the unweighted tree; whole-number weights grow the tree of the rows
 * repeated; and on a table with a 5% class, weighing raises that class's held-out recall and predicted share, in the
 * tree and in the forest.
 */
class WeightedClassTreeTest {

    private static final List<String> LEVELS = List.of("a", "b", "c");
    private static final DecisionTree.Options SMALL_LEAVES = new DecisionTree.Options(6, 2, 1, 0.005);

    private static Target classes(double[] y) {
        return new Target(TargetInfo.multiclass("k", LEVELS), y);
    }

    /** The K trees of a multiclass tree model, class by class. */
    private static List<List<TreeScorer.Node>> trees(Model m) {
        return ((MulticlassScorer) m.scorer()).components().stream().map(c -> ((TreeScorer) c).nodes()).toList();
    }

    /**
     * Thirteen rows, x = 1..12 and one missing, classes a a a b a a c a a a a a and c for the missing one: ten a, one b
     * and two c, weighted 13/30, 13/3 and 13/6. A stump: weighted, the best cut is x < 4.5 (a decrease in weighted
     * n·Gini of 2.41, against 1.52 for x < 7.5, the unweighted stump's cut, where unweighted it is 0.357 against
     * 0.25); its left side holds 4 rows of weight 169/30 = 5.63, the right 8 rows of weight 26/5 = 5.2, so the
     * missing row goes left: to the heavier side, though it has fewer rows. Left leaf:
     * 3 a, the b and the missing c, weights 13/10, 13/3, 13/6 of 39/5: shares 1/6, 5/9, 5/18. Right leaf: 7 a and a
     * c, weights 91/30 and 13/6 of 26/5: shares 7/12, 0, 5/12. The root: 1/3 each (every class weighs n / K).
     */
    @Test
    void fit_balancedStump_splitMissingSideAndLeafSharesAsComputedByHand() {
        double[] x = new double[13];
        double[] y = new double[13];
        String labels = "aaabaacaaaaac";
        for (int i = 0; i < 13; i++) {
            x[i] = i < 12 ? i + 1 : Double.NaN;
            y[i] = labels.charAt(i) - 'a';
        }
        Frame frame = new Frame(List.of(new NumericColumn("x", x)));
        DecisionTree.Options stump = new DecisionTree.Options(1, 2, 1, 0.0);
        List<List<TreeScorer.Node>> weighed = trees(new DecisionTree(stump).withBalancedClasses().fit(frame,
                classes(y)));
        double[][] expected = {{1.0 / 3, 1.0 / 6, 7.0 / 12}, {1.0 / 3, 5.0 / 9, 0}, {1.0 / 3, 5.0 / 18, 5.0 / 12}};
        for (int k = 0; k < 3; k++) {
            List<TreeScorer.Node> nodes = weighed.get(k);
            assertEquals(3, nodes.size());
            assertEquals(4.5, nodes.get(0).threshold());
            assertTrue(nodes.get(0).missingLeft(), "missing values go to the heavier side, of fewer rows");
            assertEquals(13, nodes.get(0).count());
            assertEquals(5, nodes.get(1).count(), "counts stay rows: 4 with x and the missing one");
            assertEquals(8, nodes.get(2).count());
            for (int node = 0; node < 3; node++) {
                assertEquals(expected[k][node], nodes.get(node).value(), 1e-12, "class " + k + ", node " + node);
            }
        }
        // Unweighted, the stump cuts elsewhere and sends the missing row to the side of more rows.
        List<TreeScorer.Node> plain = trees(new DecisionTree(stump).fit(frame, classes(y))).get(0);
        assertEquals(7.5, plain.get(0).threshold());
        assertTrue(plain.get(0).missingLeft());
        assertEquals(8, plain.get(1).count());
    }

    /** {@link WeightedTreeTest#features}: x0 on a 0.01 grid in [0, 1], x1 with missing values, a category. */
    private static Frame features(int n, long seed) {
        return WeightedTreeTest.features(n, seed);
    }

    /** Classes by a softmax of the features; the rare intercept makes class 2 about 5% of the rows. */
    private static double[] labels(Frame x, double rareIntercept, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x0 = ((NumericColumn) x.column(0)).values();
        double[] x1 = ((NumericColumn) x.column(1)).values();
        int[] g = ((CategoricalColumn) x.column(2)).codes();
        double[] y = new double[x.rows()];
        for (int i = 0; i < y.length; i++) {
            double z = 4 * (x0[i] - 0.5);
            double e1 = Math.exp(1.2 * z + (g[i] == 1 ? 0.8 : 0));
            double e2 = Math.exp(rareIntercept + 1.5 * z + (Double.isNaN(x1[i]) ? 0 : 1.2 * x1[i])
                    + (g[i] == 3 ? 1.0 : 0));
            double u = r.nextDouble() * (1 + e1 + e2);
            y[i] = u < 1 ? 0 : u < 1 + e1 ? 1 : 2;
        }
        return y;
    }

    /** Same structure and values within 1e-12; with {@code exact}, also the same values and counts bit for bit. */
    private static void assertSameTrees(List<List<TreeScorer.Node>> expected, List<List<TreeScorer.Node>> actual,
            boolean exact) {
        assertEquals(expected.size(), actual.size());
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k).size(), actual.get(k).size(), "nodes of class " + k);
            for (int i = 0; i < expected.get(k).size(); i++) {
                TreeScorer.Node e = expected.get(k).get(i);
                TreeScorer.Node a = actual.get(k).get(i);
                assertEquals(e.feature(), a.feature(), "feature of node " + i);
                assertEquals(e.threshold(), a.threshold(), "threshold of node " + i);
                assertArrayEquals(e.leftLevels(), a.leftLevels(), "levels of node " + i);
                assertEquals(e.missingLeft(), a.missingLeft(), "missing direction of node " + i);
                assertEquals(e.left(), a.left(), "left child of node " + i);
                assertEquals(e.right(), a.right(), "right child of node " + i);
                assertEquals(e.value(), a.value(), exact ? 0.0 : 1e-12, "value of node " + i + ", class " + k);
                if (exact) {
                    assertEquals(Double.doubleToRawLongBits(e.value()), Double.doubleToRawLongBits(a.value()));
                    assertEquals(e.count(), a.count(), "count of node " + i);
                }
            }
        }
    }

    @Test
    void grow_unitWeights_exactlyTheUnweightedTree_singleAndForestTrees() {
        Frame x = features(600, 3);
        int[] y = classes(labels(x, -1.0, 4)).classCodes();
        double[] ones = new double[y.length];
        java.util.Arrays.fill(ones, 1.0);
        int[] all = java.util.stream.IntStream.range(0, y.length).toArray();
        List<List<TreeScorer.Node>> plain = new ClassTreeGrower(x, y, 3, SMALL_LEAVES, 3, null, true, null).grow(all);
        assertTrue(plain.get(0).size() >= 9, "a tree with some depth: " + plain.get(0).size() + " nodes");
        assertSameTrees(plain, new ClassTreeGrower(x, y, 3, SMALL_LEAVES, 3, null, true, ones).grow(all), true);
        int[] sample = new int[y.length];
        SplittableRandom draw = new SplittableRandom(5);
        for (int i = 0; i < sample.length; i++) {
            sample[i] = draw.nextInt(y.length);
        }
        java.util.Arrays.sort(sample);
        DecisionTree.Options forest = new DecisionTree.Options(40, 2, 1, 0.0);
        assertSameTrees(new ClassTreeGrower(x, y, 3, forest, 1, new SplittableRandom(6), false, null).grow(sample),
                new ClassTreeGrower(x, y, 3, forest, 1, new SplittableRandom(6), false, ones).grow(sample), true);
    }

    @Test
    void fit_balancedClasses_sameTreeAsClassesRepeated() {
        // 1,200 rows of which 800 a, 200 b and 200 c: balanced weights 1/2, 2 and 2, in the ratio 1 : 4 : 4, so
        // repeating each b and each c four times weighs the rows alike. Weights that are powers of two keep every sum
        // exact, so splits whose gains tie exactly tie in both fits.
        Frame x = features(1200, 21);
        double[] y = new double[1200];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 6 == 0 ? 1 : i % 6 == 1 ? 2 : 0;
        }
        Target target = classes(y);
        int[] times = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            times[i] = y[i] == 0 ? 1 : 4;
        }
        int[] repeated = dev.occam.core.data.TestDatasets.repeated(times);
        List<List<TreeScorer.Node>> balanced = trees(new DecisionTree(SMALL_LEAVES).withBalancedClasses().fit(x,
                target));
        assertTrue(balanced.get(0).size() >= 9, "a tree with some depth: " + balanced.get(0).size() + " nodes");
        assertSameTrees(trees(new DecisionTree(SMALL_LEAVES).fit(x.select(repeated), target.select(repeated))),
                balanced, false);
    }

    /** Rows called class k (argmax) among the rows of class k, and the mean probability of class k over all rows. */
    private static double[] recallAndShare(Model m, Frame x, int[] truth, int k) {
        double[][] p = m.scoreClasses(x);
        int rows = 0;
        int called = 0;
        double share = 0;
        for (int i = 0; i < p.length; i++) {
            share += p[i][k];
            if (truth[i] == k) {
                rows++;
                called += MulticlassScorer.argmax(p[i]) == k ? 1 : 0;
            }
        }
        return new double[] {(double) called / rows, share / p.length};
    }

    @Test
    void fit_balancedOnARareClass_raisesItsHeldOutRecallAndShare_treeAndForest() {
        Frame train = features(3000, 31);
        Target target = classes(labels(train, -4.0, 32));
        Frame test = features(3000, 33);
        int[] truth = classes(labels(test, -4.0, 34)).classCodes();
        double rareShare = java.util.Arrays.stream(target.classCodes()).filter(k -> k == 2).count() / 3000.0;
        assertEquals(0.05, rareShare, 0.02, "the rare class's share");

        Model plainTree = new DecisionTree().fit(train, target);
        Model balancedTree = new DecisionTree().withBalancedClasses().fit(train, target);
        double[] plain = recallAndShare(plainTree, test, truth, 2);
        double[] balanced = recallAndShare(balancedTree, test, truth, 2);
        assertTrue(balanced[0] > plain[0] + 0.2, "tree recall of the rare class: " + plain[0] + " -> " + balanced[0]);
        assertTrue(balanced[1] > 2 * plain[1], "tree share of the rare class: " + plain[1] + " -> " + balanced[1]);
        // Each leaf holds its weighted shares, so over the training rows the weighted mean probability of every
        // class is 1 / K.
        double[] w = target.balancedWeights();
        double[][] p = balancedTree.scoreClasses(train);
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                sum += w[i] * p[i][k];
            }
            assertEquals(1.0 / 3, sum / p.length, 1e-12, "weighted mean probability of class " + k);
        }

        // Leaves of at least 5 rows, so they hold several classes and the weights move their shares.
        RandomForest.Options few = RandomForest.Options.defaults().withTrees(40).withMinLeaf(5);
        double[] plainForest = recallAndShare(new RandomForest(few).fit(train, target), test, truth, 2);
        double[] balancedForest = recallAndShare(new RandomForest(few).withBalancedClasses().fit(train, target), test,
                truth, 2);
        assertTrue(balancedForest[0] > plainForest[0] + 0.2,
                "forest recall of the rare class: " + plainForest[0] + " -> " + balancedForest[0]);
        assertTrue(balancedForest[1] > 2 * plainForest[1],
                "forest share of the rare class: " + plainForest[1] + " -> " + balancedForest[1]);
    }
}
