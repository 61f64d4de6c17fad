package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code occam predict --keep id}: an ID column passed through beside each prediction (issue 19, point 8). */
class PredictKeepTest {

    private static final Path SAFETY = Path.of("src", "test", "resources", "safety");

    @TempDir
    static Path dir;

    private static Path model;
    private static Path rows;

    /** The safety fit, and its rows with an id (text, so a key like "A-007" keeps its zeros) and a branch code. */
    @BeforeAll
    static void fit() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(OccamCommand.OK, CliRun.of("fit", SAFETY.resolve("met.yaml").toString(), "--out",
                out.toString(), "--threads", "1", "--quiet").exitCode());
        model = out.resolve("model.json");
        List<String> lines = Files.readAllLines(SAFETY.resolve("signal.csv"));
        List<String> withId = new ArrayList<>();
        withId.add("id,branch," + lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            withId.add(String.format("A-%03d,%d,%s", i, 10 + i % 4, lines.get(i)));
        }
        rows = dir.resolve("rows.csv");
        Files.write(rows, withId);
    }

    @Test
    void predict_keepId_idColumnsInFrontAndPredictionsUnchanged() {
        CliRun plain = CliRun.of("predict", model.toString(), rows.toString());
        CliRun kept = CliRun.of("predict", model.toString(), rows.toString(), "--keep", "id,branch");
        assertEquals(OccamCommand.OK, kept.exitCode(), kept.err());

        List<String> a = plain.out().lines().toList();
        List<String> b = kept.out().lines().toList();
        assertEquals(a.size(), b.size());
        assertEquals("id,branch," + a.get(0), b.get(0));
        for (int i = 1; i < a.size(); i++) {
            assertEquals(String.format("A-%03d,%d,", i, 10 + i % 4) + a.get(i), b.get(i), "row " + i);
        }
    }

    @Test
    void predict_keepToFile_writesTheSameLines() throws Exception {
        Path out = dir.resolve("kept.csv");
        CliRun run = CliRun.of("predict", model.toString(), rows.toString(), "--keep", "id", "--out", out.toString());
        assertEquals(OccamCommand.OK, run.exitCode(), run.err());

        assertTrue(Files.readAllLines(out).get(1).startsWith("A-001,"), Files.readAllLines(out).get(1));
    }

    @Test
    void predict_keepUnknownColumn_namesItAndTheColumns() {
        CliRun run = CliRun.of("predict", model.toString(), rows.toString(), "--keep", "customer");

        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError(), run.err());
        assertTrue(run.err().contains("--keep names column 'customer', which is not in the file; columns are id,"
                + " branch, x1, x2, flag, y"), run.err());
    }

    @Test
    void predict_keepAnOutputColumn_refusedNamingIt() throws Exception {
        Path clash = dir.resolve("clash.csv");
        Files.writeString(clash, Files.readString(rows).replaceFirst("^id,", "prediction,"));
        CliRun run = CliRun.of("predict", model.toString(), clash.toString(), "--keep", "prediction");

        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.err().contains("--keep names column 'prediction', which is also a column of the output"),
                run.err());
    }
}
