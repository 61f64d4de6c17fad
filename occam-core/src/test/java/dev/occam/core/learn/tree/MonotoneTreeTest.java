package dev.occam.core.learn.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.learn.forest.RandomForest;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Monotone directions in trees and forests, as a property: with every other feature held at the values of one of
 * many random rows, the score along a grid of the constrained feature never goes against the direction. The data
 * make the score rise, fall and rise again in x0 (a sine), so the unconstrained fits are not monotone and the
 * check can fail. Both directions, both growing paths (rows sorted by value, histograms over bins), two classes
 * and a number.
 */
class MonotoneTreeTest {

    private static final int ROWS = 1500;
    private static final DecisionTree.Options DEEP = new DecisionTree.Options(8, 10, 3, 0.001,
            DecisionTree.ClassRisk.SQUARED_ERROR);
    private static final int SORTED = Integer.MAX_VALUE;
    private static final int HISTOGRAMS = 0;

    /** x0 in [0, 1] with a few missing, x1 in [0, 1], a category; y up, down and up again in x0, up in x1. */
    private record Data(Frame x, Target classes, Target numbers) {
    }

    private static Data data(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x0 = new double[ROWS];
        double[] x1 = new double[ROWS];
        int[] c = new int[ROWS];
        double[] y = new double[ROWS];
        double[] z = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double v = r.nextDouble();
            x0[i] = r.nextInt(40) == 0 ? Double.NaN : v;
            x1[i] = r.nextDouble();
            c[i] = r.nextInt(3);
            double f = 2 * Math.sin(3 * Math.PI * v) + 2 * x1[i] + (c[i] == 2 ? 1 : 0);
            z[i] = f + 0.3 * r.nextGaussian();
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(f - 1))) ? 1 : 0;
        }
        Frame x = new Frame(List.of(new NumericColumn("x0", x0), new NumericColumn("x1", x1),
                new CategoricalColumn("c", List.of("a", "b", "c"), c)));
        return new Data(x, new Target(TargetInfo.classification("y", "1", "0"), y),
                new Target(TargetInfo.regression("z"), z));
    }

    /**
     * The largest step against {@code direction} along a grid of x0 (beyond both ends of the data), over 40 rows of
     * the data holding the other features; 0 when the model is monotone.
     */
    private static double worstViolation(Model model, Frame x, int direction) {
        SplittableRandom r = new SplittableRandom(99);
        int grid = 81;
        double worst = 0;
        for (int b = 0; b < 40; b++) {
            int base = r.nextInt(x.rows());
            List<Column> columns = new ArrayList<>();
            for (int j = 0; j < x.columnCount(); j++) {
                Column col = x.column(j);
                if (j == 0) {
                    double[] v = new double[grid];
                    for (int k = 0; k < grid; k++) {
                        v[k] = -0.1 + 1.2 * k / (grid - 1);
                    }
                    columns.add(new NumericColumn(col.name(), v));
                } else if (col instanceof NumericColumn n) {
                    double[] v = new double[grid];
                    java.util.Arrays.fill(v, n.values()[base]);
                    columns.add(new NumericColumn(col.name(), v));
                } else {
                    CategoricalColumn cc = (CategoricalColumn) col;
                    int[] codes = new int[grid];
                    java.util.Arrays.fill(codes, cc.codes()[base]);
                    columns.add(new CategoricalColumn(cc.name(), cc.levels(), codes));
                }
            }
            double[] s = model.score(new Frame(columns));
            for (int k = 1; k < grid; k++) {
                worst = Math.max(worst, -direction * (s[k] - s[k - 1]));
            }
        }
        return worst;
    }

    private static Model tree(Data d, Target target, int histogramMinRows, int direction) {
        DecisionTree tree = new DecisionTree(DEEP, histogramMinRows);
        return (direction == 0 ? tree : tree.withMonotone(Map.of("x0", direction))).fit(d.x(), target);
    }

    private static Model forest(Data d, Target target, int histogramMinRows, int direction) {
        ForestGrower grower = new ForestGrower(d.x(), target, 2, target.isClassification() ? 1 : 5, histogramMinRows,
                direction == 0 ? Map.of() : Map.of("x0", direction), false);
        SplittableRandom seed = new SplittableRandom(5);
        List<TreeEnsembleScorer.Tree> trees = new ArrayList<>();
        for (int t = 0; t < 25; t++) {
            SplittableRandom random = seed.split();
            int[] sample = new int[ROWS];
            for (int i = 0; i < ROWS; i++) {
                sample[i] = random.nextInt(ROWS);
            }
            java.util.Arrays.sort(sample);
            trees.add(TreeEnsembleScorer.Tree.of(grower.grow(sample, random)));
        }
        return Model.of("random-forest", target.info(), TreeEnsembleScorer.mean(d.x().schema(), trees));
    }

    @Test
    void tree_monotoneDirection_scoreMonotoneOverGrid_bothDirectionsPathsAndTasks() {
        Data d = data(1);
        for (Target target : List.of(d.classes(), d.numbers())) {
            for (int path : new int[] {SORTED, HISTOGRAMS}) {
                String what = target.info().name() + (path == SORTED ? " sorted" : " histograms");
                assertTrue(worstViolation(tree(d, target, path, 0), d.x(), 1) > 0.01, what + ": free tree falls");
                assertTrue(worstViolation(tree(d, target, path, 0), d.x(), -1) > 0.01, what + ": free tree rises");
                for (int direction : new int[] {1, -1}) {
                    Model m = tree(d, target, path, direction);
                    assertEquals(0.0, worstViolation(m, d.x(), direction), 1e-12, what + " direction " + direction);
                    assertTrue(((dev.occam.runtime.scorer.TreeScorer) m.scorer()).nodes().size() > 3,
                            what + ": the constrained tree still splits");
                }
            }
        }
    }

    @Test
    void forest_monotoneDirection_scoreMonotoneOverGrid_bothDirectionsPathsAndTasks() {
        Data d = data(2);
        for (Target target : List.of(d.classes(), d.numbers())) {
            for (int path : new int[] {SORTED, HISTOGRAMS}) {
                String what = target.info().name() + (path == SORTED ? " sorted" : " histograms");
                assertTrue(worstViolation(forest(d, target, path, 0), d.x(), 1) > 0.01, what + ": free forest falls");
                assertTrue(worstViolation(forest(d, target, path, 0), d.x(), -1) > 0.01, what + ": free forest rises");
                for (int direction : new int[] {1, -1}) {
                    assertEquals(0.0, worstViolation(forest(d, target, path, direction), d.x(), direction), 1e-12,
                            what + " direction " + direction);
                }
            }
        }
    }

    @Test
    void randomForest_withMonotone_monotoneAndStillRanks() {
        Data d = data(3);
        RandomForest.Options few = RandomForest.Options.defaults().withTrees(20);
        Model free = new RandomForest(few).fit(d.x(), d.classes());
        Model held = new RandomForest(few).withMonotone(Map.of("x0", 1)).fit(d.x(), d.classes());
        assertTrue(worstViolation(free, d.x(), 1) > 0.01);
        assertEquals(0.0, worstViolation(held, d.x(), 1), 1e-12);
        assertTrue(dev.occam.core.evaluate.Metric.AUC.compute(d.classes().values(), held.score(d.x()), 0.5) > 0.7);
    }

    @Test
    void tree_withMonotone_defaultsPrunedTreeMonotone() {
        Data d = data(4);
        Model m = new DecisionTree().withMonotone(Map.of("x0", -1)).fit(d.x(), d.classes());
        assertEquals(0.0, worstViolation(m, d.x(), -1), 1e-12);
        assertFalse(((dev.occam.runtime.scorer.TreeScorer) m.scorer()).nodes().size() == 1);
    }

    @Test
    void fit_directionOnCategoricalOrMissingColumnOrMulticlass_refusedNamingIt() {
        Data d = data(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DecisionTree().withMonotone(Map.of("c", 1)).fit(d.x(), d.classes()));
        assertEquals("tree cannot hold a monotone direction on 'c': it is not a numeric column of the data (a "
                + "categorical column has no order)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new RandomForest().withMonotone(Map.of("nope", 1)).fit(d.x(), d.classes()));
        Target three = new Target(TargetInfo.multiclass("k", List.of("p", "q", "r")),
                java.util.stream.IntStream.range(0, ROWS).mapToDouble(i -> i % 3).toArray());
        e = assertThrows(IllegalArgumentException.class,
                () -> new DecisionTree().withMonotone(Map.of("x0", 1)).fit(d.x(), three));
        assertTrue(e.getMessage().contains("two classes or a number"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DecisionTree().withMonotone(Map.of("x0", 2)));
    }
}
