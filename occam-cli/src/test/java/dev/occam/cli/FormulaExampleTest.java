package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped formula example end to end, as the README runs it: the Michaelis-Menten equation competes with the
 * ladder on Puromycin (treated), is chosen on the evidence, prints its fitted equation, and predicts; a formula
 * that cannot be fitted ends in a sentence, not a stack trace.
 */
class FormulaExampleTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "formula").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void fit_formulaExample_choosesTheEquationAndPredicts() throws Exception {
        Path out = dir.resolve("out");
        CliRun fit = CliRun.of("fit", EXAMPLE.resolve("usecase.yaml").toString(), "--out", out.toString());
        assertEquals(OccamCommand.OK, fit.exitCode(), fit.err() + fit.out());
        JsonNode model = Json.MAPPER.readTree(out.resolve("model.json").toFile());
        assertEquals("formula", model.get("family").asText(), fit.out());
        CliRun explain = CliRun.of("explain", out.resolve("model.json").toString());
        assertTrue(explain.out().contains("rate = ") && explain.out().contains("conc /"), explain.out());
        Path predictions = dir.resolve("predictions.csv");
        CliRun predict = CliRun.of("predict", out.resolve("model.json").toString(),
                EXAMPLE.resolve("puromycin_treated.csv").toString(), "--out", predictions.toString());
        assertEquals(OccamCommand.OK, predict.exitCode(), predict.err());
        assertEquals(13, Files.readAllLines(predictions).size(), "a header and one line per row");
    }

    @Test
    void fit_unknownFunction_plainSentenceNoTrace() throws Exception {
        Path useCase = dir.resolve("bad.yaml");
        Files.writeString(useCase, Files.readString(EXAMPLE.resolve("usecase.yaml"))
                .replace("path: puromycin_treated.csv", "path: " + EXAMPLE.resolve("puromycin_treated.csv"))
                .replace("Vm * conc / (K + conc)", "Vm * expo(conc) / (K + conc)"));
        CliRun fit = CliRun.of("fit", useCase.toString(), "--out", dir.resolve("bad").toString());
        assertTrue(fit.exitCode() != OccamCommand.OK, fit.out());
        assertTrue(fit.err().contains("unknown function 'expo'"), fit.err());
        assertTrue(!fit.err().contains("\tat ") && !fit.err().contains("Exception"), fit.err());
    }
}
