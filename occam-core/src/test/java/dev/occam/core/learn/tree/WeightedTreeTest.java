package dev.occam.core.learn.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.forest.RandomForest;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.TreeScorer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Row weights in the tree's grower. The checkable identity: a tree grown with whole-number weights is the tree grown
 * on the data with each row repeated its weight's number of times (same splits, thresholds and leaf values; only the
 * node row counts differ), when the size rules cannot tell the two apart ({@code minSplit} 2, {@code minLeaf} 1: a
 * repeated row has one value, so it never splits either way). Balanced class weights are then the repeats that
 * equalise the classes, scaled (a split's gain and a leaf's share do not change when every weight is scaled).
 */
class WeightedTreeTest {

    private static final DecisionTree.Options SMALL_LEAVES = new DecisionTree.Options(6, 2, 1, 0.005,
            DecisionTree.ClassRisk.SQUARED_ERROR);

    /** 300 rows: x0 on a 0.01 grid (at most 101 values, so bins hold one value each), x1 with gaps, a category. */
    static Frame features(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x0 = new double[n];
        double[] x1 = new double[n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            x0[i] = Math.round(r.nextDouble() * 100) / 100.0;
            x1[i] = r.nextInt(10) == 0 ? Double.NaN : Math.round(r.nextGaussian() * 20) / 10.0;
            c[i] = r.nextInt(12) == 0 ? CategoricalColumn.MISSING : r.nextInt(4);
        }
        return new Frame(List.of(new NumericColumn("x0", x0), new NumericColumn("x1", x1),
                new CategoricalColumn("c", List.of("a", "b", "c", "d"), c)));
    }

    /** A 0/1 target leaning on x0, x1 and the category, with noise. */
    private static double[] classes(Frame x, double rate, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x0 = ((NumericColumn) x.column(0)).values();
        double[] x1 = ((NumericColumn) x.column(1)).values();
        int[] c = ((CategoricalColumn) x.column(2)).codes();
        double[] y = new double[x.rows()];
        for (int i = 0; i < y.length; i++) {
            double eta = Math.log(rate / (1 - rate)) + 2.5 * (x0[i] - 0.5) + (Double.isNaN(x1[i]) ? 0.5 : 0.6 * x1[i])
                    + (c[i] == 1 ? 1.0 : c[i] == 3 ? -0.8 : 0.0);
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        return y;
    }

    private static List<TreeScorer.Node> grow(Frame x, double[] y, boolean classification, double[] weights,
            boolean histograms) {
        Grower g = new Grower(x, y, classification, SMALL_LEAVES, null, null, histograms ? Bins.of(x) : null,
                x.columnCount(), null, true, weights, null);
        return DecisionTree.flatten(g.grow());
    }

    private static void assertSameTree(List<TreeScorer.Node> expected, List<TreeScorer.Node> actual) {
        for (int k = 0; k < expected.size(); k++) {
            TreeScorer.Node e = expected.get(k);
            TreeScorer.Node a = actual.get(k);
            assertEquals(e.feature(), a.feature(), "feature of node " + k);
            assertEquals(e.threshold(), a.threshold(), "threshold of node " + k);
            assertArrayEquals(e.leftLevels(), a.leftLevels(), "levels of node " + k);
            assertEquals(e.missingLeft(), a.missingLeft(), "missing direction of node " + k);
            assertEquals(e.left(), a.left(), "left child of node " + k);
            assertEquals(e.value(), a.value(), 1e-12, "value of node " + k);
        }
    }

    @Test
    void grow_wholeNumberWeights_sameTreeAsRowsRepeated_sortedAndHistograms() {
        Frame x = features(300, 7);
        double[] y = classes(x, 0.3, 8);
        SplittableRandom r = new SplittableRandom(9);
        int[] times = new int[y.length];
        double[] weights = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            times[i] = 1 + r.nextInt(3);
            weights[i] = times[i];
        }
        int[] repeated = dev.occam.core.data.TestDatasets.repeated(times);
        Frame xr = x.select(repeated);
        double[] yr = new Target(TargetInfo.classification("y", "1", "0"), y).select(repeated).values();
        for (boolean histograms : new boolean[] {false, true}) {
            List<TreeScorer.Node> weighted = grow(x, y, true, weights, histograms);
            assertTrue(weighted.size() >= 9, "a tree with some depth: " + weighted.size() + " nodes");
            assertSameTree(grow(xr, yr, true, null, histograms), weighted);
        }
        // Regression: the weighted mean and the weighted sum of squares. Sums of non-integers round differently when
        // a row is added once with weight 3 or three times, so where two features cut a node's rows alike (an exact
        // tie) either may win: the two trees then differ in name but not in what they score on these rows.
        double[] z = new double[y.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = 3 * y[i] + ((NumericColumn) x.column(0)).values()[i];
        }
        double[] zr = new Target(TargetInfo.regression("z"), z).select(repeated).values();
        double[] onRepeats = score(grow(xr, zr, false, null, false), x);
        double[] weighted = score(grow(x, z, false, weights, false), x);
        assertArrayEquals(onRepeats, weighted, 1e-12);
    }

