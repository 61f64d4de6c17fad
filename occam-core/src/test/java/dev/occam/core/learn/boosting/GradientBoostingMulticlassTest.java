package dev.occam.core.learn.boosting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void fit_iris_learnsWithProbabilitiesSummingToOne() {
        Model m = GradientBoosting.pipeline().fit(IRIS.trainFeatures, IRIS.trainTarget);
        double accuracy = IRIS.heldOutAccuracy(m);
        assertTrue(accuracy > 0.9, "held-out accuracy " + accuracy);
        assertEquals(3, m.scorer().classCount());
    }
}
