package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a fit half-way (Ctrl-C, or a kill) leaves no output and says so. */
class InterruptTest {

    @TempDir
    Path dir;

    @Test
    void fit_stoppedWhileFitting_noOutputAndOneLine() throws Exception {
        Path out = dir.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                OccamCommand.class.getName(), "fit", Path.of("..", "examples", "churn", "usecase.yaml").toString(),
                "--out", out.toString())).start();
        p.getOutputStream().close();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String first = err.readLine();
        assertTrue(first != null && first.startsWith("fitting "), "expected a progress line, got " + first);
        // SIGTERM runs the same shutdown path as the SIGINT of Ctrl-C; the handle keeps our pipes open.
        p.toHandle().destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "occam did not stop");
        StringBuilder rest = new StringBuilder();
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            rest.append(line).append('\n');
        }
        assertTrue(rest.toString().contains("occam: interrupted; nothing new was written to " + out), rest.toString());
        assertFalse(rest.toString().contains("\tat "), rest.toString());
        assertFalse(Files.exists(out.resolve("model.json")) || Files.exists(out.resolve("leaderboard.json")));
    }

    @Test
    void fit_logOutput_plainProgressLinesWithoutCarriageReturns() {
        CliRun run = CliRun.of("fit", Path.of("..", "examples", "credit", "usecase.yaml").toString(), "--out",
                dir.resolve("log").toString());
        assertTrue(run.err().contains("fitting logistic"), run.err());
        assertFalse(run.err().contains("\r"), "a log must not get terminal rewrites");
    }
}
