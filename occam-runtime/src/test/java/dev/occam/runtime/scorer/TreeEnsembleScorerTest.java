package dev.occam.runtime.scorer;

import dev.occam.runtime.Decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.scorer.LinearScorer.Link;
import dev.occam.runtime.scorer.TreeEnsembleScorer.Precision;
import dev.occam.runtime.scorer.TreeEnsembleScorer.Tree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeEnsembleScorerTest {

    @TempDir
    Path dir;

    private static final Schema SCHEMA = new Schema(List.of(Feature.numeric("income"),
            Feature.categorical("home", List.of("own", "rent", "other")), Feature.numeric("age")));

    /** home in {own} ? leaf : (income < t ? leaf : leaf), with awkward doubles so a lossy format would show. */
    private static Tree categoricalTree(double shift) {
        return new Tree(new int[] {1, -1, 0, -1, -1}, new double[] {Double.NaN, 0, 2500.5 + shift, 0, 0},
                new boolean[][] {{true, false, false}, null, null, null, null},
                new boolean[] {false, false, true, false, false}, new int[] {1, -1, 3, -1, -1},
                new int[] {2, -1, 4, -1, -1}, new double[] {0.3, 0.1 + shift / 1e4, 0.4333333333333333, 0.7, 1.0 / 6},
                new double[] {100, 40, 60, 30, 30});
    }

    /** age < t ? leaf : leaf, numeric only (so its JSON has no levels_left). */
    private static Tree numericTree(double t, double a, double b) {
        return new Tree(new int[] {2, -1, -1}, new double[] {t, Double.NaN, Double.NaN}, new boolean[3][],
                new boolean[] {true, false, false}, new int[] {1, -1, -1}, new int[] {2, -1, -1},
                new double[] {Double.NaN, a, b}, new double[] {12.5, 7.25, 5.25});
    }

    private static double[] randomRow(SplittableRandom r) {
        return new double[] {r.nextInt(10) == 0 ? Double.NaN : r.nextDouble() * 5000,
            r.nextInt(5) == 0 ? Double.NaN : r.nextInt(3), r.nextInt(10) == 0 ? Double.NaN : 18 + r.nextDouble() * 60};
    }

    private static List<TreeEnsembleScorer> examples() {
        List<Tree> forest = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            forest.add(k % 2 == 0 ? categoricalTree(k / 3.0) : numericTree(40 + k / 7.0, k / 11.0, 1 - k / 13.0));
        }
        List<Tree> boosted = List.of(numericTree(33.3f, -0.172136322f, 0.13871792f),
                numericTree(41.7f, 0.0303826481f, -0.0566370152f), categoricalTree(0.1));
        return List.of(TreeEnsembleScorer.mean(SCHEMA, forest),
                TreeEnsembleScorer.sum(SCHEMA, boosted, -0.1 / 3, Link.LOGIT, Precision.FLOAT32),
                TreeEnsembleScorer.sum(SCHEMA, boosted, 1234.567890123, Link.IDENTITY, Precision.FLOAT64));
    }

    /** A full random tree of this depth over the numeric columns 0 and 2, thresholds and leaves awkward doubles. */
    private static Tree randomNumericTree(SplittableRandom r, int depth) {
        int n = (1 << (depth + 1)) - 1;
        int[] feature = new int[n];
        double[] threshold = new double[n];
        boolean[] missingLeft = new boolean[n];
        int[] left = new int[n];
        int[] right = new int[n];
        double[] value = new double[n];
        double[] cover = new double[n];
        for (int i = 0; i < n; i++) {
            cover[i] = 1;
            if (2 * i + 1 < n) {
                feature[i] = r.nextBoolean() ? 0 : 2;
                threshold[i] = feature[i] == 0 ? r.nextDouble() * 5000 : 18 + r.nextDouble() * 60;
                missingLeft[i] = r.nextBoolean();
                left[i] = 2 * i + 1;
                right[i] = 2 * i + 2;
                value[i] = Double.NaN;
            } else {
                feature[i] = -1;
                threshold[i] = Double.NaN;
                value[i] = r.nextGaussian() / 3;
            }
        }
        return new Tree(feature, threshold, new boolean[n][], missingLeft, left, right, value, cover);
    }

    @Test
    void margin_packedNodesOfAFloatEnsemble_bitIdenticalToTheTreeWalk() {
        SplittableRandom r = new SplittableRandom(7);
        List<Tree> trees = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            trees.add(randomNumericTree(r, 6));
        }
        for (Link link : new Link[] {Link.LOGIT, Link.IDENTITY}) {
            TreeEnsembleScorer scorer = TreeEnsembleScorer.sum(SCHEMA, trees, -0.1 / 3, link, Precision.FLOAT32);
            for (int i = 0; i < 5_000; i++) {
                double[] x = randomRow(r);
                if (i % 97 == 0) {
                    // Values a float threshold cannot tell apart from its double.
                    x[0] = (float) scorer.trees().get(0).threshold(0);
                }
                assertEquals(Double.doubleToRawLongBits(scorer.treeMargin(x)), Double.doubleToRawLongBits(scorer.margin(x)),
                        "row " + i);
            }
        }
    }

    /**
     * Block scoring walks tree by tree over the rows, row scoring row by row through the trees: the same sums in the
     * same order, so the same bits, for a forest, float and double boosting with a categorical split (tree walk) and a
     * packed float ensemble; blocks of odd sizes, rows with missing values.
     */
    @Test
    void scoreBlock_everyEnsemble_bitIdenticalToScore() {
        SplittableRandom r = new SplittableRandom(13);
        List<TreeEnsembleScorer> scorers = new ArrayList<>(examples());
        List<Tree> numeric = new ArrayList<>();
        for (int t = 0; t < 30; t++) {
            numeric.add(randomNumericTree(r, 5));
        }
        scorers.add(TreeEnsembleScorer.sum(SCHEMA, numeric, 0.25, Link.LOGIT, Precision.FLOAT32));
        scorers.add(TreeEnsembleScorer.mean(SCHEMA, numeric));
        for (TreeEnsembleScorer scorer : scorers) {
            for (int count : new int[] {1, 37, 256}) {
                double[][] rows = new double[count][];
                for (int i = 0; i < count; i++) {
                    rows[i] = randomRow(r);
                }
                double[] out = new double[count + 1];
                out[count] = -7;
                scorer.scoreBlock(rows, count, out);
                for (int i = 0; i < count; i++) {
                    assertEquals(Double.doubleToRawLongBits(scorer.score(rows[i])), Double.doubleToRawLongBits(out[i]),
                            scorer.combination() + " " + scorer.precision() + ", row " + i + " of " + count);
                }
                assertEquals(-7, out[count], "nothing written past the block");
            }
        }
    }

    @Test
    void fromJson_toJson_bitIdenticalScoresAndSameJson() {
        for (TreeEnsembleScorer scorer : examples()) {
            JsonNode json = scorer.toJson();
            Scorer loaded = Scorers.fromJson(json);
            assertEquals(json, loaded.toJson());
            assertEquals(scorer.describe(), loaded.describe());
            assertEquals(scorer.parameterCount(), loaded.parameterCount());
            SplittableRandom r = new SplittableRandom(11);
            for (int i = 0; i < 2000; i++) {
                double[] x = randomRow(r);
                assertEquals(Double.doubleToRawLongBits(scorer.score(x)), Double.doubleToRawLongBits(loaded.score(x)));
            }
        }
    }

    @Test
    void saveAndLoad_modelFile_bitIdenticalScores() throws Exception {
        TreeEnsembleScorer scorer = examples().get(1);
        Model model = new Model("boosting", TargetInfo.classification("default", "yes", "no"), List.of(), scorer, new Decision.AtThreshold(0.3), null);
        Path file = dir.resolve("boosting.json");
        ModelFile.save(model, file);
        Model loaded = ModelFile.load(file);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            double[] x = randomRow(r);
            assertEquals(Double.doubleToRawLongBits(model.score(x)), Double.doubleToRawLongBits(loaded.score(x)));
        }
    }

    @Test
    void score_meanOfOneTree_equalsTreeScorer() {
        List<TreeScorer.Node> nodes = List.of(
                new TreeScorer.Node(1, Double.NaN, new boolean[] {true, false, false}, false, 1, 2, 0.3, 100),
                TreeScorer.Node.leaf(0.1, 40),
                new TreeScorer.Node(0, 2500.5, null, true, 3, 4, 0.4333333333333333, 60),
                TreeScorer.Node.leaf(0.7, 30),
                TreeScorer.Node.leaf(1.0 / 6, 30));
        TreeScorer tree = new TreeScorer(SCHEMA, nodes);
        TreeEnsembleScorer ensemble = TreeEnsembleScorer.mean(SCHEMA, List.of(Tree.of(nodes)));
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) {
            double[] x = randomRow(r);
            assertEquals(tree.score(x), ensemble.score(x));
        }
        assertEquals(5, ensemble.parameterCount());
    }

    @Test
    void score_meanAndSum_combineLeafValues() {
        Tree a = numericTree(40, 0.2, 0.6);
        Tree b = numericTree(50, 0.4, 1.0);
        double[] young = {0, 0, 30};
        double[] middle = {0, 0, 45};
        double[] missing = {0, 0, Double.NaN};
        TreeEnsembleScorer mean = TreeEnsembleScorer.mean(SCHEMA, List.of(a, b));
        assertEquals((0.2 + 0.4) / 2, mean.score(young));
        assertEquals((0.6 + 0.4) / 2, mean.score(middle));
        assertEquals((0.2 + 0.4) / 2, mean.score(missing), "missing goes left in both trees");
        TreeEnsembleScorer logit = TreeEnsembleScorer.sum(SCHEMA, List.of(a, b), -0.5, Link.LOGIT, Precision.FLOAT64);
        assertEquals(1 / (1 + Math.exp(-(-0.5 + 0.6 + 0.4))), logit.score(middle), 1e-15);
        assertEquals(6, logit.parameterCount());
    }

    @Test
    void score_float32_comparesAsXgboostDoes() {
        // 0.1f is 0.100000001490116...: the double 0.1 lies below it, but as a float it equals it.
        Tree t = numericTree(0.1f, -1.0, 1.0);
        double[] x = {0, 0, 0.1};
        assertEquals(-1.0, TreeEnsembleScorer.sum(SCHEMA, List.of(t), 0, Link.IDENTITY, Precision.FLOAT64).score(x));
        assertEquals(1.0, TreeEnsembleScorer.sum(SCHEMA, List.of(t), 0, Link.IDENTITY, Precision.FLOAT32).score(x));
    }

    @Test
    void score_float32_sumsInFloat() {
        List<Tree> trees = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            trees.add(numericTree(40, 0.1, 0.1));
        }
        double[] x = {0, 0, 30};
        float expected = 0.5f;
        for (int k = 0; k < 10; k++) {
            expected += 0.1f;
        }
        TreeEnsembleScorer scorer = TreeEnsembleScorer.sum(SCHEMA, trees, 0.5, Link.IDENTITY, Precision.FLOAT32);
        assertEquals(expected, scorer.score(x));
        assertTrue(scorer.score(x) != 1.5, "a float sum is not the double sum");
    }

    @Test
    void describe_summarisesTreesAndTopFeatures() {
        String text = examples().get(0).describe();
        assertTrue(text.startsWith("5 trees, score = mean of the trees' leaf values"), text);
        assertTrue(text.contains("21 nodes, 13 leaves"), text);
        assertTrue(text.contains("home: 3") && text.contains("income: 3") && text.contains("age: 2"), text);
    }

    @Test
    void construct_badTrees_rejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tree(new int[] {0, -1},
                new double[] {1, 0}, new boolean[2][], new boolean[2], new int[] {1, -1}, new int[] {0, -1},
                new double[] {0, 0}, new double[2]));
        assertTrue(e.getMessage().contains("children 1, 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TreeEnsembleScorer.mean(SCHEMA, List.of()));
        assertTrue(e.getMessage().contains("at least one tree"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TreeEnsembleScorer(SCHEMA,
                List.of(numericTree(1, 0, 1)), TreeEnsembleScorer.Combination.MEAN, 0.5, Link.IDENTITY,
                Precision.FLOAT64));
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
        Tree onHome = new Tree(new int[] {1, -1, -1}, new double[] {2.5, 0, 0}, new boolean[3][], new boolean[3],
                new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {0, 0, 1}, new double[3]);
        e = assertThrows(IllegalArgumentException.class, () -> TreeEnsembleScorer.mean(SCHEMA, List.of(onHome)));
        assertTrue(e.getMessage().contains("'home' must be a level set"), e.getMessage());
    }

    @Test
    void fromJson_unknownFeatureOrLevel_namesIt() {
        ObjectNode badFeature = examples().get(0).toJson();
        ((ArrayNode) badFeature.get("trees").get(0).get("feature")).set(2, "salary");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scorers.fromJson(badFeature));
        assertTrue(e.getMessage().contains("unknown feature 'salary'"), e.getMessage());
        ObjectNode badLevel = examples().get(0).toJson();
        ((ArrayNode) badLevel.get("trees").get(0).get("levels_left").get(0)).set(0, "boat");
        e = assertThrows(IllegalArgumentException.class, () -> Scorers.fromJson(badLevel));
        assertTrue(e.getMessage().contains("'boat' is not a level of 'home'"), e.getMessage());
    }
}
