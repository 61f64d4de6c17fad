package dev.occam.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.prep.IndicatorEncoding;
import dev.occam.runtime.scorer.Attribution;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import dev.occam.runtime.scorer.TreeEnsembleScorer.Precision;
import dev.occam.runtime.scorer.TreeEnsembleScorer.Tree;
import dev.occam.runtime.scorer.TreeScorer;
import dev.occam.runtime.scorer.TreeScorer.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExplanationTest {

    private static final Schema TWO = new Schema(List.of(Feature.numeric("x0"), Feature.numeric("x1")));

    /**
     * Root x0 < 0.5 (10 rows): left (4 rows) splits x1 < 0.5 into leaves 0 (2 rows) and 4 (2 rows); right is a
     * leaf 10 (6 rows).
     */
    private static TreeScorer handTree() {
        return new TreeScorer(TWO, List.of(
                new Node(0, 0.5, null, true, 1, 2, 6.8, 10),
                new Node(1, 0.5, null, true, 3, 4, 2, 4),
                Node.leaf(10, 6),
                Node.leaf(0, 2),
                Node.leaf(4, 2)));
    }

    @Test
    void attribute_handBuiltTree_equalsHandComputedShapleyValues() {
        // v({}) = 6.8; v({x0}) = 2 (left subtree mean); v({x1}) = 0.4 * 4 + 0.6 * 10 = 7.6; v({x0, x1}) = 4.
        // phi0 = ((2 - 6.8) + (4 - 7.6)) / 2 = -4.2; phi1 = ((7.6 - 6.8) + (4 - 2)) / 2 = 1.4.
        Attribution a = handTree().attribute(new double[] {0, 1});
        assertEquals(6.8, a.baseline(), 1e-12);
        assertEquals(4.0, a.value(), 0.0);
        assertEquals(-4.2, a.contributions()[0], 1e-12);
        assertEquals(1.4, a.contributions()[1], 1e-12);
    }

    @Test
    void attribute_handBuiltTree_rowGoingRightCreditsOnlyX0() {
        // x = (1, 0): f = 10. v({x1}) = 0.4 * 0 + 0.6 * 10 = 6 = ... x1 matters only under x0 < 0.5.
        // v({}) = 6.8, v({x0}) = 10, v({x1}) = 6, v({x0,x1}) = 10: phi0 = (3.2 + 4) / 2 = 3.6, phi1 = (-0.8 + 0) / 2 = -0.4.
        Attribution a = handTree().attribute(new double[] {1, 0});
        assertEquals(3.6, a.contributions()[0], 1e-12);
        assertEquals(-0.4, a.contributions()[1], 1e-12);
    }

    /** v(S) of Algorithm 1 of Lundberg, Erion & Lee (2018): follow the row's branch on features in S, else both by cover. */
    private static double conditional(Tree t, int node, double[] x, boolean[] known) {
        if (t.isLeaf(node)) {
            return t.value(node);
        }
        int f = t.feature(node);
        if (known[f]) {
            boolean left = Double.isNaN(x[f]) ? t.missingLeft(node) : x[f] < t.threshold(node);
            return conditional(t, left ? t.left(node) : t.right(node), x, known);
        }
        double c = t.cover(node);
        return t.cover(t.left(node)) / c * conditional(t, t.left(node), x, known)
                + t.cover(t.right(node)) / c * conditional(t, t.right(node), x, known);
    }

    /** Shapley values by enumerating every subset. */
    private static double[] bruteForce(Tree t, double[] x, int p) {
        double[] phi = new double[p];
        double[] factorial = new double[p + 1];
        factorial[0] = 1;
        for (int i = 1; i <= p; i++) {
            factorial[i] = factorial[i - 1] * i;
        }
        for (int mask = 0; mask < 1 << p; mask++) {
            boolean[] known = new boolean[p];
            int size = 0;
            for (int j = 0; j < p; j++) {
                known[j] = (mask >> j & 1) == 1;
                size += known[j] ? 1 : 0;
            }
            double without = conditional(t, 0, x, known);
            for (int j = 0; j < p; j++) {
                if (known[j]) {
                    continue;
                }
                known[j] = true;
                double with = conditional(t, 0, x, known);
                known[j] = false;
                phi[j] += factorial[size] * factorial[p - size - 1] / factorial[p] * (with - without);
            }
        }
        return phi;
    }

    /** A random tree of the given depth over p features, features repeating along paths, random covers. */
    private static Tree randomTree(SplittableRandom r, int p, int depth) {
        List<int[]> shape = new ArrayList<>();
        List<Integer> feature = new ArrayList<>();
        List<Double> threshold = new ArrayList<>();
        List<Double> value = new ArrayList<>();
        List<Double> cover = new ArrayList<>();
        List<Boolean> missing = new ArrayList<>();
        grow(r, p, depth, 100 + r.nextInt(100), shape, feature, threshold, value, cover, missing);
        int n = feature.size();
        int[] f = new int[n];
        double[] t = new double[n];
        boolean[][] levels = new boolean[n][];
        boolean[] ml = new boolean[n];
        int[] l = new int[n];
        int[] rr = new int[n];
        double[] v = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = feature.get(i);
            t[i] = threshold.get(i);
            ml[i] = missing.get(i);
            l[i] = shape.get(i)[0];
            rr[i] = shape.get(i)[1];
            v[i] = value.get(i);
            c[i] = cover.get(i);
        }
        return new Tree(f, t, levels, ml, l, rr, v, c);
    }

    private static int grow(SplittableRandom r, int p, int depth, double cover, List<int[]> shape, List<Integer> feature,
            List<Double> threshold, List<Double> value, List<Double> cover2, List<Boolean> missing) {
        int id = feature.size();
        boolean leaf = depth == 0 || r.nextInt(5) == 0;
        feature.add(leaf ? -1 : r.nextInt(p));
        threshold.add(leaf ? Double.NaN : r.nextDouble());
        value.add(leaf ? r.nextGaussian() * 3 : Double.NaN);
        cover2.add(cover);
        missing.add(!leaf && r.nextBoolean());
        shape.add(new int[] {-1, -1});
        if (!leaf) {
            double share = 0.1 + 0.8 * r.nextDouble();
            int left = grow(r, p, depth - 1, cover * share, shape, feature, threshold, value, cover2, missing);
            int right = grow(r, p, depth - 1, cover * (1 - share), shape, feature, threshold, value, cover2, missing);
            shape.set(id, new int[] {left, right});
        }
        return id;
    }

    @Test
    void shapValues_randomTreesWithRepeatedFeatures_equalBruteForceShapley() {
        SplittableRandom r = new SplittableRandom(7);
        int p = 4;
        Schema schema = new Schema(List.of(Feature.numeric("a"), Feature.numeric("b"), Feature.numeric("c"),
                Feature.numeric("d")));
        for (int trial = 0; trial < 30; trial++) {
            Tree tree = randomTree(r, p, 6);
            TreeEnsembleScorer scorer = TreeEnsembleScorer.mean(schema, List.of(tree));
            for (int row = 0; row < 10; row++) {
                double[] x = new double[p];
                for (int j = 0; j < p; j++) {
                    x[j] = r.nextInt(8) == 0 ? Double.NaN : r.nextDouble();
                }
                double[] expected = bruteForce(tree, x, p);
                double[] actual = scorer.shapValues(x);
                for (int j = 0; j < p; j++) {
                    assertEquals(expected[j], actual[j], 1e-10, "trial " + trial + " feature " + j);
                }
                assertEquals(conditional(tree, 0, x, new boolean[p]), actual[p], 1e-10);
            }
        }
    }

    @Test
    void attribute_float32Ensemble_addsUpToTheFloatMargin() {
        SplittableRandom r = new SplittableRandom(3);
        Schema schema = new Schema(List.of(Feature.numeric("a"), Feature.numeric("b"), Feature.numeric("c"),
                Feature.numeric("d")));
        List<Tree> trees = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            trees.add(randomTree(r, 4, 4));
        }
        TreeEnsembleScorer scorer = TreeEnsembleScorer.sum(schema, trees, -0.7, LinearScorer.Link.LOGIT, Precision.FLOAT32);
        for (int row = 0; row < 50; row++) {
            double[] x = {r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble()};
            Attribution a = scorer.attribute(x);
            double sum = a.baseline();
            for (double c : a.contributions()) {
                sum += c;
            }
            assertEquals(scorer.margin(x), a.value(), 0.0);
            assertEquals(a.value(), sum, 1e-12);
        }
    }

    // ---- reasons in words ----

    private static final Schema CREDIT = new Schema(List.of(Feature.numeric("Debt"),
            Feature.categorical("Home", List.of("owner", "rent", "other"))));

    /** Logistic: log-odds = -1 + 0.001 Debt + 0.8 [Home=rent] + 0.2 [Home=other], measured from the means. */
    private static Model creditModel() {
        IndicatorEncoding encode = new IndicatorEncoding(CREDIT, true);
        LinearScorer scorer = new LinearScorer(encode.output(), LinearScorer.Link.LOGIT, -1, new double[] {0.001, 0.8, 0.2},
                new boolean[3], null, new double[] {500, 0.3, 0.1});
        Model m = new Model("logistic", TargetInfo.classification("Status", "bad", "good"), List.of(encode), scorer, new Decision.AtThreshold(0.5), null);
        Frame training = new Frame(List.of(new NumericColumn("Debt", new double[] {0, 0, 0, 1000, 1500}),
                new CategoricalColumn("Home", List.of("owner", "rent", "other"), new int[] {0, 0, 1, 0, 2})));
        return m.withTypicalValues(training);
    }

    private static Row row(Object debt, Object home) {
        Map<String, Object> v = new HashMap<>();
        v.put("Debt", debt);
        v.put("Home", home);
        return Row.of(v);
    }

    @Test
    void explain_indicatorColumns_summedBackToTheirFeature() {
        Explanation e = creditModel().explain(row(2400, "rent"));
        assertEquals(List.of("Debt", "Home"), e.contributions().stream().map(Explanation.Contribution::feature).toList());
        assertEquals(0.001 * (2400 - 500), e.contribution("Debt"), 1e-12);
        assertEquals(0.8 * (1 - 0.3) + 0.2 * (0 - 0.1), e.contribution("Home"), 1e-12);
        assertEquals(-1 + 0.001 * 500 + 0.8 * 0.3 + 0.2 * 0.1, e.baseline(), 1e-12);
        assertEquals(Explanation.Scale.LOG_ODDS, e.scale());
        assertEquals(e.value(), e.total(), 1e-12);
    }

    @Test
    void reasons_raisingFeatures_readAsSentences() {
        Explanation e = creditModel().explain(row(2400, "rent"));
        assertEquals(List.of("Debt 2,400: above typical (median 0), raises the chance of bad",
                "Home rent: typical is owner, raises the chance of bad"), e.reasons(3));
        assertEquals(List.of("Debt 2,400: above typical (median 0), raises the chance of bad"), e.reasons(1));
        assertEquals(List.of(), e.reasons(3, Explanation.Direction.LOWERS));
    }

    @Test
    void reasons_loweringFeatures_whyApprovedSide() {
        Explanation e = creditModel().explain(row(0, "owner"));
        // Debt: 0.001 * (0 - 500) = -0.5; Home: 0.8 * (0 - 0.3) + 0.2 * (0 - 0.1) = -0.26.
        assertEquals(List.of("Debt 0: typical (median 0), lowers the chance of bad",
                "Home owner: the most common value, lowers the chance of bad"),
                e.reasons(2, Explanation.Direction.LOWERS));
    }

    @Test
    void reasons_missingValueAndNoTypicalValues_stillRead() {
        Model m = creditModel();
        Model bare = new Model(m.family(), m.target(), m.preparation(), m.scorer(), new Decision.AtThreshold(0.5), null);
        assertEquals(List.of("Debt 2,400: raises the chance of bad"), bare.explain(row(2400, "owner")).reasons(1));
        assertThrows(IllegalArgumentException.class, () -> bare.explain(row(1, "owner")).reasons(-1));
    }

    @Test
    void saveAndLoad_typicalValuesKept() {
        Model m = creditModel();
        Model loaded = ModelFile.fromJson(ModelFile.toJson(m, null));
        assertEquals(m.explain(row(2400, "rent")).reasons(3), loaded.explain(row(2400, "rent")).reasons(3));
        assertEquals("owner", loaded.explain(row(1, "rent")).typical("Home"));
    }
}
