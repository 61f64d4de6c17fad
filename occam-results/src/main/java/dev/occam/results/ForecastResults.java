package dev.occam.results;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The documents of a forecasting fit's folder ({@code task: forecast}): {@code card.json} (format
 * {@value #CARD_FORMAT}), {@code leaderboard.json} and {@code report-data.json} (the history and forecast of the
 * series the report draws). Field names are snake_case.
 *
 * @param card the card
 * @param leaderboard the leaderboard
 * @param reportData the charts' data, or null when absent
 */
public record ForecastResults(Card card, Leaderboard leaderboard, ReportData reportData) {

    public static final String CARD_FORMAT = "occam-forecast-card/1";

    /** Whether a fit folder holds a forecasting fit (its card's format says so). */
    public static boolean isForecast(Path dir) throws IOException {
        Path card = dir.resolve(Results.CARD);
        return Files.isRegularFile(card) && Files.readString(card).contains("\"" + CARD_FORMAT + "\"");
    }

    /** @throws IOException naming the file that cannot be read */
    public static ForecastResults read(Path dir) throws IOException {
        Path data = dir.resolve(Results.REPORT_DATA);
        return new ForecastResults(Results.read(dir.resolve(Results.CARD), Card.class),
                Results.read(dir.resolve(Results.LEADERBOARD), Leaderboard.class),
                Files.isRegularFile(data) ? Results.read(data, ReportData.class) : null);
    }

    /**
     * {@code card.json} of a forecast.
     *
     * @param choice how the method was chosen: "one method for every series" and why
     * @param costRule the rule that left costly rungs out of large panels
     * @param coverage the chosen method's out-of-sample interval coverage over the rolling origins
     * @param verdict the choice and the price of climbing, in plain words
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Card(String format, String name, String question, String task, String target, String time,
            String series, String frequency, int period, int seriesCount, int horizon, String metric, double atMost,
            boolean successMet, @FiniteOrNull double chosenMean, String chosen, String chosenDescription,
            String choice, String costRule, Evaluation evaluation, Coverage coverage, List<String> verdict,
            List<String> notes, List<String> dataNotes, String occamVersion, double fitSeconds) {
    }

    /**
     * How the rungs were judged.
     *
     * @param origins rolling origins per series
     * @param step values between origins
     * @param cells origin × series pairs judged
     * @param method in words
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Evaluation(int origins, int step, int cells, String method) {
    }

    /** Share of held-out values inside the intervals, against the nominal 0.80 and 0.95. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Coverage(double nominal80, @FiniteOrNull double actual80, double nominal95,
            @FiniteOrNull double actual95) {
    }

    /** {@code leaderboard.json}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Leaderboard(String useCase, String metric, String rule, double alpha, String chosen,
            List<Entry> entries) {
    }

    /**
     * One rung's line: means over the judged cells, interval coverage, size and fit time, the difference from the
     * best (with its interval and p-value; null for the best), and the cells where the naive method stood in.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Entry(int rung, String model, @FiniteOrNull double mean, @FiniteOrNull double mase,
            @FiniteOrNull double smape, @FiniteOrNull double rmsse, @FiniteOrNull double mae,
            @FiniteOrNull double coverage80, @FiniteOrNull double coverage95, long parameters, double fitMillis,
            int standIns, Comparison versusBest, boolean chosen) {
    }

    /** This rung minus the best, cell by cell, by the corrected resampled t-test. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Comparison(@FiniteOrNull double difference, @FiniteOrNull double low, @FiniteOrNull double high,
            @FiniteOrNull double pValue) {
    }

    /** {@code report-data.json}: the series the report draws (at most a few). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ReportData(List<SeriesChart> series) {
    }

    /** One series' history (its last values) and forecast with intervals. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SeriesChart(String key, List<String> times, double[] history, List<String> futureTimes,
            double[] forecast, double[] lower80, double[] upper80, double[] lower95, double[] upper95) {
    }
}
