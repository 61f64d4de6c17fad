package dev.occam.core.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.occam.core.learn.Learner;
import dev.occam.core.learn.Pipeline;
import dev.occam.core.learn.boosting.GradientBoosting;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.core.learn.neural.MultilayerPerceptron;
import dev.occam.core.learn.scorecard.Scorecard;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.core.usecase.CandidateSpec;
import dev.occam.core.usecase.Monotone;
import dev.occam.core.usecase.UseCase;
import dev.occam.core.usecase.UseCaseException;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.runtime.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The use case's candidates become learners with their options, in ladder order. */
class LadderCandidatesTest {

    private static final String MINIMAL = """
            name: demo
            question: Will it rain tomorrow?
            data:
              path: weather.csv
            target: rain
            success:
              metric: auc
              at_least: 0.7
            selection:
              candidates:
            """;

    private static UseCase useCase(String candidates) throws UseCaseException {
        return UseCaseReader.parse(MINIMAL + candidates, Path.of("project", "usecase.yaml"));
    }

    private static List<Candidate> candidates(String yaml) throws UseCaseException {
        UseCase u = useCase(yaml);
        return Ladder.candidates(Task.CLASSIFICATION, u.selection().candidates(), u.currentRule(), Map.of());
    }

    private static String error(String yaml) throws UseCaseException {
        List<CandidateSpec> specs = useCase(yaml).selection().candidates();
        return assertThrows(IllegalArgumentException.class, () -> Ladder.check(specs)).getMessage();
    }

    private static Learner inner(Candidate c) {
        Learner l = ((Candidate.OfLearner) c).learner();
        return l instanceof Pipeline p ? p.learner() : l;
    }

    @Test
    void candidates_twoBoostingDepths_bothInLadderOrderWithTheirOptions() throws UseCaseException {
        List<Candidate> c = candidates("""
                    - {id: boost-deep, learner: boosting, options: {max_depth: 6, rounds: 200}}
                    - logistic
                    - {id: boost-shallow, learner: boosting, options: {max_depth: 2}}
                    - baseline
                """);
        // Ladder order by rung; a family's candidates in the order listed.
        assertEquals(List.of("baseline", "logistic", "boost-deep", "boost-shallow"), c.stream().map(Candidate::id).toList());
        assertEquals(List.of("baseline", "logistic", "boosting", "boosting"), c.stream().map(Candidate::family).toList());
        GradientBoosting.Options deep = ((GradientBoosting) inner(c.get(2))).options();
        assertEquals(GradientBoosting.Options.defaults().withRounds(200).withMaxDepth(6), deep);
        assertEquals(GradientBoosting.Options.defaults().withMaxDepth(2), ((GradientBoosting) inner(c.get(3))).options());
        assertEquals(Map.of("max_depth", 2L), c.get(3).options());
        assertEquals(4, c.get(3).rung());
        assertEquals("local", c.get(3).engine());
    }

    @Test
    void candidates_familyNameOnly_isTheLaddersOwnLearner() throws UseCaseException {
        Candidate tree = candidates("    - tree\n").get(0);
        Learner registered = Ladder.all().stream().filter(l -> l.family().equals("tree")).findFirst().orElseThrow();
        assertEquals(registered.getClass(), ((Candidate.OfLearner) tree).learner().getClass());
        assertEquals(DecisionTree.Options.defaults(), ((DecisionTree) inner(tree)).options());
    }

    @Test
    void candidates_enumListAndBooleanOptions_mapOntoTheirRecords() throws UseCaseException {
        List<Candidate> c = candidates("""
                    - {id: firth, learner: logistic, options: {firth: always, max_iterations: 50}}
                    - {id: card, learner: scorecard, options: {round_points: false, max_bins: 4}}
                    - {id: wide, learner: mlp, options: {hidden_layers: [16, 8], seed: 7}}
                """);
        LogisticRegression.Options logistic = ((LogisticRegression) inner(c.get(0))).options();
        assertEquals(LogisticRegression.Firth.ALWAYS, logistic.firth());
        assertEquals(50, logistic.maxIterations());
        Scorecard.Options card = ((Scorecard) inner(c.get(1))).options();
        assertEquals(false, card.roundPoints());
        assertEquals(4, card.maxBins());
        MultilayerPerceptron.Options mlp = ((MultilayerPerceptron) inner(c.get(2))).options();
        assertEquals(List.of(16, 8), mlp.hiddenLayers());
        assertEquals(7L, mlp.seed());
    }

