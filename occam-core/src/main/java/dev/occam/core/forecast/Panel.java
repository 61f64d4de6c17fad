package dev.occam.core.forecast;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.forecast.Frequency;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of a forecasting use case, read from a table: the rows of each value of the series column (or all
 * rows, for one series), ordered by time, on a regular calendar. The time column is read as dates: ISO text (the
 * data layer hands DATE and TIMESTAMP columns over as their ISO text) or whole years. Duplicate times are refused,
 * naming the series and the time; gaps (missing times, or missing values) are filled by linear interpolation and
 * reported, naming the series and the first time filled.
 *
 * @param series every series, in order of first appearance
 * @param frequency the calendar's step
 * @param notes what was repaired, in plain words
 */
public record Panel(List<Series> series, Frequency frequency, List<String> notes) {

    /** At most this many gaps are named one by one in the notes. */
    private static final int NOTES_NAMED = 5;

    /**
     * One series.
     *
     * @param key the series column's value ("" for one series)
     * @param start the time of the first value
     * @param values the values on the regular calendar, gaps filled, with the panel's seasonal period
     */
    public record Series(String key, LocalDateTime start, TimeSeries values) {
        /** The time of value i. */
        public LocalDateTime timeAt(Frequency frequency, int i) {
            return frequency.plus(start, i);
        }

        public LocalDateTime lastTime(Frequency frequency) {
            return timeAt(frequency, values.length() - 1);
        }
    }

    public Panel {
        series = List.copyOf(series);
        notes = List.copyOf(notes);
    }

