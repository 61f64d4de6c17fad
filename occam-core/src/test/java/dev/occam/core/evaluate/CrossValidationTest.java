package dev.occam.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    private static final int N = 240;
    private static final Frame X;
    private static final Target Y;

    static {
        SplittableRandom r = new SplittableRandom(5);
        double[] a = new double[N];
        double[] b = new double[N];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian();
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-2 * a[i] - b[i])) ? 1 : 0;
        }
        X = new Frame(List.of(new NumericColumn("a", a), new NumericColumn("b", b)));
        Y = new Target(TargetInfo.classification("y", "yes", "no"), y);
    }

    private static final List<Fold> FOLDS = Folds.repeatedKFold(2, N, 4, 2, Y.values());

    @Test
    void evaluateKeepingModels_foldModels_scoreTheHeldOutRowsAsTheEvaluationDid() {
        CrossValidation.Evaluated e = CrossValidation.evaluateKeepingModels(new DecisionTree(), X, Y, FOLDS,
                Metric.AUC, null, null, Runnable::run);
        FoldModels models = e.models();
        assertEquals(FOLDS.size(), models.size());
        HeldOutScores heldOut = e.evaluation().heldOut();
        for (int f = 0; f < models.size(); f++) {
            Fold fold = models.fold(f);
            assertEquals(FOLDS.get(f), fold);
            double[] scores = models.model(f).score(X.select(fold.test()));
            int[] test = fold.test();
            for (int j = 0; j < test.length; j++) {
                assertEquals(heldOut.score(fold.repeat(), test[j]), scores[j], 0.0);
                assertEquals(heldOut.threshold(fold.repeat(), test[j]), models.model(f).threshold(), 0.0);
            }
            assertEquals(e.evaluation().folds().get(f).value(),
                    Metric.AUC.compute(Y.select(fold.test()).values(), scores, models.model(f).threshold()), 0.0);
        }
    }

    @Test
    void evaluateAsync_onAPool_sameEvaluationAsInline() {
        Evaluation inline = CrossValidation.evaluate(new DecisionTree(), X, Y, FOLDS, Metric.AUC, null, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CrossValidation.Evaluated pooled = CrossValidation.evaluateAsync(new DecisionTree(), X, Y, FOLDS,
                    Metric.AUC, null, null, pool).join();
            assertArrayEquals(inline.values(), pooled.evaluation().values(), 0.0);
            assertEquals(inline.heldOut(), pooled.evaluation().heldOut());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evaluateKeepingModels_failingFold_noModelsAndTheFirstFailureNamed() {
        Learner failing = new Learner() {
            @Override
            public String family() {
                return "tree";
            }

            @Override
            public int rung() {
                return 3;
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }

            @Override
            public Model fit(Frame features, Target target) {
                throw new IllegalArgumentException("no fit on " + features.rows() + " rows");
            }
        };
        CrossValidation.Evaluated e = CrossValidation.evaluateKeepingModels(failing, X, Y, FOLDS, Metric.AUC, null,
                null, Runnable::run);
        assertNull(e.models());
        assertEquals("fold 1 of repeat 1: no fit on 180 rows", e.evaluation().failure());
    }
}
