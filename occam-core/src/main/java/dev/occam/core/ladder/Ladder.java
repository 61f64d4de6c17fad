package dev.occam.core.ladder;

import dev.occam.core.learn.BaselineLearner;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.core.learn.bayes.NaiveBayes;
import dev.occam.core.learn.linear.ElasticNet;
import dev.occam.core.learn.boosting.GradientBoosting;
import dev.occam.core.learn.forest.RandomForest;
import dev.occam.core.learn.formula.FormulaRegression;
import dev.occam.core.learn.linear.LinearRegression;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.core.learn.neighbours.NearestNeighbours;
import dev.occam.core.learn.neural.MultilayerPerceptron;
import dev.occam.core.learn.rules.RuleList;
import dev.occam.core.learn.scorecard.Scorecard;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.core.usecase.CandidateSpec;
import dev.occam.core.usecase.FormulaSpec;
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
            "formula", "lasso", "scorecard", "tree", "knn", "naive-bayes", "random-forest", "boosting", "mlp");

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
     * The learners for a use case: those for its task, restricted to its candidate families, lowest rung first,
     * each with its defaults and with the use case's monotone directions handed to the learners that can hold them.
     */
    public static List<Learner> forUseCase(Task task, List<String> families, Map<String, Monotone> monotone) {
        return candidates(task, CandidateSpec.families(families), null, monotone).stream()
                .map(c -> ((Candidate.OfLearner) c).learner()).toList();
    }

    /**
     * The use case's candidates for its task, in ladder order: today's rule first (when {@code currentRule} is
     * given and the candidates include it, or list none), then the learners by rung, a family's candidates in the
     * order the use case lists them. Every candidate's options are checked, also those of a family this task
     * skips ({@link #unavailable}). With no candidates listed, every family with its defaults.
     *
     * @param monotone the use case's monotone directions, handed to the learners that can hold them (scorecard,
     *     boosting)
     * @throws IllegalArgumentException naming where the candidate is written, the candidate and the option: an
     *     unknown option (with the known ones and the nearest), a value of the wrong kind, or a value the learner's
     *     options record refuses (with its message)
     */
    public static List<Candidate> candidates(Task task, List<CandidateSpec> specs, String currentRule,
            Map<String, Monotone> monotone) {
        return candidates(task, specs, currentRule, monotone, null);
    }

    /**
     * As {@link #candidates(Task, List, String, Map)}, with the use case's formula: for a regression target it joins
     * the ladder as the {@code formula} candidate (when the candidates list it, or list none) in its rung's place,
     * after the other rung-2 candidates. Its learner is not in {@link #all()}: it needs the use case's equation.
     *
     * @param formula the use case's formula, or null
     */
    public static List<Candidate> candidates(Task task, List<CandidateSpec> specs, String currentRule,
            Map<String, Monotone> monotone, FormulaSpec formula) {
        return candidates(task, specs, currentRule, monotone, formula, false);
    }

    /**
     * As {@link #candidates(Task, List, String, Map, FormulaSpec)}; with {@code balanced}, the learners that take
     * class weights weigh each class by the inverse of its share ({@link #balanced(Task)}). Two classes
     * ({@link #BALANCED}): the logistic regression, the tree and the forest by row weights {@code n / (2 n_c)},
     * boosting by XGBoost's {@code scale_pos_weight}. Three or more ({@link #BALANCED_MULTICLASS}): the multinomial
     * logistic regression (prior weights in its likelihood), the tree, the forest and boosting by row weights
     * {@code n / (K n_c)}; the others are the very learners of an unweighted ladder.
     */
    public static List<Candidate> candidates(Task task, List<CandidateSpec> specs, String currentRule,
            Map<String, Monotone> monotone, FormulaSpec formula, boolean balanced) {
        List<CandidateSpec> listed = specs.isEmpty() ? CandidateSpec.families(FAMILIES) : specs;
        Map<CandidateSpec, Learner> learners = new LinkedHashMap<>();
        for (CandidateSpec spec : listed) {
            if (!spec.learner().equals(Candidate.CURRENT_RULE) && !spec.learner().equals(FormulaRegression.FAMILY)
                    && !spec.learner().equals(Candidate.ONNX)) {
                learners.put(spec, learner(spec, monotone, balanced && balanced(task).contains(spec.learner())));
            }
        }
        List<Candidate> out = new ArrayList<>();
        if (currentRule != null && listed.stream().anyMatch(c -> c.learner().equals(Candidate.CURRENT_RULE))) {
            out.add(new Candidate.OfRule(currentRule));
        }
        for (CandidateSpec spec : listed) {
            if (spec.learner().equals(Candidate.ONNX) && task != Task.MULTICLASS) {
                out.add(new Candidate.OfComparator(spec.id(), java.nio.file.Path.of((String) spec.options().get("path")),
                        (String) spec.options().get("output")));
            }
        }
        for (Learner l : forTask(task, List.of())) {
            for (Map.Entry<CandidateSpec, Learner> e : learners.entrySet()) {
                if (e.getKey().learner().equals(l.family())) {
                    out.add(new Candidate.OfLearner(e.getKey().id(), e.getValue(), e.getKey().options(),
                            e.getKey().engine()));
                }
            }
        }
        if (formula != null && task == Task.REGRESSION) {
            FormulaRegression learner = new FormulaRegression(FormulaRegression.Options.of(formula.formula(),
                    formula.start()));
            int at = 0;
            while (at < out.size() && rung(out.get(at)) <= learner.rung()) {
                at++;
            }
            for (CandidateSpec spec : listed) {
                if (spec.learner().equals(FormulaRegression.FAMILY)) {
                    out.add(at++, new Candidate.OfLearner(spec.id(), learner, spec.options(), spec.engine()));
                }
            }
        }
        return out;
    }

    private static int rung(Candidate c) {
        return c instanceof Candidate.OfLearner l ? l.learner().rung() : 0;
    }

    /**
     * Checks every candidate's options against its learner's options record.
     *
     * @throws IllegalArgumentException as {@link #candidates}
     */
    public static void check(List<CandidateSpec> specs) {
        for (CandidateSpec spec : specs) {
            if (!spec.learner().equals(Candidate.CURRENT_RULE) && !spec.learner().equals(FormulaRegression.FAMILY)
                    && !spec.learner().equals(Candidate.ONNX)) {
                learner(spec, Map.of());
            }
        }
    }

    /** The learner of a candidate: the ladder's own when it has no options, else one with its options applied. */
    private static Learner learner(CandidateSpec spec, Map<String, Monotone> monotone) {
        return learner(spec, monotone, false);
    }

    private static Learner learner(CandidateSpec spec, Map<String, Monotone> monotone, boolean balanced) {
        Learner base = unconstrained(spec, monotone, balanced);
        if (!monotone.isEmpty() && SIGN_CONSTRAINED.contains(spec.learner())) {
            // Linear families hold a direction as the sign of the column's coefficient.
            return new dev.occam.core.learn.linear.SignConstrained(base, directions(monotone));
        }
        return base;
    }

    /** The use case's directions as +1 (increasing) and -1 (decreasing), in its order. */
    private static Map<String, Integer> directions(Map<String, Monotone> monotone) {
        Map<String, Integer> directions = new LinkedHashMap<>();
        monotone.forEach((column, m) -> directions.put(column, m == Monotone.INCREASING ? 1 : -1));
        return directions;
    }

    /** The families that weigh two classes when the use case asks for balanced class weights. */
    public static final List<String> BALANCED = List.of("logistic", "tree", "random-forest", "boosting");

    /**
     * The families that weigh three or more classes when the use case asks for balanced class weights (the
     * logistic regression as a multinomial logit with prior weights).
     */
    public static final List<String> BALANCED_MULTICLASS = List.of("logistic", "tree", "random-forest", "boosting");

    /** The families that weigh the classes of a target of this task ({@code class_weight: balanced}); none for a number. */
    public static List<String> balanced(Task task) {
        return task == Task.CLASSIFICATION ? BALANCED : task == Task.MULTICLASS ? BALANCED_MULTICLASS : List.of();
    }

    /** The families whose coefficients can be held to a sign ({@code SignConstrained}). */
    private static final java.util.Set<String> SIGN_CONSTRAINED = java.util.Set.of("logistic", "linear", "lasso");

    private static Learner unconstrained(CandidateSpec spec, Map<String, Monotone> monotone, boolean balanced) {
        Record options;
        try {
            options = LearnerOptions.options(spec.learner(), spec.options());
        } catch (LearnerOptions.OptionException e) {
            throw new IllegalArgumentException(spec.message(e.option(), e.getMessage()), e);
        }
        if (options instanceof Scorecard.Options card && !monotone.isEmpty()) {
            Map<String, Scorecard.Direction> directions = new LinkedHashMap<>();
            monotone.forEach((column, m) -> directions.put(column,
                    m == Monotone.INCREASING ? Scorecard.Direction.INCREASING : Scorecard.Direction.DECREASING));
            return new Scorecard(card.withMonotone(directions));
        }
        if (options instanceof dev.occam.core.learn.boosting.GradientBoosting.Options boost
                && (!monotone.isEmpty() || balanced)) {
            return dev.occam.core.learn.boosting.GradientBoosting.pipeline(boost, directions(monotone), balanced);
        }
        if (options instanceof DecisionTree.Options tree && (!monotone.isEmpty() || balanced)) {
            DecisionTree learner = new DecisionTree(tree).withMonotone(directions(monotone));
            return balanced ? learner.withBalancedClasses() : learner;
        }
        if (options instanceof RandomForest.Options forest && (!monotone.isEmpty() || balanced)) {
            RandomForest learner = new RandomForest(forest).withMonotone(directions(monotone));
            return balanced ? learner.withBalancedClasses() : learner;
        }
        if (options instanceof LogisticRegression.Options logistic && balanced) {
            return dev.occam.core.learn.Pipeline.treatmentCoded(new LogisticRegression(logistic).withBalancedClasses());
        }
        if (spec.defaults()) {
            // The very learner the conformance suite tests.
            return all().stream().filter(l -> l.family().equals(spec.learner())).findFirst().orElse(null);
        }
        return LearnerOptions.learner(spec.learner(), options);
    }

    /**
     * Every option a family's learner runs with, the given ones and the defaults of the rest (snake_case name to
     * value), for the card and the report; empty for a family without options.
     */
    public static Map<String, Object> hyperparameters(String family, Map<String, Object> given) {
        return LearnerOptions.effective(family, given);
    }

    /** The option names a family accepts in the use case, in its options record's order. */
    public static List<String> optionNames(String family) {
        return LearnerOptions.names(family);
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

    /** The ids of listed candidates whose family this version cannot fit for the task (today's rule aside). */
    public static List<String> unavailable(Task task, List<CandidateSpec> candidates) {
        Capability needed = Capability.forTask(task);
        Set<String> have = new java.util.HashSet<>();
        for (Learner l : all()) {
            if (l.capabilities().contains(needed)) {
                have.add(l.family());
            }
        }
        List<String> out = new ArrayList<>();
        for (CandidateSpec c : candidates) {
            // The formula is checked with the use case: listed, there is one, and it is a regression.
            boolean formula = c.learner().equals(FormulaRegression.FAMILY) && task == Task.REGRESSION;
            // An existing model gives one score per row: two classes or a number.
            boolean existing = c.learner().equals(Candidate.ONNX) && task != Task.MULTICLASS;
            if (!have.contains(c.learner()) && !c.learner().equals(Candidate.CURRENT_RULE) && !formula && !existing) {
                out.add(c.id());
            }
        }
        return out;
    }
}
