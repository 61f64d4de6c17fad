package dev.occam.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlRuleTest {

    private static Frame table() {
        return new Frame(List.of(
                new CategoricalColumn("Records", List.of("no", "yes"), new int[] {0, 1, 0, 0, -1}),
                new NumericColumn("Debt", new double[] {100, 0, 500, 10, 0}),
                new NumericColumn("Income", new double[] {200, 50, 300, Double.NaN, 80})));
    }

    @Test
    void scores_caseExpression_rowsInRequestedOrder() throws Exception {
        try (SqlRule rule = SqlRule.open(table(), "CASE WHEN Records = 'yes' OR Debt > Income THEN 1 ELSE 0 END")) {
            assertArrayEquals(new double[] {1, 1, 0, 0, 0}, rule.scores(new int[] {2, 1, 0, 3, 4}));
            assertEquals(0, rule.nullResults());
        }
    }

    @Test
    void scores_bareComparisonWithMissing_nullCountsAsZero() throws Exception {
        try (SqlRule rule = SqlRule.open(table(), "Debt > Income")) {
            assertArrayEquals(new double[] {0, 0, 1, 0, 0}, rule.scores(new int[] {0, 1, 2, 3, 4}));
            assertEquals(1, rule.nullResults());
        }
    }

    @Test
    void open_unknownColumn_messageNamesRuleAndColumn() {
        DataException e = assertThrows(DataException.class, () -> SqlRule.open(table(), "Salary > 10"));
        assertTrue(e.getMessage().startsWith("current_rule \"Salary > 10\" does not run on the data")
                && e.getMessage().contains("Salary") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void conditionCount_comparisonsOutsideStrings() {
        assertEquals(2, SqlRule.conditionCount("CASE WHEN Records = 'yes' OR Debt > Income THEN 1 ELSE 0 END"));
        assertEquals(1, SqlRule.conditionCount("Job IN ('a=b', 'c<d')"));
        assertEquals(1, SqlRule.conditionCount("0.3"));
    }
}
