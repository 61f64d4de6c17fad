package dev.occam.core.learn.boosting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.Folds;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Fixtures;
import dev.occam.core.learn.Pipeline;
import dev.occam.core.prepare.Frames;
import dev.occam.core.prepare.IndicatorEncoder;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.prep.IndicatorEncoding;
import dev.occam.runtime.scorer.LinearScorer.Link;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;

class GradientBoostingTest {

    /**
     * The largest |pure Java - XGBoost| allowed. Comparisons and sums are the same float operations, so only
     * the link differs: XGBoost's sigmoid is computed in float (rounding about 6e-8), ours in double.
     */
    private static final double XGBOOST_TOLERANCE = 1e-6;

    private static LabelledData credit() {
        return LabelledData.of(TestDatasets.load("credit_data.csv"), "Status", Task.CLASSIFICATION, "bad", List.of());
    }

    /** The frame the boosting learner sees inside its pipeline: every level one-hot, missing kept. */
    private static Frame encoded(Frame raw) {
        return Frames.apply(new IndicatorEncoding(raw.schema(), false), raw);
    }

    /**
     * Trains a booster on the first rows, then returns max |scorer - booster.predict| over every row (trained
     * on and held out).
     */
    private static double maxDifferenceFromXgboost(Frame features, Target target, int trainRows,
            GradientBoosting.Options options) throws Exception {
        int[] train = new int[trainRows];
        for (int i = 0; i < trainRows; i++) {
            train[i] = i;
        }
        Frame trainX = features.select(train);
        Booster booster = XGBoostTrainer.train(trainX, target.select(train), options);
        DMatrix all = XGBoostTrainer.matrix(features);
        try {
            TreeEnsembleScorer scorer = XGBoostModels.toScorer(booster.toByteArray("json"), trainX.schema());
            assertEquals(TreeEnsembleScorer.Precision.FLOAT32, scorer.precision());
            float[][] expected = booster.predict(all);
            double max = 0;
            for (int i = 0; i < features.rows(); i++) {
                max = Math.max(max, Math.abs(scorer.score(features.row(i)) - expected[i][0]));
            }
            return max;
        } finally {
            all.dispose();
            booster.dispose();
        }
    }

