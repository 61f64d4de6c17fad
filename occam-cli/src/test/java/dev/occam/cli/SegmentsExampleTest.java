package dev.occam.cli;

import dev.occam.runtime.io.Json;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.report.ReportWriter;
import dev.occam.runtime.Occam;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.segment.SegmentPrediction;
import dev.occam.runtime.segment.Segmentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped segmentation example end to end, as the README runs it: {@code occam fit
 * examples/segments/usecase.yaml} (the suite's one slow segmentation test: the whole ladder on a 2,000-row sample of
 * 7,043 customers), then {@code occam predict} on the same customers, Java's {@link Occam#loadSegmentation}, and the
 * report opened in headless Chromium (every chart drawn, no error).
 */
class SegmentsExampleTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "segments");

    @TempDir
    static Path dir;

    static CliRun fit;
    static Path out;

    @BeforeAll
    static void fitExample() {
        out = dir.resolve("fit");
        fit = CliRun.of("fit", EXAMPLE.resolve("usecase.yaml").toString(), "--out", out.toString());
    }

    @Test
    void fit_example_printsLadderVerdictProfilesAndRule() {
        assertEquals(OccamCommand.OK, fit.exitCode(), fit.out() + fit.err());
        String o = fit.out();
        assertTrue(o.contains("customer-segments: 7,043 rows, 3 columns segmented on (tenure, monthly_charges, services)"
                + "; set aside: customer_id"), o);
        assertTrue(o.contains("<- chosen"), o);
        assertTrue(o.contains("meets the bar (stability at least 0.6)"), o);
        assertTrue(Pattern.compile("Segment 1, \\d+% of rows \\(\\d+\\): ").matcher(o).find(), o);
        assertTrue(o.contains("Membership rule (a tree of depth"), o);
        for (String file : List.of("model.json", "card.json", "leaderboard.json", "report-data.json", "report.html")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
    }

    @Test
    void predict_exampleCustomers_oneRowEachWithSegmentAndProbabilityColumns() throws Exception {
        Path csv = dir.resolve("segments.csv");
        CliRun predict = CliRun.of("predict", out.resolve("model.json").toString(),
                EXAMPLE.resolve("customers.csv").toString(), "--out", csv.toString());
        assertEquals(OccamCommand.OK, predict.exitCode(), predict.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("segment,probability", lines.get(0));
        assertEquals(7043 + 1, lines.size());
        Segmentation s = Occam.loadSegmentation(out.resolve("model.json"));
        // The CLI and Java agree: the first customer (tenure 1, 29.85 a month, 2 services).
        SegmentPrediction first = s.assign(Row.of(Map.of("tenure", 1, "monthly_charges", 29.85, "services", 2)));
        assertEquals(first.segment() + "," + (first.hasProbability() ? Double.toString(first.probability()) : ""),
                lines.get(1));
        for (String line : lines.subList(1, lines.size())) {
            int segment = Integer.parseInt(line.split(",", -1)[0]);
            assertTrue(segment >= 1 && segment <= s.segmentCount(), line);
        }
    }

    @Test
    void report_example_everyChartDrawnAndNoErrors() throws Exception {
        Path report = out.resolve(ReportWriter.FILE_NAME);
        String dom = new Chromium(Files.createDirectories(dir.resolve("profile"))).dumpDom(report);
        Matcher status = Pattern.compile("data-chart=\"([a-z]+)\"[^>]*data-chart-status=\"([a-z]+)\"").matcher(dom);
        int charts = 0;
        while (status.find()) {
            assertEquals("drawn", status.group(2), status.group(1));
            charts++;
        }
        assertEquals(2, charts, "the stability and segments charts");
        Matcher errors = Pattern.compile("<pre id=\"occam-errors\"[^>]*>(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(errors.find(), "the error box is missing");
        assertEquals("", errors.group(1).strip(), "the page reported errors");
        String html = Files.readString(report);
        assertTrue(html.contains("Principal components") && html.contains("Membership rule")
                && html.contains("stability"), "sections");
        assertTrue(!Pattern.compile("(?i)(src|href|action)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html).find(),
                "a src or href points outside");
    }

    @Test
    void fit_barMissed_exitsThreeAndSaysSo() throws Exception {
        Path file = dir.resolve("strict.yaml");
        Files.writeString(file, "name: strict-segments\nquestion: Are there tight groups?\ntask: segment\n"
                + "data:\n  path: " + EXAMPLE.resolve("customers.csv").toAbsolutePath() + "\n  exclude: [customer_id]\n"
                + "success:\n  metric: silhouette\n  at_least: 0.99\n"
                + "selection:\n  max_rows: 100\n  max_segments: 3\n  resamples: 2\n");
        CliRun run = CliRun.of("fit", file.toString(), "--out", dir.resolve("strict").toString());
        assertEquals(OccamCommand.SUCCESS_NOT_MET, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("misses the bar (silhouette at least 0.99)"), run.out());
    }

    @Test
    void fit_jsonOnASegmentation_summaryNamesTaskBarAndExitCode() throws Exception {
        Path file = dir.resolve("strict-json.yaml");
        Files.writeString(file, "name: strict-segments\nquestion: Are there tight groups?\ntask: segment\n"
                + "data:\n  path: " + EXAMPLE.resolve("customers.csv").toAbsolutePath() + "\n  exclude: [customer_id]\n"
                + "success:\n  metric: silhouette\n  at_least: 0.99\n"
                + "selection:\n  max_rows: 100\n  max_segments: 3\n  resamples: 2\n");
        CliRun run = CliRun.of("fit", file.toString(), "--out", dir.resolve("strict-json").toString(), "--json");

        assertEquals(OccamCommand.SUCCESS_NOT_MET, run.exitCode(), run.err());
        JsonNode j = Json.MAPPER.readTree(run.out());
        assertEquals("segment", j.get("task").asText());
        assertEquals("silhouette", j.at("/success/metric").asText());
        assertEquals(0.99, j.at("/success/at_least").asDouble(), 0.0);
        assertTrue(j.at("/success/value").asDouble() < 0.99, j.toString());
        assertEquals(3, j.get("exit_code").asInt());
        assertTrue(run.err().contains("misses the bar (silhouette at least 0.99)"), "the console summary on stderr");
    }

    @Test
    void fit_misspeltKey_oneLineErrorNamingTheLine() throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, Files.readString(EXAMPLE.resolve("usecase.yaml")).replace("at_least", "at_lest"));
        CliRun run = CliRun.of("fit", file.toString(), "--out", dir.resolve("typo").toString());
        assertEquals(OccamCommand.USER_ERROR, run.exitCode(), run.err());
        assertTrue(run.isOneLineError(), run.err());
        assertTrue(run.err().contains("typo.yaml line 9") && run.err().contains("did you mean 'at_least'?"), run.err());
    }

    /** What fit --json, --quiet, runs and compare read from this task's card and leaderboard (issue 19). */
    @Test
    void runSummary_segmentFit_readsTheCardsChoiceAndBar() throws Exception {
        RunSummary s = RunSummary.read(out);
        assertEquals("segment", s.task());
        JsonNode card = Json.MAPPER.readTree(out.resolve("card.json").toFile());
        assertEquals(card.get("chosen").asText(), s.chosen());
        assertEquals(card.at("/success/metric").asText(), s.metric());
        assertEquals(card.at("/success/bound").asDouble(), s.bar(), 0.0);
        assertEquals(card.at("/success/value").asDouble(), s.value(), 0.0);
        assertEquals(card.at("/success/met").asBoolean(), s.met());
        assertTrue(s.candidates().size() >= 2, s.candidates().toString());
        assertEquals(1, s.candidates().stream().filter(RunSummary.Entry::chosen).count(), s.candidates().toString());
        assertTrue(s.candidates().stream().noneMatch(e -> e.id().startsWith("?")), s.candidates().toString());
        CliRun runs = CliRun.of("runs", out.toString());
        assertEquals(OccamCommand.OK, runs.exitCode(), runs.err());
        assertTrue(runs.out().lines().anyMatch(l -> l.startsWith(out + "@1 *") && l.contains(" segment ")), runs.out());
    }
}