    @Test
    void candidates_scorecardWithOptions_keepsTheUseCasesMonotoneDirections() throws UseCaseException {
        UseCase u = useCase("    - {id: card, learner: scorecard, options: {max_bins: 4}}\n");
        Candidate c = Ladder.candidates(Task.CLASSIFICATION, u.selection().candidates(), null,
                Map.of("Income", Monotone.DECREASING)).get(0);
        Scorecard.Options card = ((Scorecard) inner(c)).options();
        assertEquals(Map.of("Income", Scorecard.Direction.DECREASING), card.monotone());
        assertEquals(4, card.maxBins());
    }

    @Test
    void candidates_balancedAndMonotone_treeForestLogisticHoldThem_othersUnweighted() throws UseCaseException {
        UseCase u = useCase("    - {id: lr, learner: logistic}\n    - {id: t, learner: tree, options: {max_depth: 4}}\n"
                + "    - {id: rf, learner: random-forest}\n    - {id: knn, learner: knn}\n");
        List<Candidate> c = Ladder.candidates(Task.CLASSIFICATION, u.selection().candidates(), null,
                Map.of("Income", Monotone.INCREASING), null, true);
        Learner logistic = ((Candidate.OfLearner) c.get(0)).learner();
        assertInstanceOf(dev.occam.core.learn.linear.SignConstrained.class, logistic);
        DecisionTree tree = (DecisionTree) inner(c.get(1));
        assertEquals(Map.of("Income", 1), tree.monotone());
        assertEquals(true, tree.balanced());
        assertEquals(4, tree.options().maxDepth());
        dev.occam.core.learn.forest.RandomForest forest = (dev.occam.core.learn.forest.RandomForest) inner(c.get(3));
        assertEquals(Map.of("Income", 1), forest.monotone());
        assertEquals(true, forest.balanced());
        // What the verdict's eligibility reads (select.Constraints): the three hold the direction, knn does not.
        for (Candidate each : List.of(c.get(0), c.get(1), c.get(3))) {
            assertEquals(true, each.capabilities().contains(dev.occam.core.learn.Capability.MONOTONE_CONSTRAINTS),
                    each.id());
        }
        assertEquals("knn", c.get(2).id());
        assertEquals(false, c.get(2).capabilities().contains(dev.occam.core.learn.Capability.MONOTONE_CONSTRAINTS));
        // Balanced alone: the logistic regression itself weighs the classes.
        List<Candidate> plain = Ladder.candidates(Task.CLASSIFICATION, u.selection().candidates(), null, Map.of(),
                null, true);
        assertEquals(true, ((LogisticRegression) inner(plain.get(0))).balanced());
        assertEquals(Map.of(), ((DecisionTree) inner(plain.get(1))).monotone());
        assertEquals(false, ((DecisionTree) inner(candidates("    - {id: t, learner: tree}\n").get(0))).balanced());
    }

    @Test
    void check_unknownOption_namesLineCandidateKnownAndNearest() throws UseCaseException {
        assertEquals("usecase.yaml line 14: candidate 'boost-deep' (boosting): unknown option 'max_dept' for boosting "
                + "(did you mean 'max_depth'?; known options: rounds, learning_rate, max_depth, min_child_weight, "
                + "lambda, subsample, threads, seed, early_stopping, depths)", error("""
                    - id: boost-deep
                      learner: boosting
                      options:
                        max_dept: 6
                """));
    }

