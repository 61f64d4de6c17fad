package dev.occam.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real fit selecting on recall at precision 0.7 ({@code recall-at-precision/}, its README says how it
 * was made): the metric's name carries its precision wherever the report names the selection metric.
 */
class RecallAtPrecisionReportTest {

    private static final String RESOURCE = "/recall-at-precision/fit/";

    @TempDir
    Path dir;

    @Test
    void render_recallAtPrecisionFit_namesTheMetricWithItsPrecision() throws Exception {
        Path fit = dir.resolve("fit");
        Files.createDirectories(fit);
        for (String name : FitFixture.FILES) {
            try (InputStream in = RecallAtPrecisionReportTest.class.getResourceAsStream(RESOURCE + name)) {
                if (in == null) {
                    throw new IOException("test resource " + RESOURCE + name + " is missing");
                }
                Files.copy(in, fit.resolve(name));
            }
        }
        String html = Files.readString(ReportWriter.write(fit));
        assertTrue(html.contains("recall_at_precision_0.7 mean ± standard deviation over the folds"), "leaderboard");
        assertTrue(html.contains("logistic reaches RECALL_AT_PRECISION_0.7 0.481, at least 0.3 required"), "verdict");
        assertTrue(html.contains("{\"metric\":\"recall_at_precision_0.7\""), "chart data");
        // The other metrics beside it are the task's others, with their spread.
        assertTrue(html.contains("<table class=\"other-metrics\">") && html.contains("<th class=\"num\">pr_auc</th>")
                && html.contains("0.662 ± 0.023"), "other metrics");
        assertTrue(html.contains("metric recall_at_precision_0.7"), "audit's evaluation row");
    }
}
