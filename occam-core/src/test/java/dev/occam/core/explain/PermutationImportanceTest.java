package dev.occam.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.Folds;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.linear.LinearRegression;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.scorer.LinearScorer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PermutationImportanceTest {

    private static Map<String, FeatureImportance> byName(List<FeatureImportance> importance) {
        return importance.stream().collect(Collectors.toMap(FeatureImportance::feature, i -> i));
    }

    @Test
    void crossValidated_strongWeakNone_ranksX1X2X3WithX3NearZero() {
        Fixtures.Data d = Fixtures.regression(400, 11);
        List<Fold> folds = Folds.repeatedKFold(1, 400, 5, 2, null);
        List<FeatureImportance> importance = PermutationImportance.crossValidated(LinearRegression.pipeline(),
                d.features(), d.target(), folds, Metric.RMSE, null, 5, 42);
        assertEquals(List.of("x1", "x2", "x3"), importance.stream().map(FeatureImportance::feature).toList());
        Map<String, FeatureImportance> m = byName(importance);
        // RMSE 0.5 with every feature; shuffling x1 (β = 3) makes it about sqrt(0.25 + 2·9 + 1) ≈ 4.4.
        assertTrue(m.get("x1").meanDrop() > 3, m.toString());
        assertTrue(m.get("x2").meanDrop() > 0.5, m.toString());
        assertTrue(Math.abs(m.get("x3").meanDrop()) < 0.02, m.toString());
        assertEquals(10 * 5, m.get("x3").evaluations());
        assertTrue(m.get("x1").standardDeviation() > 0);
    }

    @Test
    void crossValidated_classificationTree_ranksX1X2X3() {
        Fixtures.Data d = Fixtures.classification(1000, 5);
        List<Fold> folds = Folds.repeatedKFold(3, 1000, 5, 2, d.target().values());
        List<FeatureImportance> logistic = PermutationImportance.crossValidated(LogisticRegression.pipeline(),
                d.features(), d.target(), folds, Metric.AUC, null, 5, 42);
        assertEquals(List.of("x1", "x2", "x3"), logistic.stream().map(FeatureImportance::feature).toList());
        assertTrue(Math.abs(byName(logistic).get("x3").meanDrop()) < 0.01, logistic.toString());
        List<FeatureImportance> tree = PermutationImportance.crossValidated(new DecisionTree(), d.features(),
                d.target(), folds, Metric.AUC, null, 5, 42);
        assertEquals("x1", tree.get(0).feature(), tree.toString());
        assertTrue(byName(tree).get("x1").meanDrop() > byName(tree).get("x2").meanDrop() + 0.05, tree.toString());
        assertTrue(Math.abs(byName(tree).get("x3").meanDrop()) < 0.02, tree.toString());
    }

    @Test
    void crossValidated_sameSeed_sameNumbers() {
        Fixtures.Data d = Fixtures.classification(300, 8);
        List<Fold> folds = Folds.repeatedKFold(3, 300, 5, 2, d.target().values());
        List<FeatureImportance> a = PermutationImportance.crossValidated(new DecisionTree(), d.features(), d.target(),
                folds, Metric.LOGLOSS, null, 3, 9);
        List<FeatureImportance> b = PermutationImportance.crossValidated(new DecisionTree(), d.features(), d.target(),
                folds, Metric.LOGLOSS, null, 3, 9);
        assertEquals(a, b);
        List<FeatureImportance> c = PermutationImportance.crossValidated(new DecisionTree(), d.features(), d.target(),
                folds, Metric.LOGLOSS, null, 3, 10);
        assertNotEquals(a, c);
    }

    @Test
    void onData_lowerIsBetterMetric_dropIsPositiveForAUsedFeature() {
        Frame data = Fixtures.frame(new double[] {0, 1, 2, 3, 4, 5}, new double[] {1, 1, 1, 1, 1, 1},
                new double[] {5, 4, 3, 2, 1, 0});
        double[] truth = {0, 2, 4, 6, 8, 10};
        // y = 2·x1 exactly; x2 is constant and x3 is read with coefficient 0.
        Schema schema = data.schema();
        Model model = Model.of("linear", TargetInfo.regression("y"), new LinearScorer(schema,
                LinearScorer.Link.IDENTITY, 0, new double[] {2, 5, 0}, new boolean[3], null));
        Map<String, FeatureImportance> m = byName(PermutationImportance.onData(model, data, truth, Metric.MAE, 4, 1));
        assertTrue(m.get("x1").meanDrop() > 0);
        assertEquals(0.0, m.get("x2").meanDrop(), 0.0, "shuffling a constant changes nothing");
        assertEquals(0.0, m.get("x3").meanDrop(), 0.0, "a coefficient of zero reads nothing");
        assertEquals(0.0, m.get("x3").standardDeviation(), 0.0);
    }

    @Test
    void onData_categoricalColumn_isShuffledAsOneFeature() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 200;
        int[] codes = new int[n];
        double[] other = new double[n];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            codes[i] = r.nextInt(3);
            other[i] = r.nextGaussian();
            truth[i] = codes[i] == 2 ? 1.0 : 0.0;
        }
        Frame data = new Frame(List.of(new CategoricalColumn("colour", List.of("red", "green", "blue"), codes),
                new NumericColumn("noise", other)));
        Model model = LogisticRegression.pipeline().fit(data,
                new dev.occam.core.data.Target(TargetInfo.classification("y", "yes", "no"), truth));
        List<FeatureImportance> importance = PermutationImportance.onData(model, data, truth, Metric.AUC, 5, 3);
        assertEquals(List.of("colour", "noise"), importance.stream().map(FeatureImportance::feature).toList());
        assertTrue(importance.get(0).meanDrop() > 0.3, importance.toString());
    }

    @Test
    void onData_zeroRepeats_namesTheValue() {
        Fixtures.Data d = Fixtures.regression(20, 1);
        Model model = LinearRegression.pipeline().fit(d.features(), d.target());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PermutationImportance.onData(model, d.features(), d.target().values(), Metric.RMSE, 0, 1));
        assertTrue(e.getMessage().contains(": 0"), e.getMessage());
    }

    @Test
    void onData_missingColumn_namesIt() {
        Fixtures.Data d = Fixtures.regression(20, 1);
        Model model = LinearRegression.pipeline().fit(d.features(), d.target());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PermutationImportance.onData(model, d.features().without(List.of("x2")), d.target().values(),
                        Metric.RMSE, 2, 1));
        assertTrue(e.getMessage().contains("'x2'"), e.getMessage());
    }

    @Test
    void onData_truthOfOtherLength_saysBoth() {
        Fixtures.Data d = Fixtures.regression(20, 1);
        Model model = LinearRegression.pipeline().fit(d.features(), d.target());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PermutationImportance.onData(model, d.features(), new double[3], Metric.RMSE, 2, 1));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("20"), e.getMessage());
    }
}
