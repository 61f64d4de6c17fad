package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code occam export}: the credit example's logistic model written as PMML and as ONNX, and the mistakes a
 * user makes told in one line. That the files score as Occam does is checked in occam-export, by ONNX Runtime
 * and JPMML-Evaluator.
 */
class ExportCommandTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "credit").toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void fit() throws Exception {
        Path useCase = dir.resolve("usecase.yaml");
        Files.writeString(useCase, Files.readString(EXAMPLE.resolve("usecase.yaml"))
                .replace("path: credit_data.csv", "path: " + EXAMPLE.resolve("credit_data.csv"))
                .replace("folds: 5", "folds: 2").replace("repeats: 2", "repeats: 1")
                .replace("seed: 42", "seed: 42\n  candidates: [logistic]")
                .replace("max_latency_us: 1000", "max_latency_us: 1000000000"));
        CliRun run = CliRun.of("fit", useCase.toString(), "--out", dir.resolve("out").toString(), "--threads", "1");
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        model = dir.resolve("out").resolve("model.json");
    }

    @Test
    void export_logisticAsPmml_writesAPmml44Document() throws Exception {
        Path out = dir.resolve("credit.pmml");
        CliRun run = CliRun.of("export", model.toString(), "--format", "pmml", "--out", out.toString());
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        String pmml = Files.readString(out);
        assertTrue(pmml.contains("<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">"), pmml);
        assertTrue(pmml.contains("<RegressionModel functionName=\"classification\""), pmml);
        assertTrue(run.out().contains("wrote " + out + " (pmml, the logistic model of Status)"), run.out());
    }

    @Test
    void export_logisticAsOnnx_writesAProtobufModel() throws Exception {
        Path out = dir.resolve("credit.onnx");
        CliRun run = CliRun.of("export", model.toString(), "--format", "ONNX", "--out", out.toString());
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        byte[] onnx = Files.readAllBytes(out);
        // ModelProto field 1 (ir_version, varint) = 8 comes first.
        assertEquals(0x08, onnx[0]);
        assertEquals(8, onnx[1]);
    }

    @Test
    void export_unknownFormat_oneLineNamingTheWord() {
        CliRun run = CliRun.of("export", model.toString(), "--format", "pfa", "--out", dir.resolve("x").toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("'pfa'") && run.err().contains("pmml or onnx"), run.err());
    }

    @Test
    void export_missingModelFile_oneLineNamingTheFile() {
        CliRun run = CliRun.of("export", dir.resolve("nope.json").toString(), "--format", "pmml", "--out",
                dir.resolve("x").toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("nope.json"), run.err());
    }
}
