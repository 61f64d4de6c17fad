package dev.occam.core.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.learn.linear.LinearRegression;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.LinearScorer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PartialDependenceTest {

    @Test
    void of_linearModel_isTheLineThroughTheOtherFeaturesMeans() {
        // score = 1 + 2·x1 − x2 + 0.5·x3; means of x2 and x3 over the rows: 3 and 2.
        Frame data = Fixtures.frame(new double[] {0, 1, 2, 3}, new double[] {2, 4, 3, 3}, new double[] {1, 3, 2, 2});
        Model model = Model.of("linear", TargetInfo.regression("y"), new LinearScorer(data.schema(),
                LinearScorer.Link.IDENTITY, 1, new double[] {2, -1, 0.5}, new boolean[3], null));
        PartialDependence.Curve curve = PartialDependence.of(model, data, List.of("x1"), 20, 500, 1).get(0);
        assertArrayEquals(new double[] {0, 1, 2, 3}, curve.grid(), 0.0, "four distinct values: all of them");
        for (int g = 0; g < 4; g++) {
            // PD(v) = 1 + 2v − 3 + 0.5·2, by hand
            assertEquals(2 * curve.grid()[g] - 1, curve.meanScore()[g], 1e-12);
        }
        assertEquals(6.0, curve.range(), 1e-12);
    }

    @Test
    void of_fittedLinearRegression_slopeIsTheCoefficient() {
        Fixtures.Data d = Fixtures.regression(300, 2);
        Model model = LinearRegression.pipeline().fit(d.features(), d.target());
        LinearScorer scorer = (LinearScorer) model.scorer();
        double[] beta = scorer.coefficients();
        double rest = scorer.intercept() + beta[1] * mean(d.features(), "x2") + beta[2] * mean(d.features(), "x3");
        PartialDependence.Curve curve = PartialDependence.of(model, d.features(), List.of("x1"), 15, 500, 1).get(0);
        assertEquals(15, curve.grid().length);
        for (int g = 0; g < curve.grid().length; g++) {
            assertEquals(beta[0] * curve.grid()[g] + rest, curve.meanScore()[g], 1e-9);
        }
    }

    @Test
    void of_tree_isAStepFunction() {
        SplittableRandom r = new SplittableRandom(6);
        int n = 400;
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        double[] x3 = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = r.nextDouble(-1, 1);
            x2[i] = r.nextGaussian();
            x3[i] = r.nextGaussian();
            y[i] = x1[i] > 0 ? 5.0 : 1.0;
        }
        Frame data = Fixtures.frame(x1, x2, x3);
        Model tree = new DecisionTree().fit(data, new Target(TargetInfo.regression("y"), y));
        PartialDependence.Curve curve = PartialDependence.of(tree, data, List.of("x1"), 20, 500, 1).get(0);
        // One split, pure leaves: 1 left of the cut, 5 right of it.
        double[] grid = curve.grid();
        double[] pd = curve.meanScore();
        for (int g = 0; g < grid.length; g++) {
            if (grid[g] < -0.05) {
                assertEquals(1.0, pd[g], 1e-12, "at " + grid[g]);
            } else if (grid[g] > 0.05) {
                assertEquals(5.0, pd[g], 1e-12, "at " + grid[g]);
            }
        }
        assertEquals(2, Arrays.stream(pd).distinct().count(), Arrays.toString(pd));
        PartialDependence.Curve flat = PartialDependence.of(tree, data, List.of("x3"), 20, 500, 1).get(0);
        assertEquals(0.0, flat.range(), 0.0, "the tree never reads x3");
    }

    @Test
    void of_categorical_evaluatesEachLevel() {
        int[] codes = {0, 1, 2, 0, 1, 2};
        double[] x = {1, 2, 3, 4, 5, 6};
        Frame data = new Frame(List.of(new CategoricalColumn("c", List.of("a", "b", "z"), codes),
                new NumericColumn("x", x)));
        double[] y = {1, 5, 9, 1, 5, 9};
        Model model = LinearRegression.pipeline().fit(data, new Target(TargetInfo.regression("y"), y));
        PartialDependence.Curve curve = PartialDependence.of(model, data, List.of("c"), 20, 500, 1).get(0);
        assertTrue(curve.categorical());
        assertEquals(List.of("a", "b", "z"), curve.levels());
        assertEquals(0, curve.grid().length);
        // y = 1, 5, 9 by level exactly, and x adds nothing once the level is known.
        assertEquals(4.0, curve.meanScore()[1] - curve.meanScore()[0], 1e-9);
        assertEquals(8.0, curve.meanScore()[2] - curve.meanScore()[0], 1e-9);
    }

    @Test
    void numericGrid_manyValues_typeSevenQuantilesFrom5To95Percent() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i; // 100..1, unsorted on purpose
        }
        double[] grid = PartialDependence.numericGrid(values, 19);
        assertEquals(19, grid.length);
        // R: quantile(1:100, c(0.05, 0.5, 0.95)) = 5.95, 50.5, 95.05
        assertEquals(5.95, grid[0], 1e-12);
        assertEquals(50.5, grid[9], 1e-12);
        assertEquals(95.05, grid[18], 1e-12);
    }

    @Test
    void numericGrid_fewValuesAndMissing_distinctValuesOnly() {
        assertArrayEquals(new double[] {0, 1}, PartialDependence.numericGrid(new double[] {1, Double.NaN, 0, 1}, 20),
                0.0);
        assertEquals(0, PartialDependence.numericGrid(new double[] {Double.NaN}, 20).length);
    }

    @Test
    void sampleRows_sameSeed_sameDistinctRows() {
        int[] a = PartialDependence.sampleRows(1000, 500, 7);
        assertArrayEquals(a, PartialDependence.sampleRows(1000, 500, 7));
        assertEquals(500, Arrays.stream(a).distinct().count());
        Fixtures.Data d = Fixtures.regression(1200, 3);
        Model tree = new DecisionTree().fit(d.features(), d.target());
        List<PartialDependence.Curve> first = PartialDependence.of(tree, d.features(), List.of("x1", "x2"), 20, 500, 5);
        List<PartialDependence.Curve> second = PartialDependence.of(tree, d.features(), List.of("x1", "x2"), 20, 500, 5);
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(first.get(c).grid(), second.get(c).grid(), 0.0);
            assertArrayEquals(first.get(c).meanScore(), second.get(c).meanScore(), 0.0);
        }
        assertEquals(500, PartialDependence.of(tree, d.features(), List.of("x1"), 20, 500, 5).get(0).rows());
    }

    @Test
    void of_featureTheModelDoesNotRead_namesIt() {
        Fixtures.Data d = Fixtures.regression(30, 1);
        Model model = LinearRegression.pipeline().fit(d.features(), d.target());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PartialDependence.of(model, d.features(), List.of("x9"), 20, 500, 1));
        assertTrue(e.getMessage().contains("'x9'"), e.getMessage());
        IllegalArgumentException grid = assertThrows(IllegalArgumentException.class,
                () -> PartialDependence.of(model, d.features(), List.of("x1"), 1, 500, 1));
        assertTrue(grid.getMessage().contains(": 1"), grid.getMessage());
    }

    private static double mean(Frame frame, String column) {
        return Arrays.stream(((NumericColumn) frame.column(column)).values()).average().orElseThrow();
    }

    /** The grid from primitive arrays equals, bit for bit, the one a stream's sort and distinct() gave. */
    @Test
    void numericGrid_tiesZerosAndMissing_sameAsStreamDistinct() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(12);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(trial % 5 == 0 ? 30_000 : 200);
            int kind = random.nextInt(3);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(10) == 0 ? Double.NaN : kind == 0 ? random.nextGaussian()
                        : kind == 1 ? random.nextInt(25) - 12 : random.nextBoolean() ? 0.0 : -0.0;
            }
            double[] sorted = java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
            double[] distinct = java.util.Arrays.stream(sorted).distinct().toArray();
            double[] expected = distinct;
            if (distinct.length > 19) {
                expected = new double[19];
                for (int g = 0; g < 19; g++) {
                    expected[g] = PartialDependence.quantile(sorted, 0.05 + (0.95 - 0.05) * g / 18);
                }
                expected = java.util.Arrays.stream(expected).distinct().toArray();
            }
            double[] got = PartialDependence.numericGrid(values, 19);
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(got), "trial " + trial);
        }
    }
}
