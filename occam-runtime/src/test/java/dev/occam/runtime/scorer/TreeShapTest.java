package dev.occam.runtime.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.scorer.TreeEnsembleScorer.Precision;
import dev.occam.runtime.scorer.TreeEnsembleScorer.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The linear-time TreeSHAP against the path algorithm it replaced ({@link ReferenceTreeShap}, Lundberg et al.'s
 * Algorithm 2), on random trees with what makes the walk hard: a feature split on again and again along a path,
 * children without cover, categorical splits, missing values, deep trees and few features.
 */
class TreeShapTest {

    /** A random tree, nodes in preorder, built from one seed. */
    private static final class RandomTree {
        final List<Integer> feature = new ArrayList<>();
        final List<Double> threshold = new ArrayList<>();
        final List<boolean[]> levels = new ArrayList<>();
        final List<Boolean> missingLeft = new ArrayList<>();
        final List<Integer> left = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        final List<Double> value = new ArrayList<>();
        final List<Double> cover = new ArrayList<>();
        final SplittableRandom random;
        final int features;
        final int maxDepth;
        final boolean zeroCovers;

        RandomTree(long seed, int features, int maxDepth, boolean zeroCovers) {
            this.random = new SplittableRandom(seed);
            this.features = features;
            this.maxDepth = maxDepth;
            this.zeroCovers = zeroCovers;
            grow(0, 1000.0 * (1 + random.nextInt(50)));
        }

        private int grow(int depth, double nodeCover) {
            int id = feature.size();
            feature.add(-1);
            threshold.add(Double.NaN);
            levels.add(null);
            missingLeft.add(false);
            left.add(-1);
            right.add(-1);
            value.add(random.nextDouble(-5, 5));
            cover.add(nodeCover);
            boolean split = depth < maxDepth && (depth < 2 || random.nextDouble() < 0.8);
            if (!split) {
                return id;
            }
            // Few features: the same feature comes back along most paths.
            int f = random.nextInt(features);
            feature.set(id, f);
            if (f % 3 == 2) {
                boolean[] goesLeft = new boolean[4];
                for (int l = 0; l < goesLeft.length; l++) {
                    goesLeft[l] = random.nextBoolean();
                }
                levels.set(id, goesLeft);
            } else {
                threshold.set(id, random.nextDouble(-1, 1));
            }
            missingLeft.set(id, random.nextBoolean());
            double share = zeroCovers && random.nextDouble() < 0.1 ? (random.nextBoolean() ? 0.0 : 1.0)
                    : random.nextDouble(0.05, 0.95);
            int l = grow(depth + 1, nodeCover * share);
            int r = grow(depth + 1, nodeCover * (1 - share));
            left.set(id, l);
            right.set(id, r);
            return id;
        }

        Tree tree() {
            int n = feature.size();
            int[] f = new int[n];
            double[] t = new double[n];
            boolean[][] lv = new boolean[n][];
            boolean[] ml = new boolean[n];
            int[] l = new int[n];
            int[] r = new int[n];
            double[] v = new double[n];
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                f[i] = feature.get(i);
                t[i] = threshold.get(i);
                lv[i] = levels.get(i);
                ml[i] = missingLeft.get(i);
                l[i] = left.get(i);
                r[i] = right.get(i);
                v[i] = value.get(i);
                c[i] = cover.get(i);
            }
            return new Tree(f, t, lv, ml, l, r, v, c);
        }

        double[] row() {
            double[] x = new double[features];
            for (int j = 0; j < features; j++) {
                double u = random.nextDouble();
                x[j] = u < 0.1 ? Double.NaN : j % 3 == 2 ? random.nextInt(5) : random.nextDouble(-1.2, 1.2);
            }
            return x;
        }
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The values, divided by their weight, add up to the row's leaf minus the cover-weighted mean of the leaves. */
    private static void assertAddsUp(Tree tree, double[] x, Precision precision, double weight, double[] phi,
            String what) {
        assertTrue(allFinite(phi), what);
        double total = 0;
        for (double p : phi) {
            total += p;
        }
        double leaf = tree.value(tree.leafOf(x, precision));
        assertEquals(leaf - TreeShap.expectedValue(tree), total / weight, 1e-9 * Math.max(1, Math.abs(leaf)), what);
    }

