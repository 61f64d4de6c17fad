package dev.occam.core.recommend;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table of interactions (one row per user and item) turned into an {@link InteractionMatrix} with labels: each
 * user and item value, as text, gets an integer code in the order of its first row. Rows without a user, an item,
 * a time (when {@code time} is given) or with a rating that is missing or not positive are left out and counted in
 * the {@link #notes()}.
 *
 * <p>Times: a numeric column is used as it is (any increasing scale, such as epoch seconds; fractions of a unit
 * are kept to a thousandth); a text column must hold ISO dates ({@code 2024-03-01}) or date-times
 * ({@code 2024-03-01 14:05:00}, {@code 2024-03-01T14:05:00Z}), read as seconds since 1970 (UTC when no offset is
 * written).
 *
 * @param matrix the interactions by code
 * @param userLabels the label of each user code
 * @param itemLabels the label of each item code
 * @param rows the table's rows, {@code used} of them kept
 * @param notes what was left out, in words
 */
public record Interactions(InteractionMatrix matrix, List<String> userLabels, List<String> itemLabels, int rows, int used,
        List<String> notes) {

    /**
     * @param rating the rating column, or null (every interaction counts 1)
     * @param time the time column, or null
     * @throws IllegalArgumentException naming the column (and the nearest one) when it is missing, or naming the row
     *     and value of a time that cannot be read, or when no row is left
     */
    public static Interactions of(Frame table, String user, String item, String rating, String time) {
        Column userColumn = column(table, user, "user");
        Column itemColumn = column(table, item, "item");
        Column ratingColumn = rating == null ? null : column(table, rating, "rating");
        Column timeColumn = time == null ? null : column(table, time, "time");
        if (ratingColumn != null && !(ratingColumn instanceof NumericColumn)) {
            CategoricalColumn c = (CategoricalColumn) ratingColumn;
            throw new IllegalArgumentException("the rating column '" + rating + "' must hold numbers; it holds text such as '"
                    + (c.levels().isEmpty() ? "" : c.levels().get(0)) + "'");
        }
        int n = table.rows();
        Map<String, Integer> userCodes = new HashMap<>();
        Map<String, Integer> itemCodes = new HashMap<>();
        List<String> userLabels = new ArrayList<>();
        List<String> itemLabels = new ArrayList<>();
        int[] users = new int[n];
        int[] items = new int[n];
        double[] weights = ratingColumn == null ? null : new double[n];
        long[] times = timeColumn == null ? null : new long[n];
        double timeScale = timeColumn instanceof NumericColumn c ? scale(c) : 1;
        int kept = 0;
        int noUser = 0;
        int noItem = 0;
        int noTime = 0;
        int badRating = 0;
        for (int r = 0; r < n; r++) {
            String u = label(userColumn, r);
            String i = label(itemColumn, r);
            if (u == null) {
                noUser++;
                continue;
            }
            if (i == null) {
                noItem++;
                continue;
            }
            if (ratingColumn != null) {
                double w = ((NumericColumn) ratingColumn).value(r);
                if (!(w > 0) || Double.isInfinite(w)) {
                    badRating++;
                    continue;
                }
                weights[kept] = w;
            }
            if (timeColumn != null) {
                if (timeColumn.isMissing(r)) {
                    noTime++;
                    continue;
                }
                times[kept] = time(timeColumn, r, timeScale);
            }
            users[kept] = userCodes.computeIfAbsent(u, k -> {
                userLabels.add(k);
                return userLabels.size() - 1;
            });
            items[kept] = itemCodes.computeIfAbsent(i, k -> {
                itemLabels.add(k);
                return itemLabels.size() - 1;
            });
            kept++;
        }
        List<String> notes = new ArrayList<>();
        note(notes, noUser, "no " + user);
        note(notes, noItem, "no " + item);
        note(notes, noTime, "no " + time);
        note(notes, badRating, "a " + rating + " that is missing or not above 0 (a rating must be a positive number)");
        if (kept == 0) {
            throw new IllegalArgumentException("no interaction is left: every row lacks a " + user + " or a " + item
                    + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"));
        }
        InteractionMatrix matrix = InteractionMatrix.of(userLabels.size(), itemLabels.size(),
                java.util.Arrays.copyOf(users, kept), java.util.Arrays.copyOf(items, kept),
                weights == null ? null : java.util.Arrays.copyOf(weights, kept),
                times == null ? null : java.util.Arrays.copyOf(times, kept));
        if (matrix.entryCount() < kept) {
            notes.add(String.format(Locale.ROOT, "%,d rows repeat a (%s, %s) pair; repeats were merged, %s", kept - matrix.entryCount(),
                    user, item, (rating == null ? "each counting 1 more" : "their ratings added")
                            + (time == null ? "" : ", the latest time kept")));
        }
        return new Interactions(matrix, List.copyOf(userLabels), List.copyOf(itemLabels), n, kept, List.copyOf(notes));
    }

    private static void note(List<String> notes, int count, String what) {
        if (count > 0) {
            notes.add(String.format(Locale.ROOT, "%,d rows with %s were left out", count, what));
        }
    }

    private static Column column(Frame table, String name, String role) {
        if (table.hasColumn(name)) {
            return table.column(name);
        }
        List<String> names = table.columns().stream().map(Column::name).toList();
        String near = names.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElse(null);
        throw new IllegalArgumentException("the " + role + " column '" + name + "' is not in the data"
                + (near != null ? " (did you mean '" + near + "'?)" : "") + "; its columns are " + String.join(", ", names));
    }

    /** The value as text: a category's level, a whole number without ".0", other numbers in their shortest form. */
    public static String label(Column column, int row) {
        if (column.isMissing(row)) {
            return null;
        }
        if (column instanceof CategoricalColumn c) {
            return c.levels().get(c.code(row));
        }
        double v = ((NumericColumn) column).value(row);
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** 1 when every time is a whole number, else 1000 (a thousandth of the unit is kept). */
    private static double scale(NumericColumn c) {
        for (double v : c.values()) {
            if (!Double.isNaN(v) && v != Math.rint(v)) {
                return 1000;
            }
        }
        return 1;
    }

    /** @throws IllegalArgumentException naming the row (1-based) and the value when it is not a time */
    static long time(Column column, int row, double scale) {
        if (column instanceof NumericColumn c) {
            return Math.round(c.value(row) * scale);
        }
        String text = label(column, row).strip();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            }
            String iso = text.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(iso).toEpochSecond();
            }
            return LocalDateTime.parse(iso).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the time column '" + column.name() + "' row " + (row + 1) + " holds '" + text
                    + "', which is not a number nor an ISO date (2024-03-01) or date-time (2024-03-01 14:05:00)");
        }
    }
}
