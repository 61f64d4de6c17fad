package dev.occam.core.learn.boosting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.learn.Fixtures;
import dev.occam.runtime.Model;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Early stopping and the depth grid on an inner validation split of the training rows. The held-out rows of each
 * check are never given to the fit.
 */
class GradientBoostingTuningTest {

    private static double rmse(Model m, LabelledData d, int[] rows) {
        double ss = 0;
        for (int i : rows) {
            double e = m.score(d.features().row(i)) - d.target().value(i);
            ss += e * e;
        }
        return Math.sqrt(ss / rows.length);
    }

    /**
     * diamonds (ggplot2 3.4.1, 53,940 rows, price), every fifth row held out. Measured (BoostingBench): the former
     * fixed defaults (100 rounds of depth 3 at 0.1) 746.4; XGBoost's own defaults (100 rounds of depth 6 at 0.3)
     * 558.8; the defaults now (early stopping 20, depth 3 or 6 at 0.1) 546.2, choosing depth 6.
     */
    @Test
    void fit_diamondsDefaults_rmseWithinTwoPercentOfXgboostDefaults() {
        assumeTrue(XGBoostAvailability.reason().isEmpty(), "XGBoost does not load here");
        LabelledData d = LabelledData.of(TestDatasets.load("diamonds.csv"), "price", Task.REGRESSION, null,
                List.of());
        int n = d.target().size();
        int[] train = IntStream.range(0, n).filter(i -> i % 5 != 0).toArray();
        int[] test = IntStream.range(0, n).filter(i -> i % 5 == 0).toArray();
        Frame x = d.features().select(train);
        Target y = d.target().select(train);
        double tuned = rmse(GradientBoosting.pipeline().fit(x, y), d, test);
        double xgboostDefaults = rmse(GradientBoosting.pipeline(new GradientBoosting.Options(100, 0.3, 6, 1, 1, 1, 1,
                42)).fit(x, y), d, test);
        double fixedBefore = rmse(GradientBoosting.pipeline(new GradientBoosting.Options(100, 0.1, 3, 1, 1, 1, 1, 42))
                .fit(x, y), d, test);
        assertTrue(tuned <= 1.02 * xgboostDefaults, "tuned " + tuned + ", XGBoost's defaults " + xgboostDefaults);
        assertTrue(tuned <= 0.8 * fixedBefore, "tuned " + tuned + ", fixed 100 x depth 3 " + fixedBefore);
    }

    @Test
    void tune_depthGrid_keepsTheDepthAndRoundsOfLeastValidationLoss() throws Exception {
        assumeTrue(XGBoostAvailability.reason().isEmpty(), "XGBoost does not load here");
        Fixtures.Data d = Fixtures.wide(Task.REGRESSION, 600, 4, 3);
        GradientBoosting.Options o = GradientBoosting.Options.defaults().withRounds(300).withDepths(List.of(1, 4));
        GradientBoosting.Options chosen = XGBoostTrainer.tune(d.features(), d.target(), o);
        assertTrue(List.of(1, 4).contains(chosen.maxDepth()), "depth " + chosen.maxDepth());
        assertTrue(chosen.rounds() >= 1 && chosen.rounds() <= 300, "rounds " + chosen.rounds());
        // The same options give the same choice (seeded split, one thread).
        assertEquals(chosen, XGBoostTrainer.tune(d.features(), d.target(), o));
        // A fit trains exactly the chosen rounds of the chosen depth on all its rows.
        TreeEnsembleScorer s = (TreeEnsembleScorer) new GradientBoosting(o).fit(d.features(), d.target()).scorer();
        assertEquals(chosen.rounds(), s.trees().size());
    }

    @Test
    void tune_givenMaxDepth_keptAndOnlyTheRoundsChosen() throws Exception {
        assumeTrue(XGBoostAvailability.reason().isEmpty(), "XGBoost does not load here");
        Fixtures.Data d = Fixtures.wide(Task.REGRESSION, 600, 4, 3);
        GradientBoosting.Options o = GradientBoosting.Options.defaults().withRounds(300).withMaxDepth(2);
        GradientBoosting.Options chosen = XGBoostTrainer.tune(d.features(), d.target(), o);
        assertEquals(2, chosen.maxDepth(), "a depth the use case gives is not overridden by the grid");
        TreeEnsembleScorer s = (TreeEnsembleScorer) new GradientBoosting(o).fit(d.features(), d.target()).scorer();
        assertEquals(chosen.rounds(), s.trees().size());
        for (TreeEnsembleScorer.Tree t : s.trees()) {
            assertTrue(t.depth() <= 2, "depth " + t.depth());
        }
    }

    @Test
    void tune_roundsCap_neverMoreRoundsThanAllowed() throws Exception {
        assumeTrue(XGBoostAvailability.reason().isEmpty(), "XGBoost does not load here");
        Fixtures.Data d = Fixtures.wide(Task.CLASSIFICATION, 400, 4, 3);
        GradientBoosting.Options o = GradientBoosting.Options.defaults().withRounds(5);
        assertTrue(XGBoostTrainer.tune(d.features(), d.target(), o).rounds() <= 5);
    }

    @Test
    void validationSplit_classes_fifthOfEachClassHeldOutDisjointAndSeeded() {
        double[] y = new double[100];
        for (int i = 0; i < 10; i++) {
            y[i * 10] = 1; // 10 positives, 90 negatives
        }
        Target target = Fixtures.target(Task.CLASSIFICATION, y);
        int[][] split = GradientBoosting.validationSplit(target, 42);
        assertEquals(80, split[0].length);
        assertEquals(20, split[1].length);
        assertEquals(2, Arrays.stream(split[1]).filter(i -> y[i] == 1).count(), "a fifth of the 10 positives");
        int[] all = IntStream.concat(Arrays.stream(split[0]), Arrays.stream(split[1])).sorted().toArray();
        assertTrue(Arrays.equals(IntStream.range(0, 100).toArray(), all), "every row once");
        assertTrue(Arrays.deepEquals(split, GradientBoosting.validationSplit(target, 42)), "seeded");
        assertTrue(!Arrays.deepEquals(split, GradientBoosting.validationSplit(target, 43)), "another seed, other rows");
    }

    @Test
    void options_badEarlyStoppingOrDepths_rejectedWithTheValue() {
        GradientBoosting.Options d = GradientBoosting.Options.defaults();
        assertEquals("earlyStopping must be >= 0 (0 trains every round): -1",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> d.withEarlyStopping(-1)).getMessage());
        assertEquals("maxDepth 0 chooses among depths, but depths is empty",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> d.withDepths(List.of())).getMessage());
        assertEquals("every one of depths must be in [1, 16]: [3, 17]",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> d.withDepths(List.of(3, 17))).getMessage());
    }
}
