package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help on every command, and {@code occam fit --quiet}, {@code --json} and {@code --log} (issue 19, point 1). */
class ConsoleOptionsTest {

    private static final Path SAFETY = Path.of("src", "test", "resources", "safety");

    @TempDir
    Path dir;

    @Test
    void help_everyCommandWithHelpOrH_printsItsUsageAndExitsZero() {
        for (String command : List.of("init", "fit", "predict", "explain", "report", "publish", "serve", "runs",
                "compare")) {
            for (String flag : List.of("--help", "-h")) {
                CliRun run = CliRun.of(command, flag);
                assertEquals(OccamCommand.OK, run.exitCode(), command + " " + flag + ": " + run.err());
                assertTrue(run.out().startsWith("Usage: occam " + command), command + " " + flag + ":\n" + run.out());
                assertEquals("", run.err(), command + " " + flag);
            }
        }
        CliRun fit = CliRun.of("fit", "--help");
        for (String option : List.of("--quiet", "--json", "--log", "--driver", "--keep-runs", "--out")) {
            assertTrue(fit.out().contains(option), option + " missing from:\n" + fit.out());
        }
    }

    @Test
    void fit_quiet_printsOnlyTheOneLineVerdict() {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("fit", SAFETY.resolve("met.yaml").toString(), "--out", out.toString(), "--quiet",
                "--threads", "1");

        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        assertEquals("", run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(1, lines.size(), run.out());
        assertTrue(lines.get(0).matches("safety-met: chose logistic; auc 0\\.\\d+ \\(at least 0\\.6000\\): success"
                + " bar met; outputs in .*out"), lines.get(0));
    }

    @Test
    void fit_moreThreadsThanCores_saysSoAndFits() {
        int cores = Runtime.getRuntime().availableProcessors();
        CliRun run = CliRun.of("fit", SAFETY.resolve("met.yaml").toString(), "--out", dir.resolve("out").toString(),
                "--threads", Integer.toString(cores + 1));

        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("note: --threads " + (cores + 1) + " is more than this machine's " + cores
                + " cores"), run.out());
    }

    @Test
    void fit_json_printsTheSummaryOnStandardOutput() throws Exception {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("fit", SAFETY.resolve("met.yaml").toString(), "--out", out.toString(), "--json",
                "--threads", "1");

        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        JsonNode j = Json.MAPPER.readTree(run.out());
        assertEquals("safety-met", j.get("name").asText());
        assertEquals("prediction", j.get("task").asText());
        assertEquals("logistic", j.get("chosen").asText());
        assertEquals("auc", j.at("/success/metric").asText());
        assertEquals(0.6, j.at("/success/at_least").asDouble(), 0.0);
        // The value is the card's: the same number the card says the chosen model reached.
        JsonNode card = Json.MAPPER.readTree(out.resolve("card.json").toFile());
        assertEquals(card.at("/success/value").asDouble(), j.at("/success/value").asDouble(), 0.0);
        assertTrue(j.at("/success/met").asBoolean());
        assertEquals(card.at("/success/verdict").asText(), j.get("verdict").asText());
        assertEquals(out.toString(), j.get("output").asText());
        assertTrue(Files.isSameFile(out, Path.of(j.get("run").asText())), "run is the set out points at");
        assertEquals(0, j.get("exit_code").asInt());
        // The console summary still goes somewhere a person sees it: standard error.
        assertTrue(run.err().contains("chosen: logistic"), run.err());
    }

    @Test
    void fit_jsonWithMissedBar_exitCodeThreeInSummary() throws Exception {
        CliRun run = CliRun.of("fit", SAFETY.resolve("missed.yaml").toString(), "--out", dir.resolve("o").toString(),
                "--json", "--quiet", "--threads", "1");

        assertEquals(OccamCommand.SUCCESS_NOT_MET, run.exitCode(), run.err());
        JsonNode j = Json.MAPPER.readTree(run.out());
        assertFalse(j.at("/success/met").asBoolean());
        assertEquals(0.99, j.at("/success/at_least").asDouble(), 0.0);
        assertEquals(3, j.get("exit_code").asInt());
    }

    @Test
    void fit_jsonOnAUserError_printsTheErrorAsJson() throws Exception {
        CliRun run = CliRun.of("fit", dir.resolve("nope.yaml").toString(), "--json");

        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError(), run.err());
        JsonNode j = Json.MAPPER.readTree(run.out());
        assertEquals(2, j.get("exit_code").asInt());
        assertTrue(j.get("error").asText().contains("nope.yaml"), j.toString());
    }

    @Test
    void fit_log_appendsWhatStandardErrorSaysToTheFile() throws Exception {
        Path log = dir.resolve("logs").resolve("fit.log");
        CliRun ok = CliRun.of("fit", SAFETY.resolve("met.yaml").toString(), "--out", dir.resolve("out").toString(),
                "--log", log.toString(), "--threads", "1");
        assertEquals(OccamCommand.OK, ok.exitCode(), ok.err());
        CliRun failed = CliRun.of("fit", dir.resolve("nope.yaml").toString(), "--log", log.toString());
        assertEquals(OccamCommand.USER_ERROR, failed.exitCode());

        String logged = Files.readString(log);
        assertTrue(ok.err().contains("fitting logistic"), ok.err());
        assertTrue(logged.startsWith(ok.err()), "the first run's standard error, whole:\n" + logged);
        assertTrue(logged.endsWith(failed.err()), "then the second's, appended:\n" + logged);
        assertTrue(failed.err().startsWith("occam: ") && failed.err().contains("nope.yaml"), failed.err());
        assertFalse(logged.contains("\r"), "no in-place progress in a log");
    }
}
