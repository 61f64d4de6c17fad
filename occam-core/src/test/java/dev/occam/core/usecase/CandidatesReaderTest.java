package dev.occam.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code selection.candidates} with family names and mappings of id, learner, options and engine. */
class CandidatesReaderTest {

    private static final Path FILE = Path.of("project", "usecase.yaml");

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

    private static UseCase parse(String candidates) throws UseCaseException {
        return UseCaseReader.parse(MINIMAL + candidates, FILE);
    }

    private static String error(String candidates) {
        UseCaseException e = assertThrows(UseCaseException.class, () -> parse(candidates));
        assertTrue(e.getMessage().startsWith("usecase.yaml line "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void parse_namesAndMappings_keepOrderIdsAndOptions() throws UseCaseException {
        UseCase u = parse("""
                    - baseline
                    - logistic
                    - {id: boost-shallow, learner: boosting, options: {max_depth: 2}}
                    - id: boost-deep
                      learner: boosting
                      options:
                        max_depth: 6
                        rounds: 200
                        learning_rate: 0.05
                """);
        List<CandidateSpec> c = u.selection().candidates();
        assertEquals(List.of("baseline", "logistic", "boost-shallow", "boost-deep"), u.selection().ids());
        assertEquals(List.of("baseline", "logistic", "boosting"), u.candidateFamilies());
        assertEquals("baseline", c.get(0).learner());
        assertTrue(c.get(0).defaults());
        assertEquals("boosting", c.get(2).learner());
        assertEquals(Map.of("max_depth", 2L), c.get(2).options());
        // Whole numbers stay whole, other numbers are doubles, in the order written.
        assertEquals(List.of("max_depth", "rounds", "learning_rate"), List.copyOf(c.get(3).options().keySet()));
        assertEquals(6L, c.get(3).options().get("max_depth"));
        assertEquals(0.05, (Double) c.get(3).options().get("learning_rate"), 0.0);
        assertEquals(CandidateSpec.LOCAL, c.get(3).engine());
        assertEquals("usecase.yaml line 13", c.get(2).location());
        assertEquals("usecase.yaml line 17", c.get(3).optionLocations().get("max_depth"));
        assertTrue(u.selection().includes("boosting"));
    }

    @Test
    void parse_mappingWithoutId_isNamedByItsLearner() throws UseCaseException {
        UseCase u = parse("    - {learner: tree, options: {max_depth: 3}}\n    - logistic\n");
        assertEquals(List.of("tree", "logistic"), u.selection().ids());
    }

    @Test
    void parse_unknownCandidateKey_suggestsNearest() {
        assertEquals("usecase.yaml line 11: unknown key 'lerner' in selection.candidates (did you mean 'learner'?; "
                + "known keys: id, learner, options, engine, path)", error("    - {id: b, lerner: boosting}\n"));
    }

    @Test
    void parse_mappingWithoutLearner_refused() {
        assertTrue(error("    - {id: b, options: {max_depth: 2}}\n").startsWith("usecase.yaml line 11: "
                + "selection.candidates needs learner"));
    }

    @Test
    void parse_unknownLearner_suggestsFamily() {
        assertEquals("usecase.yaml line 11: selection.candidates.learner must be one of baseline, current-rule, rules, "
                + "logistic, linear, formula, lasso, scorecard, tree, knn, naive-bayes, random-forest, boosting, mlp, onnx: "
                + "'boostng' (did you mean 'boosting'?)", error("    - {id: b, learner: boostng}\n"));
    }

    @Test
    void parse_repeatedId_refusedNamingBothLines() {
        assertEquals("usecase.yaml line 12: selection.candidates lists 'boost' twice (first on line 11); give each "
                + "candidate its own id, such as boosting-2", error("""
                    - {id: boost, learner: boosting, options: {max_depth: 2}}
                    - {id: boost, learner: boosting, options: {max_depth: 6}}
                """));
        // A bare family name is its own id, so a mapping without id repeats it.
        assertEquals("usecase.yaml line 12: selection.candidates lists 'tree' twice (first on line 11); give each "
                + "candidate its own id, such as tree-2", error("    - tree\n    - {learner: tree, options: {max_depth: 2}}\n"));
    }

    @Test
    void parse_badId_refused() {
        assertEquals("usecase.yaml line 11: candidate id 'Boost_Deep' must be lowercase letters, digits and hyphens, "
                + "such as boost-deep", error("    - {id: Boost_Deep, learner: boosting}\n"));
        assertEquals("usecase.yaml line 11: candidate id 'logistic' is the name of another family, but its learner is "
                + "boosting; choose another id", error("    - {id: logistic, learner: boosting}\n"));
    }

    @Test
    void parse_optionsNotAMappingOrNested_refused() {
        assertEquals("usecase.yaml line 11: selection.candidates.options must be a mapping of option: value, such as "
                + "{max_depth: 2}: '2'", error("    - {id: b, learner: boosting, options: 2}\n"));
        assertEquals("usecase.yaml line 11: selection.candidates.b.options.max_depth must be a value (a number, true "
                + "or false, or a word), not a mapping", error("    - {id: b, learner: boosting, options: {max_depth: {a: 1}}}\n"));
    }

    @Test
    void parse_unknownEngine_refused() {
        assertEquals("usecase.yaml line 11: selection.candidates.engine must be one of local: 'spark'",
                error("    - {id: b, learner: boosting, engine: spark}\n"));
    }

    @Test
    void parse_currentRuleWithOptions_refused() {
        String yaml = MINIMAL.replace("selection:", "current_rule: \"CASE WHEN x > 1 THEN 1 ELSE 0 END\"\nselection:")
                + "    - {learner: current-rule, options: {a: 1}}\n";
        UseCaseException e = assertThrows(UseCaseException.class, () -> UseCaseReader.parse(yaml, FILE));
        assertEquals("usecase.yaml line 12: current-rule takes no options: it is the use case's current_rule as "
                + "written", e.getMessage());
    }

    @Test
    void message_optionWithLocation_startsWithItsLine() throws UseCaseException {
        CandidateSpec spec = parse("    - id: deep\n      learner: boosting\n      options:\n        max_depth: 40\n")
                .selection().candidates().get(0);
        assertEquals("usecase.yaml line 14: candidate 'deep' (boosting): too deep", spec.message("max_depth", "too deep"));
        assertEquals("usecase.yaml line 11: candidate 'deep' (boosting): x", spec.message(null, "x"));
    }
}
