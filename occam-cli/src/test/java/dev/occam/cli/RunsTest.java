package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.io.OutputSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each fit keeps its run; {@code occam runs} lists them, {@code occam compare} diffs two (issue 19, point 8). */
class RunsTest {

    private static final Path SAFETY = Path.of("src", "test", "resources", "safety");

    @TempDir
    Path dir;

    private CliRun fit(String useCase, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("fit", SAFETY.resolve(useCase).toString(), "--out",
                out.toString(), "--threads", "1", "--quiet"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void runs_threeFitsOneMissed_listsEachWithChosenMetricAndBar() throws Exception {
        Path out = dir.resolve("out").resolve("signal");
        assertEquals(OccamCommand.OK, fit("met.yaml", out).exitCode());
        assertEquals(OccamCommand.OK, fit("met-again.yaml", out).exitCode());
        CliRun missed = fit("missed.yaml", out);
        assertEquals(OccamCommand.SUCCESS_NOT_MET, missed.exitCode());
        assertTrue(missed.err().contains("'occam runs " + out + "' lists it"), missed.err());

        List<Path> runs = OutputSet.runs(out);
        assertEquals(3, runs.size(), runs.toString());
        assertEquals(runs.get(1), out.toRealPath(), "out still points at the second run, which met its bar");

        CliRun list = CliRun.of("runs", out.toString());
        assertEquals(OccamCommand.OK, list.exitCode(), list.err());
        List<String> lines = list.out().lines().toList();
        assertEquals(4, lines.size(), list.out());
        assertTrue(lines.get(1).matches(out + "@1 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +prediction +logistic"
                + " +auc 0\\.\\d+ +yes"), lines.get(1));
        assertTrue(lines.get(2).startsWith(out + "@2 *"), lines.get(2));
        assertTrue(lines.get(3).startsWith(out + "@3 ") && lines.get(3).endsWith(" no"), lines.get(3));
        // The parent folder lists every output folder in it.
        assertEquals(list.out(), CliRun.of("runs", dir.resolve("out").toString()).out());

        CliRun compare = CliRun.of("compare", out + "@2", out + "@3");
        assertEquals(OccamCommand.OK, compare.exitCode(), compare.err());
        assertTrue(compare.out().contains("chosen:  logistic (unchanged)"), compare.out());
        assertTrue(compare.out().contains("met: yes -> no"), compare.out());
        assertTrue(compare.out().contains("bar:     at least 0.6000 -> at least 0.9900"), compare.out());
        assertTrue(compare.out().lines().anyMatch(l -> l.matches("logistic +0\\.\\d+\\* +0\\.\\d+\\* +[+-]\\d.*")),
                compare.out());
        assertTrue(compare.out().lines().anyMatch(l -> l.matches("baseline +0\\.5000 +0\\.5000 +\\+0\\.0000")),
                compare.out());
        // @0 is the newest run, @-1 the one before; the output folder itself is the run it points at (@2 here).
        CliRun relative = CliRun.of("compare", out.toString(), out + "@0");
        assertEquals(OccamCommand.OK, relative.exitCode(), relative.err());
        assertTrue(relative.out().contains("(" + RunsCommand.timeOf(runs.get(1)) + ", " + runs.get(1) + ")")
                && relative.out().contains("(" + RunsCommand.timeOf(runs.get(2)) + ", " + runs.get(2) + ")"),
                relative.out());
        assertEquals(compare.out().lines().skip(2).toList(), relative.out().lines().skip(2).toList());
        assertEquals(OccamCommand.OK, CliRun.of("compare", out + "@-1", out + "@0").exitCode());
    }

    @Test
    void fit_keepRuns_keepsTheNewestAndTheCurrent() throws Exception {
        Path out = dir.resolve("kept");
        for (int i = 0; i < 3; i++) {
            assertEquals(OccamCommand.OK, fit(i % 2 == 0 ? "met.yaml" : "met-again.yaml", out, "--keep-runs", "2")
                    .exitCode());
        }
        List<Path> runs = OutputSet.runs(out);
        assertEquals(2, runs.size(), runs.toString());
        assertEquals(runs.get(1), out.toRealPath());
        try (var sets = Files.list(OutputSet.storeOf(out))) {
            assertEquals(2, sets.filter(Files::isDirectory).count(), "the oldest run is deleted, nothing else left");
        }
    }

    @Test
    void runsAndCompare_recallAtPrecision_nameCarriesThePrecision() throws Exception {
        Path out = dir.resolve("out").resolve("signal");
        assertEquals(OccamCommand.OK, fit("met.yaml", out).exitCode());
        CliRun recall = fit("recall.yaml", out);
        assertEquals(OccamCommand.OK, recall.exitCode(), recall.err());

        CliRun list = CliRun.of("runs", out.toString());
        assertEquals(OccamCommand.OK, list.exitCode(), list.err());
        List<String> lines = list.out().lines().toList();
        assertTrue(lines.get(2).matches(out + "@2 \\* +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +prediction"
                + " +logistic +recall_at_precision_0\\.8 0\\.\\d+ +yes"), lines.get(2));
        // The column is as wide as the long name: "bar met" stands over yes on every line.
        int barMet = lines.get(0).indexOf("bar met");
        assertEquals(barMet, lines.get(1).lastIndexOf("yes"), list.out());
        assertEquals(barMet, lines.get(2).lastIndexOf("yes"), list.out());

        CliRun compare = CliRun.of("compare", out + "@1", out + "@2");
        assertEquals(OccamCommand.OK, compare.exitCode(), compare.err());
        assertTrue(compare.out().contains("note: the runs measure different things (prediction auc, prediction"
                + " recall_at_precision_0.8); their numbers are not comparable"), compare.out());
    }

    @Test
    void compare_runThatDoesNotExist_saysHowManyThereAre() {
        Path out = dir.resolve("one");
        assertEquals(OccamCommand.OK, fit("met.yaml", out).exitCode());

        CliRun run = CliRun.of("compare", out + "@1", out + "@5");
        assertEquals(OccamCommand.USER_ERROR, run.exitCode());
        assertTrue(run.isOneLineError(), run.err());
        assertTrue(run.err().contains("@5: no such run; " + out + " has 1"), run.err());
    }
}
