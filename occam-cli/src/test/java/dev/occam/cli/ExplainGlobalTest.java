package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code occam explain MODEL} and {@code occam explain MODEL DATA} on a logistic model of credit_data. */
class ExplainGlobalTest {

    private static final Path DATA = Path.of("..", "examples", "credit", "credit_data.csv").toAbsolutePath();

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void fitLogistic() throws Exception {
        Path useCase = dir.resolve("usecase.yaml");
        Files.writeString(useCase, String.join("\n", "name: credit-logistic", "question: Who fails to repay?",
                "data:", "  path: " + DATA, "target: Status", "positive: bad", "success:", "  metric: auc",
                "  at_least: 0.8", "selection:", "  candidates: [logistic]", ""));
        CliRun fit = CliRun.of("fit", useCase.toString(), "--out", dir.resolve("out").toString());
        assertEquals(OccamCommand.OK, fit.exitCode(), fit.err() + fit.out());
        model = dir.resolve("out").resolve("model.json");
    }

    @Test
    void explain_logisticModel_printsOddsRatiosWithIntervals() {
        CliRun run = CliRun.of("explain", model.toString());
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("odds ratios and 95% confidence intervals:"), run.out());
        // Records=yes: on P(bad) the estimate is +1.774 (R's glm on P(good) has -1.818 on the complete cases);
        // its odds ratio is exp(1.774) = 5.9 and its interval excludes 1.
        assertTrue(run.out().matches("(?s).*\\nRecords=yes\\s+1\\.7\\d+\\s+\\[1\\.\\d+, 1\\.\\d+\\]\\s+5\\.\\d+\\s+"
                + "\\[\\d\\.\\d+, \\d\\.\\d+\\]\\n.*"), run.out());
    }

    @Test
    void explain_modelAndData_printsImportanceAndPartialDependence() {
        CliRun run = CliRun.of("explain", model.toString(), DATA.toString());
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("importance: drop in AUC when a feature is shuffled"), run.out());
        assertTrue(run.out().contains("partial dependence: the mean score with the feature set to each value"),
                run.out());
        assertTrue(run.out().contains("  Records: no -> 0."), run.out());
    }
}
