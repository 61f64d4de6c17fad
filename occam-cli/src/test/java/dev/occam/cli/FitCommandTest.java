package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code occam fit} and {@code occam predict} end to end on the shipped credit example. */
class FitCommandTest {

    private static final Path CREDIT = Path.of("..", "examples", "credit");

    @TempDir
    static Path dir;

    private static CliRun fit;
    private static Path out;

    /** One fit, shared by the tests that read its output. */
    @BeforeAll
    static void fitCreditExample() {
        out = dir.resolve("credit-out");
        fit = CliRun.of("fit", CREDIT.resolve("usecase.yaml").toString(), "--out", out.toString());
    }

    @Test
    void fit_creditExample_printsLeaderboardWithLogisticNearSklearn() {
        assertEquals(OccamCommand.OK, fit.exitCode(), fit.err());
        assertTrue(fit.out().startsWith("credit-scoring: 4,454 rows, 13 features, target Status = bad (28.2%)"), fit.out());
        double logistic = auc("logistic");
        double baseline = auc("baseline");
        // scikit-learn 1.2.1 gets 0.831 on the same data (issue 2); an unpenalised glm should be within 0.01.
        assertTrue(Math.abs(logistic - 0.831) < 0.01, "logistic AUC " + logistic);
        assertEquals(0.5, baseline, 1e-9);
        assertTrue(fit.out().contains("tree"), fit.out());
        // Nothing is significantly better than the linear models on this data: a rung-2 model is chosen.
        Matcher chosen = Pattern.compile("(?m)^chosen: (\\S+)$").matcher(fit.out());
        assertTrue(chosen.find(), fit.out());
        assertTrue(List.of("logistic", "lasso", "scorecard").contains(chosen.group(1)), fit.out());
        assertTrue(fit.out().contains("success: The use case is met: " + chosen.group(1) + " reaches AUC 0.8"),
                fit.out());
        // Today's rule competes on rung 0 and loses: the model must beat what the business already does.
        assertTrue(auc("current-rule") < logistic, fit.out());
        // The chosen model's five most important features follow the verdict, before the success line.
        Matcher importance = Pattern.compile("(?m)^importance: drop in AUC when a feature is shuffled .*\n"
                + "((?:  \\S+\\s+-?\\d\\.\\d{4} ± \\d\\.\\d{4}\\n){5})success: ").matcher(fit.out());
        assertTrue(importance.find(), fit.out());
    }

    private double auc(String family) {
        Matcher m = Pattern.compile("(?m)^\\d\\s+" + family + "\\s+(\\d\\.\\d{3}) ± ").matcher(fit.out());
        assertTrue(m.find(), family + " line missing:\n" + fit.out());
        return Double.parseDouble(m.group(1));
    }

    @Test
    void fit_creditExample_writesLeaderboardModelAndCard() throws Exception {
        JsonNode board = Json.MAPPER.readTree(out.resolve("leaderboard.json").toFile());
        assertEquals("auc", board.get("metric").asText());
        int chosen = 0;
        for (JsonNode c : board.get("candidates")) {
            assertEquals(10, c.get("folds").size(), "5 folds x 2 repeats for " + c.get("model"));
            for (String field : new String[] {"rung", "model", "mean", "std", "parameters", "fit_ms", "p50_us", "p99_us",
                "interpretable", "eligible", "p_value_vs_best", "chosen"}) {
                assertTrue(c.has(field), field + " missing in " + c);
            }
            chosen += c.get("chosen").asBoolean() ? 1 : 0;
        }
        assertEquals(1, chosen);
        JsonNode model = Json.MAPPER.readTree(out.resolve("model.json").toFile());
        assertEquals("occam-model/1", model.get("format").asText());
        JsonNode card = Json.MAPPER.readTree(out.resolve("card.json").toFile());
        assertTrue(card.get("data").get("fingerprint").asText().startsWith("sha256:"));
        assertTrue(card.get("success").get("met").asBoolean());
        assertEquals(4454, card.get("data").get("rows").asInt());
        assertEquals(13, card.get("explanation").get("permutation_importance").get("ranking").size());
    }

    @Test
    void predict_creditRows_writesOneLinePerRowMatchingTheModel() throws Exception {
        Path predictions = dir.resolve("predictions.csv");
        CliRun run = CliRun.of("predict", out.resolve("model.json").toString(),
                CREDIT.resolve("credit_data.csv").toString(), "--out", predictions.toString());
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        var lines = Files.readAllLines(predictions);
        assertEquals("prediction,probability", lines.get(0));
        assertEquals(4454, lines.size() - 1);
        assertTrue(run.err().contains("wrote 4,454 predictions"), run.err());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double p = Double.parseDouble(f[1]);
            assertTrue(p >= 0 && p <= 1, line);
            assertTrue(f[0].equals("bad") || f[0].equals("good"), line);
        }
    }

    @Test
    void predict_existingOutWithoutForce_refusedAndKept() throws Exception {
        Path existing = dir.resolve("keep.csv");
        Files.writeString(existing, "precious");
        CliRun run = CliRun.of("predict", out.resolve("model.json").toString(),
                CREDIT.resolve("credit_data.csv").toString(), "--out", existing.toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("--force"), run.err());
        assertEquals("precious", Files.readString(existing));
    }

    @Test
    void fit_twice_sameLeaderboardApartFromTimes() throws Exception {
        Path again = dir.resolve("again");
        CliRun second = CliRun.of("fit", CREDIT.resolve("usecase.yaml").toString(), "--out", again.toString());
        assertEquals(OccamCommand.OK, second.exitCode(), second.err());
        assertEquals(withoutTimes(out.resolve("leaderboard.json")), withoutTimes(again.resolve("leaderboard.json")));
    }

    @Test
    void fit_barOutOfReach_exitThreeWithPlainSentence() throws Exception {
        Path useCase = dir.resolve("usecase.yaml");
        Files.writeString(useCase, Files.readString(CREDIT.resolve("usecase.yaml"))
                .replace("path: credit_data.csv", "path: " + CREDIT.resolve("credit_data.csv").toAbsolutePath())
                .replace("at_least: 0.80", "at_least: 0.95")
                .replace("seed: 42", "seed: 42\n  candidates: [baseline, logistic]"));
        CliRun run = CliRun.of("fit", useCase.toString(), "--out", dir.resolve("unmet").toString());
        assertEquals(OccamCommand.SUCCESS_NOT_MET, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("NOT MET: The use case is not met: the chosen model, logistic, reaches AUC 0.8")
                && run.out().contains("requires at least 0.95"), run.out());
    }

    private static String withoutTimes(Path leaderboard) throws Exception {
        JsonNode board = Json.MAPPER.readTree(leaderboard.toFile());
        for (JsonNode c : board.get("candidates")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) c).remove(java.util.List.of("fit_ms", "p50_us", "p99_us"));
        }
        return board.toString();
    }
}
