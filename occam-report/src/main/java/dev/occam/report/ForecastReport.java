package dev.occam.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.results.ForecastResults;
import dev.occam.results.Results;
import dev.occam.runtime.io.AtomicFiles;
import dev.occam.runtime.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a forecasting fit ({@code task: forecast}): the verdict, each charted series' history with the
 * forecast and its 80% and 95% intervals (ECharts line charts), the leaderboard with interval coverage, how the
 * methods were judged, and provenance. One self-contained page, as {@link ReportWriter}'s.
 */
final class ForecastReport {

    private ForecastReport() {
    }

    static Path write(Path dir) throws IOException {
        ForecastResults r = ForecastResults.read(dir);
        Path report = dir.resolve(ReportWriter.FILE_NAME);
        AtomicFiles.write(report, render(r).getBytes(StandardCharsets.UTF_8));
        return report;
    }

    static String render(ForecastResults r) {
        ForecastResults.Card c = r.card();
        Map<String, String> v = new HashMap<>();
        v.put("title", c.name());
        v.put("question", c.question());
        v.put("verdict_class", c.successMet() ? "met" : "not-met");
        v.put("verdict_word", c.successMet() ? "Success criterion met" : "Success criterion not met");
        v.put("verdict", String.format(Locale.ROOT, "%s forecasts %d %s steps ahead with mean %s %s (at most %s "
                + "asked) at the rolling origins; its intervals held %.1f%% of held-out values at 80%% and %.1f%% at "
                + "95%%.", c.chosen(), c.horizon(), c.frequency(), c.metric().toUpperCase(Locale.ROOT),
                Html.number(c.chosenMean()), Html.number(c.atMost()), 100 * c.coverage().actual80(),
                100 * c.coverage().actual95()));
        List<String> reasons = new ArrayList<>(c.verdict());
        reasons.add("Choice: " + c.choice() + ".");
        v.put("reasons", Html.list(reasons));
        int charted = r.reportData() == null ? 0 : r.reportData().series().size();
        v.put("forecast_note", charted == 0 ? "No series to draw."
                : "The last values of " + (c.seriesCount() > charted ? "the first " + charted + " of "
                        + c.seriesCount() + " series" : charted == 1 ? "the series" : "each series")
                        + ", the forecast of " + c.chosen() + " and its 80% (darker) and 95% intervals.");
        StringBuilder charts = new StringBuilder();
        for (int i = 0; i < charted; i++) {
            charts.append(Html.chart("forecast", i, "History and forecast of "
                    + (r.reportData().series().get(i).key().isEmpty() ? c.target()
                            : r.reportData().series().get(i).key())));
        }
        v.put("charts", charts.toString());
        v.put("leaderboard_table", leaderboard(r.leaderboard()));
        List<String> evaluation = new ArrayList<>();
        evaluation.add(c.evaluation().method() + ".");
        evaluation.add(c.evaluation().origins() + " origins " + c.evaluation().step() + " steps apart; "
                + c.evaluation().cells() + " origin x series cells judged.");
        evaluation.add("Cost rule: " + c.costRule() + ".");
        evaluation.addAll(c.dataNotes());
        evaluation.addAll(c.notes());
        v.put("evaluation", Html.list(evaluation));
        v.put("provenance", Html.table(List.of("item", "value"), List.of(
                List.of("series", c.seriesCount() + (c.series() == null ? "" : " (column " + c.series() + ")")),
                List.of("target", c.target()), List.of("time", c.time() + " (" + c.frequency() + ", period "
                        + c.period() + ")"),
                List.of("chosen", c.chosen() + ": " + c.chosenDescription()),
                List.of("Occam", c.occamVersion()),
                List.of("fit time", String.format(Locale.ROOT, "%.1f s", c.fitSeconds()))), null, "provenance"));
        ObjectNode data = Json.MAPPER.createObjectNode();
        JsonNode series = Results.MAPPER.valueToTree(r.reportData() == null ? List.of() : r.reportData().series());
        data.set("forecasts", series);
        v.put("chart_data", ChartData.inlineJson(data));
        v.put("echarts", ChartLibrary.script());
        v.put("page_script", ChartLibrary.pageScript());
        return Template.resource("forecast.html").render(v);
    }

    private static String leaderboard(ForecastResults.Leaderboard board) {
        List<List<String>> rows = new ArrayList<>();
        for (ForecastResults.Entry e : board.entries()) {
            rows.add(List.of(e.chosen() ? "chosen" : "", Integer.toString(e.rung()), e.model(), Html.number(e.mean()),
                    Html.number(e.mase()), Html.number(e.smape()), Html.number(e.rmsse()),
                    String.format(Locale.ROOT, "%.1f%%", 100 * e.coverage80()),
                    String.format(Locale.ROOT, "%.1f%%", 100 * e.coverage95()),
                    String.format(Locale.ROOT, "%,d", e.parameters()),
                    e.versusBest() == null ? "best" : String.format(Locale.ROOT, "%+.3f (p=%.3f)",
                            e.versusBest().difference(), e.versusBest().pValue())));
        }
        return Html.table(List.of("", "rung", "method", board.metric().toUpperCase(Locale.ROOT), "MASE", "sMAPE",
                "RMSSE", "80% coverage", "95% coverage", "parameters", "vs best"), rows,
                new boolean[] {false, true, false, true, true, true, true, true, true, true, true}, "leaderboard");
    }
}
