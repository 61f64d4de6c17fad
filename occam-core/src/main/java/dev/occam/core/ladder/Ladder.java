package dev.occam.core.ladder;

import dev.occam.core.learn.BaselineLearner;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.core.learn.bayes.NaiveBayes;
import dev.occam.core.learn.linear.ElasticNet;
import dev.occam.core.learn.boosting.GradientBoosting;
import dev.occam.core.learn.forest.RandomForest;
import dev.occam.core.learn.linear.LinearRegression;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.core.learn.neighbours.NearestNeighbours;
import dev.occam.core.learn.neural.MultilayerPerceptron;
import dev.occam.core.learn.rules.RuleList;
import dev.occam.core.learn.scorecard.Scorecard;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.core.usecase.Monotone;
import dev.occam.runtime.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                new RuleList(RuleList.Options.defaults()),
                LogisticRegression.pipeline(),
                LinearRegression.pipeline(),
                ElasticNet.pipeline(),
                new Scorecard(),
                new DecisionTree(DecisionTree.Options.defaults()),
                NearestNeighbours.pipeline(),
                new NaiveBayes(),
                new RandomForest(RandomForest.Options.defaults()),
                GradientBoosting.pipeline(),
                MultilayerPerceptron.pipeline());
    }

    /**
     * The learners for a use case: those for its task, restricted to its candidates, lowest rung first,
     * with the use case's monotone directions handed to the learners that can hold them.
     */
    public static List<Learner> forUseCase(Task task, List<String> candidates, Map<String, Monotone> monotone) {
        List<Learner> out = new ArrayList<>();
        for (Learner l : forTask(task, candidates)) {
            if (l instanceof Scorecard && !monotone.isEmpty()) {
                Map<String, Scorecard.Direction> directions = new LinkedHashMap<>();
                monotone.forEach((column, m) -> directions.put(column,
                        m == Monotone.INCREASING ? Scorecard.Direction.INCREASING : Scorecard.Direction.DECREASING));
                out.add(new Scorecard(Scorecard.Options.defaults().withMonotone(directions)));
            } else {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * The learners for a task, restricted to {@code candidates} when it is not empty, lowest rung first.
     */
    public static List<Learner> forTask(Task task, List<String> candidates) {
        Capability needed = Capability.forTask(task);
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
        Capability needed = Capability.forTask(task);
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
