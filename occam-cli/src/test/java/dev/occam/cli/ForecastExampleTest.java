package dev.occam.cli;

import dev.occam.runtime.io.Json;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.report.ReportWriter;
import dev.occam.runtime.Occam;
import dev.occam.runtime.forecast.ForecastModel;
import dev.occam.runtime.forecast.ForecastRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecasting example end to end, as its README runs it: {@code occam fit examples/forecast/usecase.yaml}, then
 * {@code occam predict MODEL --horizon 24}; the same numbers from Java; the report opened in headless Chromium.
 */
class ForecastExampleTest {

    @TempDir
    static Path dir;

    static Path out;
    static CliRun fit;

    @BeforeAll
    static void fitExample() {
        out = dir.resolve("wine");
        fit = CliRun.of("fit", Path.of("..", "examples", "forecast", "usecase.yaml").toString(), "--out",
                out.toString(), "--threads", "2");
    }

    @Test
    void fit_wineExample_metWithLeaderboardAndVerdict() {
        assertEquals(OccamCommand.OK, fit.exitCode(), fit.err() + fit.out());
        assertTrue(fit.out().contains("1 series (monthly, period 12)"), fit.out());
        for (String rung : List.of("seasonal-naive", "naive", "drift", "theta", "stl-ets", "ets", "arima")) {
            assertTrue(fit.out().contains(rung), rung + " missing from " + fit.out());
        }
        assertTrue(fit.out().contains("<- chosen"), fit.out());
        assertTrue(fit.out().contains("corrected resampled t-test over origins x series"), fit.out());
        assertTrue(Files.isRegularFile(out.resolve("card.json")));
        assertTrue(Files.isRegularFile(out.resolve("leaderboard.json")));
    }

    @Test
    void predict_horizon24_oneRowPerMonthWithOrderedIntervals() throws Exception {
        Path csv = dir.resolve("forecast.csv");
        CliRun predict = CliRun.of("predict", out.resolve("model.json").toString(), "--horizon", "24", "--out",
                csv.toString());
        assertEquals(OccamCommand.OK, predict.exitCode(), predict.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("date,forecast,lower_80,upper_80,lower_95,upper_95", lines.get(0));
        assertEquals(25, lines.size());
        assertTrue(lines.get(1).startsWith("1994-09-01,"), lines.get(1));
        assertTrue(lines.get(24).startsWith("1996-08-01,"), lines.get(24));
        ForecastModel model = Occam.loadForecast(out.resolve("model.json"));
        List<ForecastRow> rows = model.forecast(null, 24);
        for (int i = 0; i < 24; i++) {
            String[] f = lines.get(i + 1).split(",");
            ForecastRow r = rows.get(i);
            assertEquals(r.time(), f[0]);
            assertEquals(r.forecast(), Double.parseDouble(f[1]), 0, "Java and the CLI give the same forecast");
            assertTrue(r.lower95() <= r.lower80() && r.lower80() <= r.forecast() && r.forecast() <= r.upper80()
                    && r.upper80() <= r.upper95(), "intervals nest around the forecast at " + r.time());
        }
        CliRun noData = CliRun.of("predict", out.resolve("model.json").toString(), "data.csv");
        assertTrue(noData.exitCode() != 0 && noData.err().contains("forecast model"), noData.err());
    }

    @Test
    void open_wineReport_forecastChartDrawsWithoutErrors() throws Exception {
        Path report = out.resolve(ReportWriter.FILE_NAME);
        String dom = new Chromium(Files.createDirectories(dir.resolve("profile"))).dumpDom(report);
        Matcher chart = Pattern.compile("data-chart=\"forecast\" data-index=\"0\"[^>]*data-chart-status=\"([a-z]+)\"")
                .matcher(dom);
        assertTrue(chart.find(), "no forecast chart in the report");
        assertEquals("drawn", chart.group(1));
        Matcher errors = Pattern.compile("<pre id=\"occam-errors\"[^>]*>(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(errors.find(), "the error box is missing");
        assertEquals("", errors.group(1).strip(), "the page reported errors");
        assertTrue(dom.contains("95% coverage"), "the leaderboard shows interval coverage");
    }

    /** What fit --json, --quiet, runs and compare read from this task's card and leaderboard (issue 19). */
    @Test
    void runSummary_forecastFit_readsTheCardsChoiceAndBar() throws Exception {
        RunSummary s = RunSummary.read(out);
        assertEquals("forecast", s.task());
        JsonNode card = Json.MAPPER.readTree(out.resolve("card.json").toFile());
        assertEquals(card.get("chosen").asText(), s.chosen());
        assertEquals(card.get("metric").asText(), s.metric());
        assertEquals("at_most", s.direction());
        assertEquals(card.get("at_most").asDouble(), s.bar(), 0.0);
        assertEquals(card.get("chosen_mean").asDouble(), s.value(), 0.0);
        assertEquals(card.get("success_met").asBoolean(), s.met());
        assertTrue(s.candidates().size() >= 2, s.candidates().toString());
        assertEquals(1, s.candidates().stream().filter(RunSummary.Entry::chosen).count(), s.candidates().toString());
        assertTrue(s.candidates().stream().noneMatch(e -> e.id().startsWith("?")), s.candidates().toString());
        CliRun runs = CliRun.of("runs", out.toString());
        assertEquals(OccamCommand.OK, runs.exitCode(), runs.err());
        assertTrue(runs.out().lines().anyMatch(l -> l.startsWith(out + "@1 *") && l.contains(" forecast ")), runs.out());
    }
}
