package dev.occam.runtime.forecast;

import dev.occam.runtime.scorer.Scorer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One gradient-boosted tree ensemble shared by every series of a panel (a "global" model: the lesson of the M5
 * competition, Makridakis, Spiliotis &amp; Assimakopoulos 2022, where such models on lags and calendar features won),
 * forecasting each series recursively one step at a time.
 *
 * <p>Features of the value at time t, for a series with scale s (its mean absolute value) and local level L (the
 * mean of its last {@code window} values before t): (y<sub>t−k</sub> − L)/s for each lag k, and the calendar of t
 * ({@link Frequency#calendar}); the trees predict (y<sub>t</sub> − L)/s. Centring on the local level lets the trees,
 * which cannot extrapolate, follow a series wherever its level goes; dividing by s lets series of every size share
 * the trees.
 *
 * <p>Intervals: the quantiles of the scaled errors (y − ŷ)/s of the rolling-origin forecasts, step by step
 * ({@code quantiles[q][h−1]} for q = 2.5%, 10%, 90%, 97.5%), added to the forecast times s; beyond the steps
 * measured, the last step's quantiles widened by √(h/H) as a random walk's would (an assumption, said in the docs).
 *
 * @param lags the lags k, ascending, at least one
 * @param window how many values the local level averages, at most the largest lag
 * @param frequency the series' frequency, for the calendar features
 * @param trees the ensemble, reading the features in the order {@link #featureNames} gives
 * @param quantiles four rows of scaled error quantiles (2.5%, 10%, 90%, 97.5%), one column per step ahead
 */
public record GlobalBoostedModel(int[] lags, int window, Frequency frequency, Scorer trees, double[][] quantiles) {

    public GlobalBoostedModel {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(trees, "trees");
        if (lags.length == 0) {
            throw new IllegalArgumentException("the global model needs at least one lag");
        }
        for (int i = 0; i < lags.length; i++) {
            if (lags[i] < 1 || i > 0 && lags[i] <= lags[i - 1]) {
                throw new IllegalArgumentException("lags must be ascending and >= 1: " + Arrays.toString(lags));
            }
        }
        if (window < 1 || window > lags[lags.length - 1]) {
            throw new IllegalArgumentException("the level window must be in 1.." + lags[lags.length - 1] + ": "
                    + window);
        }
        if (quantiles.length != 4 || quantiles[0].length == 0) {
            throw new IllegalArgumentException("the global model needs four rows of error quantiles");
        }
        lags = lags.clone();
        double[][] copy = new double[4][];
        for (int q = 0; q < 4; q++) {
            if (quantiles[q].length != quantiles[0].length) {
                throw new IllegalArgumentException("every row of error quantiles must cover the same steps");
            }
            copy[q] = quantiles[q].clone();
        }
        quantiles = copy;
    }

    @Override
    public int[] lags() {
        return lags.clone();
    }

    @Override
    public double[][] quantiles() {
        double[][] copy = new double[4][];
        for (int q = 0; q < 4; q++) {
            copy[q] = quantiles[q].clone();
        }
        return copy;
    }

    /** The lags and window the panel's frequency suggests: 1..max(m, 4) (at most 24), 2m, and hourly data's week. */
    public static int[] defaultLags(Frequency frequency) {
        int m = frequency.period();
        List<Integer> lags = new ArrayList<>();
        int p = Math.min(24, Math.max(m, 4));
        for (int k = 1; k <= p; k++) {
            lags.add(k);
        }
        if (m > 1 && 2 * m > p && 2 * m <= 104) {
            lags.add(2 * m);
        }
        if (frequency.longPeriod() > 0) {
            lags.add(frequency.longPeriod());
        }
        return lags.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The level window for a frequency: one season, or 4 values without one. */
    public static int defaultWindow(Frequency frequency) {
        return Math.min(24, Math.max(frequency.period(), 4));
    }

    /** Values a series must have before the first value the model can be trained on or forecast from. */
    public static int historyNeeded(int[] lags) {
        return lags[lags.length - 1];
    }

    /** The feature names, in the trees' order. */
    public static List<String> featureNames(int[] lags, Frequency frequency) {
        List<String> names = new ArrayList<>();
        for (int k : lags) {
            names.add("lag_" + k);
        }
        names.addAll(frequency.calendarNames());
        return names;
    }

    /** The series' scale s: its mean absolute value, or 1 when that is 0. */
    public static double scale(double[] y) {
        double sum = 0;
        for (double v : y) {
            sum += Math.abs(v);
        }
        double s = sum / y.length;
        return s > 0 && Double.isFinite(s) ? s : 1;
    }

    /**
     * The features of the value at position t of {@code y} (only positions before t are read) and its local
     * level, written into {@code x}; returns the level L.
     */
    public static double features(double[] y, int t, int[] lags, int window, double scale, double[] calendar,
            double[] x) {
        double level = 0;
        for (int k = 1; k <= window; k++) {
            level += y[t - k];
        }
        level /= window;
        for (int j = 0; j < lags.length; j++) {
            x[j] = (y[t - lags[j]] - level) / scale;
        }
        System.arraycopy(calendar, 0, x, lags.length, calendar.length);
        return level;
    }

    /**
     * Forecasts {@code horizon} values after {@code history} (the series' values, oldest first, at least the
     * largest lag of them; the last at {@code lastTime}), feeding each forecast back as the next step's lag.
     *
     * @param scale the series' scale, as at training ({@link #scale} of the series it was fitted on)
     * @throws IllegalArgumentException when the history is shorter than the largest lag or the horizon below 1
     */
    public Forecast forecast(double[] history, double scale, LocalDateTime lastTime, int horizon) {
        Forecaster.checkHorizon(horizon);
        int need = historyNeeded(lags);
        if (history.length < need) {
            throw new IllegalArgumentException("the global model needs the last " + need + " values of a series: got "
                    + history.length);
        }
        double[] y = Arrays.copyOf(history, history.length + horizon);
        double[] x = new double[lags.length + frequency.calendarNames().size()];
        int measured = quantiles[0].length;
        double[] mean = new double[horizon];
        double[][] ends = new double[4][horizon];
        for (int h = 1; h <= horizon; h++) {
            int t = history.length + h - 1;
            double level = features(y, t, lags, window, scale, frequency.calendar(frequency.plus(lastTime, h)), x);
            y[t] = level + scale * trees.score(x);
            mean[h - 1] = y[t];
            int column = Math.min(h, measured) - 1;
            double widen = h > measured ? Math.sqrt((double) h / measured) : 1;
            for (int q = 0; q < 4; q++) {
                ends[q][h - 1] = y[t] + scale * widen * quantiles[q][column];
            }
        }
        return new Forecast(mean, ends[1], ends[2], ends[0], ends[3]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobalBoostedModel g && Arrays.equals(lags, g.lags) && window == g.window
                && frequency == g.frequency && trees.equals(g.trees) && Arrays.deepEquals(quantiles, g.quantiles);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lags) * 31 + window;
    }

    @Override
    public String toString() {
        return "GlobalBoostedModel[lags=" + Arrays.toString(lags) + ", window=" + window + ", " + frequency + "]";
    }
}