    /**
     * Reads the panel from a table.
     *
     * @param frequencyWord "hourly" .. "annual", or null to infer it
     * @throws IllegalArgumentException naming the column, the series and the value when the columns are missing or
     *     of the wrong kind, a time does not parse, a time repeats within a series, or times are not on a calendar
     */
    public static Panel of(Frame frame, String target, String time, String seriesColumn, String frequencyWord) {
        Column y = column(frame, target, "target");
        if (!(y instanceof NumericColumn values)) {
            throw new IllegalArgumentException("target column '" + target + "' holds text, not numbers; forecasting "
                    + "needs a number per time");
        }
        LocalDateTime[] times = times(column(frame, time, "time"));
        String[] keys = new String[frame.rows()];
        if (seriesColumn != null) {
            Column s = column(frame, seriesColumn, "series");
            for (int i = 0; i < keys.length; i++) {
                if (s.isMissing(i)) {
                    throw new IllegalArgumentException("series column '" + seriesColumn + "' is empty on row "
                            + (i + 1) + "; every row must name its series");
                }
                keys[i] = s instanceof CategoricalColumn c ? c.level(i) : number(((NumericColumn) s).value(i));
            }
        } else {
            Arrays.fill(keys, "");
        }
        Map<String, List<Integer>> rowsByKey = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            rowsByKey.computeIfAbsent(keys[i], k -> new ArrayList<>()).add(i);
        }
        double[] v = values.values();
        Frequency frequency = null;
        if (frequencyWord != null) {
            frequency = Frequency.fromWord(frequencyWord);
        } else {
            List<Integer> longest = rowsByKey.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
            frequency = Frequency.infer(longest.stream().map(i -> times[i]).sorted().distinct().toList());
        }
        List<Series> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int gapsNamed = 0;
        int seriesWithGaps = 0;
        for (Map.Entry<String, List<Integer>> e : rowsByKey.entrySet()) {
            String key = e.getKey();
            String who = seriesColumn == null ? "the series" : "series '" + key + "'";
            List<Integer> rows = new ArrayList<>(e.getValue());
            rows.sort(Comparator.comparing(i -> times[i]));
            LocalDateTime start = times[rows.get(0)];
            List<Double> filled = new ArrayList<>();
            int previous = -1;
            for (int r : rows) {
                long step = frequency.stepsBetween(start, times[r]);
                if (step < 0) {
                    throw new IllegalArgumentException(who + ": time " + frequency.format(times[r]) + " is not a whole"
                            + " number of " + frequency.word() + " steps after " + frequency.format(start)
                            + "; give frequency: or fix the time");
                }
                if (step == previous) {
                    throw new IllegalArgumentException(who + ": time " + frequency.format(times[r]) + " appears more "
                            + "than once; keep one row per series and time (aggregate them in SQL)");
                }
                while (filled.size() < step) {
                    filled.add(Double.NaN);
                }
                filled.add(v[r]);
                previous = (int) step;
            }
            double[] series = filled.stream().mapToDouble(Double::doubleValue).toArray();
            int missing = 0;
            int first = -1;
            for (int i = 0; i < series.length; i++) {
                if (Double.isNaN(series[i])) {
                    missing++;
                    first = first < 0 ? i : first;
                }
            }
            if (missing == series.length) {
                throw new IllegalArgumentException(who + " has no values of '" + target + "'");
            }
            if (missing > 0) {
                seriesWithGaps++;
                if (gapsNamed++ < NOTES_NAMED) {
                    notes.add(who + ": " + missing + " missing value(s) of " + frequency.word() + " times filled by "
                            + "linear interpolation, the first at " + frequency.format(frequency.plus(start, first))
                            + ".");
                }
                interpolate(series);
            }
            out.add(new Series(key, start, new TimeSeries(series, frequency.period())));
        }
        if (seriesWithGaps > NOTES_NAMED) {
            notes.add((seriesWithGaps - NOTES_NAMED) + " more series had gaps, filled the same way.");
        }
        return new Panel(out, frequency, notes);
    }

    /** Fills NaN runs by linear interpolation between their neighbours, or the nearest value at the ends. */
    static void interpolate(double[] y) {
        int n = y.length;
        int i = 0;
        while (i < n) {
            if (!Double.isNaN(y[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && Double.isNaN(y[j])) {
                j++;
            }
            double left = i > 0 ? y[i - 1] : y[j];
            double right = j < n ? y[j] : left;
            for (int k = i; k < j; k++) {
                y[k] = i == 0 || j == n ? (i == 0 ? right : left)
                        : left + (right - left) * (k - i + 1) / (j - i + 1);
            }
            i = j;
        }
    }

    private static Column column(Frame frame, String name, String role) {
        if (!frame.hasColumn(name)) {
            throw new IllegalArgumentException(role + " column '" + name + "' is not in the data; its columns are "
                    + frame.schema().names());
        }
        return frame.column(name);
    }

    /** The time column's values as times: ISO text parsed once per distinct text, or whole years. */
    private static LocalDateTime[] times(Column column) {
        LocalDateTime[] out = new LocalDateTime[column.size()];
        if (column instanceof CategoricalColumn c) {
            Map<Integer, LocalDateTime> parsed = new HashMap<>();
            for (int i = 0; i < out.length; i++) {
                if (c.isMissing(i)) {
                    throw new IllegalArgumentException("time column '" + c.name() + "' is empty on row " + (i + 1));
                }
                int code = c.code(i);
                LocalDateTime t = parsed.get(code);
                if (t == null) {
                    try {
                        t = Frequency.parse(c.levels().get(code));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("time column '" + c.name() + "', row " + (i + 1) + ": "
                                + e.getMessage());
                    }
                    parsed.put(code, t);
                }
                out[i] = t;
            }
            return out;
        }
        double[] v = ((NumericColumn) column).values();
        for (int i = 0; i < out.length; i++) {
            if (!(v[i] == Math.rint(v[i]) && v[i] >= 1 && v[i] <= 9999)) {
                throw new IllegalArgumentException("time column '" + column.name() + "' holds numbers, and row "
                        + (i + 1) + " (" + number(v[i]) + ") is not a year; give dates as ISO text, such as 2024-01-31");
            }
            out[i] = LocalDateTime.of((int) v[i], 1, 1, 0, 0);
        }
        return out;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
