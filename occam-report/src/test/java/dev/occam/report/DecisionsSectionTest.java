package dev.occam.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.results.ReportData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts a model-risk reviewer reads: the verdict banner, other metrics, the threshold, limitations, provenance. */
class DecisionsSectionTest {

    @TempDir
    Path dir;

    @Test
    void render_fixture_showsMetricsThresholdConfusionHyperparametersLimitationsAndProvenance() throws Exception {
        String html = Files.readString(ReportWriter.write(FitFixture.copy(dir.resolve("fit"))));
        assertTrue(html.contains("<h3>Other metrics</h3>"), "other metrics");
        assertTrue(html.contains("pr_auc") && html.contains("logloss"), "metric names");
        assertTrue(html.contains("<h2>Decision threshold</h2>"), "threshold section");
        assertTrue(html.contains("◀ chosen"), "the chosen threshold is marked");
        assertTrue(html.contains("<h3>Confusion matrix</h3>"), "confusion matrix");
        assertTrue(html.contains("<h3>Hyperparameters</h3>") && html.contains("max_iterations"), "hyperparameters");
        assertTrue(html.contains("<h2>Limitations</h2>"), "limitations");
        assertTrue(html.contains("fit date (UTC)") && html.contains("git commit"), "provenance");
        // The fixture's ratio (0.92) passes the four-fifths rule: a plain green banner.
        assertTrue(html.contains("class=\"verdict met\""), "banner");
    }

    @Test
    void render_successMetButFairnessFails_bannerSaysSo() throws Exception {
        Path fit = FitFixture.copy(dir.resolve("fit"));
        Path card = fit.resolve("card.json");
        String text = Files.readString(card);
        assertTrue(text.contains("\"selection_rate_ratio\" : 0.9167233560090703"), "fixture changed: update this test");
        Files.writeString(card, text.replace("\"selection_rate_ratio\" : 0.9167233560090703",
                "\"selection_rate_ratio\" : 0.67"));
        String html = Files.readString(ReportWriter.write(fit));
        assertTrue(html.contains("class=\"verdict concern\""), "banner class");
        assertTrue(html.contains("Success bar met, but the fairness audit fails"), "banner word");
        assertTrue(html.contains("the selection-rate ratio by region is 0.67"), "banner names the attribute");
        assertFalse(html.contains("class=\"verdict met\""), "no green banner");
    }

    @Test
    void deciles_regression_tableOfTenthsByPrediction() {
        ReportData.Regression r = new ReportData.Regression("linear", new double[][] {{1, 1.5}, {2, 1.8}},
                new ReportData.Histogram("residual", -1, 1, 0.5, new int[] {1, 2, 3, 1}),
                List.of(new ReportData.DecileError(1, 12, 0.5, 1.5, 1.0, 1.2, 0.3, 0.4)));
        ReportData data = new ReportData(ReportData.FORMAT, List.of(), List.of(), List.of(), null, null, r);
        String html = Decisions.deciles(data);
        assertTrue(html.contains("<td class=\"num\">0.5 – 1.5</td>") || html.contains("0.5 – 1.5"), html);
        assertTrue(html.contains("mean actual"), html);
        assertTrue(Decisions.regression(data).contains("data-chart=\"predicted\""));
        assertTrue(Decisions.regression(data).contains("data-chart=\"residuals\""));
    }
}
