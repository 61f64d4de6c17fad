package dev.occam.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segment use case: the issue's keys, defaults, and mistakes named with their line and the nearest key. */
class SegmentUseCaseReaderTest {

    private static final String ISSUE = """
            name: customer-segments
            question: Which groups of customers behave alike?
            task: segment
            data:
              path: customers.csv
              exclude: [customer_id]
            success:
              metric: stability
              at_least: 0.6
            """;

    @TempDir
    Path dir;

    private SegmentUseCase parse(String yaml) throws UseCaseException {
        return SegmentUseCaseReader.parse(yaml, dir.resolve("usecase.yaml"));
    }

    @Test
    void parse_issueExample_readsEveryKeyWithDefaults() throws Exception {
        SegmentUseCase u = parse(ISSUE);
        assertEquals("customer-segments", u.name());
        assertEquals(dir.resolve("customers.csv").toAbsolutePath().normalize(), u.data().path());
        assertEquals(List.of("customer_id"), u.data().exclude());
        assertEquals("stability", u.success().metric());
        assertEquals(0.6, u.success().atLeast());
        assertEquals(SegmentUseCase.Settings.DEFAULTS, u.settings());
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, ISSUE);
        assertEquals(Task.SEGMENTATION, UseCaseReader.taskOf(file));
    }

    @Test
    void parse_selection_readsSeedAndSizes() throws Exception {
        SegmentUseCase u = parse(ISSUE + "selection:\n  seed: 7\n  max_segments: 5\n  resamples: 10\n  max_rows: 500\n");
        assertEquals(new SegmentUseCase.Settings(7, 5, 10, 500), u.settings());
    }

    @Test
    void parse_misspeltKey_namesLineAndNearestKey() {
        UseCaseException e = assertThrows(UseCaseException.class, () -> parse(ISSUE.replace("exclude", "exlude")));
        assertTrue(e.getMessage().contains("line 6") && e.getMessage().contains("did you mean 'exclude'?"),
                e.getMessage());
    }

    @Test
    void parse_unknownMetric_namesTheChoices() {
        UseCaseException e = assertThrows(UseCaseException.class, () -> parse(ISSUE.replace("stability", "auc")));
        assertTrue(e.getMessage().contains("success.metric must be one of stability, silhouette, bic: 'auc'"),
                e.getMessage());
    }

    @Test
    void parse_percentageBar_saysItIsAShare() {
        UseCaseException e = assertThrows(UseCaseException.class, () -> parse(ISSUE.replace("0.6", "60")));
        assertTrue(e.getMessage().contains("line 9") && e.getMessage().contains("a share, not a percentage"),
                e.getMessage());
    }

    @Test
    void parse_noSuccess_saysWhatToWrite() {
        UseCaseException e = assertThrows(UseCaseException.class,
                () -> parse(ISSUE.substring(0, ISSUE.indexOf("success:"))));
        assertTrue(e.getMessage().contains("missing required key 'success'"), e.getMessage());
    }

    @Test
    void parse_targetKey_isUnknownForSegments() {
        UseCaseException e = assertThrows(UseCaseException.class, () -> parse(ISSUE + "target: churn\n"));
        assertTrue(e.getMessage().contains("unknown key 'target'"), e.getMessage());
    }
}
