package dev.occam.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.evaluate.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records check themselves too, for use cases built in code rather than read from a file. */
class UseCaseRecordsTest {

    private static final Path BASE = Path.of("/projects/demo");

    private static DataSpec data() {
        return new DataSpec(BASE.resolve("data.csv"), null, null, List.of(), false, BASE);
    }

    @Test
    void isMet_atLeast_includesBound() {
        Success s = new Success(Metric.AUC, 0.8, true);
        assertTrue(s.isMet(0.8));
        assertTrue(s.isMet(0.95));
        assertFalse(s.isMet(0.7999));
        assertFalse(s.isMet(Double.NaN));
        assertEquals("auc at least 0.8", s.describe());
    }

    @Test
    void isMet_atMost_includesBound() {
        Success s = new Success(Metric.RMSE, 2.0, false);
        assertTrue(s.isMet(2.0));
        assertTrue(s.isMet(0.5));
        assertFalse(s.isMet(2.1));
        assertFalse(s.isMet(Double.NaN));
        assertEquals("rmse at most 2.0", s.describe());
    }

    @Test
    void success_directionAgainstMetric_throws() {
        assertThrows(IllegalArgumentException.class, () -> new Success(Metric.LOGLOSS, 0.3, true));
        assertThrows(IllegalArgumentException.class, () -> new Success(Metric.R2, 0.3, false));
        assertThrows(IllegalArgumentException.class, () -> new Success(Metric.AUC, Double.NaN, true));
    }

    @Test
    void records_mutableInputs_copied() {
        List<String> exclude = new ArrayList<>(List.of("id"));
        DataSpec d = new DataSpec(BASE.resolve("data.csv"), null, null, exclude, false, BASE);
        exclude.add("other");
        assertEquals(List.of("id"), d.exclude());
        Map<String, Monotone> monotone = new LinkedHashMap<>();
        monotone.put("Debt", Monotone.INCREASING);
        Constraints c = new Constraints(null, null, false, monotone);
        monotone.put("Income", Monotone.DECREASING);
        assertEquals(Map.of("Debt", Monotone.INCREASING), c.monotone());
        assertThrows(UnsupportedOperationException.class, () -> c.monotone().put("x", Monotone.INCREASING));
    }

    @Test
    void useCase_nullOptionalParts_becomeDefaults() {
        UseCase u = new UseCase(Path.of("usecase.yaml"), "demo", "Will it rain?", data(), "rain", null, null, null,
                new Success(Metric.AUC, 0.7, true), null, null, null, null, null, null);
        assertEquals(Constraints.NONE, u.constraints());
        assertEquals(Fairness.NONE, u.fairness());
        assertEquals(SelectionSpec.DEFAULTS, u.selection());
        assertEquals(List.of(), u.stakeholders());
    }

    @Test
    void useCase_badName_throwsWithValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UseCase(
                Path.of("usecase.yaml"), "Demo!", "Will it rain?", data(), "rain", null, null, null,
                new Success(Metric.AUC, 0.7, true), null, null, null, null, null, null));
        assertTrue(e.getMessage().contains("'Demo!'"), e.getMessage());
    }

    @Test
    void selectionSpec_outOfRange_throwsWithValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SelectionSpec(SelectionRule.BEST, 0.05, List.of(), 1, 1, 0));
        assertEquals("selection.folds must be >= 2: 1", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SelectionSpec(SelectionRule.BEST, 0.05, List.of("forest"), 5, 1, 0));
    }

    @Test
    void includes_emptyCandidates_meansAllFamilies() {
        assertTrue(SelectionSpec.DEFAULTS.includes("mlp"));
        assertFalse(SelectionSpec.DEFAULTS.includes("svm"));
        SelectionSpec few = new SelectionSpec(SelectionRule.BEST, 0.05, List.of("tree"), 5, 1, 0);
        assertTrue(few.includes("tree"));
        assertFalse(few.includes("mlp"));
    }

    @Test
    void fromKey_yamlNames_roundTrip() {
        for (SelectionRule r : SelectionRule.values()) {
            assertEquals(r, SelectionRule.fromKey(r.key()));
        }
        for (Monotone m : Monotone.values()) {
            assertEquals(m, Monotone.fromKey(m.key()));
        }
        assertEquals(List.of("significance", "one-se", "best"), SelectionRule.keys());
        assertThrows(IllegalArgumentException.class, () -> SelectionRule.fromKey("fastest"));
    }

    @Test
    void nearest_typos_findIntendedName() {
        List<String> keys = UseCaseReader.TOP_KEYS;
        assertEquals("target", Text.nearest("taget", keys));
        assertEquals("threshold", Text.nearest("treshold", keys));
        assertEquals("current_rule", Text.nearest("currentRule", keys));
        assertEquals("stakeholders", Text.nearest("stakeholder", keys));
        assertEquals(null, Text.nearest("colour", keys));
        assertEquals(1, Text.editDistance("fodls", "folds"));
        assertEquals(3, Text.editDistance("kitten", "sitting"));
    }
}
