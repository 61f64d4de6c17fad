package dev.occam.core.learn.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.Folds;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Fixtures;
import dev.occam.core.learn.linear.ElasticNet.LambdaRule;
import dev.occam.core.learn.linear.ElasticNet.Options;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.LinearScorer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class ElasticNetTest {

    /** Closed forms on an orthonormal design, where coordinate descent is exact after one pass. */
    private static final double CLOSED_FORM = 1e-12;
    /**
     * Ridge on correlated columns, solved to threshold 1e-14: the last pass moved no coefficient by more
     * than about 1e-7 · sd(y), and the error left on correlated columns is a small multiple of that.
     */
    private static final double RIDGE_CLOSED_FORM = 1e-6;

    @TempDir
    Path dir;

    /**
     * Eight rows, three columns of the 8×8 Sylvester–Hadamard matrix (±1): each has mean 0 and variance 1
     * (divisor n), and they are mutually orthogonal, so the standardised design is orthonormal and the
     * least-squares coefficients are {@code Σᵢ hᵢⱼ yᵢ / 8}. The response is
     * {@code 3 + 2 h₁ − 0.5 h₂ + 0.1 h₃ + 0.3 h₁h₂}, the last term orthogonal to all three columns:
     * least squares gives exactly (2, −0.5, 0.1) with intercept 3.
     */
    private static Frame hadamard() {
        return new Frame(List.of(new NumericColumn("h1", hadamardColumn(1)), new NumericColumn("h2", hadamardColumn(2)),
                new NumericColumn("h3", hadamardColumn(4))));
    }

    private static double[] hadamardColumn(int mask) {
        double[] h = new double[8];
        for (int i = 0; i < 8; i++) {
            h[i] = Integer.bitCount(i & mask) % 2 == 0 ? 1 : -1;
        }
        return h;
    }

    private static Target hadamardResponse() {
        double[] h1 = hadamardColumn(1);
        double[] h2 = hadamardColumn(2);
        double[] h3 = hadamardColumn(4);
        double[] h12 = hadamardColumn(3);
        double[] y = new double[8];
        for (int i = 0; i < 8; i++) {
            y[i] = 3 + 2 * h1[i] - 0.5 * h2[i] + 0.1 * h3[i] + 0.3 * h12[i];
        }
        return new Target(TargetInfo.regression("y"), y);
    }

    private static ElasticNet exact(Options options) {
        return new ElasticNet(options.withConvergenceThreshold(1e-14));
    }

    @Test
    void fitPath_orthonormalDesign_lassoSoftThresholdsLeastSquares() {
        ElasticNet.Path path = exact(Options.defaults()).fitPath(hadamard(), hadamardResponse(),
                new double[] {2.5, 2.0, 1.0, 0.3, 0.05});
        // S(b, λ) = sign(b) · max(|b| − λ, 0) of the least-squares (2, −0.5, 0.1).
        double[][] expected = {{0, 0, 0}, {0, 0, 0}, {1, 0, 0}, {1.7, -0.2, 0}, {1.95, -0.45, 0.05}};
        for (int k = 0; k < expected.length; k++) {
            assertArrayEquals(expected[k], path.coefficients(k), CLOSED_FORM, "lambda " + path.lambdas()[k]);
            assertEquals(3.0, path.intercepts()[k], CLOSED_FORM);
        }
    }

    @Test
    void fitPath_orthonormalDesignElasticNet_softThresholdsThenShrinks() {
        double alpha = 0.5;
        double lambda = 0.4;
        ElasticNet.Path path = exact(Options.defaults().withAlpha(alpha)).fitPath(hadamard(), hadamardResponse(),
                new double[] {lambda});
        // S(b, λα) / (1 + λ(1 − α)) = S(b, 0.2) / 1.2.
        double[] expected = {1.8 / 1.2, -0.3 / 1.2, 0};
        assertArrayEquals(expected, path.coefficients(0), CLOSED_FORM);
    }

    @Test
    void fitPath_orthonormalDesign_pathStartsAtLargestLeastSquaresCoefficient() {
        ElasticNet.Path path = new ElasticNet().fitPath(hadamard(), hadamardResponse());
        // λ_max = max |zⱼᵀ(y − ȳ)| / n = 2, then 1e-4 of it over 100 values (8 rows > 3 columns).
        assertEquals(2.0, path.lambdas()[0], 1e-12);
        assertEquals(2.0 * Math.pow(1e-4, 1.0 / 99), path.lambdas()[1], 1e-12);
        assertEquals(0, path.nonZero(0));
        assertEquals(1, path.nonZero(1));
    }

    @Test
    void fitPath_ridge_equalsClosedForm() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 50;
        double[][] x = new double[4][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double common = r.nextGaussian();
            for (int j = 0; j < 4; j++) {
                x[j][i] = (j + 1) * (common + 0.5 * r.nextGaussian()) + 10 * j; // correlated, unequal scales
            }
            y[i] = 1 + x[0][i] - 0.3 * x[2][i] + r.nextGaussian();
        }
        Frame frame = new Frame(List.of(new NumericColumn("a", x[0]), new NumericColumn("b", x[1]),
                new NumericColumn("c", x[2]), new NumericColumn("d", x[3])));
        double lambda = 0.7;
        ElasticNet.Path path = exact(Options.defaults().withAlpha(0.0)).fitPath(frame,
                new Target(TargetInfo.regression("y"), y), new double[] {lambda});

        // Standardised (divisor n): b = (ZᵀZ/n + λI)⁻¹ Zᵀ(y − ȳ)/n; β = b / s; β₀ = ȳ − Σ βⱼ mⱼ.
        double[] mean = new double[4];
        double[] sd = new double[4];
        double[][] z = new double[4][n];
        for (int j = 0; j < 4; j++) {
            for (double v : x[j]) {
                mean[j] += v / n;
            }
            for (double v : x[j]) {
                sd[j] += (v - mean[j]) * (v - mean[j]) / n;
            }
            sd[j] = Math.sqrt(sd[j]);
            for (int i = 0; i < n; i++) {
                z[j][i] = (x[j][i] - mean[j]) / sd[j];
            }
        }
        double yMean = 0;
        for (double v : y) {
            yMean += v / n;
        }
        double[][] gram = new double[4][4];
        double[] right = new double[4];
        for (int a = 0; a < 4; a++) {
            for (int i = 0; i < n; i++) {
                right[a] += z[a][i] * (y[i] - yMean) / n;
                for (int b = 0; b < 4; b++) {
                    gram[a][b] += z[a][i] * z[b][i] / n;
                }
            }
            gram[a][a] += lambda;
        }
        double[] b = new LUDecomposition(new Array2DRowRealMatrix(gram)).getSolver()
                .solve(new ArrayRealVector(right)).toArray();
        double intercept = yMean;
        double[] beta = new double[4];
        for (int j = 0; j < 4; j++) {
            beta[j] = b[j] / sd[j];
            intercept -= beta[j] * mean[j];
        }
        assertArrayEquals(beta, path.coefficients(0), RIDGE_CLOSED_FORM);
        assertEquals(intercept, path.intercepts()[0], RIDGE_CLOSED_FORM);
    }

    @Test
    void fitPath_lambdaAtOrAboveLambdaMax_allCoefficientsZero() {
        for (Task task : List.of(Task.CLASSIFICATION, Task.REGRESSION)) {
            Fixtures.Data d = Fixtures.wide(task, 200, 5, 3);
            double lambdaMax = new ElasticNet().fitPath(d.features(), d.target()).lambdas()[0];
            ElasticNet.Path path = new ElasticNet().fitPath(d.features(), d.target(),
                    new double[] {10 * lambdaMax, lambdaMax, 0.99 * lambdaMax});
            double share = d.target().mean();
            double nullIntercept = task == Task.CLASSIFICATION ? Math.log(share / (1 - share)) : share;
            for (int k = 0; k < 2; k++) {
                assertEquals(0, path.nonZero(k), task + " lambda " + path.lambdas()[k]);
                assertEquals(nullIntercept, path.intercepts()[k], 1e-12);
                assertEquals(0.0, path.devianceRatios()[k], 1e-12);
            }
            assertEquals(1, path.nonZero(2), task + " just below lambda_max one coefficient enters");
        }
    }

    @Test
    void fit_sameDataTwice_bitIdenticalModel() {
        CreditRows credit = CreditRows.load();
        var first = ModelFile.toJson(ElasticNet.pipeline().fit(credit.features(), credit.target()), null);
        var second = ModelFile.toJson(ElasticNet.pipeline().fit(credit.features(), credit.target()), null);
        assertEquals(first, second);
    }

    @Test
    void fit_passBudgetRunsOut_notConvergedWithFindingInWords() {
        Fixtures.Data d = Fixtures.easy(Task.CLASSIFICATION, 300, 8);
        Model tight = ElasticNet.pipeline(Options.defaults().withMaxIterations(20)).fit(d.features(), d.target());
        assertEquals(0.0, ((LinearScorer) tight.scorer()).inference().fit().get("converged"));
        assertEquals(false, tight.diagnostics().converged());
        assertEquals(ElasticNet.METHOD, tight.diagnostics().method());
        String finding = tight.diagnostics().findings().get(0);
        assertTrue(finding.startsWith("The coordinate descent used up its budget of 20 passes over the data "
                + "(maxIterations) before finishing the path of λ: it stops after "), finding);
        Model ample = ElasticNet.pipeline().fit(d.features(), d.target());
        assertEquals(dev.occam.runtime.FitDiagnostics.clean(ElasticNet.METHOD), ample.diagnostics());
    }

    @Test
    void fit_creditData_chosenLambdaAndStatisticsInTheModel() throws Exception {
        CreditRows credit = CreditRows.load();
        Model min = ElasticNet.pipeline().fit(credit.features(), credit.target());
        Model oneSe = ElasticNet.pipeline(Options.defaults().withLambdaRule(LambdaRule.ONE_STANDARD_ERROR))
                .fit(credit.features(), credit.target());
        Map<String, Double> a = ((LinearScorer) oneSe.scorer()).inference().fit();
        Map<String, Double> b = ((LinearScorer) min.scorer()).inference().fit();
        assertEquals(a.get("lambda_1se"), a.get("lambda"));
        assertEquals(b.get("lambda_min"), b.get("lambda"));
        assertEquals(a.get("lambda_min"), b.get("lambda_min"), "same folds, same path");
        assertTrue(a.get("lambda_1se") >= a.get("lambda_min"));
        assertTrue(a.get("nonzero") <= b.get("nonzero"), "the one-standard-error rule keeps no more features");
        assertEquals(5.0, a.get("cv_folds"));
        assertEquals(1.0, a.get("alpha"));
        assertEquals(1.0, a.get("converged"));
        assertEquals(1 + a.get("nonzero"), (double) oneSe.parameterCount(), "intercept + non-zero coefficients");
        assertTrue(a.get("deviance_ratio") > 0.2 && a.get("deviance_ratio") < 0.3, "deviance ratio " + a);

        assertEquals(1 + b.get("nonzero"), (double) min.parameterCount());

        Path file = dir.resolve("lasso.json");
        ModelFile.save(min, file);
        Model loaded = ModelFile.load(file);
        assertEquals(b, ((LinearScorer) loaded.scorer()).inference().fit());
        assertEquals(min.parameterCount(), loaded.parameterCount());
        assertEquals(min.describe(), loaded.describe());
        assertTrue(min.describe().contains("lambda: "), min.describe());
    }

    /**
     * 5×2 cross-validation (stratified, seed 42) on all 4,454 rows of the credit data, target
     * {@code Status = bad}, against the unpenalised logistic regression on the same folds. With 13 features
     * and thousands of rows there is little to shrink: the lasso at lambda.min should match the logistic
     * regression's AUC (about 0.83, the figure Occam's own leaderboard shows for it) to well within the
     * folds' spread (standard deviation about 0.007): 0.005.
     */
    @Test
    void crossValidate_creditData5x2_aucLikeLogisticRegression() {
        LabelledData d = LabelledData.of(TestDatasets.load("credit_data.csv"), "Status", Task.CLASSIFICATION, "bad",
                List.of());
        List<Fold> folds = Folds.repeatedKFold(42, d.target().size(), 2, 5, d.target().values());
        Evaluation lasso = CrossValidation.evaluate(ElasticNet.pipeline(), d.features(), d.target(), folds, Metric.AUC,
                null, null);
        Evaluation logistic = CrossValidation.evaluate(LogisticRegression.pipeline(), d.features(), d.target(), folds,
                Metric.AUC, null, null);
        assertTrue(lasso.succeeded(), lasso.failure());
        System.out.println("credit data 5x2 CV AUC: lasso " + lasso.mean() + ", logistic " + logistic.mean());
        assertEquals(logistic.mean(), lasso.mean(), 0.005);
        assertEquals(0.83, lasso.mean(), 0.02);
    }

    @Test
    void fit_constantColumn_reportedAliasedWithZeroCoefficient() {
        Fixtures.Data d = Fixtures.wide(Task.REGRESSION, 100, 3, 5);
        double[] seven = new double[100];
        java.util.Arrays.fill(seven, 7.0);
        Fixtures.Data wider = Fixtures.withColumn(d,
                new NumericColumn("seven", seven));
        LinearScorer scorer = (LinearScorer) new ElasticNet().fit(wider.features(), wider.target()).scorer();
        assertTrue(scorer.aliased()[3]);
        assertEquals(0.0, scorer.coefficients()[3]);
    }

    @Test
    void fit_oneClassOnly_rejectedNamingTheClass() {
        Frame f = new Frame(List.of(new NumericColumn("x", new double[] {1, 2, 3})));
        Target y = new Target(TargetInfo.classification("default", "yes", "no"), new double[] {0, 0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ElasticNet().fit(f, y));
        assertTrue(e.getMessage().contains("all 3 are no"), e.getMessage());
    }

    @Test
    void fit_tooFewRowsToCrossValidate_interceptOnly() {
        Frame f = new Frame(List.of(new NumericColumn("x", new double[] {1, 2, 3, 4})));
        Target y = new Target(TargetInfo.classification("default", "yes", "no"), new double[] {0, 0, 0, 1});
        LinearScorer scorer = (LinearScorer) new ElasticNet().fit(f, y).scorer();
        assertEquals(0.0, scorer.coefficients()[0]);
        assertEquals(Math.log(0.25 / 0.75), scorer.intercept(), 1e-12);
        assertEquals(0.0, scorer.inference().fit().get("cv_folds"));
    }

    @Test
    void learner_declaresLassoOnRungTwo() {
        ElasticNet l = new ElasticNet();
        assertEquals("lasso", l.family());
        assertEquals(2, l.rung());
        assertEquals(EnumSet.of(Capability.CLASSIFICATION, Capability.REGRESSION, Capability.EXPLAINABLE),
                l.capabilities());
        assertTrue(ElasticNet.pipeline().capabilities().containsAll(
                EnumSet.of(Capability.MISSING_VALUES, Capability.CATEGORICAL_INPUT)));
    }

    @Test
    void options_badValues_messageNamesOptionAndValue() {
        Options d = Options.defaults();
        assertMessage("alpha must be in [0, 1]: 2.0", () -> d.withAlpha(2.0));
        assertMessage("alpha must be in [0, 1]: NaN", () -> d.withAlpha(Double.NaN));
        assertMessage("pathLength must be >= 2: 1", () -> d.withPathLength(1));
        assertMessage("lambdaMinRatio must be in (0, 1) or null: 0.0", () -> d.withLambdaMinRatio(0.0));
        assertMessage("lambdaMinRatio must be in (0, 1) or null: 1.0", () -> d.withLambdaMinRatio(1.0));
        assertMessage("innerFolds must be >= 2: 1", () -> d.withInnerFolds(1));
        assertMessage("convergenceThreshold must be in (0, 1): 0.0", () -> d.withConvergenceThreshold(0.0));
        assertMessage("maxIterations must be >= 1: 0", () -> d.withMaxIterations(0));
        assertThrows(NullPointerException.class, () -> d.withLambdaRule(null));
    }

    @Test
    void fitPath_increasingLambdas_rejectedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ElasticNet().fitPath(hadamard(), hadamardResponse(), new double[] {1.0, 2.0}));
        assertTrue(e.getMessage().contains("lambda 2 is 2.0"), e.getMessage());
    }

    private static void assertMessage(String expected, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertEquals(expected, e.getMessage());
    }

    /** credit_data as a user's fit sees it, target Status = bad. */
    private record CreditRows(Frame features, Target target) {
        static CreditRows load() {
            LabelledData d = LabelledData.of(TestDatasets.load("credit_data.csv"), "Status", Task.CLASSIFICATION,
                    "bad", List.of());
            return new CreditRows(d.features(), d.target());
        }
    }
}
