package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.core.evaluate.CostThreshold;
import dev.occam.core.evaluate.FoldMetrics;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions with costs, the other metrics beside the selection one, and the shipped credit example's features. */
class DecisionsFitTest {

    @TempDir
    Path dir;

    /** A rare event (about 10% positive) driven by x1, with x2 noise. */
    private Path useCase(String extra) throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 600; i++) {
            double x1 = r.nextGaussian();
            double p = 1 / (1 + Math.exp(-(-2.8 + 1.5 * x1)));
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f,%s%n", x1, r.nextGaussian(),
                    r.nextDouble() < p ? "yes" : "no"));
        }
        Files.writeString(dir.resolve("data.csv"), csv);
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, String.join("\n", "name: rare", "question: Is it yes?", "data:", "  path: data.csv",
                "target: y", "positive: yes", "success:", "  metric: auc", "  at_least: 0.6", "selection:",
                "  candidates: [baseline, logistic]", extra, ""));
        return file;
    }

    @Test
    void run_costs_thresholdMinimisesCostOnOutOfFoldScores() throws Exception {
        FitResult result = new FitJob(UseCaseReader.read(useCase("costs: {false_positive: 1, false_negative: 10}")),
                dir.resolve("out"), null).run();
        LeaderboardEntry chosen = result.chosenEntry();
        assertEquals("logistic", chosen.id());
        double expected = CostThreshold.pooled(chosen.evaluation().heldOut(), result.target().values(), 1, 10)
                .threshold();
        // A false negative costs 10 times a false positive: the threshold sits far below the 10% positive share's.
        assertEquals(expected, result.model().threshold(), 1e-12);
        assertTrue(result.model().threshold() < 0.15, "threshold " + result.model().threshold());
        double[] cost = chosen.metrics().values().get("expected_cost");
        assertEquals(result.foldCount(), cost.length);
        // The honest per-fold cost of the logistic model beats calling nobody (every positive missed, 10 each).
        double callNobody = 10 * result.target().mean();
        assertTrue(FoldMetrics.mean(cost) < callNobody, FoldMetrics.mean(cost) + " vs " + callNobody);
        // The held-out decisions are made at each fold's cost threshold, chosen on the other folds.
        double[] thresholds = chosen.metrics().values().get("threshold");
        assertEquals(thresholds[0], chosen.evaluation().heldOut().threshold(0, 0), 0);
        JsonNode board = Json.MAPPER.readTree(dir.resolve("out/leaderboard.json").toFile());
        JsonNode m = board.get("candidates").get(1).get("metrics");
        assertEquals(FoldMetrics.mean(cost), m.get("expected_cost").get("mean").asDouble(), 1e-12);
        assertTrue(m.get("expected_cost").get("std").asDouble() > 0);
        JsonNode data = Json.MAPPER.readTree(dir.resolve("out/report-data.json").toFile());
        assertEquals("costs", data.get("decisions").get("chosen_by").asText());
        JsonNode card = Json.MAPPER.readTree(dir.resolve("out/card.json").toFile());
        assertEquals(2, card.get("confusion_matrix").get("counts").size());
        assertEquals(10.0, card.get("use_case").get("costs").get("false_negative").asDouble(), 0);
    }

    @Test
    void run_noCosts_otherMetricsBesideTheSelectionOneAndNoCost() throws Exception {
        FitResult result = new FitJob(UseCaseReader.read(useCase("")), dir.resolve("out"), null).run();
        var metrics = result.chosenEntry().metrics().values();
        assertEquals(List.of("pr_auc", "logloss", "brier", "accuracy", "f1"), List.copyOf(metrics.keySet()));
        assertNull(metrics.get("expected_cost"));
        // PR-AUC of the constant baseline is the positive share: the honest floor of a rare event.
        LeaderboardEntry baseline = result.entries().get(0);
        assertEquals("baseline", baseline.id());
        assertTrue(Math.abs(FoldMetrics.mean(baseline.metrics().values().get("pr_auc")) - result.target().mean())
                < 0.03);
        JsonNode board = Json.MAPPER.readTree(dir.resolve("out/leaderboard.json").toFile());
        assertNotNull(board.get("candidates").get(1).get("metrics").get("brier").get("folds"));
        JsonNode data = Json.MAPPER.readTree(dir.resolve("out/report-data.json").toFile());
        assertEquals("positive share", data.get("decisions").get("chosen_by").asText());
        assertFalse(data.get("decisions").get("table").get(0).has("cost_per_row"));
    }

    @Test
    void plan_creditExample_protectedAttributesAreNotFeatures() throws Exception {
        FitPlan plan = FitPlan.of(UseCaseReader.read(Path.of("..", "examples", "credit", "usecase.yaml")));
        List<String> features = plan.features().schema().names();
        assertFalse(features.contains("Age"), features.toString());
        assertFalse(features.contains("Marital"), features.toString());
        assertTrue(features.contains("Income"), features.toString());
    }
}
