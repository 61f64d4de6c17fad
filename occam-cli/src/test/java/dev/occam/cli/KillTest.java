package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.io.OutputSet;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, points 3 and 9: {@code kill -9} of a child {@code occam fit} at every write of its outputs leaves the
 * output folder holding the previous run's set or the new run's, whole, never a mix and never a partial file; the
 * next run deletes what the killed one left.
 */
class KillTest {

    private static final Path SAFETY = PublishTest.SAFETY;
    private static final List<String> OUTPUTS = List.of("leaderboard.json", "model.json", "card.json",
            "report-data.json", "report.html");

    @TempDir
    Path dir;

    @Test
    void fit_killedAtEachWrite_outputIsTheOldSetOrTheNewWhole() throws Exception {
        Path out = dir.resolve("out");
        CliRun first = CliRun.of("fit", SAFETY.resolve("met.yaml").toString(), "--out", out.toString(),
                "--threads", "1");
        assertEquals(OccamCommand.OK, first.exitCode(), first.err());
        Map<String, byte[]> old = snapshot(out);
        Path store = OutputSet.storeOf(out);
        int sawNew = 0;
        // Kill when the new set holds 1, 2, ... 5 files, and once after the switch (6).
        for (int written = 1; written <= 6; written++) {
            Path before = out.toRealPath();
            Process fit = child(out);
            boolean killed = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (fit.isAlive() && System.nanoTime() < deadline) {
                // A write is seen in the new set being staged, or (as an Occam before output sets wrote) in out.
                boolean now = written <= 5 ? Math.max(stagedFiles(store, before), changedFiles(out, old)) >= written
                        : !out.toRealPath().equals(before);
                if (now) {
                    fit.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
                    killed = true;
                    break;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            assertTrue(fit.waitFor(60, TimeUnit.SECONDS), "occam did not stop");
            Map<String, byte[]> now = snapshot(out);
            String which = whole(now);
            if (which.equals("safety-met")) {
                assertEquals(old.keySet(), now.keySet());
                for (String f : old.keySet()) {
                    assertTrue(java.util.Arrays.equals(old.get(f), now.get(f)), f + " changed after a kill at "
                            + written + " files");
                }
            } else {
                sawNew++;
                old = now; // the next kill must leave this set or a newer whole one
            }
            try (Stream<Path> files = Files.list(out)) {
                assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "a temporary file");
            }
            assertTrue(killed || fit.exitValue() == 0, "the run ended on its own with " + fit.exitValue());
        }
        assertTrue(sawNew >= 1, "no kill came after the switch");
        CliRun clean = CliRun.of("fit", SAFETY.resolve("met.yaml").toString(), "--out", out.toString(),
                "--threads", "1");
        assertEquals(OccamCommand.OK, clean.exitCode(), clean.err());
        try (Stream<Path> sets = Files.list(store)) {
            // Finished runs stay as the history (occam runs); what a killed run left unfinished is deleted.
            List<Path> left = sets.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !OutputSet.isFinished(p)).toList();
            assertEquals(List.of(), left, "the killed runs' sets are deleted");
        }
        assertTrue(OutputSet.runs(out).contains(out.toRealPath()), "the current set is a run");
    }

    /** SIGTERM (as Ctrl-C) once the new model is written: the message says what the folder holds, truly. */
    @Test
    void fit_terminatedAfterTheModelWasWritten_messageTellsTheTruth() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(OccamCommand.OK, CliRun.of("fit", SAFETY.resolve("met.yaml").toString(), "--out", out.toString(),
                "--threads", "1").exitCode());
        Map<String, byte[]> old = snapshot(out);
        Path before = out.toRealPath();
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process fit = new ProcessBuilder(List.of(javaCommand, "-cp", System.getProperty("java.class.path"),
                OccamCommand.class.getName(), "fit", SAFETY.resolve("met-again.yaml").toString(), "--out",
                out.toString(), "--threads", "1")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        fit.getOutputStream().close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (fit.isAlive() && System.nanoTime() < deadline) {
            if (Math.max(stagedFiles(OutputSet.storeOf(out), before), changedFiles(out, old)) >= 2) {
                fit.toHandle().destroy(); // SIGTERM: the shutdown hook runs
                break;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        assertTrue(fit.waitFor(60, TimeUnit.SECONDS));
        String err = new String(fit.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String which = whole(snapshot(out));
        if (which.equals("safety-met")) {
            assertTrue(err.contains("occam: interrupted; nothing new was written to " + out.toAbsolutePath()), err);
            assertEquals(0, changedFiles(out, old), "the message says nothing new was written");
        } else {
            assertTrue(err.contains("occam: interrupted after this run's outputs were written to ")
                    || fit.exitValue() == 0, err);
        }
    }

    private Process child(Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                OccamCommand.class.getName(), "fit", SAFETY.resolve("met-again.yaml").toString(), "--out",
                out.toString(), "--threads", "1")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        return p;
    }

    /** Files (not temporary) in the newest set that {@code out} does not point at. */
    private static int stagedFiles(Path store, Path current) throws Exception {
        if (!Files.isDirectory(store)) {
            return 0;
        }
        int most = 0;
        try (Stream<Path> sets = Files.list(store)) {
            // Finished runs kept as the history are not being staged.
            for (Path s : sets.filter(Files::isDirectory).filter(p -> !p.toAbsolutePath().equals(current))
                    .filter(p -> !OutputSet.isFinished(p)).toList()) {
                try (Stream<Path> files = Files.list(s)) {
                    most = Math.max(most, (int) files.filter(f -> !f.getFileName().toString().startsWith("."))
                            .count());
                } catch (java.nio.file.NoSuchFileException gone) {
                    // Cleaned meanwhile.
                }
            }
        }
        return most;
    }

    /** Files of {@code out} that are new or differ from {@code old}. */
    private static int changedFiles(Path out, Map<String, byte[]> old) throws Exception {
        int changed = 0;
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.toList()) {
                byte[] was = old.get(p.getFileName().toString());
                try {
                    if (was == null || !java.util.Arrays.equals(was, Files.readAllBytes(p))) {
                        changed++;
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    changed++;
                }
            }
        } catch (java.nio.file.NoSuchFileException switching) {
            return 0;
        }
        return changed;
    }

    private static Map<String, byte[]> snapshot(Path out) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** The use case every document of the set names, after checking the set is whole and consistent. */
    private static String whole(Map<String, byte[]> set) throws Exception {
        assertEquals(OUTPUTS.stream().sorted().toList(), List.copyOf(set.keySet()), "not a whole set");
        JsonNode card = Json.MAPPER.readTree(set.get("card.json"));
        JsonNode board = Json.MAPPER.readTree(set.get("leaderboard.json"));
        Json.MAPPER.readTree(set.get("report-data.json"));
        JsonNode model = Json.MAPPER.readTree(set.get("model.json"));
        assertEquals(PublishCommand.sha256(set.get("model.json")), card.get("model_sha256").asText(),
                "card.json describes another model.json");
        assertEquals(card.get("name").asText(), board.get("use_case").asText(), "leaderboard from another run");
        assertEquals(card.get("name").asText(), model.path("provenance").path("use_case").asText(
                card.get("name").asText()));
        assertTrue(new String(set.get("report.html"), java.nio.charset.StandardCharsets.UTF_8).strip()
                .endsWith("</html>"), "report.html is cut short");
        return card.get("name").asText();
    }
}
