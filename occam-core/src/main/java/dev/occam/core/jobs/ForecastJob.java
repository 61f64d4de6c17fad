package dev.occam.core.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.core.card.Versions;
import dev.occam.core.data.DataException;
import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
import dev.occam.core.evaluate.CorrectedResampledTTest;
import dev.occam.core.forecast.Panel;
import dev.occam.core.forecast.PanelLadder;
import dev.occam.core.usecase.ForecastUseCase;
import dev.occam.core.usecase.SelectionRule;
import dev.occam.results.ForecastResults;
import dev.occam.results.Results;
import dev.occam.runtime.ForecastModelFile;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.forecast.Forecast;
import dev.occam.runtime.forecast.ForecastModel;
import dev.occam.runtime.forecast.Frequency;
import dev.occam.runtime.forecast.GlobalBoostedModel;
import dev.occam.runtime.forecast.SeriesModel;
import dev.occam.runtime.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Fits a forecasting use case end to end: reads the rows (CSV, Parquet or SQL through {@link DataLoader}), builds
 * the series ({@link Panel}: dates parsed, gaps and duplicates reported), plays the ladder with rolling origins on
 * the training data only ({@link PanelLadder}), chooses the simplest rung within noise of the best by the corrected
 * resampled t-test over origins × series (Nadeau &amp; Bengio 2003, the comparison {@code select.Selection} makes
 * for the prediction tasks, with the same words), refits it on every whole series and writes {@code model.json}
 * ({@value ForecastModelFile#FORMAT}), {@code card.json}, {@code leaderboard.json} and {@code report-data.json}, each
 * atomically.
 *
 * <p>One method is chosen for every series: with a few origins per series a choice per series would rest on a
 * handful of errors and pick noise (Fildes &amp; Petropoulos 2015, "Simple versus complex selection rules for
 * forecasting many time series", J. Business Research 68), while pooled over the panel the comparison is the
 * corrected test's. With one series the two are the same.
 */
public final class ForecastJob {

    /** The outcome, for the console. */
    public record Outcome(ForecastResults.Card card, ForecastResults.Leaderboard leaderboard) {
        public boolean successMet() {
            return card.successMet();
        }
    }

    /** How many series the report draws. */
    static final int CHARTED_SERIES = 6;

    private final ForecastUseCase useCase;
    private final Path outputDirectory;
    private final int threads;

    public ForecastJob(ForecastUseCase useCase, Path outputDirectory, int threads) {
        this.useCase = useCase;
        this.outputDirectory = outputDirectory;
        this.threads = Math.max(1, threads);
    }

    /**
     * @throws DataException when the data cannot be read
     * @throws IllegalArgumentException when the data do not fit the use case (the message names the column, the
     *     series and the time)
     */
    public Outcome run() throws DataException, IOException {
        long start = System.nanoTime();
        Frame table = DataLoader.load(new DataSource(useCase.data().path(), useCase.data().sql(),
                useCase.data().jdbc(), useCase.data().baseDirectory()));
        Panel panel = Panel.of(table, useCase.target(), useCase.time(), useCase.series(), useCase.frequency());
        Frequency frequency = panel.frequency();
        int h = useCase.horizon();
        PanelLadder.Options options = options(panel, h, useCase.origins(), threads);
        List<String> notes = new ArrayList<>();
        List<PanelLadder.Rung> rungs = PanelLadder.rungs(panel, notes);
        List<PanelLadder.Result> results = PanelLadder.evaluate(panel, rungs, options, useCase.metric(), notes);
        for (PanelLadder.Result r : results) {
            if (r.standIns() > 0) {
                notes.add(r.rung().id() + " could not be fitted in " + r.standIns() + " origin x series cell(s) (the"
                        + " first because " + r.firstFailure() + "); the naive method stood in there.");
            }
        }

        double ratio = (double) h / meanTraining(panel, options);
        Choice choice = choose(results, ratio);
        List<String> verdict = verdict(choice, ratio);
        PanelLadder.Result chosen = choice.chosen();

        GlobalBoostedModel[] global = new GlobalBoostedModel[1];
        List<SeriesModel> fitted = PanelLadder.refit(panel, chosen.rung(), chosen.quantiles(), threads, notes, global);
        ForecastModel model = new ForecastModel(useCase.name(), useCase.target(), useCase.time(), useCase.series(),
                frequency, chosen.rung().id(), h, fitted, global[0]);
        ObjectNode provenance = JsonNodeFactory.instance.objectNode();
        provenance.put("use_case", useCase.name());
        ForecastModelFile.save(model, outputDirectory.resolve("model.json"), provenance);

        boolean met = chosen.mean(useCase.metric()) <= useCase.atMost();
        int cells = (int) Arrays.stream(chosen.values()).filter(v -> !Double.isNaN(v)).count();
        String description = chosen.rung().isGlobal() ? "gradient-boosted trees over all " + panel.series().size()
                + " series on lags " + Arrays.toString(GlobalBoostedModel.defaultLags(frequency)) + " and "
                + (frequency.calendarNames().isEmpty() ? "no calendar features"
                        : String.join(", ", frequency.calendarNames()))
                : fitted.size() == 1 ? fitted.get(0).forecaster().describe()
                : chosen.rung().id() + " per series (e.g. " + fitted.get(0).forecaster().describe() + ")";
        ForecastResults.Card card = new ForecastResults.Card(ForecastResults.CARD_FORMAT, useCase.name(),
                useCase.question(), "forecast", useCase.target(), useCase.time(), useCase.series(), frequency.word(),
                frequency.period(), panel.series().size(), h, useCase.metric(), useCase.atMost(), met,
                chosen.mean(useCase.metric()), chosen.rung().id(), description,
                panel.series().size() == 1 ? "one series: the method is chosen for it"
                        : "one method for every series, chosen over all origins x series: with " + options.origins()
                        + " origins per series a choice per series would rest on a handful of errors and pick noise",
                "auto ARIMA only on panels of at most " + PanelLadder.ARIMA_MAX_SERIES + " series with a period of"
                        + " at most 12; ETS and STL + ETS only on panels of at most " + PanelLadder.ETS_MAX_SERIES
                        + " series; larger panels play the benchmarks, Theta and the global boosted model",
                new ForecastResults.Evaluation(options.origins(), options.step(), cells, "rolling origin on the "
                        + "training data only: at each origin every rung is fitted on each series' values before it"
                        + " and judged on the next " + h + "; MASE and sMAPE as M4, RMSSE as M5"),
                new ForecastResults.Coverage(0.80, chosen.coverage80(), 0.95, chosen.coverage95()),
                verdict, notes, panel.notes(), Versions.occam(), (System.nanoTime() - start) / 1e9);
        ForecastResults.Leaderboard leaderboard = leaderboard(choice);
        AtomicFiles.write(outputDirectory.resolve(Results.LEADERBOARD), Results.bytes(leaderboard));
        AtomicFiles.write(outputDirectory.resolve(Results.CARD), Results.bytes(card));
        AtomicFiles.write(outputDirectory.resolve(Results.REPORT_DATA), Results.bytes(reportData(panel, model)));
        return new Outcome(card, leaderboard);
    }

    /**
     * Origins and their spacing: the use case's origins (default 5 up to 20 series, else 3), a step of at most the
     * horizon, as wide as the longest series allows while keeping two seasons (and 10 values) before the first
     * origin; fewer origins when the series is too short for them.
     */
    static PanelLadder.Options options(Panel panel, int h, Integer asked, int threads) {
        int longest = panel.series().stream().mapToInt(s -> s.values().length()).max().orElseThrow();
        int m = panel.frequency().period();
        int origins = asked != null ? asked : panel.series().size() <= 20 ? 5 : 3;
        int minimum = Math.max(2 * m + 2, 10);
        int room = longest - h - minimum;
        while (origins > 2 && room < origins - 1) {
            origins--;
        }
        if (room < origins - 1) {
            throw new IllegalArgumentException("the longest series has " + longest + " values: too short to judge "
                    + "forecasts " + h + " steps ahead at " + origins + " origins with " + minimum + " values to fit "
                    + "on; shorten the horizon or give more history");
        }
        int step = Math.max(1, Math.min(h, room / (origins - 1)));
        return new PanelLadder.Options(origins, step, h, threads);
    }

    private static double meanTraining(Panel panel, PanelLadder.Options options) {
        double sum = 0;
        int count = 0;
        for (Panel.Series s : panel.series()) {
            for (int j = 0; j < options.origins(); j++) {
                int length = s.values().length() - options.horizon() - (options.origins() - 1 - j) * options.step();
                if (length > 0) {
                    sum += length;
                    count++;
                }
            }
        }
        return sum / Math.max(1, count);
    }

    /** Each rung's comparison with the best, and the choice. */
    record Choice(List<PanelLadder.Result> results, PanelLadder.Result best, PanelLadder.Result chosen,
            List<CorrectedResampledTTest.Result> versusBest, SelectionRule rule, double alpha, String metric) {
    }

    /** Simpler first: lower rung, then fewer parameters. */
    private static final Comparator<PanelLadder.Result> SIMPLER_FIRST = Comparator
            .comparingInt((PanelLadder.Result r) -> r.rung().rung()).thenComparingLong(PanelLadder.Result::parameters);

    private Choice choose(List<PanelLadder.Result> results, double ratio) {
        String metric = useCase.metric();
        PanelLadder.Result best = null;
        for (PanelLadder.Result r : results) {
            if (best == null || r.mean(metric) < best.mean(metric)) {
                best = r;
            }
        }
        List<CorrectedResampledTTest.Result> versus = new ArrayList<>();
        for (PanelLadder.Result r : results) {
            versus.add(r == best ? null : CorrectedResampledTTest.compare(judged(r, best)[0], judged(r, best)[1],
                    ratio, useCase.alpha()));
        }
        PanelLadder.Result chosen = best;
        List<PanelLadder.Result> order = results.stream().sorted(SIMPLER_FIRST).toList();
        final PanelLadder.Result theBest = best;
        switch (useCase.rule()) {
            case BEST -> chosen = best;
            case SIGNIFICANCE -> chosen = order.stream().filter(r -> r == theBest
                    || versus.get(results.indexOf(r)).pValue() >= useCase.alpha()).findFirst().orElse(best);
            case ONE_SE -> {
                double[] v = judged(best, best)[0];
                double sd = standardDeviation(v);
                double bar = best.mean(metric) + Math.sqrt((1.0 / v.length + ratio) * sd * sd);
                chosen = order.stream().filter(r -> r.mean(metric) <= bar).findFirst().orElse(best);
            }
        }
        return new Choice(results, best, chosen, versus, useCase.rule(), useCase.alpha(), metric);
    }

    /** The two rungs' values on the cells both judged. */
    private static double[][] judged(PanelLadder.Result a, PanelLadder.Result b) {
        double[] x = a.values();
        double[] y = b.values();
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                pairs.add(new double[] {x[i], y[i]});
            }
        }
        double[][] out = new double[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            out[0][i] = pairs.get(i)[0];
            out[1][i] = pairs.get(i)[1];
        }
        return out;
    }

    private static double standardDeviation(double[] v) {
        double mean = Arrays.stream(v).average().orElse(0);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
    }

    /** The verdict in {@code select.Selection}'s words. */
    private List<String> verdict(Choice c, double ratio) {
        List<String> r = new ArrayList<>();
        String m = c.metric().toUpperCase(Locale.ROOT);
        PanelLadder.Result chosen = c.chosen();
        PanelLadder.Result best = c.best();
        String test = "corrected resampled t-test over origins x series, alpha " + number(c.alpha())
                + ", each comparison on its own";
        switch (c.rule()) {
            case BEST -> r.add(chosen.rung().id() + " has the best mean " + m + " (" + f3(chosen.mean(c.metric()))
                    + "); the use case asks for the best, whatever its cost.");
            case SIGNIFICANCE -> {
                if (chosen == best) {
                    boolean anySimpler = c.results().stream().anyMatch(e -> e != chosen
                            && SIMPLER_FIRST.compare(e, chosen) < 0);
                    r.add(chosen.rung().id() + " has the best mean " + m + " (" + f3(best.mean(c.metric()))
                            + "), and " + (anySimpler ? "every simpler model is significantly worse (" + test + ")"
                                    : "no model is simpler, so none was tested against it") + ".");
                } else {
                    CorrectedResampledTTest.Result d = c.versusBest().get(c.results().indexOf(chosen));
                    r.add(chosen.rung().id() + " is the simplest model not significantly worse than the best (" + test
                            + "): " + best.rung().id() + " scores " + f3(best.mean(c.metric())) + " " + m + ", "
                            + chosen.rung().id() + " " + f3(chosen.mean(c.metric())) + " (difference "
                            + signed(d.meanDifference()) + ", " + number(100 * (1 - c.alpha())) + "% CI "
                            + signed(d.low()) + " to " + signed(d.high()) + ", " + p(d.pValue()) + ").");
                }
            }
            case ONE_SE -> r.add(chosen.rung().id() + " is the simplest model whose mean " + m
                    + " is within one standard error of the best, " + best.rung().id() + " ("
                    + f3(best.mean(c.metric())) + ").");
        }
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < c.results().size(); i++) {
            PanelLadder.Result e = c.results().get(i);
            if (e != chosen && SIMPLER_FIRST.compare(e, chosen) < 0 && c.versusBest().get(i) != null) {
                rejected.add(e.rung().id() + " (" + p(c.versusBest().get(i).pValue()) + ")");
            }
        }
        if (!rejected.isEmpty() && c.rule() == SelectionRule.SIGNIFICANCE) {
            r.add("Simpler models are significantly worse than the best: " + String.join(", ", rejected) + ".");
        }
        String level = number(100 * (1 - c.alpha())) + "%";
        for (PanelLadder.Result e : c.results()) {
            if (e == chosen || e.rung().rung() <= chosen.rung().rung()) {
                continue;
            }
            double[][] pair = judged(e, chosen);
            CorrectedResampledTTest.Result gain = CorrectedResampledTTest.compare(pair[0], pair[1], ratio, c.alpha());
            r.add("Climbing to " + e.rung().id() + " (rung " + e.rung().rung() + ") would change " + m + " by "
                    + signed(gain.meanDifference()) + " (" + level + " CI " + signed(gain.low()) + " to "
                    + signed(gain.high()) + ") for " + (chosen.parameters() == 0 ? String.format(Locale.ROOT,
                    "%,d parameters more", e.parameters()) : times((double) e.parameters() / chosen.parameters(),
                    "the parameters")) + " and " + times(e.fitMillis() / Math.max(1e-3, chosen.fitMillis()),
                    "the fit time") + ".");
        }
        r.add("Intervals of " + chosen.rung().id() + " held " + percent(chosen.coverage80()) + " of the held-out "
                + "values at 80% and " + percent(chosen.coverage95()) + " at 95%.");
        return r;
    }

    private ForecastResults.Leaderboard leaderboard(Choice c) {
        List<ForecastResults.Entry> entries = new ArrayList<>();
        for (int i = 0; i < c.results().size(); i++) {
            PanelLadder.Result r = c.results().get(i);
            CorrectedResampledTTest.Result d = c.versusBest().get(i);
            entries.add(new ForecastResults.Entry(r.rung().rung(), r.rung().id(), r.mean(c.metric()), r.mase(),
                    r.smape(), r.rmsse(), r.mae(), r.coverage80(), r.coverage95(), r.parameters(), r.fitMillis(),
                    r.standIns(), d == null ? null : new ForecastResults.Comparison(d.meanDifference(), d.low(),
                            d.high(), d.pValue()), r == c.chosen()));
        }
        return new ForecastResults.Leaderboard(useCase.name(), c.metric(), c.rule().key(), c.alpha(),
                c.chosen().rung().id(), entries);
    }

    /** The first series' history (its last five horizons, at least three seasons) and forecast. */
    static ForecastResults.ReportData reportData(Panel panel, ForecastModel model) {
        Frequency f = panel.frequency();
        int h = model.horizon();
        List<ForecastResults.SeriesChart> charts = new ArrayList<>();
        for (int i = 0; i < Math.min(CHARTED_SERIES, panel.series().size()); i++) {
            Panel.Series s = panel.series().get(i);
            double[] y = s.values().values();
            int shown = Math.min(y.length, Math.max(5 * h, 3 * f.period()));
            List<String> times = new ArrayList<>();
            for (int t = y.length - shown; t < y.length; t++) {
                times.add(f.format(s.timeAt(f, t)));
            }
            Forecast fc = model.forecastOf(s.key(), h);
            List<String> future = new ArrayList<>();
            for (int t = 1; t <= h; t++) {
                future.add(f.format(f.plus(s.lastTime(f), t)));
            }
            charts.add(new ForecastResults.SeriesChart(s.key(), times, Arrays.copyOfRange(y, y.length - shown,
                    y.length), future, fc.mean(), fc.lower80(), fc.upper80(), fc.lower95(), fc.upper95()));
        }
        return new ForecastResults.ReportData(charts);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.3f", v);
    }

    private static String number(double v) {
        return dev.occam.runtime.io.Json.number(v);
    }

    private static String p(double p) {
        return p < 0.001 ? "p<0.001" : String.format(Locale.ROOT, "p=%.3f", p);
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String times(double x, String what) {
        if (!(x > 0) || Double.isInfinite(x)) {
            return "an unknown multiple of " + what;
        }
        if (x >= 10) {
            return String.format(Locale.ROOT, "%,.0fx %s", x, what);
        }
        if (x >= 0.95) {
            return String.format(Locale.ROOT, "%.1fx %s", x, what);
        }
        double inverse = 1 / x;
        return inverse < 10 ? String.format(Locale.ROOT, "1/%.1f of %s", inverse, what)
                : String.format(Locale.ROOT, "1/%,.0f of %s", inverse, what);
    }
}
