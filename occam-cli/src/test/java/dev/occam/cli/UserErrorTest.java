package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's mistake ends with one line that names the problem, a non-zero exit code and no stack trace.
 */
class UserErrorTest {

    @TempDir
    Path dir;

    private Path useCase(String dataLine, String target) throws Exception {
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, String.join("\n",
                "name: test-case",
                "question: Does it fail well?",
                "data:",
                "  " + dataLine,
                "target: " + target,
                "success:",
                "  metric: auc",
                "  at_least: 0.6",
                ""));
        return file;
    }

    private Path csv(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static String rows(int n, int textRow) {
        StringBuilder sb = new StringBuilder("y,income,colour\n");
        for (int i = 1; i <= n; i++) {
            sb.append(i % 3 == 0 ? "yes" : "no").append(',').append(i == textRow ? "n/a" : Integer.toString(100 + i))
                    .append(',').append(i % 2 == 0 ? "red" : "blue").append('\n');
        }
        return sb.toString();
    }

    @Test
    void fit_sparkEngineNotOnClassPath_saysWhereToGetIt() {
        CliRun run = CliRun.of("fit", Path.of("../examples/credit/usecase.yaml").toString(), "--engine", "spark");
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("the Spark engine is not on the class path"), run.err());
    }

    @Test
    void fit_unknownEngine_namesTheEnginesThere() {
        CliRun run = CliRun.of("fit", Path.of("../examples/credit/usecase.yaml").toString(), "--engine", "flink");
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("no engine named 'flink'; engines on the class path: "
                + "local"), run.err());
    }

    @Test
    void fit_threadsBeyondThePoolsLimit_namesTheRange() {
        CliRun run = CliRun.of("fit", Path.of("../examples/credit/usecase.yaml").toString(), "--threads", "40000");
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains(
                "--threads must be between 1 and 32767 (the most a fork-join pool runs): 40000"), run.err());
    }

    @Test
    void serve_moreThreadsThanItStarts_namesTheRange() {
        // Jetty starts every answering thread with the server: 5,000 would be 5,000 threads before any request.
        CliRun run = CliRun.of("serve", dir.toString(), "--port", "0", "--threads", "5000");
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains(
                "threads must be between 1 and 1024 (each is started with the server): 5000"), run.err());
    }

    @Test
    void fit_missingUseCaseFile_namesIt() {
        CliRun run = CliRun.of("fit", dir.resolve("nope.yaml").toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("nope.yaml"), run.err());
    }

    @Test
    void fit_missingDataFile_namesIt() throws Exception {
        CliRun run = CliRun.of("fit", useCase("path: absent.csv", "y").toString(), "--out", dir.resolve("o").toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("absent.csv") && run.err().contains("no such file"),
                run.err());
    }

    @Test
    void fit_unknownUseCaseKey_namesKeyAndLine() throws Exception {
        Path file = useCase("path: data.csv", "y");
        Files.writeString(file, Files.readString(file) + "colour: blue\n");
        CliRun run = CliRun.of("fit", file.toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("'colour'") && run.err().contains("line 9"), run.err());
    }

    @Test
    void fit_unknownCandidateOption_namesLineCandidateAndNearest() throws Exception {
        csv("data.csv", rows(60, -1));
        Path file = useCase("path: data.csv", "y");
        Files.writeString(file, Files.readString(file) + "selection:\n  candidates:\n"
                + "    - {id: boost-deep, learner: boosting, options: {max_dept: 6}}\n");
        CliRun run = CliRun.of("fit", file.toString(), "--out", dir.resolve("o").toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("line 11") && run.err().contains("'boost-deep'")
                && run.err().contains("did you mean 'max_depth'?"), run.err());
    }

    @Test
    void fit_unknownTargetColumn_namesColumnAndListsColumns() throws Exception {
        csv("data.csv", rows(60, -1));
        CliRun run = CliRun.of("fit", useCase("path: data.csv", "outcome").toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("'outcome'") && run.err().contains("income"), run.err());
    }

    @Test
    void fit_textInNumericColumn_namesFileRowColumnAndValue() throws Exception {
        csv("data.csv", rows(60, 17));
        CliRun run = CliRun.of("fit", useCase("path: data.csv", "y").toString(), "--out", dir.resolve("o").toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("row 17") && run.err().contains("'income'")
                && run.err().contains("'n/a'"), run.err());
    }

    @Test
    void fit_boundOnRatioThatCannotBeMeasured_exitTwoNamingAttributeAndWhy() throws Exception {
        // Every applicant has senior = 0: one group, so a bound on the selection-rate ratio cannot be checked.
        csv("data.csv", rows(60, -1).replace("colour\n", "colour,senior\n").replace("red\n", "red,0\n")
                .replace("blue\n", "blue,0\n"));
        Path file = useCase("path: data.csv", "y");
        Files.writeString(file, Files.readString(file) + "fairness:\n  protected: [senior]\n"
                + "  min_selection_rate_ratio: 0.8\n");
        CliRun run = CliRun.of("fit", file.toString(), "--out", dir.resolve("o").toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode(), run.err());
        assertTrue(run.isOneLineError() && run.err().contains("ratio by senior cannot be measured: every row is in one"
                + " group (0)"), run.err());
    }

    @Test
    void fit_emptyDataFile_saysEmpty() throws Exception {
        csv("data.csv", "");
        CliRun run = CliRun.of("fit", useCase("path: data.csv", "y").toString(), "--out", dir.resolve("o").toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("data.csv") && run.err().contains("empty"), run.err());
    }

    @Test
    void predict_corruptModelFile_namesProblem() throws Exception {
        Path model = csv("model.json", "{\"format\": \"occam-model/1\", \"family\": ");
        CliRun run = CliRun.of("predict", model.toString(), csv("data.csv", rows(10, -1)).toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError() && run.err().contains("model.json"), run.err());
    }

    /** The serving options of issue 18 are checked before a port is bound, each mistake named on one line. */
    @Test
    void serve_badAccessOrLogOptions_oneLineNamingTheOption() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        CliRun rate = CliRun.of("serve", models.toString(), "--port", "0", "--rate-limit", "fast");
        assertEquals(OccamCommand.USER_ERROR, rate.exitCode());
        assertTrue(rate.err().contains("--rate-limit") && rate.err().contains("'fast'"), rate.err());
        CliRun keystore = CliRun.of("serve", models.toString(), "--port", "0", "--keystore", "k.p12");
        assertEquals(OccamCommand.USER_ERROR, keystore.exitCode());
        assertTrue(keystore.err().contains("--keystore-password-file"), keystore.err());
        CliRun inputs = CliRun.of("serve", models.toString(), "--port", "0", "--decision-log",
                dir.resolve("d.jsonl").toString(), "--log-inputs", "some");
        assertEquals(OccamCommand.USER_ERROR, inputs.exitCode());
        assertTrue(inputs.err().contains("full or digest") && inputs.err().contains("'some'"), inputs.err());
        Path tokens = csv("tokens.txt", "# nobody\n");
        CliRun noToken = CliRun.of("serve", models.toString(), "--port", "0", "--tokens", tokens.toString());
        assertEquals(OccamCommand.USER_ERROR, noToken.exitCode(), noToken.err());
        assertTrue(noToken.isOneLineError() && noToken.err().contains("no token"), noToken.err());
    }

    @Test
    void unknownOption_usageHintNotStackTrace() {
        CliRun run = CliRun.of("fit", "--colour");
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.err().startsWith("occam: ") && !run.err().contains("\tat "), run.err());
    }

    /** The same mistake through a real process: what a user's terminal shows. */
    @Test
    void mainProcess_textInNumericColumn_exitTwoOneLineNoStackTrace() throws Exception {
        csv("data.csv", rows(60, 17));
        Path useCase = useCase("path: data.csv", "y");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                OccamCommand.class.getName(), "fit", useCase.toString(), "--out", dir.resolve("o").toString()))
                .directory(new File(dir.toString())).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "occam did not finish");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), err + out);
        assertTrue(new CliRun(2, out, err).isOneLineError(), err);
        assertTrue(err.contains("row 17, column 'income'"), err);
    }
}
