package dev.occam.core.forecast;

import dev.occam.core.data.Target;
import dev.occam.core.learn.boosting.GradientBoosting;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.forecast.Frequency;
import dev.occam.runtime.forecast.GlobalBoostedModel;
import dev.occam.runtime.scorer.Scorer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Trains the panel's global model ({@link GlobalBoostedModel}): one XGBoost ensemble (squared error, 100 rounds of
 * depth-6 trees at learning rate 0.1: values in the range M5's winners used, not tuned here) on the lag and
 * calendar features of every value of every series that has the largest lag's history before it. At most
 * {@link #MAX_ROWS_PER_SERIES} of each series' latest values are used, so a long hourly series does not outweigh the
 * rest, and fewer on large panels, so that all of them make about {@link #MAX_ROWS} rows at most (each series keeps
 * at least two seasons of values).
 */
public final class GlobalBoosting {

    /** The rung's id. */
    public static final String ID = "global-boosting";
    /** The latest values of each series the trees are trained on. */
    static final int MAX_ROWS_PER_SERIES = 2000;
    /** At most about this many rows in all: a large panel trains on each series' latest values only. */
    static final int MAX_ROWS = 100_000;

    private GlobalBoosting() {
    }

    /** Why the rung cannot run on this machine (XGBoost's native library not loading), or empty. */
    public static Optional<String> unavailableReason() {
        return new GradientBoosting().unavailableReason();
    }

    /**
     * Trains on the first {@code lengths[i]} values of each series.
     *
     * @param threads XGBoost's threads
     * @throws IllegalArgumentException when no series is longer than the largest lag
     */
    public static Scorer train(List<Panel.Series> series, int[] lengths, Frequency frequency, int[] lags, int window,
            int threads) {
        int need = GlobalBoostedModel.historyNeeded(lags);
        int p = lags.length + frequency.calendarNames().size();
        int perSeries = Math.min(MAX_ROWS_PER_SERIES, Math.max(2 * Math.max(frequency.period(), 12),
                MAX_ROWS / Math.max(1, series.size())));
        int rows = 0;
        for (int i = 0; i < series.size(); i++) {
            rows += Math.min(perSeries, Math.max(0, lengths[i] - need));
        }
        if (rows < 10) {
            throw new IllegalArgumentException("the global model needs series longer than " + need + " values (its "
                    + "largest lag) to learn from: only " + rows + " value(s) have that much history");
        }
        double[][] columns = new double[p][rows];
        double[] target = new double[rows];
        double[] x = new double[p];
        int r = 0;
        for (int i = 0; i < series.size(); i++) {
            Panel.Series s = series.get(i);
            double[] y = Arrays.copyOf(s.values().values(), lengths[i]);
            double scale = GlobalBoostedModel.scale(y);
            for (int t = Math.max(need, lengths[i] - perSeries); t < lengths[i]; t++) {
                LocalDateTime time = s.timeAt(frequency, t);
                double level = GlobalBoostedModel.features(y, t, lags, window, scale, frequency.calendar(time), x);
                for (int j = 0; j < p; j++) {
                    columns[j][r] = x[j];
                }
                target[r] = (y[t] - level) / scale;
                r++;
            }
        }
        List<String> names = GlobalBoostedModel.featureNames(lags, frequency);
        List<NumericColumn> frame = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            frame.add(new NumericColumn(names.get(j), columns[j]));
        }
        GradientBoosting.Options options = new GradientBoosting.Options(100, 0.1, 6, 1.0, 1.0, 1.0,
                Math.max(1, Math.min(64, threads)), 42L);
        return new GradientBoosting(options).fit(new Frame(frame),
                new Target(TargetInfo.regression("scaled_change"), target)).scorer();
    }
}
