package dev.occam.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.ladder.Candidate;
import dev.occam.core.ladder.Ladder;
import dev.occam.runtime.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The use case's {@code formula} and {@code start} keys, and the formula candidate they put on the ladder. */
class UseCaseFormulaTest {

    private static final String BASE = """
            name: enzyme-kinetics
            question: How fast does the enzyme react at a given concentration?
            task: regression
            data:
              path: puromycin_treated.csv
            target: rate
            success:
              metric: rmse
              at_most: 15
            """;

    private static UseCase parse(String yaml) throws UseCaseException {
        return UseCaseReader.parse(yaml, Path.of("usecase.yaml"));
    }

    private static String error(String yaml) {
        return assertThrows(UseCaseException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void parse_formulaAndStart_readAsWritten() throws UseCaseException {
        UseCase u = parse(BASE + "formula: \"rate ~ Vm * conc / (K + conc)\"\nstart: {Vm: 200.0, K: 0.1}\n");
        assertEquals(new FormulaSpec("rate ~ Vm * conc / (K + conc)", Map.of("Vm", 200.0, "K", 0.1)), u.formula());
        assertEquals(List.of("Vm", "K"), List.copyOf(u.formula().start().keySet()));
        assertTrue(u.candidateFamilies().contains("formula"));
        assertNull(parse(BASE).formula());
        assertTrue(!parse(BASE).candidateFamilies().contains("formula"));
    }

    @Test
    void parse_unknownFunction_oneLineAtTheFormulasLine() {
        String message = error(BASE + "formula: \"rate ~ Vm * conc / (K + foo(conc))\"\n");
        assertEquals("usecase.yaml line 10: formula 'rate ~ Vm * conc / (K + foo(conc))': unknown function 'foo' at "
                + "character 25; known: exp, log, sqrt, sin, cos, tan, atan, abs", message);
    }

    @Test
    void parse_mistakes_plainSentences() {
        assertTrue(error(BASE + "formula: \"rate ~ Vm * conc\"\nstart: {Km: 1}\n")
                .contains("start gives a value for 'Km', which is not in the formula"));
        assertTrue(error(BASE + "start: {Vm: 1}\n").contains("start gives starting values for a formula, but there is"
                + " no formula"));
        assertTrue(error(BASE + "formula: \"rate ~ Vm * conc\"\nstart: {Vm: fast}\n")
                .contains("start.Vm must be a number"));
        assertTrue(error(BASE.replace("task: regression", "task: classification").replace("rmse", "auc")
                .replace("at_most: 15", "at_least: 0.7") + "formula: \"rate ~ Vm * conc\"\n")
                .contains("formula is a model equation for a number, so it is only for regression"));
        assertTrue(error(BASE + "selection:\n  candidates: [linear, formula]\n")
                .contains("selection.candidates lists formula, but there is no formula"));
    }

    @Test
    void candidates_withFormula_joinsRungTwoAfterTheOtherLinearModels() throws UseCaseException {
        UseCase u = parse(BASE + "formula: \"rate ~ Vm * conc / (K + conc)\"\nstart: {K: 0.1}\n");
        List<String> ids = Ladder.candidates(Task.REGRESSION, u.selection().candidates(), null, Map.of(), u.formula())
                .stream().map(Candidate::id).toList();
        assertEquals(ids.indexOf("lasso") + 1, ids.indexOf("formula"), ids.toString());
        assertEquals(ids.indexOf("formula") + 1, ids.indexOf("tree"), ids.toString());
        UseCase listed = parse(BASE + "formula: \"rate ~ Vm * conc / (K + conc)\"\nstart: {K: 0.1}\n"
                + "selection:\n  candidates: [random-forest, formula, baseline]\n");
        assertEquals(List.of("baseline", "formula", "random-forest"), Ladder.candidates(Task.REGRESSION,
                listed.selection().candidates(), null, Map.of(), listed.formula()).stream().map(Candidate::id).toList());
        assertEquals(List.of(), Ladder.unavailable(Task.REGRESSION, listed.selection().candidates()));
    }
}