    private static int rowsWithMissing(Frame f) {
        int count = 0;
        for (int i = 0; i < f.rows(); i++) {
            for (double v : f.row(i)) {
                if (Double.isNaN(v)) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    // ---- the pure-Java scorer reproduces XGBoost ----

    @Test
    void score_creditData_equalsXgboostPredictWithin1e6() throws Exception {
        LabelledData d = credit();
        Frame x = encoded(d.features());
        assertTrue(rowsWithMissing(x) > 0, "credit_data has missing values to route");
        double max = maxDifferenceFromXgboost(x, d.target(), 3000, GradientBoosting.Options.defaults());
        assertTrue(max <= XGBOOST_TOLERANCE, "max difference " + max);
    }

    @Test
    void score_deepTreesManyRounds_equalsXgboostPredictWithin1e6() throws Exception {
        LabelledData d = credit();
        Frame x = encoded(d.features());
        GradientBoosting.Options deep = GradientBoosting.Options.defaults().withMaxDepth(8).withRounds(300)
                .withLearningRate(0.3).withMinChildWeight(0);
        double max = maxDifferenceFromXgboost(x, d.target(), 3000, deep);
        assertTrue(max <= XGBOOST_TOLERANCE, "max difference " + max);
    }

    @Test
    void score_regressionFixture_equalsXgboostPredictWithin1e6() throws Exception {
        Fixtures.Data d = Fixtures.easy(Task.REGRESSION, 800, 21);
        Frame x = encoded(d.features());
        assertTrue(rowsWithMissing(x) > 0);
        double max = maxDifferenceFromXgboost(x, d.target(), 600, GradientBoosting.Options.defaults());
        assertTrue(max <= XGBOOST_TOLERANCE, "max difference " + max);
    }

    @Test
    void fit_pipeline_scoresRawRowsThroughOneHotEncoding() {
        LabelledData d = credit();
        Model m = GradientBoosting.pipeline().fit(d.features(), d.target());
        assertEquals("boosting", m.family());
        assertEquals(1, m.preparation().size());
        TreeEnsembleScorer scorer = (TreeEnsembleScorer) m.scorer();
        // Early stopping chose the rounds (at most 1,000) and the depth (3 or 6) on an inner validation split.
        int rounds = scorer.trees().size();
        assertTrue(rounds >= 1 && rounds < 1000, "rounds " + rounds);
        assertEquals(Link.LOGIT, scorer.link());
        long nodes = 0;
        int deepest = 0;
        for (TreeEnsembleScorer.Tree t : scorer.trees()) {
            nodes += t.size();
            deepest = Math.max(deepest, t.depth());
        }
        assertTrue(deepest <= 6, "depth " + deepest);
        assertEquals(nodes, m.parameterCount());
        for (double s : m.score(d.features())) {
            assertTrue(s > 0 && s < 1, "probability " + s);
        }
    }

    // ---- accuracy on a real problem ----

    /**
     * scikit-learn 1.2.1's HistGradientBoostingClassifier gets 0.819 on the same 5x2 CV (the ladder's
     * reference run); this must come within 0.02 of it.
     */
    @Test
    void fit_creditData5x2Cv_aucAtLeast0799() {
        LabelledData d = credit();
        Evaluation e = CrossValidation.evaluate(GradientBoosting.pipeline(), d.features(), d.target(),
                Folds.repeatedKFold(42, d.target().size(), 5, 2, d.target().values()), Metric.AUC, null, null);
        assertTrue(e.succeeded(), e.failure());
        assertTrue(e.mean() >= 0.799, "AUC " + e.mean());
    }

    // ---- determinism and options ----

    @Test
    void fit_sameSeedTwice_sameModelJson() {
        Fixtures.Data d = Fixtures.easy(Task.CLASSIFICATION, 500, 3);
        GradientBoosting.Options o = GradientBoosting.Options.defaults().withSubsample(0.7).withThreads(2);
        Pipeline learner = GradientBoosting.pipeline(o);
        assertEquals(ModelFile.toJson(learner.fit(d.features(), d.target()), null),
                ModelFile.toJson(learner.fit(d.features(), d.target()), null));
        Model other = GradientBoosting.pipeline(o.withSeed(7)).fit(d.features(), d.target());
        assertFalse(ModelFile.toJson(other, null).equals(ModelFile.toJson(learner.fit(d.features(), d.target()), null)),
                "a subsample with another seed grows other trees");
    }

    @Test
    void options_badValues_rejectedNamingOptionAndValue() {
        GradientBoosting.Options d = GradientBoosting.Options.defaults();
        assertEquals("rounds must be >= 1: 0",
                assertThrows(IllegalArgumentException.class, () -> d.withRounds(0)).getMessage());
        assertEquals("learningRate must be in (0, 1]: 0.0",
                assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(0)).getMessage());
        assertEquals("learningRate must be in (0, 1]: NaN",
                assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(Double.NaN)).getMessage());
        assertEquals("maxDepth must be in [1, 16], or 0 to choose among depths: -1",
                assertThrows(IllegalArgumentException.class, () -> d.withMaxDepth(-1)).getMessage());
        assertEquals("minChildWeight must be a finite number >= 0: -1.0",
                assertThrows(IllegalArgumentException.class, () -> d.withMinChildWeight(-1)).getMessage());
        assertEquals("lambda must be a finite number >= 0: Infinity",
                assertThrows(IllegalArgumentException.class, () -> d.withLambda(Double.POSITIVE_INFINITY))
                        .getMessage());
        assertEquals("subsample must be in (0, 1]: 1.5",
                assertThrows(IllegalArgumentException.class, () -> d.withSubsample(1.5)).getMessage());
        assertEquals("threads must be in [1, 64]: 0",
                assertThrows(IllegalArgumentException.class, () -> d.withThreads(0)).getMessage());
        assertEquals("seed must be >= 0: -1",
                assertThrows(IllegalArgumentException.class, () -> d.withSeed(-1)).getMessage());
    }

    @Test
    void learner_declared_familyRungAndCapabilities() {
        GradientBoosting b = new GradientBoosting();
        assertEquals("boosting", b.family());
        assertEquals(4, b.rung());
        assertEquals(EnumSet.of(Capability.CLASSIFICATION, Capability.REGRESSION, Capability.MULTICLASS,
                Capability.MISSING_VALUES, Capability.MONOTONE_CONSTRAINTS),
                b.capabilities());
        assertEquals(EnumSet.of(Capability.CLASSIFICATION, Capability.REGRESSION, Capability.MULTICLASS,
                Capability.MISSING_VALUES, Capability.CATEGORICAL_INPUT, Capability.MONOTONE_CONSTRAINTS),
                GradientBoosting.pipeline().capabilities());
    }

    @Test
    void fit_categoricalColumnWithoutPipeline_rejectedNamingColumn() {
        Fixtures.Data d = Fixtures.easy(Task.CLASSIFICATION, 100, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GradientBoosting().fit(d.features(), d.target()));
        assertTrue(e.getMessage().contains("'group' is categorical"), e.getMessage());
    }

    /** y rises then falls in x (a hump); held increasing, the fitted score never falls as x grows. */
    @Test
    void fit_monotoneIncreasing_scoreNeverFallsAlongTheColumn() {
        assumeTrue(XGBoostAvailability.reason().isEmpty());
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int n = 400;
        double[] x = new double[n];
        double[] z = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-2, 2);
            z[i] = r.nextDouble(-1, 1);
            y[i] = -x[i] * x[i] + x[i] + z[i] + 0.1 * r.nextGaussian();
        }
        Frame frame = new Frame(List.of(new NumericColumn("x", x), new NumericColumn("z", z)));
        Target target = Fixtures.target(Task.REGRESSION, y);
        Model free = new GradientBoosting().fit(frame, target);
        Model held = new GradientBoosting().withMonotone(java.util.Map.of("x", 1)).fit(frame, target);
        double[] grid = new double[41];
        double[] zero = new double[41];
        for (int k = 0; k < grid.length; k++) {
            grid[k] = -2 + k * 0.1;
        }
        Frame along = new Frame(List.of(new NumericColumn("x", grid), new NumericColumn("z", zero)));
        double[] heldScores = held.score(along);
        for (int k = 1; k < grid.length; k++) {
            assertTrue(heldScores[k] >= heldScores[k - 1], "falls at x = " + grid[k]);
        }
        double[] freeScores = free.score(along);
        // Without the constraint the hump is learnt: the score falls somewhere on the right.
        assertTrue(freeScores[grid.length - 1] < freeScores[25] - 0.5, "free model learnt no hump");
    }

    /** One column {@code x} of n standard normal draws (seed 2): a feature that predicts nothing. */
    static Frame noise(int n) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(2);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return new Frame(List.of(new NumericColumn("x", x)));
    }

    /** A 10% positive class weighed by 9: the mean training score moves from about 0.1 towards 0.5. */
    @Test
    void fit_balancedClasses_weighsThePositivesByNegativesOverPositives() {
        assumeTrue(XGBoostAvailability.reason().isEmpty());
        Frame frame = noise(1000);
        double[] y = new double[frame.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 10 == 0 ? 1 : 0;
        }
        Target target = Fixtures.target(Task.CLASSIFICATION, y);
        double plain = java.util.Arrays.stream(new GradientBoosting().fit(frame, target).score(frame)).average()
                .orElseThrow();
        double weighed = java.util.Arrays.stream(new GradientBoosting().withBalancedClasses().fit(frame, target)
                .score(frame)).average().orElseThrow();
        assertEquals(0.1, plain, 0.03);
        assertTrue(weighed > 0.35, "weighed mean score " + weighed);
    }

    @Test
    void fit_monotoneOnAMissingOrCategoricalColumn_refusedNamingIt() {
        Fixtures.Data d = Fixtures.easy(Task.CLASSIFICATION, 100, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientBoosting.pipeline(GradientBoosting.Options.defaults(), java.util.Map.of("group", 1))
                        .fit(d.features(), d.target()));
        assertTrue(e.getMessage().contains("cannot hold a monotone direction on 'group'"), e.getMessage());
    }

    @Test
    void fit_oneClassOnly_rejectedNamingTheClass() {
        Frame x = new Frame(List.of(new NumericColumn("x", new double[] {1, 2, 3})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GradientBoosting().fit(x, Fixtures.target(Task.CLASSIFICATION, new double[] {1, 1, 1})));
        assertEquals("boosting needs both classes of 'y' in the training rows; all 3 are 'yes'", e.getMessage());
    }

    @Test
    void firstLine_xgboostMessage_dropsNativeStackTrace() {
        assertEquals("[04:30:05] regression_loss.h:68: Check failed: base_score > 0.0f", XGBoostTrainer.firstLine(
                "[04:30:05] regression_loss.h:68: Check failed: base_score > 0.0f\nStack trace:\n  [bt] (0) x.so\n"));
    }

    @Test
    void fit_valuesBeyondFloatRange_clampedAndScored() {
        Fixtures.Data d = Fixtures.easy(Task.REGRESSION, 200, 5);
        double[] big = new double[200];
        for (int i = 0; i < big.length; i++) {
            big[i] = (i % 3 - 1) * 1e300;
        }
        Fixtures.Data wider = Fixtures.withColumn(d, new NumericColumn("big", big));
        Model m = GradientBoosting.pipeline().fit(wider.features(), wider.target());
        for (double s : m.score(wider.features())) {
            assertTrue(Double.isFinite(s));
        }
    }

    // ---- when XGBoost cannot run ----

    @Test
    void unavailableReason_onThisMachine_empty() {
        assertEquals(Optional.empty(), new GradientBoosting().unavailableReason());
        assertEquals(Optional.empty(), GradientBoosting.pipeline().unavailableReason());
    }

    @Test
    void probe_nativeLoadFails_reasonNamesTheCauseAndTheFix() {
        Optional<String> reason = XGBoostAvailability.probe(() -> {
            throw new UnsatisfiedLinkError("libgomp.so.1: cannot open shared object file: No such file or directory");
        });
        assertTrue(reason.isPresent());
        assertTrue(reason.get().contains("libgomp.so.1: cannot open shared object file"), reason.get());
        assertTrue(reason.get().contains("apt-get install libgomp1"), reason.get());
        Optional<String> wrapped = XGBoostAvailability.probe(() -> {
            throw new ExceptionInInitializerError(new RuntimeException("no native library for linux/riscv64"));
        });
        assertTrue(wrapped.orElseThrow().contains("no native library for linux/riscv64"), wrapped.get());
        assertTrue(XGBoostAvailability.probe(() -> {
            throw new NoClassDefFoundError("Could not initialize class ml.dmlc.xgboost4j.java.XGBoostJNI");
        }).isPresent());
        assertEquals(Optional.empty(), XGBoostAvailability.probe(() -> { }));
    }

    @Test
    void fit_xgboostUnavailable_throwsTheReasonAndLadderCanSkip() {
        String why = "XGBoost cannot run on this machine (linux/riscv64): UnsatisfiedLinkError: no library";
        GradientBoosting broken = new GradientBoosting(GradientBoosting.Options.defaults(), () -> Optional.of(why));
        Pipeline pipeline = new Pipeline(List.of(new IndicatorEncoder(false)), broken);
        assertEquals(Optional.of(why), pipeline.unavailableReason());
        Fixtures.Data d = Fixtures.easy(Task.CLASSIFICATION, 100, 6);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pipeline.fit(d.features(),
                d.target()));
        assertEquals(why, e.getMessage());
    }

    // ---- native resources ----

    /**
     * Every copy of the native library XGBoost extracts is loaded into this process, so the copies this
     * JVM wrote are the distinct XGBoost libraries in its memory map (Linux only; other JVMs on the machine
     * may extract their own copies, which a look at the temporary folder would count).
     */
    @Test
    void fit_manyTimes_extractsTheNativeLibraryOnce() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "needs Linux's /proc");
        Fixtures.Data d = Fixtures.easy(Task.CLASSIFICATION, 200, 8);
        for (int i = 0; i < 5; i++) {
            GradientBoosting.pipeline().fit(d.features(), d.target());
        }
        Set<String> libraries = new TreeSet<>();
        for (String line : Files.readAllLines(maps)) {
            int at = line.indexOf('/');
            if (at >= 0 && line.contains("xgboost4j")) {
                libraries.add(line.substring(at));
            }
        }
        assertEquals(1, libraries.size(), "XGBoost libraries loaded: " + libraries);
    }
}
