package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.usecase.UseCaseReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code selection.class_weight: balanced} and {@code constraints.monotone} through a whole fit: the note names the
 * rungs that weighed the classes and those that did not, and the tree and the forest now hold a monotone direction,
 * so they are eligible where a learner that cannot hold one (knn) is ruled out.
 */
class BalancedMonotoneFitTest {

    @TempDir
    Path dir;

    /** About 5% positives, rising in x1. */
    private Path useCase(String extra) throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 1000; i++) {
            double x1 = r.nextDouble(-1, 1);
            double x2 = r.nextDouble(-1, 1);
            double p = 1 / (1 + Math.exp(-(-3.6 + 2.5 * x1 + 0.5 * x2)));
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", x1, x2, r.nextDouble() < p ? "yes" : "no"));
        }
        Files.writeString(dir.resolve("data.csv"), sb.toString());
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, String.join("\n",
                "name: rare",
                "question: Who will say yes?",
                "data:",
                "  path: data.csv",
                "target: y",
                "positive: 'yes'",
                "success:",
                "  metric: auc",
                "  at_least: 0.6",
                extra,
                ""));
        return file;
    }

    /** The plan's note on the class weights. */
    private static String balancedNote(FitPlan plan) {
        return plan.notes().stream().filter(n -> n.startsWith("class_weight: balanced")).findFirst()
                .orElseThrow(() -> new AssertionError(plan.notes().toString()));
    }

    @Test
    void of_balanced_noteNamesWeighedAndUnweightedRungs() throws Exception {
        FitPlan plan = FitPlan.of(UseCaseReader.read(useCase(String.join("\n",
                "selection:",
                "  class_weight: balanced",
                "  candidates: [baseline, logistic, tree, knn, random-forest]"))));
        String note = balancedNote(plan);
        assertEquals("class_weight: balanced: weighed (each row of a class by n / (2 n_class); boosting by XGBoost's"
                + " scale_pos_weight = negatives / positives): logistic, tree, random-forest; fitted unweighted, as"
                + " these learners take no class weights in this version: baseline, knn; a weighed model scores as if"
                + " the classes were equally common, not the data's probabilities: its decision threshold is chosen on"
                + " its own scores, and calibration, when its held-out scores need it, maps them back", note);
    }

    /**
     * Three classes (R's iris): the multinomial logistic regression, the tree, the forest and boosting weigh each row
     * of class c by n / (K n_c); the baseline and knn fit unweighted, the very learners of an unweighted ladder.
     */
    @Test
    void of_balancedThreeClasses_noteNamesWeighedAndUnweightedRungs() throws Exception {
        Files.copy(dev.occam.core.data.TestDatasets.path("iris.csv"), dir.resolve("iris.csv"));
        Path file = dir.resolve("iris.yaml");
        Files.writeString(file, String.join("\n", "name: iris", "question: Which species?", "data:",
                "  path: iris.csv", "target: Species", "success:", "  metric: macro_auc", "  at_least: 0.9",
                "selection:", "  class_weight: balanced",
                "  candidates: [baseline, logistic, tree, knn, random-forest, boosting]", ""));
        FitPlan plan = FitPlan.of(UseCaseReader.read(file));
        String note = balancedNote(plan);
        assertEquals("class_weight: balanced: weighed (each row of a class by n / (K n_class), K = 3 classes):"
                + " logistic, tree, random-forest, boosting; fitted unweighted, as these learners take no class weights"
                + " for three or more classes in this version: baseline, knn; a weighed model's class probabilities are"
                + " as if the classes were equally common, not the data's: it calls a rare class more often, and its"
                + " probabilities are not calibrated back (log loss judges them as they are)", note);
        java.util.Map<String, dev.occam.core.learn.Learner> learners = new java.util.HashMap<>();
        for (var c : plan.candidates()) {
            if (c instanceof dev.occam.core.ladder.Candidate.OfLearner l) {
                learners.put(l.id(), l.learner());
            }
        }
        assertTrue(((dev.occam.core.learn.tree.DecisionTree) learners.get("tree")).balanced());
        assertTrue(((dev.occam.core.learn.forest.RandomForest) learners.get("random-forest")).balanced());
        assertTrue(((dev.occam.core.learn.linear.LogisticRegression) ((dev.occam.core.learn.Pipeline)
                learners.get("logistic")).learner()).balanced());
    }

    @Test
    void run_monotoneDirection_treeEligibleKnnIneligible() throws Exception {
        FitResult result = new FitJob(UseCaseReader.read(useCase(String.join("\n",
                "constraints:",
                "  monotone:",
                "    x1: increasing",
                "selection:",
                "  folds: 3",
                "  repeats: 1",
                "  candidates: [baseline, tree, knn]"))), dir.resolve("out"), null).run();
        LeaderboardEntry tree = result.entries().stream().filter(e -> e.id().equals("tree")).findFirst().orElseThrow();
        LeaderboardEntry knn = result.entries().stream().filter(e -> e.id().equals("knn")).findFirst().orElseThrow();
        assertTrue(tree.eligible(), tree.ineligibleBecause().toString());
        assertFalse(knn.eligible());
        assertTrue(knn.ineligibleBecause().contains("cannot hold the monotone directions the use case asks for"),
                knn.ineligibleBecause().toString());
    }
}
