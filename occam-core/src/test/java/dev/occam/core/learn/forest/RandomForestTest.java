package dev.occam.core.learn.forest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.Folds;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Fixtures;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RandomForestTest {

    private static LabelledData credit() {
        return LabelledData.of(TestDatasets.load("credit_data.csv"), "Status", Task.CLASSIFICATION, "bad", List.of());
    }

    /**
     * scikit-learn 1.2.1's RandomForestClassifier gets 0.823 on the same 5x2 CV (the ladder's reference run);
     * this must come within 0.02 of it. To keep the test short it grows 100 trees instead of the default
     * 300, with every other option at its default; measured: 100 trees 0.822, 300 trees 0.826, 500 trees
     * 0.826.
     */
    @Test
    void fit_creditData5x2Cv_aucAtLeast0803() {
        LabelledData d = credit();
        RandomForest forest = new RandomForest(RandomForest.Options.defaults().withTrees(100));
        Evaluation e = CrossValidation.evaluate(forest, d.features(), d.target(),
                Folds.repeatedKFold(42, d.target().size(), 5, 2, d.target().values()), Metric.AUC, null, null);
        assertTrue(e.succeeded(), e.failure());
        assertTrue(e.mean() >= 0.803, "AUC " + e.mean());
    }

    @Test
    void fit_sameSeedTwice_sameModelJson_otherSeedOtherModel() {
        Fixtures.Data d = Fixtures.easy(Task.CLASSIFICATION, 300, 1);
        RandomForest forest = new RandomForest(RandomForest.Options.defaults().withTrees(20));
        Model a = forest.fit(d.features(), d.target());
        assertEquals(ModelFile.toJson(a, null), ModelFile.toJson(forest.fit(d.features(), d.target()), null));
        Model other = new RandomForest(forest.options().withSeed(7)).fit(d.features(), d.target());
        assertNotEquals(ModelFile.toJson(a, null), ModelFile.toJson(other, null));
    }

    @Test
    void fit_creditData_meanOfTreesWithNodeCountAsParameters() {
        LabelledData d = credit();
        Model m = new RandomForest(RandomForest.Options.defaults().withTrees(10)).fit(d.features(), d.target());
        TreeEnsembleScorer scorer = (TreeEnsembleScorer) m.scorer();
        assertEquals(TreeEnsembleScorer.Combination.MEAN, scorer.combination());
        assertEquals(10, scorer.trees().size());
        long nodes = 0;
        for (TreeEnsembleScorer.Tree t : scorer.trees()) {
            nodes += t.size();
            // Unpruned trees with min leaf size 1: every leaf is pure or cannot be split further.
            assertTrue(t.leafCount() > 100, "leaves " + t.leafCount());
            // In-bag rows with repeats: the root holds n draws.
            assertEquals(d.target().size(), t.cover(0));
        }
        assertEquals(nodes, m.parameterCount());
        assertTrue(m.describe().contains("10 trees, score = mean of the trees' leaf values"), m.describe());
        double[] x = d.features().row(0);
        double mean = 0;
        for (TreeEnsembleScorer.Tree t : scorer.trees()) {
            mean += t.value(t.leafOf(x, TreeEnsembleScorer.Precision.FLOAT64));
        }
        assertEquals(mean / 10, m.score(x), 1e-15);
    }

    @Test
    void featuresPerSplit_byTask_breimanDefaults() {
        RandomForest forest = new RandomForest();
        assertEquals(3, forest.featuresPerSplit(13, true), "floor(sqrt(13))");
        assertEquals(4, forest.featuresPerSplit(13, false), "floor(13 / 3)");
        assertEquals(1, forest.featuresPerSplit(1, true));
        assertEquals(1, forest.featuresPerSplit(2, false), "at least one");
        assertEquals(31, forest.featuresPerSplit(1000, true));
        RandomForest five = new RandomForest(RandomForest.Options.defaults().withFeaturesPerSplit(5));
        assertEquals(5, five.featuresPerSplit(13, true));
        assertEquals(2, five.featuresPerSplit(2, true), "never more than there are");
    }

    @Test
    void fit_regression_leavesHoldAtLeastFiveDraws() {
        Fixtures.Data d = Fixtures.easy(Task.REGRESSION, 400, 2);
        Model m = new RandomForest(RandomForest.Options.defaults().withTrees(5)).fit(d.features(), d.target());
        for (TreeEnsembleScorer.Tree t : ((TreeEnsembleScorer) m.scorer()).trees()) {
            for (int i = 0; i < t.size(); i++) {
                if (t.isLeaf(i)) {
                    assertTrue(t.cover(i) >= 5, "leaf " + i + " holds " + t.cover(i));
                }
            }
        }
    }

    @Test
    void fit_pureNoiseFeatureBesideSignal_signalSplitsMost() {
        Fixtures.Data d = Fixtures.wide(Task.CLASSIFICATION, 500, 4, 3);
        // At the task's default mtry (untuned): the split search's preference is the subject here.
        Model m = new RandomForest(RandomForest.Options.defaults().withTrees(30).withTuningTrees(0))
                .fit(d.features(), d.target());
        String text = m.describe();
        assertTrue(text.indexOf("f0:") < text.indexOf("f3:"), text);
    }

    @Test
    void fit_tunedMtry_isTheForestGrownWithTheChosenValue() {
        Fixtures.Data d = Fixtures.wide(Task.CLASSIFICATION, 600, 12, 5);
        RandomForest tuned = new RandomForest(RandomForest.Options.defaults().withTrees(40));
        int chosen = tuned.chooseFeaturesPerSplit(d.features(), d.target());
        // floor(sqrt(12)) = 3, tried at half, once and twice.
        assertTrue(java.util.Set.of(2, 3, 6).contains(chosen), "chosen " + chosen);
        Model a = tuned.fit(d.features(), d.target());
        Model b = new RandomForest(RandomForest.Options.defaults().withTrees(40).withFeaturesPerSplit(chosen))
                .fit(d.features(), d.target());
        for (int i = 0; i < d.features().rows(); i++) {
            assertEquals(Double.doubleToLongBits(b.score(d.features().row(i))),
                    Double.doubleToLongBits(a.score(d.features().row(i))), "row " + i);
        }
    }

    @Test
    void chooseFeaturesPerSplit_oneSignalAmongNoise_examinesMore() {
        // y depends on x0 alone among 18 columns: a split that examines more columns finds x0 more often, so the
        // out-of-bag error falls as mtry rises and the largest value tried (2 x 18 / 3 = 12) wins.
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        int n = 800;
        int p = 18;
        List<dev.occam.runtime.data.Column> columns = new java.util.ArrayList<>();
        double[][] x = new double[p][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[j][i] = r.nextGaussian();
            }
            y[i] = 3 * x[0][i] + 0.1 * r.nextGaussian();
        }
        for (int j = 0; j < p; j++) {
            columns.add(new NumericColumn("x" + j, x[j]));
        }
        Frame features = new Frame(columns);
        dev.occam.core.data.Target target = Fixtures.target(Task.REGRESSION, y);
        assertEquals(12, new RandomForest().chooseFeaturesPerSplit(features, target));
        assertEquals(6, new RandomForest(RandomForest.Options.defaults().withTuningTrees(0))
                .chooseFeaturesPerSplit(features, target), "tuning_trees 0: the task's default");
        assertEquals(4, new RandomForest(RandomForest.Options.defaults().withFeaturesPerSplit(4))
                .chooseFeaturesPerSplit(features, target), "a value given is kept");
    }

    @Test
    void options_negativeTuningTrees_refusedWithTheValue() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RandomForest.Options.defaults().withTuningTrees(-1));
        assertTrue(e.getMessage().contains("tuningTrees must be >= 0 (0 does not tune): -1"), e.getMessage());
    }

    @Test
    void fit_badInput_rejectedWithTheReason() {
        Frame empty = new Frame(List.of(new NumericColumn("x", new double[0])));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RandomForest().fit(empty, Fixtures.target(Task.CLASSIFICATION, new double[0])));
        assertEquals("cannot fit a random forest on zero rows", e.getMessage());
        Fixtures.Data d = Fixtures.easy(Task.CLASSIFICATION, 10, 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> new RandomForest().fit(d.features(), Fixtures.target(Task.CLASSIFICATION, new double[3])));
        assertEquals("features have 10 rows, the target has 3", e.getMessage());
    }

    @Test
    void options_badValues_rejectedNamingOptionAndValue() {
        RandomForest.Options d = RandomForest.Options.defaults();
        assertEquals("trees must be >= 1: 0",
                assertThrows(IllegalArgumentException.class, () -> d.withTrees(0)).getMessage());
        assertEquals("featuresPerSplit must be >= 0 (0 chooses by task): -1",
                assertThrows(IllegalArgumentException.class, () -> d.withFeaturesPerSplit(-1)).getMessage());
        assertEquals("minLeaf must be >= 0 (0 chooses by task): -2",
                assertThrows(IllegalArgumentException.class, () -> d.withMinLeaf(-2)).getMessage());
        assertEquals("sampleSize must be >= 0 (0 chooses by size): -1",
                assertThrows(IllegalArgumentException.class, () -> d.withSampleSize(-1)).getMessage());
    }

    /**
     * Each tree's root covers its bootstrap sample's draws: n below the cap (Breiman's bootstrap, every table up to
     * {@link RandomForest.Options#LARGE_SAMPLE} rows unchanged), the option when given, and the cap above it.
     */
    @Test
    void fit_sampleSize_eachTreeDrawsThatManyRows() {
        Fixtures.Data d = Fixtures.easy(Task.CLASSIFICATION, 400, 1);
        RandomForest.Options few = RandomForest.Options.defaults().withTrees(5).withTuningTrees(0);
        for (int size : new int[] {0, 100, 1_000}) {
            Model m = new RandomForest(few.withSampleSize(size)).fit(d.features(), d.target());
            for (TreeEnsembleScorer.Tree tree : ((TreeEnsembleScorer) m.scorer()).trees()) {
                assertEquals(size == 100 ? 100.0 : 400.0, tree.cover(0), "sample_size " + size);
            }
        }
        int cap = RandomForest.Options.LARGE_SAMPLE;
        RandomForest forest = new RandomForest();
        assertEquals(4_454, forest.sampleSize(4_454));
        assertEquals(cap, forest.sampleSize(cap));
        assertEquals(cap, forest.sampleSize(200_000));
        assertEquals(30_000, new RandomForest(few.withSampleSize(30_000)).sampleSize(200_000));
    }

    /** Leaves of one row for two classes up to the cap, of {@link RandomForest.Options#LARGE_TABLE_MIN_LEAF} above; a given size is kept. */
    @Test
    void minLeaf_byTaskAndSize() {
        int cap = RandomForest.Options.LARGE_SAMPLE;
        RandomForest forest = new RandomForest();
        assertEquals(1, forest.minLeaf(true, cap));
        assertEquals(RandomForest.Options.LARGE_TABLE_MIN_LEAF, forest.minLeaf(true, cap + 1));
        assertEquals(5, forest.minLeaf(false, 100));
        assertEquals(5, forest.minLeaf(false, cap + 1));
        assertEquals(2, new RandomForest(RandomForest.Options.defaults().withMinLeaf(2)).minLeaf(true, cap + 1));
    }

    /** Below the cap the default forest is the forest of a sample of n draws given explicitly, to the bit. */
    @Test
    void fit_smallTableDefaultSample_identicalToExplicitBootstrapOfN() {
        Fixtures.Data d = Fixtures.easy(Task.CLASSIFICATION, 300, 1);
        RandomForest.Options few = RandomForest.Options.defaults().withTrees(10);
        Model auto = new RandomForest(few).fit(d.features(), d.target());
        Model explicit = new RandomForest(few.withSampleSize(300)).fit(d.features(), d.target());
        assertEquals(ModelFile.toJson(auto, null), ModelFile.toJson(explicit, null));
    }

    @Test
    void learner_declared_familyRungCapabilitiesDefaults() {
        RandomForest forest = new RandomForest();
        assertEquals("random-forest", forest.family());
        assertEquals(4, forest.rung());
        assertEquals(EnumSet.of(Capability.CLASSIFICATION, Capability.REGRESSION, Capability.MULTICLASS,
                Capability.MISSING_VALUES, Capability.CATEGORICAL_INPUT, Capability.MONOTONE_CONSTRAINTS),
                forest.capabilities());
        assertEquals(new RandomForest.Options(300, 0, 0, 42L, 60, 0), forest.options());
        assertEquals(Optional.empty(), forest.unavailableReason());
    }
}
