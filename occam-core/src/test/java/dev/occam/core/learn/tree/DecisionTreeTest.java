package dev.occam.core.learn.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.TreeScorer;
import dev.occam.runtime.scorer.TreeScorer.Node;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecisionTreeTest {

    private static final TargetInfo CLASS = TargetInfo.classification("y", "yes", "no");
    private static final TargetInfo NUMBER = TargetInfo.regression("y");

    // ---- options and contract ----

    @Test
    void defaults_always_areRpartDefaults() {
        assertEquals(new DecisionTree.Options(30, 20, 7, 0.01, DecisionTree.ClassRisk.SQUARED_ERROR),
                DecisionTree.Options.defaults());
        assertEquals(DecisionTree.ClassRisk.MISCLASSIFIED, new DecisionTree.Options(30, 20, 7, 0.01).classRisk(),
                "rpart's four controls alone mean rpart's class tree");
        assertEquals(DecisionTree.Options.defaults(), new DecisionTree().options());
    }

    @Test
    void options_badValues_rejectedNamingOptionAndValue() {
        DecisionTree.Options d = DecisionTree.Options.defaults();
        assertEquals("minLeaf must be >= 1: 0",
                assertThrows(IllegalArgumentException.class, () -> d.withMinLeaf(0)).getMessage());
        assertEquals("minSplit must be >= 2: 1",
                assertThrows(IllegalArgumentException.class, () -> d.withMinSplit(1)).getMessage());
        assertEquals("maxDepth must be >= 1: 0",
                assertThrows(IllegalArgumentException.class, () -> d.withMaxDepth(0)).getMessage());
        assertEquals("complexity must be a finite number >= 0: -0.1",
                assertThrows(IllegalArgumentException.class, () -> d.withComplexity(-0.1)).getMessage());
        assertEquals("complexity must be a finite number >= 0: NaN",
                assertThrows(IllegalArgumentException.class, () -> d.withComplexity(Double.NaN)).getMessage());
    }

    @Test
    void learner_declared_familyRungAndCapabilities() {
        DecisionTree tree = new DecisionTree();
        assertEquals("tree", tree.family());
        assertEquals(3, tree.rung());
        assertEquals(EnumSet.of(Capability.CLASSIFICATION, Capability.REGRESSION, Capability.MULTICLASS,
                Capability.MISSING_VALUES, Capability.CATEGORICAL_INPUT, Capability.EXPLAINABLE,
                Capability.MONOTONE_CONSTRAINTS), tree.capabilities());
    }

    @Test
    void fit_rowCountMismatch_throwsWithBothCounts() {
        Frame f = new Frame(List.of(new NumericColumn("x", new double[3])));
        Target t = new Target(CLASS, new double[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DecisionTree().fit(f, t));
        assertEquals("features have 3 rows, the target has 2", e.getMessage());
    }

    @Test
    void fit_zeroRows_throws() {
        Frame f = new Frame(List.of(new NumericColumn("x", new double[0])));
        assertThrows(IllegalArgumentException.class, () -> new DecisionTree().fit(f, new Target(CLASS, new double[0])));
    }

    // ---- splits ----

    @Test
    void fit_regressionStepFunction_oneSplitAtMidpointWithStepMeans() {
        // x takes 0..4 and 6..10, so the threshold between 4 and 6 is their midpoint, 5.
        double[] x = new double[30];
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) {
            int v = i % 10;
            x[i] = v < 5 ? v : v + 1;
            y[i] = x[i] < 5 ? 1 : 3;
        }
        TreeScorer tree = fitTree(DecisionTree.Options.defaults(), frame(num("x", x)), new Target(NUMBER, y));
        List<Node> nodes = tree.nodes();
        assertEquals(3, nodes.size());
        Node root = nodes.get(0);
        assertEquals(0, root.feature());
        assertEquals(5.0, root.threshold());
        assertEquals(2.0, root.value(), 1e-12);
        assertEquals(1.0, nodes.get(root.left()).value(), 0.0);
        assertEquals(15, nodes.get(root.left()).count());
        assertEquals(3.0, nodes.get(root.right()).value(), 0.0);
        assertEquals(15, nodes.get(root.right()).count());
    }

    @Test
    void fit_categoricalLevelsWithAlikeShares_groupedInOneSplit() {
        // Levels a and c are mostly positive, b and d mostly negative: one split, {a, c} against {b, d}.
        List<String> levels = List.of("a", "b", "c", "d");
        double[] share = {0.8, 0.1, 0.9, 0.2};
        int perLevel = 50;
        int[] codes = new int[4 * perLevel];
        double[] y = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int level = i / perLevel;
            codes[i] = level;
            y[i] = (i % perLevel) < share[level] * perLevel ? 1 : 0;
        }
        TreeScorer tree = fitTree(DecisionTree.Options.defaults(),
                frame(new CategoricalColumn("g", levels, codes)), new Target(CLASS, y));
        assertEquals(2, tree.leafCount());
        Node root = tree.nodes().get(0);
        assertArrayEquals(new boolean[] {true, false, true, false}, root.leftLevels());
        assertTrue(Double.isNaN(root.threshold()));
        assertEquals(0.85, tree.nodes().get(root.left()).value(), 1e-12);
        assertEquals(0.15, tree.nodes().get(root.right()).value(), 1e-12);
    }

    @Test
    void fit_tiedFeatures_firstFeatureWins() {
        double[] x = new double[40];
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            x[i] = i;
            y[i] = i < 20 ? 1 : 0;
        }
        TreeScorer tree = fitTree(DecisionTree.Options.defaults(), frame(num("a", x), num("b", x.clone())),
                new Target(CLASS, y));
        assertEquals(0, tree.nodes().get(0).feature());
        assertEquals(19.5, tree.nodes().get(0).threshold());
    }

    // ---- missing values, useless columns ----

    @Test
    void fit_missingValues_goToLargerChildAndCountThere() {
        // 12 rows below 3 (positive), 28 at or above (negative), and 5 rows missing x.
        int n = 45;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < 40; i++) {
            x[i] = i < 12 ? i * 0.25 : 3 + i;
            y[i] = i < 12 ? 1 : 0;
        }
        for (int i = 40; i < n; i++) {
            x[i] = Double.NaN;
            y[i] = 1;
        }
        Model model = new DecisionTree().fit(frame(num("x", x)), new Target(CLASS, y));
        TreeScorer tree = (TreeScorer) model.scorer();
        Node root = tree.nodes().get(0);
        assertEquals(0, root.feature());
        assertFalse(root.missingLeft(), "the right child got more rows");
        assertEquals(12, tree.nodes().get(root.left()).count());
        assertEquals(28 + 5, tree.nodes().get(root.right()).count());
        assertEquals(5.0 / 33, tree.nodes().get(root.right()).value(), 1e-12);
        assertEquals(5.0 / 33, model.score(new double[] {Double.NaN}), 1e-12);
    }

    @Test
    void fit_categoricalMissingAndAbsentLevels_followLargerChild() {
        // Levels p (positive) and q, r (negative) are present; level s never occurs in training.
        List<String> levels = List.of("p", "q", "r", "s");
        int n = 60;
        int[] codes = new int[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            codes[i] = i < 15 ? 0 : i < 35 ? 1 : i < 55 ? 2 : CategoricalColumn.MISSING;
            y[i] = i < 15 ? 1 : 0;
        }
        Model model = new DecisionTree().fit(frame(new CategoricalColumn("g", levels, codes)), new Target(CLASS, y));
        TreeScorer tree = (TreeScorer) model.scorer();
        Node root = tree.nodes().get(0);
        assertArrayEquals(new boolean[] {true, false, false, false}, root.leftLevels());
        assertFalse(root.missingLeft());
        assertEquals(40 + 5, tree.nodes().get(root.right()).count());
        double rightScore = tree.nodes().get(root.right()).value();
        assertEquals(rightScore, model.score(new double[] {3}), 0.0); // level s, absent in training
        assertEquals(rightScore, model.score(new double[] {Double.NaN}), 0.0);
    }

    @Test
    void fit_allMissingAndConstantColumns_neverSplitOn() {
        int n = 60;
        double[] allMissing = new double[n];
        double[] constant = new double[n];
        int[] noCodes = new int[n];
        int[] oneLevel = new int[n];
        double[] informative = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            allMissing[i] = Double.NaN;
            constant[i] = 7;
            noCodes[i] = CategoricalColumn.MISSING;
            informative[i] = i;
            y[i] = i < 30 ? 1 : 0;
        }
        Column[] useless = {num("missing", allMissing), num("constant", constant),
            new CategoricalColumn("missingLevels", List.of("a", "b"), noCodes),
            new CategoricalColumn("oneLevel", List.of("a", "b"), oneLevel)};
        Target target = new Target(CLASS, y);

        TreeScorer alone = fitTree(DecisionTree.Options.defaults(), frame(useless), target);
        assertEquals(1, alone.nodes().size());
        assertEquals(0.5, alone.nodes().get(0).value(), 0.0);

        List<Column> withSignal = new ArrayList<>(List.of(useless));
        withSignal.add(num("x", informative));
        TreeScorer tree = fitTree(DecisionTree.Options.defaults(), new Frame(withSignal), target);
        for (Node node : tree.nodes()) {
            assertTrue(node.isLeaf() || node.feature() == 4, "split on feature " + node.feature());
        }
        assertEquals(2, tree.leafCount());
    }

    // ---- stopping and pruning ----

    @Test
    void fit_minLeaf_everyLeafHasAtLeastMinLeafRows() {
        Synthetic s = Synthetic.classification(2000, 6, 11);
        for (int minLeaf : new int[] {1, 5, 25}) {
            DecisionTree.Options o = new DecisionTree.Options(30, 2, minLeaf, 0.0);
            TreeScorer tree = fitTree(o, s.features, s.target);
            assertTrue(tree.leafCount() > 5, "tree grew");
            for (Node node : tree.nodes()) {
                assertTrue(!node.isLeaf() || node.count() >= minLeaf, "leaf of " + node.count() + " < " + minLeaf);
            }
        }
    }

    @Test
    void fit_minLeafLargerThanHalf_noSplit() {
        Synthetic s = Synthetic.classification(100, 3, 5);
        TreeScorer tree = fitTree(new DecisionTree.Options(30, 2, 51, 0.0), s.features, s.target);
        assertEquals(1, tree.nodes().size());
    }

    @Test
    void fit_minSplit_nodesBelowItStayLeaves() {
        Synthetic s = Synthetic.classification(2000, 6, 12);
        TreeScorer tree = fitTree(new DecisionTree.Options(30, 200, 1, 0.0), s.features, s.target);
        for (Node node : tree.nodes()) {
            assertTrue(node.isLeaf() || node.count() >= 200, "split a node of " + node.count());
        }
    }

    @Test
    void fit_maxDepth_depthNeverExceedsIt() {
        Synthetic s = Synthetic.regression(3000, 5, 13);
        for (int depth = 1; depth <= 4; depth++) {
            TreeScorer tree = fitTree(new DecisionTree.Options(depth, 2, 1, 0.0), s.features, s.target);
            assertEquals(depth, tree.depth(), "the data support a deeper tree");
        }
    }

    @Test
    void fit_largerComplexity_fewerOrEqualLeaves() {
        CreditData d = CreditData.load();
        double[] cps = {0.0, 0.001, 0.003, 0.005, 0.01, 0.02, 0.05, 0.1, 1.0};
        int previous = Integer.MAX_VALUE;
        for (double cp : cps) {
            int leaves = fitTree(DecisionTree.Options.defaults().withComplexity(cp), d.features, d.target).leafCount();
            assertTrue(leaves <= previous, "cp " + cp + ": " + leaves + " leaves, more than " + previous);
            previous = leaves;
        }
        assertEquals(1, previous);
    }

    @Test
    void fit_regressionComplexity_relativeToRootSumOfSquares() {
        // Two steps: 0 -> 10 explains most of the variance, 10 -> 11 under 1% of it.
        int n = 300;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i < 100 ? 0 : i < 200 ? 10 : 11;
        }
        Target target = new Target(NUMBER, y);
        Frame f = frame(num("x", x));
        // Root SS is 7400 around the mean 7; the second split lowers it by 200 * 0.5^2 = 50, a share of 0.0068.
        double mean = 7.0;
        double rootSs = 100 * 49 + 100 * 9 + 100 * 16;
        double secondShare = 50 / rootSs;
        assertEquals(3, fitTree(DecisionTree.Options.defaults().withComplexity(secondShare * 0.99), f, target)
                .leafCount());
        assertEquals(2, fitTree(DecisionTree.Options.defaults().withComplexity(secondShare * 1.01), f, target)
                .leafCount());
        assertEquals(mean, fitTree(DecisionTree.Options.defaults(), f, target).nodes().get(0).value(), 1e-12);
    }

    // ---- scoring and determinism ----

    @Test
    void score_everyTrainingRow_agreesWithNodePathAndLeafStatistics() {
        CreditData d = CreditData.load();
        Model model = new DecisionTree(DecisionTree.Options.defaults().withComplexity(0.001)).fit(d.features, d.target);
        TreeScorer tree = (TreeScorer) model.scorer();
        List<Node> nodes = tree.nodes();
        int[] rowsInLeaf = new int[nodes.size()];
        double[] positivesInLeaf = new double[nodes.size()];
        for (int r = 0; r < d.features.rows(); r++) {
            double[] x = d.features.row(r);
            int leaf = walk(nodes, x);
            assertEquals(nodes.get(leaf).value(), model.score(x), 0.0, "row " + r);
            rowsInLeaf[leaf]++;
            positivesInLeaf[leaf] += d.target.value(r);
        }
        // Missing values take the same direction in training and scoring, so each leaf's training rows
        // are exactly the rows that score into it.
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (node.isLeaf()) {
                assertEquals(node.count(), rowsInLeaf[i], "leaf " + i);
                assertEquals(node.value(), positivesInLeaf[i] / rowsInLeaf[i], 1e-12, "leaf " + i);
            } else {
                assertEquals(node.count(), nodes.get(node.left()).count() + nodes.get(node.right()).count());
            }
        }
    }

    @Test
    void fit_sameDataTwice_sameTree() {
        CreditData d = CreditData.load();
        DecisionTree learner = new DecisionTree(DecisionTree.Options.defaults().withComplexity(0.002));
        String first = learner.fit(d.features, d.target).scorer().toJson().toString();
        String second = learner.fit(d.features, d.target).scorer().toJson().toString();
        assertEquals(first, second);
    }

    /** The node path the runtime's rules describe, walked independently of {@link TreeScorer#leafOf}. */
    private static int walk(List<Node> nodes, double[] x) {
        int i = 0;
        while (!nodes.get(i).isLeaf()) {
            Node n = nodes.get(i);
            double v = x[n.feature()];
            boolean left;
            if (Double.isNaN(v)) {
                left = n.missingLeft();
            } else if (n.leftLevels() == null) {
                left = v < n.threshold();
            } else {
                left = n.leftLevels()[(int) v];
            }
            assertTrue(n.left() > i && n.right() > i);
            i = left ? n.left() : n.right();
        }
        assertNull(nodes.get(i).leftLevels());
        return i;
    }

    private static TreeScorer fitTree(DecisionTree.Options options, Frame features, Target target) {
        return (TreeScorer) new DecisionTree(options).fit(features, target).scorer();
    }

    private static NumericColumn num(String name, double[] values) {
        return new NumericColumn(name, values);
    }

    private static Frame frame(Column... columns) {
        return new Frame(List.of(columns));
    }

    /** Seeded synthetic data: numeric features with some missing values, and a categorical one. */
    private record Synthetic(Frame features, Target target) {

        static Synthetic classification(int n, int p, long seed) {
            return make(n, p, seed, true);
        }

        static Synthetic regression(int n, int p, long seed) {
            return make(n, p, seed, false);
        }

        private static Synthetic make(int n, int p, long seed, boolean classification) {
            Random random = new Random(seed);
            List<Column> columns = new ArrayList<>();
            double[][] x = new double[p][n];
            for (int j = 0; j < p; j++) {
                for (int i = 0; i < n; i++) {
                    // Rounded so that values repeat, as real columns do; 2% missing.
                    x[j][i] = random.nextDouble() < 0.02 ? Double.NaN : Math.round(random.nextGaussian() * 100) / 10.0;
                }
                columns.add(new NumericColumn("x" + j, x[j]));
            }
            int[] codes = new int[n];
            for (int i = 0; i < n; i++) {
                codes[i] = random.nextDouble() < 0.02 ? CategoricalColumn.MISSING : random.nextInt(6);
            }
            columns.add(new CategoricalColumn("g", List.of("a", "b", "c", "d", "e", "f"), codes));
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double signal = 0;
                for (int j = 0; j < Math.min(p, 5); j++) {
                    double v = Double.isNaN(x[j][i]) ? 0 : x[j][i];
                    signal += (j % 2 == 0 ? 1 : -1) * v * (j + 1) / 5.0;
                }
                signal += codes[i] == 1 || codes[i] == 4 ? 3 : 0;
                double noisy = signal + random.nextGaussian() * 3;
                y[i] = classification ? (noisy > 0 ? 1 : 0) : noisy;
            }
            return new Synthetic(new Frame(columns), new Target(classification ? CLASS : NUMBER, y));
        }
    }
}
