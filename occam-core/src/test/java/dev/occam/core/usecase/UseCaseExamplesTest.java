package dev.occam.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.evaluate.Metric;
import dev.occam.runtime.Task;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The use cases shipped in {@code examples/}; Maven runs tests in the module folder, hence {@code ../}. */
class UseCaseExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void read_creditExample_readsEveryKey() throws UseCaseException {
        Path file = EXAMPLES.resolve("credit/usecase.yaml");
        UseCase u = UseCaseReader.read(file);
        assertEquals("credit-scoring", u.name());
        assertEquals("Will this applicant fail to repay the loan?", u.question());
        assertEquals(file.toAbsolutePath().normalize().resolveSibling("credit_data.csv"), u.data().path());
        assertEquals("Status", u.target());
        assertEquals(Task.CLASSIFICATION, u.task());
        assertEquals("bad", u.positive());
        assertNull(u.threshold());
        assertEquals(new Success(Metric.AUC, 0.80, true), u.success());
        assertEquals("CASE WHEN Records = 'yes' OR Debt > Income THEN 1 ELSE 0 END", u.currentRule());
        assertEquals(new Constraints(1000.0, 10000L, false, java.util.Map.of()), u.constraints());
        assertEquals(new Fairness(List.of("Age", "Marital"), null, false), u.fairness());
        assertEquals(SelectionSpec.DEFAULTS, u.selection());
        assertTrue(u.candidateFamilies().contains("current-rule"));
        assertFalse(u.stakeholders().isEmpty());
        assertNotNull(u.operation());
    }

    @Test
    void read_churnExample_readsEveryKey() throws UseCaseException {
        Path file = EXAMPLES.resolve("churn/usecase.yaml");
        UseCase u = UseCaseReader.read(file);
        assertEquals("telco-churn", u.name());
        assertEquals(file.toAbsolutePath().normalize().resolveSibling("wa_churn.csv"), u.data().path());
        assertEquals("churn", u.target());
        assertNull(u.task());
        assertEquals(Task.CLASSIFICATION, u.impliedTask());
        assertEquals("Yes", u.positive());
        assertEquals(new Success(Metric.AUC, 0.80, true), u.success());
        assertNull(u.currentRule());
        assertEquals(Constraints.NONE, u.constraints());
        assertEquals(new Fairness(List.of("female", "senior_citizen"), null, true), u.fairness());
        assertEquals(SelectionSpec.DEFAULTS, u.selection());
        assertFalse(u.stakeholders().isEmpty());
        assertNotNull(u.operation());
    }
}
