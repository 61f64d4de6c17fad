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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UseCaseTemplateTest {

    private static final Path FILE = Path.of("new-project", "usecase.yaml");

    /** A commented-out key: "# " then, after any indentation, a lowercase key and a colon. */
    private static final Pattern COMMENTED_KEY = Pattern.compile("(?m)^(\\s*)# (\\s*)([a-z_]+):(.*)$");

    private static String uncomment(String text, List<String> except) {
        Matcher m = COMMENTED_KEY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = except.contains(m.group(3)) ? m.group(0)
                    : m.group(1) + m.group(2) + m.group(3) + ":" + m.group(4);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Test
    void text_asWritten_parsesForPlaceholderDataset() throws UseCaseException {
        UseCase u = UseCaseReader.parse(UseCaseTemplate.text(), FILE);
        assertEquals("my-project", u.name());
        assertEquals(FILE.toAbsolutePath().getParent().resolve("data.csv"), u.data().path());
        assertEquals("target", u.target());
        assertEquals(Metric.AUC, u.success().metric());
        assertNull(u.task());
        assertEquals(Constraints.NONE, u.constraints());
        assertEquals(Fairness.NONE, u.fairness());
        assertEquals(SelectionSpec.DEFAULTS, u.selection());
    }

    @Test
    void text_everyKeyOfTheFormat_appears() {
        String text = UseCaseTemplate.text();
        UseCaseReader.KEYS_BY_SECTION.values().forEach(keys -> keys.forEach(key ->
                assertTrue(Pattern.compile("(?m)^[#\\s]*" + key + ":").matcher(text).find(), key)));
        for (String family : SelectionSpec.FAMILIES) {
            assertTrue(text.contains(family), family);
        }
        for (String key : UseCaseReader.CANDIDATE_KEYS) {
            assertTrue(text.contains(key + ":"), key);
        }
        for (Metric.Kind metric : Metric.Kind.values()) {
            assertTrue(text.contains(metric.key()), metric.key());
        }
    }

    @Test
    void text_intervalUncommentedForRegression_parses() throws UseCaseException {
        String regression = UseCaseTemplate.text().replace("metric: auc ", "metric: rmse").replace("at_least: 0.75",
                "at_most: 1000").replace("# interval: 0.9", "interval: 0.9");
        assertEquals(0.9, UseCaseReader.parse(regression, FILE).interval());
    }

    @Test
    void text_costsUncommented_parses() throws UseCaseException {
        String text = UseCaseTemplate.text().replace("# costs:", "costs:").replace("#   false_positive: 1",
                "  false_positive: 1").replace("#   false_negative: 10", "  false_negative: 10");
        assertEquals(new Costs(1, 10), UseCaseReader.parse(text, FILE).costs());
    }

    @Test
    void text_everyOptionalKeyUncommented_parses() throws UseCaseException {
        // The alternatives to keys given as written stay commented: sql and jdbc for path, at_most for at_least,
        // interval, formula and start, which are for regression while the template's metric is auc, and groups, an
        // alternative to split: time.
        // costs is the alternative to threshold; precision is recall_at_precision's, not auc's.
        List<String> alternatives = List.of("sql", "jdbc", "at_most", "interval", "formula", "start", "groups",
                "costs", "false_positive", "false_negative", "precision");
        String all = uncomment(UseCaseTemplate.text(), alternatives);
        assertFalse(COMMENTED_KEY.matcher(all).results().anyMatch(m -> !alternatives.contains(m.group(3))));
        UseCase u = UseCaseReader.parse(all, FILE);
        assertEquals(Task.CLASSIFICATION, u.task());
        assertNotNull(u.positive());
        assertNotNull(u.threshold());
        assertNotNull(u.currentRule());
        assertNotNull(u.constraints().maxLatencyUs());
        assertNotNull(u.constraints().maxParameters());
        assertFalse(u.constraints().monotone().isEmpty());
        assertFalse(u.fairness().protectedAttributes().isEmpty());
        assertNotNull(u.fairness().minSelectionRateRatio());
        assertFalse(u.selection().candidates().isEmpty());
        assertEquals(java.util.Map.of("max_depth", 6L), u.selection().candidates().get(2).options());
        assertFalse(u.stakeholders().isEmpty());
        assertNotNull(u.operation());
        assertFalse(u.data().exclude().isEmpty());
    }

    @Test
    void text_queryInsteadOfPath_parses() throws UseCaseException {
        String text = UseCaseTemplate.text();
        String path = "  path: data.csv";
        assertTrue(text.contains(path));
        String query = uncomment(text.replace(path, "  # path: data.csv"), List.of("path", "at_most", "interval", "formula", "start",
                "groups", "costs", "false_positive", "false_negative", "precision"));
        UseCase u = UseCaseReader.parse(query, FILE);
        assertNull(u.data().path());
        assertTrue(u.data().isQuery());
        assertTrue(u.data().jdbc().startsWith("jdbc:"));
    }

    @Test
    void text_recallAtPrecisionWithItsPrecision_parses() throws UseCaseException {
        String text = UseCaseTemplate.text().replace("metric: auc ", "metric: recall_at_precision ")
                .replace("# precision: 0.9", "precision: 0.9");
        assertEquals("recall_at_precision_0.9", UseCaseReader.parse(text, FILE).success().metric().key());
    }

    @Test
    void text_lossInsteadOfAuc_parses() throws UseCaseException {
        String loss = UseCaseTemplate.text().replace("metric: auc", "metric: logloss").replace("  at_least: 0.75",
                "  # at_least: 0.75");
        UseCase u = UseCaseReader.parse(loss.replace("  # at_most:", "  at_most:"), FILE);
        assertEquals(new Success(Metric.LOGLOSS, 0.45, false), u.success());
    }

    @Test
    void text_everyLine_isShortEnoughToRead() {
        for (String line : UseCaseTemplate.text().split("\n")) {
            assertTrue(line.length() <= 120, line);
        }
    }
}
