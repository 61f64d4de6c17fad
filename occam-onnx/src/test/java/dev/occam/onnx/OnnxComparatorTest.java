package dev.occam.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.occam.core.data.DataException;
import dev.occam.core.jobs.FitJob;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.export.ModelExport;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.scorer.LinearScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An existing ONNX model on the credit example's ladder (examples/credit, credit_data.csv from R's modeldata, MIT):
 * scored by ONNX Runtime on the same folds as every candidate. The oracle: the vendor's model is the logistic
 * function of minus a tenth of Seniority (well inside the range where a runtime's sigmoid is strictly increasing:
 * ONNX Runtime's saturates far out, tying the longest-serving applicants), and today's rule is minus Seniority in
 * SQL; AUC depends on the order alone, so on every fold the two must score the same AUC.
 */
class OnnxComparatorTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "credit").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void fit_vendorOnnxModelAsCandidate_scoredOnTheSameFoldsAsTodaysRule() throws Exception {
        Schema seniority = new Schema(List.of(Feature.numeric("Seniority")));
        Model vendor = Model.of("logistic", TargetInfo.classification("Status", "bad", "good"),
                new LinearScorer(seniority, LinearScorer.Link.LOGIT, 0.0, new double[] {-0.1}, new boolean[1], null));
        Files.write(dir.resolve("vendor.onnx"), ModelExport.bytes(vendor, ModelExport.Format.ONNX, "test"));
        Path useCase = dir.resolve("usecase.yaml");
        Files.writeString(useCase, Files.readString(EXAMPLE.resolve("usecase.yaml"))
                .replace("path: credit_data.csv", "path: " + EXAMPLE.resolve("credit_data.csv"))
                .replaceAll("current_rule: .*", "current_rule: \"-Seniority\"")
                .replace("folds: 5", "folds: 3").replace("repeats: 2", "repeats: 1")
                .replace("seed: 42", "seed: 42\n  candidates: [current-rule, logistic,"
                        + " {id: vendor, learner: onnx, path: vendor.onnx}]")
                .replace("max_latency_us: 1000", "max_latency_us: 1000000000"));
        Path out = dir.resolve("out");
        new FitJob(UseCaseReader.read(useCase), out, null).run();

        JsonNode board = JSON.readTree(out.resolve("leaderboard.json").toFile());
        JsonNode rule = null;
        JsonNode existing = null;
        for (JsonNode c : board.get("candidates")) {
            if (c.get("model").asText().equals("current-rule")) {
                rule = c;
            } else if (c.get("model").asText().equals("vendor")) {
                existing = c;
            }
        }
        assertTrue(rule != null && existing != null, board.toString());
        assertEquals("onnx", existing.get("learner").asText());
        assertFalse(existing.get("deployable").asBoolean());
        assertEquals(0, existing.get("rung").asInt());
        double[] ruleFolds = JSON.convertValue(rule.get("folds"), double[].class);
        double[] vendorFolds = JSON.convertValue(existing.get("folds"), double[].class);
        assertEquals(3, vendorFolds.length);
        assertArrayEquals(ruleFolds, vendorFolds, 1e-12);
        String card = Files.readString(out.resolve("card.json"));
        assertTrue(card.contains("vendor: the existing model vendor.onnx was scored on the same validation folds"
                + " as every candidate, as it is: it was not refitted"), card);
    }

    @Test
    void fit_vendorModelReadingAColumnTheDataLacks_refusedNamingTheInput() throws Exception {
        Schema missing = new Schema(List.of(Feature.numeric("CreditScore")));
        Model vendor = Model.of("logistic", TargetInfo.classification("Status", "bad", "good"),
                new LinearScorer(missing, LinearScorer.Link.LOGIT, 0.0, new double[] {1.0}, new boolean[1], null));
        Files.write(dir.resolve("vendor.onnx"), ModelExport.bytes(vendor, ModelExport.Format.ONNX, "test"));
        Path useCase = dir.resolve("usecase.yaml");
        Files.writeString(useCase, Files.readString(EXAMPLE.resolve("usecase.yaml"))
                .replace("path: credit_data.csv", "path: " + EXAMPLE.resolve("credit_data.csv"))
                .replace("folds: 5", "folds: 2").replace("repeats: 2", "repeats: 1")
                .replace("seed: 42", "seed: 42\n  candidates: [baseline, {id: vendor, learner: onnx, path: vendor.onnx}]"));
        DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                () -> new FitJob(UseCaseReader.read(useCase), dir.resolve("out"), null).run());
        assertTrue(e.getMessage().contains("'vendor'") && e.getMessage().contains("'CreditScore'"), e.getMessage());
    }
}
