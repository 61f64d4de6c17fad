package dev.occam.core.forecast;

import dev.occam.runtime.forecast.Forecast;
import dev.occam.runtime.forecast.Forecaster;
import dev.occam.runtime.forecast.Frequency;
import dev.occam.runtime.forecast.GlobalBoostedModel;
import dev.occam.runtime.forecast.SeriesModel;
import dev.occam.runtime.scorer.Scorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The forecasting ladder played on a whole panel with rolling origins (Tashman 2000; FPP3 §5.10), on the training
 * data only: at each origin every rung is fitted on each series' values before it and judged on the next
 * {@code horizon} values, with MASE, sMAPE, RMSSE and MAE ({@link ForecastAccuracy}: M4 and M5 definitions) and the
 * out-of-sample coverage of its 80% and 95% intervals. The cells (origin × series) are the same for every rung, so
 * rungs can be compared cell by cell.
 *
 * <p>Rungs, simplest first: seasonal naive and naive (one rung, the seasonal benchmark first), drift, Theta, STL + ETS (the season taken out by (M)STL, for
 * hourly data the day and the week), ETS, auto ARIMA, and the global gradient-boosted model. <b>The cost rule</b>
 * (so that a thousand series fit in well under a minute): auto ARIMA only for panels of at most
 * {@value #ARIMA_MAX_SERIES} series with a period of at most 12 (monthly seasonal ARIMA costs about a second per
 * fit); ETS and STL + ETS only for panels of at most {@value #ETS_MAX_SERIES} series. Larger panels play the
 * benchmarks, Theta and the global model. A rung that cannot be fitted on a series at an origin (too short, constant)
 * is stood in for by the naive method there, and the count is reported.
 */
public final class PanelLadder {

    /** Auto ARIMA is played on panels of at most this many series. */
    public static final int ARIMA_MAX_SERIES = 20;
    /** ETS and STL + ETS are played on panels of at most this many series. */
    public static final int ETS_MAX_SERIES = 100;

    /**
     * One rung.
     *
     * @param id its name ("ets", "global-boosting")
     * @param rung its place on the ladder, simplest 0
     * @param fitter fits one series, or null for the global model
     */
    public record Rung(String id, int rung, Function<TimeSeries, ? extends Forecaster> fitter) {
        public boolean isGlobal() {
            return fitter == null;
        }
    }

    /**
     * @param origins rolling origins, at least 2
     * @param step values between origins, at least 1
     * @param horizon values judged after each origin
     * @param threads series fitted at once (and XGBoost's threads)
     */
    public record Options(int origins, int step, int horizon, int threads) {
        public Options {
            if (origins < 2 || step < 1 || horizon < 1 || threads < 1) {
                throw new IllegalArgumentException("origins >= 2, step, horizon and threads >= 1: " + origins + ", "
                        + step + ", " + horizon + ", " + threads);
            }
        }
    }

    /**
     * One rung's record over the cells.
     *
     * @param values the cells' MASE, sMAPE, RMSSE or MAE (the metric asked for), NaN for cells not judged
     * @param mase mean MASE over the judged cells; likewise smape, rmsse, mae
     * @param coverage80 share of the judged values inside the 80% interval; likewise coverage95
     * @param parameters values estimated, summed over series at the last origin (the global model: its trees')
     * @param fitMillis mean time to fit one series at one origin (the global model: one training over all)
     * @param standIns cells where the rung could not be fitted and the naive method stood in
     * @param firstFailure why it first failed, or null
     * @param quantiles the global model's scaled error quantiles over all origins (null for the others)
     */
    public record Result(Rung rung, double[] values, double mase, double smape, double rmsse, double mae,
            double coverage80, double coverage95, long parameters, double fitMillis, int standIns,
            String firstFailure, double[][] quantiles) {

        /** The mean of a metric by its key (mase, smape, rmsse, mae). */
        public double mean(String metric) {
            return switch (metric) {
                case "mase" -> mase;
                case "smape" -> smape;
                case "rmsse" -> rmsse;
                case "mae" -> mae;
                default -> throw new IllegalArgumentException("unknown forecast metric '" + metric + "'");
            };
        }
    }

    private PanelLadder() {
    }

    /** The rungs for a panel, by the cost rule; {@code notes} receives what was left out and why. */
    public static List<Rung> rungs(Panel panel, List<String> notes) {
        int count = panel.series().size();
        Frequency f = panel.frequency();
        int m = f.period();
        List<Rung> rungs = new ArrayList<>();
        // Seasonal data's benchmark is the seasonal naive method (FPP3 §5.2): it shares the bottom rung with the
        // naive method and comes first among equals.
        if (m > 1) {
            rungs.add(new Rung("seasonal-naive", 0, Benchmarks::seasonalNaive));
        }
        rungs.add(new Rung("naive", 0, Benchmarks::naive));
        rungs.add(new Rung("drift", 2, Benchmarks::drift));
        rungs.add(new Rung("theta", 3, Theta::fit));
        boolean etsAllowed = count <= ETS_MAX_SERIES;
        if (m > 1) {
            if (etsAllowed) {
                int[] periods = f.longPeriod() > 0 ? new int[] {m, f.longPeriod()} : new int[] {m};
                rungs.add(new Rung("stl-ets", 4, s -> SeasonalAdjustment.fit(s, periods)));
            }
        }
        if (etsAllowed) {
            rungs.add(new Rung("ets", 5, s -> ExponentialSmoothing.select(s).forecaster()));
        } else {
            notes.add("ETS and STL + ETS were not played: the panel has " + count + " series, more than "
                    + ETS_MAX_SERIES + " (the cost rule; see docs/forecasting.md).");
        }
        if (count <= ARIMA_MAX_SERIES && m <= 12) {
            rungs.add(new Rung("arima", 6, s -> Arima.select(s).forecaster()));
        } else {
            notes.add("Auto ARIMA was not played: " + (m > 12 ? "the seasonal period " + m + " is above 12"
                    : "the panel has " + count + " series, more than " + ARIMA_MAX_SERIES)
                    + " (the cost rule: seasonal ARIMA costs about a second per series and origin).");
        }
        GlobalBoosting.unavailableReason().ifPresentOrElse(
                reason -> notes.add("The global boosted model was not played: " + reason),
                () -> rungs.add(new Rung(GlobalBoosting.ID, 7, null)));
        return rungs;
    }

    /** Training lengths of series i at each origin (non-positive when the series is too short for that origin). */
    static int[] lengths(int seriesLength, Options o) {
        int[] out = new int[o.origins()];
        for (int j = 0; j < out.length; j++) {
            out[j] = seriesLength - o.horizon() - (o.origins() - 1 - j) * o.step();
        }
        return out;
    }

    /** The shortest training a cell may have: two values more than a season (MASE's scale needs one). */
    static int minimumTraining(int period) {
        return Math.max(period + 2, 4);
    }

    /**
     * Plays every rung at every origin of every series.
     *
     * @param metric mase, smape, rmsse or mae: the values compared
     * @param notes receives the rungs that could not be played and why
     * @throws IllegalArgumentException when no series is long enough for one origin
     */
    public static List<Result> evaluate(Panel panel, List<Rung> rungs, Options options, String metric,
            List<String> notes) {
        List<Panel.Series> series = panel.series();
        int n = series.size();
        int k = options.origins();
        int h = options.horizon();
        int m = panel.frequency().period();
        boolean[][] judged = new boolean[k][n];
        int cells = 0;
        for (int i = 0; i < n; i++) {
            int[] lengths = lengths(series.get(i).values().length(), options);
            for (int j = 0; j < k; j++) {
                if (lengths[j] >= minimumTraining(m)) {
                    TimeSeries training = series.get(i).values().head(lengths[j]);
                    judged[j][i] = ForecastAccuracy.seasonalNaiveMae(training) > 0
                            && Benchmarks.meanSquaredLagChange(training.values(), 1) > 0;
                    cells += judged[j][i] ? 1 : 0;
                }
            }
        }
        if (cells == 0) {
            throw new IllegalArgumentException("no series is long enough to be judged: " + k + " origins "
                    + options.step() + " apart with horizon " + h + " need at least " + (h + (k - 1) * options.step()
                    + minimumTraining(m)) + " values of a series that is not constant");
        }
        List<Result> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            for (Rung rung : rungs) {
                if (!rung.isGlobal()) {
                    results.add(evaluateLocal(panel, rung, options, judged, metric, pool));
                    continue;
                }
                try {
                    results.add(evaluateGlobal(panel, rung, options, judged, metric));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    notes.add("The global boosted model was not played: " + e.getMessage());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    /** One cell's outcome for one rung. */
    private record Cell(Forecast forecast, ForecastAccuracy accuracy, long parameters, long nanos, String failure) {
    }

    private static Result evaluateLocal(Panel panel, Rung rung, Options options, boolean[][] judged, String metric,
            ExecutorService pool) {
        List<Panel.Series> series = panel.series();
        int k = options.origins();
        List<Future<Cell[]>> futures = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            final int index = i;
            futures.add(pool.submit(() -> {
                TimeSeries y = series.get(index).values();
                int[] lengths = lengths(y.length(), options);
                Cell[] out = new Cell[k];
                for (int j = 0; j < k; j++) {
                    if (judged[j][index]) {
                        out[j] = cell(rung.fitter(), y, lengths[j], options.horizon());
                    }
                }
                return out;
            }));
        }
        Cell[][] cells = new Cell[series.size()][];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = join(futures.get(i));
        }
        return summarise(panel, rung, options, judged, metric, cells, null);
    }

    /** Fits one series' training part and judges the forecast; the naive method stands in on failure. */
    private static Cell cell(Function<TimeSeries, ? extends Forecaster> fitter, TimeSeries y, int length, int h) {
        TimeSeries training = y.head(length);
        long start = System.nanoTime();
        Forecaster fitted;
        String failure = null;
        try {
            fitted = fitter.apply(training);
        } catch (IllegalArgumentException | ArithmeticException e) {
            failure = e.getMessage();
            fitted = Benchmarks.naive(training);
        }
        long nanos = System.nanoTime() - start;
        Forecast forecast = fitted.forecast(h);
        double[] actual = Arrays.copyOfRange(y.values(), length, length + h);
        return new Cell(forecast, ForecastAccuracy.of(training, actual, forecast.mean()), fitted.parameterCount(),
                nanos, failure);
    }

    private static Result evaluateGlobal(Panel panel, Rung rung, Options options, boolean[][] judged,
            String metric) {
        List<Panel.Series> series = panel.series();
        Frequency f = panel.frequency();
        int k = options.origins();
        int h = options.horizon();
        int[] lags = GlobalBoostedModel.defaultLags(f);
        int window = GlobalBoostedModel.defaultWindow(f);
        double[][] zero = new double[4][h];
        Cell[][] cells = new Cell[series.size()][k];
        // errors[j][h][...]: the scaled errors of origin j at step h, for the quantiles.
        List<List<List<Double>>> errors = new ArrayList<>();
        long parameters = 0;
        for (int j = 0; j < k; j++) {
            int[] lengths = new int[series.size()];
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = Math.max(0, lengths(series.get(i).values().length(), options)[j]);
            }
            long start = System.nanoTime();
            Scorer trees = GlobalBoosting.train(series, lengths, f, lags, window, options.threads());
            long nanos = System.nanoTime() - start;
            parameters = trees.parameterCount();
            GlobalBoostedModel model = new GlobalBoostedModel(lags, window, f, trees, zero);
            List<List<Double>> byStep = new ArrayList<>();
            for (int s = 0; s < h; s++) {
                byStep.add(new ArrayList<>());
            }
            for (int i = 0; i < series.size(); i++) {
                if (!judged[j][i]) {
                    continue;
                }
                TimeSeries y = series.get(i).values();
                TimeSeries training = y.head(lengths[i]);
                double scale = GlobalBoostedModel.scale(training.values());
                Forecast forecast = model.forecast(padded(training.values(), lags), scale,
                        series.get(i).timeAt(f, lengths[i] - 1), h);
                double[] actual = Arrays.copyOfRange(y.values(), lengths[i], lengths[i] + h);
                double[] mean = forecast.mean();
                for (int s = 0; s < h; s++) {
                    byStep.get(s).add((actual[s] - mean[s]) / scale);
                }
                cells[i][j] = new Cell(forecast, ForecastAccuracy.of(training, actual, mean), 0,
                        nanos / Math.max(1, series.size()), null);
            }
            errors.add(byStep);
        }
        // Intervals at each origin from the other origins' errors (leave one origin out), so coverage is judged on
        // errors the quantiles did not see; the final quantiles use every origin.
        for (int j = 0; j < k; j++) {
            double[][] q = quantiles(errors, j, h);
            for (int i = 0; i < series.size(); i++) {
                Cell c = cells[i][j];
                if (c == null) {
                    continue;
                }
                double scale = GlobalBoostedModel.scale(series.get(i).values().head(
                        lengths(series.get(i).values().length(), options)[j]).values());
                cells[i][j] = new Cell(withQuantiles(c.forecast().mean(), q, scale), c.accuracy(), 0, c.nanos(), null);
            }
        }
        Result r = summarise(panel, rung, options, judged, metric, cells, quantiles(errors, -1, h));
        return new Result(rung, r.values(), r.mase(), r.smape(), r.rmsse(), r.mae(), r.coverage80(), r.coverage95(),
                parameters, r.fitMillis(), 0, null, r.quantiles());
    }

    /** The history left-padded with its first value to the largest lag, for series shorter than that. */
    public static double[] padded(double[] history, int[] lags) {
        int need = GlobalBoostedModel.historyNeeded(lags);
        if (history.length >= need) {
            return history;
        }
        double[] out = new double[need];
        Arrays.fill(out, 0, need - history.length, history[0]);
        System.arraycopy(history, 0, out, need - history.length, history.length);
        return out;
    }

    private static final double[] LEVELS = {0.025, 0.10, 0.90, 0.975};

    /** Per step, the 2.5/10/90/97.5% quantiles of the scaled errors of every origin but {@code leftOut}. */
    private static double[][] quantiles(List<List<List<Double>>> errors, int leftOut, int h) {
        double[][] q = new double[4][h];
        for (int s = 0; s < h; s++) {
            List<Double> pooled = new ArrayList<>();
            for (int j = 0; j < errors.size(); j++) {
                if (j != leftOut) {
                    pooled.addAll(errors.get(j).get(s));
                }
            }
            double[] e = pooled.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            for (int l = 0; l < 4; l++) {
                q[l][s] = e.length == 0 ? 0 : quantile(e, LEVELS[l]);
            }
        }
        return q;
    }

    /** R's default (type 7) quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int lo = (int) Math.floor(position);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }

    private static Forecast withQuantiles(double[] mean, double[][] q, double scale) {
        int h = mean.length;
        double[][] ends = new double[4][h];
        for (int l = 0; l < 4; l++) {
            for (int s = 0; s < h; s++) {
                ends[l][s] = mean[s] + scale * q[l][s];
            }
        }
        return new Forecast(mean, ends[1], ends[2], ends[0], ends[3]);
    }

    private static Result summarise(Panel panel, Rung rung, Options options, boolean[][] judged, String metric,
            Cell[][] cells, double[][] quantiles) {
        int n = panel.series().size();
        int k = options.origins();
        double[] values = new double[k * n];
        double mase = 0;
        double smape = 0;
        double rmsse = 0;
        double mae = 0;
        int count = 0;
        long inside80 = 0;
        long inside95 = 0;
        long points = 0;
        long parameters = 0;
        long nanos = 0;
        int standIns = 0;
        String firstFailure = null;
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                Cell c = cells[i][j];
                if (!judged[j][i] || c == null) {
                    values[j * n + i] = Double.NaN;
                    continue;
                }
                ForecastAccuracy a = c.accuracy();
                values[j * n + i] = switch (metric) {
                    case "mase" -> a.mase();
                    case "smape" -> a.smape();
                    case "rmsse" -> a.rmsse();
                    case "mae" -> a.mae();
                    default -> throw new IllegalArgumentException("unknown forecast metric '" + metric + "'");
                };
                mase += a.mase();
                smape += a.smape();
                rmsse += a.rmsse();
                mae += a.mae();
                count++;
                TimeSeries y = panel.series().get(i).values();
                int length = lengths(y.length(), options)[j];
                Forecast f = c.forecast();
                double[] lo80 = f.lower80();
                double[] hi80 = f.upper80();
                double[] lo95 = f.lower95();
                double[] hi95 = f.upper95();
                for (int s = 0; s < options.horizon(); s++) {
                    double v = y.at(length + s);
                    inside80 += v >= lo80[s] && v <= hi80[s] ? 1 : 0;
                    inside95 += v >= lo95[s] && v <= hi95[s] ? 1 : 0;
                    points++;
                }
                if (j == k - 1) {
                    parameters += c.parameters();
                }
                nanos += c.nanos();
                if (c.failure() != null) {
                    standIns++;
                    firstFailure = firstFailure == null ? c.failure() : firstFailure;
                }
            }
        }
        return new Result(rung, values, mase / count, smape / count, rmsse / count, mae / count,
                (double) inside80 / points, (double) inside95 / points, parameters, nanos / 1e6 / count, standIns,
                firstFailure, quantiles);
    }

    /**
     * The chosen rung refitted on every whole series: each series' own model, or the global model trained on all
     * of every series with the given error quantiles.
     *
     * @param notes receives the series where the naive method stood in
     */
    public static List<SeriesModel> refit(Panel panel, Rung rung, double[][] quantiles, int threads,
            List<String> notes, GlobalBoostedModel[] globalOut) {
        List<Panel.Series> series = panel.series();
        Frequency f = panel.frequency();
        List<SeriesModel> out = new ArrayList<>();
        if (rung.isGlobal()) {
            int[] lags = GlobalBoostedModel.defaultLags(f);
            int window = GlobalBoostedModel.defaultWindow(f);
            int[] lengths = series.stream().mapToInt(s -> s.values().length()).toArray();
            GlobalBoostedModel model = new GlobalBoostedModel(lags, window, f,
                    GlobalBoosting.train(series, lengths, f, lags, window, threads), quantiles);
            globalOut[0] = model;
            int need = GlobalBoostedModel.historyNeeded(lags);
            for (Panel.Series s : series) {
                double[] y = s.values().values();
                double[] tail = padded(Arrays.copyOfRange(y, Math.max(0, y.length - need), y.length), lags);
                out.add(new SeriesModel(s.key(), s.lastTime(f), null, tail, GlobalBoostedModel.scale(y)));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Forecaster>> futures = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (Panel.Series s : series) {
                futures.add(pool.submit(() -> {
                    try {
                        return rung.fitter().apply(s.values());
                    } catch (IllegalArgumentException | ArithmeticException e) {
                        synchronized (failed) {
                            failed.add(s.key());
                        }
                        return Benchmarks.naive(s.values());
                    }
                }));
            }
            for (int i = 0; i < series.size(); i++) {
                Panel.Series s = series.get(i);
                out.add(new SeriesModel(s.key(), s.lastTime(f), join(futures.get(i)), null, 1));
            }
            if (!failed.isEmpty()) {
                notes.add(rung.id() + " could not be fitted on " + failed.size() + " whole series (such as '"
                        + failed.get(0) + "'); the naive method forecasts them.");
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