    private static void assertSameValues(double[] expected, double[] actual, String what) {
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual[j], 1e-11 * scale, what + ", feature " + j);
        }
    }

    @Test
    void randomTrees_sameValuesAsThePathAlgorithm() {
        int compared = 0;
        int undefined = 0;
        for (long seed = 1; seed <= 300; seed++) {
            int features = 1 + (int) (seed % 9);
            int depth = 1 + (int) (seed % 14);
            RandomTree random = new RandomTree(seed, features, depth, seed % 2 == 0);
            Tree tree = random.tree();
            for (int r = 0; r < 5; r++) {
                double[] x = random.row();
                for (Precision precision : Precision.values()) {
                    double[] expected = new double[features];
                    double[] actual = new double[features];
                    ReferenceTreeShap.accumulate(tree, x, precision, 0.5, expected);
                    TreeShap.accumulate(tree, x, precision, 0.5, actual);
                    String what = "seed " + seed + ", row " + r + ", " + precision;
                    if (allFinite(expected)) {
                        assertSameValues(expected, actual, what);
                        compared++;
                    } else {
                        // The path algorithm divides by a zero fraction when a row that left a feature's branch
                        // meets a child without cover on the same feature (covers of 0 come only from a model
                        // file, never from a fit): the walk skips that weightless subtree, so its values stay
                        // finite and still add up.
                        assertAddsUp(tree, x, precision, 0.5, actual, what);
                        undefined++;
                    }
                }
            }
        }
        assertEquals(3000, compared + undefined);
        assertTrue(compared > 2000 && undefined > 0, compared + " compared, " + undefined + " NaN in the reference");
    }

    @Test
    void deepTreesOnManyFeatures_sameValuesWhereDefinedAndAddUpToTheLeafMinusTheMean() {
        for (long seed = 1; seed <= 20; seed++) {
            RandomTree random = new RandomTree(1000 + seed, 40, 18, true);
            Tree tree = random.tree();
            double[] x = random.row();
            double[] expected = new double[40];
            double[] actual = new double[40];
            ReferenceTreeShap.accumulate(tree, x, Precision.FLOAT64, 1.0, expected);
            TreeShap.accumulate(tree, x, Precision.FLOAT64, 1.0, actual);
            if (allFinite(expected)) {
                assertSameValues(expected, actual, "seed " + seed);
            }
            assertAddsUp(tree, x, Precision.FLOAT64, 1.0, actual, "seed " + seed);
        }
    }

    @Test
    void anEnsemblesWorkspace_reusedAcrossTreesOfDifferentDepths_changesNothing() {
        double[] shared = new double[6];
        double[] separate = new double[6];
        TreeShap.Workspace workspace = new TreeShap.Workspace(12);
        for (long seed = 1; seed <= 30; seed++) {
            RandomTree random = new RandomTree(seed * 7, 6, 1 + (int) (seed % 12), false);
            Tree tree = random.tree();
            double[] x = random.row();
            TreeShap.accumulate(tree, x, Precision.FLOAT64, 1.0, shared, workspace);
            TreeShap.accumulate(tree, x, Precision.FLOAT64, 1.0, separate);
        }
        assertSameValues(separate, shared, "shared workspace");
    }

    @Test
    void gaussLegendre_integratesEveryPolynomialUpToDegreeTwoNMinusOneExactly() {
        for (int n = 1; n <= 60; n++) {
            double[][] rule = TreeShap.legendre(n);
            double weights = 0;
            for (int k = 0; k < n; k++) {
                assertTrue(rule[0][k] > 0 && rule[0][k] < 1, "node inside (0, 1)");
                weights += rule[1][k];
            }
            assertEquals(1.0, weights, 1e-13, n + " points");
            for (int degree = 0; degree <= 2 * n - 1; degree++) {
                double integral = 0;
                for (int k = 0; k < n; k++) {
                    integral += rule[1][k] * Math.pow(rule[0][k], degree);
                }
                assertEquals(1.0 / (degree + 1), integral, 1e-13, n + " points, t^" + degree);
            }
        }
    }
}