    private static double[] score(List<TreeScorer.Node> nodes, Frame x) {
        return Model.of("tree", TargetInfo.regression("z"), new TreeScorer(x.schema(), nodes)).score(x);
    }

    @Test
    void grow_unitWeights_sameTreeAsUnweighted() {
        Frame x = features(300, 11);
        double[] y = classes(x, 0.3, 12);
        double[] ones = new double[y.length];
        java.util.Arrays.fill(ones, 1.0);
        assertSameTree(grow(x, y, true, null, false), grow(x, y, true, ones, false));
    }

    @Test
    void fit_balancedClasses_sameTreeAsRareClassRepeated() {
        // 20 positives among 400 rows: balanced weights are 10 and 400/760, in the ratio 19 : 1.
        Frame x = features(400, 21);
        double[] y = new double[400];
        for (int i = 0; i < 20; i++) {
            y[i * 20 + 3] = 1;
        }
        Target target = new Target(TargetInfo.classification("y", "1", "0"), y);
        int[] times = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            times[i] = y[i] == 1 ? 19 : 1;
        }
        int[] repeated = dev.occam.core.data.TestDatasets.repeated(times);
        TreeScorer balanced = (TreeScorer) new DecisionTree(SMALL_LEAVES).withBalancedClasses().fit(x, target)
                .scorer();
        TreeScorer onRepeats = (TreeScorer) new DecisionTree(SMALL_LEAVES).fit(x.select(repeated),
                target.select(repeated)).scorer();
        assertSameTree(onRepeats.nodes(), balanced.nodes());
    }

    @Test
    void fit_balancedOnRareClass_weightedMeanScoreOneHalfAndTheClassTreeSplits() {
        // wa_churn with 4.9% churners, where rpart's class tree (misclassification risk) calls the majority class
        // everywhere and is pruned to its root (DecisionTreeRareEventTest).
        DecisionTreeRareEventTest.Rare rare = new DecisionTreeRareEventTest.Rare();
        Frame x = rare.features;
        Target target = rare.target;
        double[] w = target.balancedWeights();
        DecisionTree.Options rpartClass = DecisionTree.Options.defaults()
                .withClassRisk(DecisionTree.ClassRisk.MISCLASSIFIED);
        Model plain = new DecisionTree(rpartClass).fit(x, target);
        assertEquals(1, ((TreeScorer) plain.scorer()).nodes().size(), "unweighted class tree: a single leaf");
        // Weighted, a misclassified churner costs what 19 misclassified stayers cost: the class tree splits.
        Model balanced = new DecisionTree(rpartClass).withBalancedClasses().fit(x, target);
        assertTrue(((TreeScorer) balanced.scorer()).nodes().size() > 1, "balanced class tree splits");
        assertTrue(Metric.AUC.compute(target.values(), balanced.score(x), 0.5) > 0.7);
        // Each leaf scores its weighted share, so the weighted mean of the training scores is the classes' weighted
        // share: one half (the unweighted tree's mean score is the churners' share, 0.049).
        for (Model m : List.of(balanced, new DecisionTree().withBalancedClasses().fit(x, target))) {
            double[] s = m.score(x);
            double sum = 0;
            for (int i = 0; i < s.length; i++) {
                sum += w[i] * s[i];
            }
            assertEquals(0.5, sum / s.length, 1e-12);
        }
        // The forest: scores shift from the 5% share towards the middle, and the churners still rank higher. Leaves
        // of at least 5 rows, so they hold both classes: grown to pure leaves (the default for two classes), the
        // weights change only which splits are taken, not what a leaf scores.
        RandomForest.Options few = RandomForest.Options.defaults().withTrees(30).withMinLeaf(5);
        double plainMean = mean(new RandomForest(few).fit(x, target).score(x));
        double[] forest = new RandomForest(few).withBalancedClasses().fit(x, target).score(x);
        assertTrue(plainMean < 0.08, "unweighted forest near the share: " + plainMean);
        assertTrue(mean(forest) > 2 * plainMean, "balanced forest shifted up: " + mean(forest));
        assertTrue(Metric.AUC.compute(target.values(), forest, 0.5) > 0.9);
    }

    @Test
    void fit_balancedRegression_unweighted() {
        Frame x = features(200, 41);
        double[] z = ((NumericColumn) x.column(0)).values().clone();
        Target target = new Target(TargetInfo.regression("z"), z);
        assertSameTree(((TreeScorer) new DecisionTree().fit(x, target).scorer()).nodes(),
                ((TreeScorer) new DecisionTree().withBalancedClasses().fit(x, target).scorer()).nodes());
    }

    @Test
    void grower_badWeight_refusedNamingTheRow() {
        Frame x = features(10, 1);
        double[] y = new double[10];
        double[] w = new double[10];
        java.util.Arrays.fill(w, 1);
        w[4] = 0;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Grower(x, y, true,
                SMALL_LEAVES, null, null, null, 3, null, true, w, null));
        assertEquals("weight of row 4 must be positive and finite: 0.0", e.getMessage());
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }
}
