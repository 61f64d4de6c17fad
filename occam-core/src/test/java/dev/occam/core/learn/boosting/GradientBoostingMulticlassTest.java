package dev.occam.core.learn.boosting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.occam.core.learn.IrisSplit;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.MulticlassScorer;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;

/**
 * Boosting on R's iris (three classes, {@code multi:softprob}), every third row held out: the converted model
 * reproduces XGBoost's own {@code Booster.predict} probabilities, and it learns.
 */
class GradientBoostingMulticlassTest {

    private static final IrisSplit IRIS = new IrisSplit();

    @Test
    void toClassScorer_iris_equalsXgboostPredictProbabilitiesWithin1e6() throws Exception {
        // A fixed 100 rounds (no early stopping), so that the tree count below is known.
        Booster booster = XGBoostTrainer.train(IRIS.trainFeatures, IRIS.trainTarget,
                GradientBoosting.Options.defaults().withRounds(100).withEarlyStopping(0));
        try {
            MulticlassScorer scorer = XGBoostModels.toClassScorer(booster.toByteArray("json"),
                    IRIS.trainFeatures.schema());
            assertEquals(3, scorer.components().size());
            for (var c : scorer.components()) {
                // 100 rounds, one tree per class each.
                assertEquals(100, ((TreeEnsembleScorer) c).trees().size());
            }
            double max = 0;
            for (Frame f : new Frame[] {IRIS.trainFeatures, IRIS.testFeatures}) {
                DMatrix m = XGBoostTrainer.matrix(f);
                try {
                    float[][] expected = booster.predict(m);
                    for (int i = 0; i < f.rows(); i++) {
                        double[] p = scorer.scoreClasses(f.row(i));
                        assertEquals(3, expected[i].length);
                        for (int k = 0; k < 3; k++) {
                            max = Math.max(max, Math.abs(p[k] - expected[i][k]));
                        }
                    }
                } finally {
                    m.dispose();
                }
            }
            // Same float32 margins; XGBoost's softmax is in float (rounding about 6e-8), Occam's in double.
            assertTrue(max <= 1e-6, "max difference from XGBoost " + max);
        } finally {
            booster.dispose();
        }
    }

    /**
     * Three classes of 75%, 20% and 5% on a noise feature, weighed by XGBoost's row weights n / (K n_c): the rare
     * class's mean probability moves from its share, about 0.05, towards 1/3 (multi:softprob has no
     * scale_pos_weight; the row weights play its part).
     */
    @Test
    void fit_balancedClasses_rareClassMeanProbabilityRisesTowardsOneThird() {
        assumeTrue(XGBoostAvailability.reason().isEmpty());
        Frame frame = GradientBoostingTest.noise(1000);
        double[] y = new double[frame.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 20 == 0 ? 2 : i % 5 == 1 ? 1 : 0;
        }
        dev.occam.core.data.Target target = new dev.occam.core.data.Target(
                dev.occam.runtime.TargetInfo.multiclass("k", java.util.List.of("p", "q", "r")), y);
        // 300 rounds without early stopping: the margins converge from XGBoost's equal start to the priors.
        GradientBoosting.Options fixed = GradientBoosting.Options.defaults().withRounds(300).withEarlyStopping(0)
                .withMaxDepth(2);
        double plain = meanProbability(new GradientBoosting(fixed).fit(frame, target), frame, 2);
        double weighed = meanProbability(new GradientBoosting(fixed).withBalancedClasses().fit(frame, target), frame,
                2);
        assertEquals(0.05, plain, 0.015);
        assertTrue(weighed > 0.2, "weighed mean probability of the rare class " + weighed);
        // With early stopping (the default), on the pipeline the ladder builds for class_weight: balanced.
        double piped = meanProbability(GradientBoosting.pipeline(GradientBoosting.Options.defaults(),
                java.util.Map.of(), true).fit(frame, target), frame, 2);
        double pipedPlain = meanProbability(GradientBoosting.pipeline(GradientBoosting.Options.defaults(),
                java.util.Map.of(), false).fit(frame, target), frame, 2);
        assertTrue(pipedPlain < 0.1, "unweighted, early stopped: " + pipedPlain);
        assertTrue(piped > 0.2, "weighed, early stopped: " + piped);
    }

    private static double meanProbability(Model m, Frame x, int k) {
        double sum = 0;
        for (double[] p : m.scoreClasses(x)) {
            sum += p[k];
        }
        return sum / x.rows();
    }

    @Test
    void fit_iris_learnsWithProbabilitiesSummingToOne() {
        Model m = GradientBoosting.pipeline().fit(IRIS.trainFeatures, IRIS.trainTarget);
        double accuracy = IRIS.heldOutAccuracy(m);
        assertTrue(accuracy > 0.9, "held-out accuracy " + accuracy);
        assertEquals(3, m.scorer().classCount());
    }
}
