package dev.occam.core.ladder;

import dev.occam.core.learn.BaselineLearner;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.core.learn.boosting.GradientBoosting;
import dev.occam.core.learn.forest.RandomForest;
import dev.occam.core.learn.linear.LinearRegression;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.runtime.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The candidate learners, lowest rung first, each with the defaults a practitioner would choose. The
 * conformance suite and the fit job both read this list, so a learner registered here is tested and
 * offered automatically.
 */
public final class Ladder {

    /** Every family name a use case may list, including those a later version implements. */
    public static final List<String> FAMILIES = List.of("baseline", "current-rule", "rules", "logistic", "linear",
            "lasso", "scorecard", "tree", "knn", "naive-bayes", "random-forest", "boosting", "mlp");

    private Ladder() {
    }

    /** Every implemented learner, for any task. */
    public static List<Learner> all() {
        return List.of(
                new BaselineLearner(),
                LogisticRegression.pipeline(),
                LinearRegression.pipeline(),
                new DecisionTree(DecisionTree.Options.defaults()),
                new RandomForest(RandomForest.Options.defaults()),
                GradientBoosting.pipeline());
    }

    /**
     * The learners for a task, restricted to {@code candidates} when it is not empty, lowest rung first.
     */
    public static List<Learner> forTask(Task task, List<String> candidates) {
        Capability needed = task == Task.CLASSIFICATION ? Capability.CLASSIFICATION : Capability.REGRESSION;
        List<Learner> out = new ArrayList<>();
        for (Learner l : all()) {
            if (l.capabilities().contains(needed) && (candidates.isEmpty() || candidates.contains(l.family()))) {
                out.add(l);
            }
        }
        out.sort((a, b) -> Integer.compare(a.rung(), b.rung()));
        return out;
    }

    /** The families of {@code candidates} that this version cannot fit for the task yet. */
    public static List<String> unavailable(Task task, List<String> candidates) {
        Capability needed = task == Task.CLASSIFICATION ? Capability.CLASSIFICATION : Capability.REGRESSION;
        Set<String> have = new java.util.HashSet<>();
        for (Learner l : all()) {
            if (l.capabilities().contains(needed)) {
                have.add(l.family());
            }
        }
        List<String> out = new ArrayList<>();
        for (String c : candidates) {
            if (!have.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