    @Test
    void check_optionOfFamilyWithoutOptions_saysSo() throws UseCaseException {
        assertEquals("usecase.yaml line 11: candidate 'baseline' (baseline): unknown option 'k': baseline takes no "
                + "options", error("    - {learner: baseline, options: {k: 3}}\n"));
    }

    @Test
    void check_valueTheRecordRefuses_givesItsMessageWithTheKey() throws UseCaseException {
        assertEquals("usecase.yaml line 11: candidate 'deep' (boosting): options.max_depth: maxDepth must be in "
                + "[1, 16], or 0 to choose among depths: 40", error("    - {id: deep, learner: boosting, options: {max_depth: 40}}\n"));
    }

    @Test
    void check_valueOfTheWrongKind_namesTheKind() throws UseCaseException {
        assertEquals("usecase.yaml line 11: candidate 'b' (boosting): options.max_depth must be a whole number: 2.5",
                error("    - {id: b, learner: boosting, options: {max_depth: 2.5}}\n"));
        assertEquals("usecase.yaml line 11: candidate 'k' (knn): options.weighting must be one of uniform, distance: "
                + "'nearest'", error("    - {id: k, learner: knn, options: {weighting: nearest}}\n"));
        assertEquals("usecase.yaml line 11: candidate 't' (tree): options.max_depth must be a whole number: 'deep'",
                error("    - {id: t, learner: tree, options: {max_depth: deep}}\n"));
    }

    @Test
    void candidates_currentRule_isACandidateOnRungZeroFirst() throws UseCaseException {
        UseCase u = UseCaseReader.parse(MINIMAL.replace("selection:", "current_rule: \"x > 1\"\nselection:")
                + "    - logistic\n    - current-rule\n", Path.of("usecase.yaml"));
        List<Candidate> c = Ladder.candidates(Task.CLASSIFICATION, u.selection().candidates(), u.currentRule(),
                Map.of());
        assertInstanceOf(Candidate.OfRule.class, c.get(0));
        assertEquals(List.of("current-rule", "logistic"), c.stream().map(Candidate::id).toList());
        assertEquals(false, c.get(0).deployable());
    }

    @Test
    void optionNames_everyFamilyWithAnOptionsRecord_areSnakeCaseComponents() {
        assertEquals(List.of("k", "weighting", "max_scoring_seconds"), Ladder.optionNames("knn"));
        assertEquals(List.of("pdo", "base_score", "base_odds", "max_bins", "min_bin_share", "min_information_value",
                "round_points"), Ladder.optionNames("scorecard"));
        assertEquals(List.of(), Ladder.optionNames("linear"));
    }

    @Test
    void check_theTemplatesCandidates_areValid() throws UseCaseException {
        String text = dev.occam.core.usecase.UseCaseTemplate.text();
        String line = text.lines().filter(l -> l.contains("candidates: [")).findFirst().orElseThrow();
        String candidates = line.substring(line.indexOf('['), line.lastIndexOf(']') + 1);
        UseCase u = UseCaseReader.parse(MINIMAL.replace("  candidates:\n", "  candidates: " + candidates + "\n"),
                Path.of("usecase.yaml"));
        assertEquals(List.of("baseline", "logistic", "boost-deep"), u.selection().ids());
        Ladder.check(u.selection().candidates());
    }

    /** docs/usecase.md lists every option of every family; Maven runs tests in the module folder, hence ../. */
    @Test
    void optionNames_everyOne_isDocumentedOnItsLearnersLine() throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(Path.of("..", "docs", "usecase.md"));
        for (String family : Ladder.FAMILIES) {
            if (family.equals(Candidate.CURRENT_RULE)) {
                continue;
            }
            String line = lines.stream().filter(l -> l.startsWith("| `" + family + "`") || l.contains(", `" + family
                    + "` |")).findFirst().orElseThrow(() -> new AssertionError("no line for " + family));
            for (String option : Ladder.optionNames(family)) {
                org.junit.jupiter.api.Assertions.assertTrue(line.contains("`" + option + "`"), family + ": " + option);
            }
        }
    }
}
