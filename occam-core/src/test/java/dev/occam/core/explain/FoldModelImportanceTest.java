package dev.occam.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.occam.core.data.Target;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.FoldModels;
import dev.occam.core.evaluate.Folds;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Permutation importance read from the fold models cross-validation kept: nothing is refitted, and the numbers
 * are those of the former implementation, which refitted the learner once per fold.
 */
class FoldModelImportanceTest {

    /** Counts the fits of the learner it wraps; otherwise that learner. */
    static final class CountingLearner implements Learner {
        final Learner inner;
        final AtomicInteger fits = new AtomicInteger();

        CountingLearner(Learner inner) {
            this.inner = inner;
        }

        @Override
        public String family() {
            return inner.family();
        }

        @Override
        public int rung() {
            return inner.rung();
        }

        @Override
        public Set<Capability> capabilities() {
            return inner.capabilities();
        }

        @Override
        public Model fit(Frame features, Target target) {
            fits.incrementAndGet();
            return inner.fit(features, target);
        }
    }

    /**
     * Golden numbers (mean drop, sd; 30 losses each) printed by the refit-based
     * {@code PermutationImportance.crossValidated(Learner, ...)} at commit 5719751, before fold models were kept,
     * on {@code Fixtures.classification(300, 8)}, folds {@code Folds.repeatedKFold(3, 300, 5, 2, y)}, AUC,
     * 3 shuffles, seed 9. The fold fits are deterministic, so the kept models must reproduce them exactly.
     */
    private static final List<FeatureImportance> TREE_BEFORE = List.of(
            new FeatureImportance("x1", 0.31212121212121213, 0.07986506903597762, 30),
            new FeatureImportance("x2", 0.015806210250654682, 0.015619164164025482, 30),
            new FeatureImportance("x3", 0.005387205387205388, 0.013848521374466856, 30));
    private static final List<FeatureImportance> LOGISTIC_BEFORE = List.of(
            new FeatureImportance("x1", 0.33774784885896, 0.0763659286712106, 30),
            new FeatureImportance("x2", 0.028133183688739245, 0.026095569569670362, 30),
            new FeatureImportance("x3", 0.0010849233071455282, 0.00619992953259316, 30));

    /** The tree the golden numbers were printed with: rpart's class risk, the default until the rare-event fix. */
    private static final DecisionTree RPART_CLASS_TREE = new DecisionTree(
            DecisionTree.Options.defaults().withClassRisk(DecisionTree.ClassRisk.MISCLASSIFIED));

    private static final Fixtures.Data DATA = Fixtures.classification(300, 8);
    private static final List<Fold> FOLDS = Folds.repeatedKFold(3, 300, 5, 2, DATA.target().values());

    private static FoldModels keptModels(Learner learner) {
        CrossValidation.Evaluated evaluated = CrossValidation.evaluateKeepingModels(learner, DATA.features(),
                DATA.target(), FOLDS, Metric.AUC, null, null, Runnable::run);
        assertNotNull(evaluated.models(), evaluated.evaluation().failure());
        return evaluated.models();
    }

    @Test
    void crossValidated_keptFoldModels_noRefitAndNumbersOfTheRefit() {
        for (var c : List.of(new Object[] {RPART_CLASS_TREE, TREE_BEFORE},
                new Object[] {LogisticRegression.pipeline(), LOGISTIC_BEFORE})) {
            CountingLearner learner = new CountingLearner((Learner) c[0]);
            FoldModels models = keptModels(learner);
            assertEquals(FOLDS.size(), learner.fits.get(), "one fit per fold in the evaluation");
            List<FeatureImportance> importance = PermutationImportance.crossValidated(models, DATA.features(),
                    DATA.target(), Metric.AUC, 3, 9, Runnable::run);
            assertEquals(FOLDS.size(), learner.fits.get(), "importance refitted nothing");
            assertEquals(c[1], importance, learner.family());
        }
    }

    @Test
    void crossValidated_refittingOverload_sameNumbersAsBefore() {
        assertEquals(TREE_BEFORE, PermutationImportance.crossValidated(RPART_CLASS_TREE, DATA.features(),
                DATA.target(), FOLDS, Metric.AUC, null, 3, 9));
    }

    @Test
    void crossValidated_onAPoolOfThreeThreads_sameNumbersAsInline() throws Exception {
        FoldModels models = keptModels(RPART_CLASS_TREE);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int run = 0; run < 3; run++) {
                assertEquals(TREE_BEFORE, PermutationImportance.crossValidated(models, DATA.features(), DATA.target(),
                        Metric.AUC, 3, 9, pool));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void globalExplanation_crossValidated_refitsNothing() {
        CountingLearner learner = new CountingLearner(RPART_CLASS_TREE);
        FoldModels models = keptModels(learner);
        Model full = learner.fit(DATA.features(), DATA.target());
        int fits = learner.fits.get();
        GlobalExplanation x = GlobalExplanation.crossValidated(models, full, DATA.features(), DATA.target(),
                Metric.AUC, 9, Runnable::run);
        assertEquals(fits, learner.fits.get(), "explaining refitted nothing");
        assertEquals(List.of("x1", "x2", "x3"), x.importance().stream().map(FeatureImportance::feature).toList());
        assertEquals("held-out rows of 5x2 cross-validation, tree's fold models", x.basis());
    }
}
