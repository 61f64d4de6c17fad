package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.FoldResult;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.usecase.UseCase;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped credit example selecting on recall at precision 0.7 (issue 19): the metric goes through the whole
 * fit: fold values from the held-out scores, the corrected t-test, the leaderboard and the card (which the report
 * and {@code occam runs} read).
 */
class RecallAtPrecisionFitTest {

    @TempDir
    Path dir;

    /**
     * examples/credit/usecase.yaml with its success bar on recall at precision 0.7, four candidates and no latency
     * limit to speak of.
     */
    private UseCase creditUseCase() throws Exception {
        Path example = Path.of("..", "examples", "credit");
        String yaml = Files.readString(example.resolve("usecase.yaml"));
        String success = "success:\n  metric: auc                          # ranks applicants by risk whatever cut-off the"
                + " bank later picks\n  at_least: 0.80                       # AUC is higher-is-better, hence at_least\n";
        assertTrue(yaml.contains(success), "the example's success block changed");
        yaml = yaml.replace(success, "success: {metric: recall_at_precision, precision: 0.7, at_least: 0.3}\n")
                .replace("path: credit_data.csv", "path: " + example.resolve("credit_data.csv").toAbsolutePath())
                .replace("  seed: 42 ", "  candidates: [baseline, current-rule, logistic, tree]\n  seed: 42 ")
                // Latency is not what this test is about, and a loaded machine's p99 would make models ineligible.
                .replace("  max_latency_us: 1000 ", "  max_latency_us: 1000000 ");
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, yaml);
        return UseCaseReader.read(file);
    }

    @Test
    void run_creditExample_selectsOnRecallAtPrecisionThroughTheWholeFit() throws Exception {
        UseCase useCase = creditUseCase();
        Metric metric = Metric.recallAtPrecision(0.7);
        assertEquals(metric, useCase.success().metric());
        List<Fold> folds = FitPlan.of(useCase).folds();
        FitResult result = new FitJob(useCase, dir.resolve("out"), null).run();
        assertEquals(metric, result.metric());
        double[] truth = result.target().values();

        // Each fold's value is the metric on that fold's held-out scores.
        for (LeaderboardEntry e : result.entries()) {
            assertTrue(e.evaluation().succeeded(), e.id() + ": " + e.evaluation().failure());
            List<FoldResult> values = e.evaluation().folds();
            assertEquals(folds.size(), values.size(), e.id());
            for (int f = 0; f < folds.size(); f++) {
                int[] test = folds.get(f).test();
                double[] t = new double[test.length];
                double[] s = new double[test.length];
                for (int j = 0; j < test.length; j++) {
                    t[j] = truth[test[j]];
                    s[j] = e.evaluation().heldOut().score(folds.get(f).repeat(), test[j]);
                }
                assertEquals(metric.compute(t, s, Double.NaN), values.get(f).value(), 1e-12, e.id() + " fold " + f);
            }
            // The leaderboard's other metrics are the task's others: recall at precision is the selection one.
            assertEquals(List.of("auc", "pr_auc", "logloss", "brier", "accuracy", "f1"),
                    List.copyOf(e.metrics().values().keySet()), e.id());
        }
        // 28% of the loans are bad, so the constant baseline never reaches precision 0.7: 0 on every fold.
        LeaderboardEntry baseline = result.entries().stream().filter(e -> e.id().equals("baseline")).findFirst()
                .orElseThrow();
        for (double v : baseline.evaluation().values()) {
            assertEquals(0.0, v, 0);
        }
        LeaderboardEntry chosen = result.chosenEntry();
        assertNotNull(chosen);
        assertNotEquals("baseline", chosen.id());
        assertTrue(chosen.evaluation().mean() > 0.3, "recall at precision 0.7: " + chosen.evaluation().mean());
        // The corrected resampled t-test compared every other evaluated candidate with the best on these folds.
        long compared = result.entries().stream().filter(e -> e.versusBest() != null).count();
        assertEquals(result.entries().size() - 1, compared);
        assertTrue(baseline.versusBest().pValue() < 0.05, "baseline against the best: " + baseline.versusBest());

        JsonNode board = Json.MAPPER.readTree(dir.resolve("out/leaderboard.json").toFile());
        assertEquals("recall_at_precision_0.7", board.get("metric").asText());
        assertTrue(board.get("higher_is_better").asBoolean());
        JsonNode chosenRow = null;
        for (JsonNode c : board.get("candidates")) {
            assertEquals("recall_at_precision_0.7", c.get("metric").asText());
            assertFalse(c.get("metrics").has("recall_at_precision_0.7"));
            if (c.get("model").asText().equals(chosen.id())) {
                chosenRow = c;
            }
        }
        assertNotNull(chosenRow);
        assertEquals(chosen.evaluation().mean(), chosenRow.get("mean").asDouble(), 1e-12);
        JsonNode card = Json.MAPPER.readTree(dir.resolve("out/card.json").toFile());
        assertEquals("recall_at_precision_0.7", card.get("success").get("metric").asText());
        assertEquals(0.3, card.get("success").get("at_least").asDouble(), 0);
        assertEquals(chosen.evaluation().mean(), card.get("success").get("value").asDouble(), 1e-12);
        assertTrue(card.get("success").get("met").asBoolean());
        assertEquals("recall_at_precision_0.7", card.get("evaluation").get("metric").asText());
    }
}
