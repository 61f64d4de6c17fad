package dev.occam.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code costs}: read, checked alone and against the rest of the use case, every error naming the key and line. */
class CostsReaderTest {

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
            """;

    private static String error(String yaml) {
        UseCaseException e = assertThrows(UseCaseException.class, () -> UseCaseReader.parse(yaml, FILE));
        assertTrue(e.getMessage().startsWith("usecase.yaml"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void parse_costs_readsBoth() throws UseCaseException {
        UseCase u = UseCaseReader.parse(MINIMAL + "costs: {false_positive: 1, false_negative: 10}\n", FILE);
        assertEquals(new Costs(1, 10), u.costs());
    }

    @Test
    void parse_noCosts_null() throws UseCaseException {
        assertNull(UseCaseReader.parse(MINIMAL, FILE).costs());
    }

    @Test
    void parse_costMissing_namesTheKey() {
        String m = error(MINIMAL + "costs:\n  false_positive: 1\n");
        assertTrue(m.contains("false_negative"), m);
    }

    @Test
    void parse_negativeCost_namesKeyValueAndLine() {
        String m = error(MINIMAL + "costs:\n  false_positive: -1\n  false_negative: 10\n");
        assertTrue(m.contains("costs.false_positive must be a finite number >= 0: -1"), m);
        assertTrue(m.contains("line 10"), m);
    }

    @Test
    void parse_bothZero_refused() {
        String m = error(MINIMAL + "costs: {false_positive: 0, false_negative: 0}\n");
        assertTrue(m.contains("costs are both 0"), m);
    }

    @Test
    void parse_misspelledCostKey_suggestsTheKnownOne() {
        String m = error(MINIMAL + "costs: {false_positive: 1, false_negatve: 10}\n");
        assertTrue(m.contains("false_negatve"), m);
        assertTrue(m.contains("false_negative"), m);
    }

    @Test
    void parse_costsWithThreshold_refused() {
        String m = error(MINIMAL + "threshold: 0.3\ncosts: {false_positive: 1, false_negative: 10}\n");
        assertTrue(m.contains("both threshold (0.3) and costs"), m);
    }

    @Test
    void parse_costsForRegression_refused() {
        String m = error(MINIMAL.replace("metric: auc", "metric: rmse").replace("at_least: 0.7", "at_most: 3")
                + "costs: {false_positive: 1, false_negative: 10}\n");
        assertTrue(m.contains("costs price the two kinds of wrong call"), m);
    }

    @Test
    void parse_prAucMetric_reads() throws UseCaseException {
        UseCase u = UseCaseReader.parse(MINIMAL.replace("metric: auc", "metric: pr_auc"), FILE);
        assertEquals("pr_auc", u.success().metric().key());
    }

    @Test
    void parse_classWeightBalanced_reads() throws UseCaseException {
        UseCase u = UseCaseReader.parse(MINIMAL + "selection:\n  class_weight: balanced\n", FILE);
        assertTrue(u.selection().balancedClasses());
        assertTrue(!UseCaseReader.parse(MINIMAL, FILE).selection().balancedClasses());
    }

    @Test
    void parse_classWeightOtherValue_listsTheChoices() {
        String m = error(MINIMAL + "selection:\n  class_weight: heavy\n");
        assertTrue(m.contains("class_weight") && m.contains("balanced"), m);
    }

    @Test
    void parse_classWeightForRegression_refused() {
        String m = error(MINIMAL.replace("metric: auc", "metric: rmse").replace("at_least: 0.7", "at_most: 3")
                + "selection:\n  class_weight: balanced\n");
        assertTrue(m.contains("selection.class_weight weighs the classes"), m);
    }
}
