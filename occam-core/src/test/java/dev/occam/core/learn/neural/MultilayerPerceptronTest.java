package dev.occam.core.learn.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.linear.LinearRegression;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.MlpScorer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MultilayerPerceptronTest {

    private static final TargetInfo CLASS = TargetInfo.classification("y", "yes", "no");
    private static final TargetInfo NUMBER = TargetInfo.regression("y");

    /** Features and target of a synthetic problem. */
    private record Data(Frame features, Target target) {
    }

    /**
     * XOR on the plane: x1, x2 uniform on (-1, 1), positive when they have the same sign. Every linear
     * function of x1 and x2 ranks the rows no better than chance.
     */
    private static Data xor(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = r.nextDouble(-1, 1);
            x2[i] = r.nextDouble(-1, 1);
            y[i] = x1[i] * x2[i] > 0 ? 1 : 0;
        }
        return new Data(new Frame(List.of(new NumericColumn("x1", x1), new NumericColumn("x2", x2))),
                new Target(CLASS, y));
    }

    /** A smooth curved surface, in units far from 1: y = 1000 + 200 · (sin(2 x1) + x2²) + noise (sd 10). */
    private static Data smooth(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = r.nextDouble(-1.5, 1.5);
            x2[i] = r.nextDouble(-1.5, 1.5);
            y[i] = 1000 + 200 * (Math.sin(2 * x1[i]) + x2[i] * x2[i]) + 10 * r.nextGaussian();
        }
        return new Data(new Frame(List.of(new NumericColumn("x1", x1), new NumericColumn("x2", x2))),
                new Target(NUMBER, y));
    }

    private static MlpScorer scorer(Model m) {
        return (MlpScorer) m.scorer();
    }

    @Test
    void learner_describesItself_mlpRungFive() {
        MultilayerPerceptron learner = new MultilayerPerceptron();
        assertEquals("mlp", learner.family());
        assertEquals(5, learner.rung());
        assertEquals(EnumSet.of(Capability.CLASSIFICATION, Capability.REGRESSION, Capability.MULTICLASS),
                learner.capabilities());
        assertEquals(EnumSet.of(Capability.CLASSIFICATION, Capability.REGRESSION, Capability.MULTICLASS,
                Capability.MISSING_VALUES, Capability.CATEGORICAL_INPUT),
                MultilayerPerceptron.pipeline().capabilities());
    }

    @Test
    void options_defaults_documentedValues() {
        MultilayerPerceptron.Options o = MultilayerPerceptron.Options.defaults();
        assertEquals(List.of(32), o.hiddenLayers());
        assertEquals(1e-3, o.learningRate());
        assertEquals(1e-4, o.l2Penalty());
        assertEquals(64, o.batchSize());
        assertEquals(300, o.maxEpochs());
        assertEquals(10, o.patience());
        assertEquals(0.1, o.validationFraction());
        assertEquals(42L, o.seed());
        assertTrue(o.tunePenalty());
    }

    @Test
    void fit_tunePenalty_keepsTheLowestValidationLossOfThreeSettings() {
        Data d = smooth(600, 4);
        MultilayerPerceptron.Options untuned = MultilayerPerceptron.Options.defaults().withTunePenalty(false);
        Map<String, Double> tuned = scorer(new MultilayerPerceptron().fit(d.features(), d.target())).training();
        assertEquals(3.0, tuned.get("penalties_tried"), tuned.toString());
        assertTrue(List.of(1e-4, 1e-2, 1e-1).contains(tuned.get("l2_penalty")), tuned.toString());
        double best = Double.POSITIVE_INFINITY;
        for (double penalty : List.of(1e-4, 1e-2, 1e-1)) {
            Map<String, Double> one = scorer(new MultilayerPerceptron(untuned.withL2Penalty(penalty))
                    .fit(d.features(), d.target())).training();
            assertEquals(1.0, one.get("penalties_tried"));
            best = Math.min(best, one.get("best_validation_loss"));
        }
        // The same seed, so the same held-out rows judge every setting: the tuned fit is the best of the three.
        assertEquals(best, tuned.get("best_validation_loss"), 0.0);
    }

    private static void assertRejected(String expectedMessage, Supplier<MultilayerPerceptron.Options> options) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, options::get);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void options_badValues_messageNamesOptionAndValue() {
        MultilayerPerceptron.Options d = MultilayerPerceptron.Options.defaults();
        assertRejected("hiddenLayers must list 1 or 2 layer sizes: []", () -> d.withHiddenLayers(List.of()));
        assertRejected("hiddenLayers must list 1 or 2 layer sizes: [8, 8, 8]",
                () -> d.withHiddenLayers(List.of(8, 8, 8)));
        assertRejected("hiddenLayers must be >= 1 unit each: [20, 0]", () -> d.withHiddenLayers(List.of(20, 0)));
        assertRejected("learningRate must be > 0: -1.0", () -> d.withLearningRate(-1));
        assertRejected("learningRate must be > 0: NaN", () -> d.withLearningRate(Double.NaN));
        assertRejected("learningRate must be finite: Infinity", () -> d.withLearningRate(Double.POSITIVE_INFINITY));
        assertRejected("l2Penalty must be a finite number >= 0: -1.0E-4", () -> d.withL2Penalty(-1e-4));
        assertRejected("batchSize must be >= 1: 0", () -> d.withBatchSize(0));
        assertRejected("maxEpochs must be >= 1: 0", () -> d.withMaxEpochs(0));
        assertRejected("patience must be >= 1: -3", () -> d.withPatience(-3));
        assertRejected("validationFraction must be in [0, 0.5]: 0.9", () -> d.withValidationFraction(0.9));
    }

    @Test
    void fit_xor_aucAbove095WhereLogisticRegressionIsChance() {
        Data train = xor(1000, 1);
        Data test = xor(1000, 2);
        Model mlp = MultilayerPerceptron.pipeline().fit(train.features(), train.target());
        Model logistic = LogisticRegression.pipeline().fit(train.features(), train.target());
        double[] y = test.target().values();
        double mlpAuc = Metric.AUC.compute(y, mlp.score(test.features()), 0.5);
        double logisticAuc = Metric.AUC.compute(y, logistic.score(test.features()), 0.5);
        assertTrue(mlpAuc > 0.95, "network AUC " + mlpAuc);
        assertTrue(logisticAuc < 0.6, "logistic AUC " + logisticAuc);
    }

    @Test
    void fit_smoothNonlinearRegression_beatsLinearRegression() {
        Data train = smooth(1000, 3);
        Data test = smooth(1000, 4);
        Model mlp = MultilayerPerceptron.pipeline().fit(train.features(), train.target());
        Model linear = LinearRegression.pipeline().fit(train.features(), train.target());
        double[] y = test.target().values();
        double mlpRmse = Metric.RMSE.compute(y, mlp.score(test.features()), Double.NaN);
        double linearRmse = Metric.RMSE.compute(y, linear.score(test.features()), Double.NaN);
        // The curvature alone has sd of about 150 around the linear fit; the noise is 10.
        assertTrue(mlpRmse < linearRmse / 2, "network RMSE " + mlpRmse + ", linear RMSE " + linearRmse);
        assertEquals(train.target().mean(), scorer(mlp).training().get("target_mean"));
    }

    @Test
    void fit_sameSeedTwice_bitIdenticalWeights() {
        Data d = xor(300, 5);
        Model a = MultilayerPerceptron.pipeline().fit(d.features(), d.target());
        Model b = MultilayerPerceptron.pipeline().fit(d.features(), d.target());
        List<MlpScorer.Layer> la = scorer(a).layers();
        List<MlpScorer.Layer> lb = scorer(b).layers();
        for (int l = 0; l < la.size(); l++) {
            assertTrue(Arrays.deepEquals(la.get(l).weights(), lb.get(l).weights()), "layer " + l);
            assertTrue(Arrays.equals(la.get(l).biases(), lb.get(l).biases()), "layer " + l);
        }
        assertEquals(ModelFile.toJson(a, null), ModelFile.toJson(b, null));
    }

    @Test
    void fit_otherSeed_otherWeights() {
        Data d = xor(300, 5);
        MultilayerPerceptron.Options o = MultilayerPerceptron.Options.defaults();
        Model a = MultilayerPerceptron.pipeline(o).fit(d.features(), d.target());
        Model b = MultilayerPerceptron.pipeline(o.withSeed(43)).fit(d.features(), d.target());
        assertNotEquals(ModelFile.toJson(a, null), ModelFile.toJson(b, null));
    }

    @Test
    void fit_doesNotChangeTheData() {
        Data d = smooth(200, 6);
        double[] y = d.target().values().clone();
        double[] x1 = ((NumericColumn) d.features().column(0)).values().clone();
        new MultilayerPerceptron().fit(d.features(), d.target());
        assertTrue(Arrays.equals(y, d.target().values()));
        assertTrue(Arrays.equals(x1, ((NumericColumn) d.features().column(0)).values()));
    }

    @Test
    void fit_twoHiddenLayers_parameterCountIsWeightsPlusBiases() {
        Data d = xor(200, 7);
        Model m = new MultilayerPerceptron(MultilayerPerceptron.Options.defaults().withHiddenLayers(List.of(20, 10)))
                .fit(d.features(), d.target());
        // 2·20 + 20 + 20·10 + 10 + 10·1 + 1
        assertEquals(281, m.parameterCount());
        assertEquals("2 inputs -> 20 relu -> 10 relu -> 1 logistic", scorer(m).architecture());
    }

    @Test
    void fit_summary_reportsEpochsAndBestValidationLoss() {
        Data d = xor(500, 8);
        Map<String, Double> summary = scorer(new MultilayerPerceptron().fit(d.features(), d.target())).training();
        assertEquals(50.0, summary.get("validation_rows"));
        assertEquals(450.0, summary.get("training_rows"));
        double epochs = summary.get("epochs");
        double best = summary.get("best_epoch");
        assertTrue(best >= 1 && best <= epochs, summary.toString());
        assertTrue(summary.get("best_validation_loss") < Math.log(2), summary.toString());
        String text = new MultilayerPerceptron().fit(d.features(), d.target()).describe();
        assertTrue(text.contains("2 inputs -> 32 relu -> 1 logistic"), text);
        assertTrue(text.contains("parameters: 129\n") && text.contains("weights: 96, biases: 33"), text);
        assertTrue(text.contains("best_validation_loss: "), text);
    }

    @Test
    void fit_hugeLearningRate_divergesAndReportsNotConverged() {
        Data d = smooth(300, 4);
        Model m = new MultilayerPerceptron(MultilayerPerceptron.Options.defaults().withLearningRate(1e300))
                .fit(d.features(), d.target());
        assertFalse(m.diagnostics().converged());
        assertEquals("Adam with early stopping", m.diagnostics().method());
        String finding = m.diagnostics().findings().get(0);
        assertTrue(finding.startsWith("Training diverged at epoch 1: the validation loss (on 30 held-out rows) became "
                + "infinite or undefined, so the network keeps the weights of epoch 0 (its starting weights)"), finding);
        for (double s : m.score(d.features())) {
            assertTrue(Double.isFinite(s), "score " + s);
        }
    }

    @Test
    void fit_epochLimitWhileImproving_convergedWithFinding() {
        Data d = xor(500, 8);
        Model m = new MultilayerPerceptron(MultilayerPerceptron.Options.defaults().withMaxEpochs(3))
                .fit(d.features(), d.target());
        assertTrue(m.diagnostics().converged());
        assertEquals(List.of("Training used all 3 epochs (maxEpochs) while the validation loss (on 50 held-out rows) "
                + "was still improving (best at epoch 3); more epochs might give a better network."),
                m.diagnostics().findings());
        assertTrue(new MultilayerPerceptron().fit(d.features(), d.target()).diagnostics().isClean());
    }

    @Test
    void fit_tooFewRowsToHoldOut_watchesTrainingLoss() {
        Frame f = new Frame(List.of(new NumericColumn("x", new double[] {-1, -0.5, 0.5, 1})));
        Model m = new MultilayerPerceptron().fit(f, new Target(CLASS, new double[] {0, 0, 1, 1}));
        Map<String, Double> summary = scorer(m).training();
        assertEquals(0.0, summary.get("validation_rows"));
        assertTrue(summary.containsKey("best_training_loss"), summary.toString());
        double[] scores = m.score(f);
        assertTrue(scores[3] > scores[0], Arrays.toString(scores));
    }

    @Test
    void fit_categoricalColumn_throwsNamingTheColumn() {
        Frame f = new Frame(List.of(new CategoricalColumn("home", List.of("own", "rent"), new int[] {0, 1})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MultilayerPerceptron().fit(f, new Target(CLASS, new double[] {0, 1})));
        assertTrue(e.getMessage().contains("'home' is categorical"), e.getMessage());
    }

    @Test
    void fit_missingValue_throwsNamingColumnAndRow() {
        Frame f = new Frame(List.of(new NumericColumn("income", new double[] {1, Double.NaN, 3})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MultilayerPerceptron().fit(f, new Target(CLASS, new double[] {0, 1, 0})));
        assertTrue(e.getMessage().contains("'income' is missing at row 1"), e.getMessage());
    }

    @Test
    void fit_rowCountsDiffer_throws() {
        Frame f = new Frame(List.of(new NumericColumn("x", new double[] {1, 2, 3})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MultilayerPerceptron().fit(f, new Target(CLASS, new double[] {0, 1})));
        assertEquals("features have 3 rows, the target has 2", e.getMessage());
    }
}
