package dev.occam.core.learn.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.runtime.Model;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.TreeEnsembleScorer.Tree;
import dev.occam.runtime.scorer.TreeScorer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Growing on histograms ({@link Bins}) against growing on rows sorted by value. Where every numeric feature has at
 * most 255 distinct values each value has its own bin, so the two must build the same trees node for node; where
 * features have more, the histogram tree may cut between bins only, and must predict about as well.
 */
class HistogramGrowerTest {

    /** credit_data without its three numeric columns of more than 255 distinct values (Income, Amount, Price). */
    private static LabelledData creditFewValues(String target, Task task, String positive) {
        return LabelledData.of(TestDatasets.load("credit_data.csv"), target, task, positive,
                task == Task.CLASSIFICATION ? List.of("Income", "Amount", "Price") : List.of("Status", "Income",
                        "Price"));
    }

    private static List<TreeScorer.Node> nodes(Model m) {
        return ((TreeScorer) m.scorer()).nodes();
    }

    @Test
    void bins_fewDistinctValues_oneBinPerValueMissingCoded255() {
        Frame x = new Frame(List.of(new NumericColumn("x", new double[] {3, 1, Double.NaN, 2, 1, 3})));
        Bins b = Bins.of(x);
        assertEquals(3, b.binCounts[0]);
        byte[] expected = {2, 0, (byte) 255, 1, 0, 2};
        assertTrue(Arrays.equals(expected, b.codes[0]), Arrays.toString(b.codes[0]));
        assertEquals(1.0, b.lower[0][0]);
        assertEquals(3.0, b.upper[0][2]);
    }

    @Test
    void bins_manyDistinctValues_atMost255BinsOfAboutEqualRows() {
        int n = 10_000;
        double[] v = new double[n];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        Bins b = Bins.of(new Frame(List.of(new NumericColumn("x", v))));
        assertEquals(255, b.binCounts[0]);
        int[] rows = new int[255];
        for (byte c : b.codes[0]) {
            rows[c & 0xFF]++;
        }
        for (int k = 0; k < 255; k++) {
            // n / 255 = 39.2 rows a bin; distinct values, so every bin holds 39 or 40 (the last takes the rest).
            assertTrue(rows[k] >= 39 && rows[k] <= 41, "bin " + k + " holds " + rows[k]);
            assertTrue(k == 0 || b.lower[0][k] > b.upper[0][k - 1], "bins ordered and disjoint at " + k);
        }
    }

    @Test
    void fit_classificationAtMost255Values_sameTreeAsSortedGrower_creditData() {
        LabelledData d = creditFewValues("Status", Task.CLASSIFICATION, "bad");
        DecisionTree.Options deep = DecisionTree.Options.defaults().withComplexity(0.001);
        Model sorted = new DecisionTree(deep, Integer.MAX_VALUE).fit(d.features(), d.target());
        Model binned = new DecisionTree(deep, 0).fit(d.features(), d.target());
        assertTrue(nodes(sorted).size() > 40, "a deep tree: " + nodes(sorted).size() + " nodes");
        assertEquals(Tree.of(nodes(sorted)), Tree.of(nodes(binned)));
    }

    @Test
    void fit_regressionAtMost255Values_sameTreeAsSortedGrower_creditData() {
        // Amount is a whole number, so every sum over rows is exact in either order and splits tie alike.
        LabelledData d = creditFewValues("Amount", Task.REGRESSION, null);
        DecisionTree.Options deep = DecisionTree.Options.defaults().withComplexity(0.001);
        Model sorted = new DecisionTree(deep, Integer.MAX_VALUE).fit(d.features(), d.target());
        Model binned = new DecisionTree(deep, 0).fit(d.features(), d.target());
        assertTrue(nodes(sorted).size() > 20, "a deep tree: " + nodes(sorted).size() + " nodes");
        assertEquals(Tree.of(nodes(sorted)), Tree.of(nodes(binned)));
    }

    @Test
    void grow_forestTreesAtMost255Values_sameTreesAsRankGrower_creditData() {
        LabelledData d = creditFewValues("Status", Task.CLASSIFICATION, "bad");
        Target y = d.target();
        ForestGrower byRank = new ForestGrower(d.features(), y, 3, 1, Integer.MAX_VALUE);
        ForestGrower byBins = new ForestGrower(d.features(), y, 3, 1, 0);
        SplittableRandom seed = new SplittableRandom(11);
        for (int t = 0; t < 5; t++) {
            SplittableRandom random = seed.split();
            int[] sample = new int[y.size()];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = random.nextInt(y.size());
            }
            Arrays.sort(sample);
            long state = random.nextLong();
            assertEquals(Tree.of(byRank.grow(sample, new SplittableRandom(state))),
                    Tree.of(byBins.grow(sample, new SplittableRandom(state))), "tree " + t);
        }
    }

    @Test
    void fit_diamondsManyValues_heldOutRmseWithinOnePercentOfSortedTree() {
        // diamonds (ggplot2 3.4.1, 53,940 rows): carat, depth, table, x, y, z have hundreds of distinct values.
        LabelledData d = LabelledData.of(TestDatasets.load("diamonds.csv"), "price", Task.REGRESSION, null,
                List.of());
        int n = d.target().size();
        int[] train = java.util.stream.IntStream.range(0, n).filter(i -> i % 5 != 0).toArray();
        int[] test = java.util.stream.IntStream.range(0, n).filter(i -> i % 5 == 0).toArray();
        Frame x = d.features().select(train);
        Target y = d.target().select(train);
        double sorted = rmse(new DecisionTree(DecisionTree.Options.defaults(), Integer.MAX_VALUE).fit(x, y), d, test);
        double binned = rmse(new DecisionTree(DecisionTree.Options.defaults(), 0).fit(x, y), d, test);
        assertEquals(sorted, binned, 0.01 * sorted, "sorted " + sorted + ", binned " + binned);
    }

    private static double rmse(Model m, LabelledData d, int[] rows) {
        double ss = 0;
        for (int i : rows) {
            double e = m.score(d.features().row(i)) - d.target().value(i);
            ss += e * e;
        }
        return Math.sqrt(ss / rows.length);
    }
}
