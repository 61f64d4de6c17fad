package dev.occam.runtime.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

/**
 * How far apart the values of a series are, from hourly to annual: the step to the next time, the seasonal period
 * the ladder uses (FPP3 §2.1's table: 24 for hourly data's daily cycle, 7 for daily data's week, 52 for weekly data's
 * year, 12, 4 and 1), the longer cycle of hourly data (168, the week: FPP3 §12.1, multiple seasonal periods), and
 * the calendar features the global model reads.
 */
public enum Frequency {
    HOURLY("hourly", 24, 168),
    DAILY("daily", 7, 0),
    WEEKLY("weekly", 52, 0),
    MONTHLY("monthly", 12, 0),
    QUARTERLY("quarterly", 4, 0),
    ANNUAL("annual", 1, 0);

    private final String word;
    private final int period;
    private final int longPeriod;

    Frequency(String word, int period, int longPeriod) {
        this.word = word;
        this.period = period;
        this.longPeriod = longPeriod;
    }

    /** The word in use cases and files ("monthly"). */
    public String word() {
        return word;
    }

    /** The main seasonal period m (1 for annual data). */
    public int period() {
        return period;
    }

    /** A second, longer seasonal period (168 hours, a week, for hourly data), or 0 when there is none. */
    public int longPeriod() {
        return longPeriod;
    }

    /** The frequency a word names. @throws IllegalArgumentException naming the word and the words allowed */
    public static Frequency fromWord(String word) {
        for (Frequency f : values()) {
            if (f.word.equalsIgnoreCase(word.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("frequency must be one of " + words() + ": '" + word + "'");
    }

    /** The words allowed, in order. */
    public static List<String> words() {
        return java.util.Arrays.stream(values()).map(Frequency::word).toList();
    }

    /** The time {@code steps} steps after {@code time}. Months keep the day of month where it exists. */
    public LocalDateTime plus(LocalDateTime time, long steps) {
        return switch (this) {
            case HOURLY -> time.plusHours(steps);
            case DAILY -> time.plusDays(steps);
            case WEEKLY -> time.plusWeeks(steps);
            case MONTHLY -> time.plusMonths(steps);
            case QUARTERLY -> time.plusMonths(3 * steps);
            case ANNUAL -> time.plusYears(steps);
        };
    }

    /** Whole steps from {@code a} to {@code b} (b later), or −1 when b is not a whole number of steps after a. */
    public long stepsBetween(LocalDateTime a, LocalDateTime b) {
        long n = switch (this) {
            case HOURLY -> ChronoUnit.HOURS.between(a, b);
            case DAILY -> ChronoUnit.DAYS.between(a, b);
            case WEEKLY -> ChronoUnit.WEEKS.between(a, b);
            case MONTHLY -> ChronoUnit.MONTHS.between(a, b);
            case QUARTERLY -> ChronoUnit.MONTHS.between(a, b) / 3;
            case ANNUAL -> ChronoUnit.YEARS.between(a, b);
        };
        return plus(a, n).equals(b) ? n : -1;
    }

    /**
     * The frequency of sorted, distinct times: the most common gap between neighbours, read as hours, days, weeks,
     * months (28–31 days), quarters (89–92) or years (365–366).
     *
     * @throws IllegalArgumentException when there are fewer than two times or the common gap is none of these
     */
    public static Frequency infer(List<LocalDateTime> sortedTimes) {
        if (sortedTimes.size() < 2) {
            throw new IllegalArgumentException("the frequency cannot be inferred from " + sortedTimes.size()
                    + " time(s); give frequency: (one of " + words() + ")");
        }
        java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
        for (int i = 1; i < sortedTimes.size(); i++) {
            long minutes = ChronoUnit.MINUTES.between(sortedTimes.get(i - 1), sortedTimes.get(i));
            counts.merge(minutes, 1, Integer::sum);
        }
        long gap = counts.entrySet().stream().max(java.util.Map.Entry.<Long, Integer>comparingByValue()
                .thenComparing(java.util.Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .orElseThrow().getKey();
        long day = 24 * 60;
        if (gap == 60) {
            return HOURLY;
        }
        if (gap == day) {
            return DAILY;
        }
        if (gap == 7 * day) {
            return WEEKLY;
        }
        if (gap >= 28 * day && gap <= 31 * day) {
            return MONTHLY;
        }
        if (gap >= 89 * day && gap <= 92 * day) {
            return QUARTERLY;
        }
        if (gap >= 365 * day && gap <= 366 * day) {
            return ANNUAL;
        }
        throw new IllegalArgumentException("the times are most often " + describeMinutes(gap) + " apart, which is "
                + "none of " + words() + "; give frequency: or aggregate the data");
    }

    private static String describeMinutes(long minutes) {
        return minutes % (24 * 60) == 0 ? (minutes / (24 * 60)) + " days"
                : minutes % 60 == 0 ? (minutes / 60) + " hours" : minutes + " minutes";
    }

    /**
     * A time as ISO text: a date ({@code 2024-01-31}) when it has no time of day and the frequency is daily or
     * longer, else a date and time ({@code 2024-01-31T05:00:00}).
     */
    public String format(LocalDateTime time) {
        if (this != HOURLY && time.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return time.toLocalDate().toString();
        }
        return time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    /**
     * Reads a date or timestamp as ISO text: {@code 2024-01-31}, {@code 2024-01-31 05:00:00}, {@code
     * 2024-01-31T05:00}, a year-month {@code 2024-01}, or a whole year {@code 2024}. Time zones are not read: a
     * series is taken in its local time.
     *
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    public static LocalDateTime parse(String text) {
        String s = text.strip();
        try {
            if (s.matches("\\d{4}")) {
                return LocalDate.of(Integer.parseInt(s), 1, 1).atStartOfDay();
            }
            if (s.matches("\\d{4}-\\d{2}")) {
                return LocalDate.parse(s + "-01").atStartOfDay();
            }
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay();
            }
            String t = s.replace(' ', 'T');
            int zone = Math.max(t.indexOf('+', 10), t.endsWith("Z") ? t.length() - 1 : -1);
            if (zone > 0) {
                t = t.substring(0, zone);
            }
            return LocalDateTime.parse(t);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO date or timestamp (such as 2024-01-31 or"
                    + " 2024-01-31 05:00:00)");
        }
    }

    /**
     * The calendar features of a time the global model reads: hour of day and day of week for hourly data; day of
     * week and month for daily; week of year for weekly; month for monthly; quarter for quarterly; none for annual.
     */
    public double[] calendar(LocalDateTime time) {
        return switch (this) {
            case HOURLY -> new double[] {time.getHour(), dayOfWeek(time.getDayOfWeek())};
            case DAILY -> new double[] {dayOfWeek(time.getDayOfWeek()), time.getMonthValue()};
            case WEEKLY -> new double[] {time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)};
            case MONTHLY -> new double[] {time.getMonthValue()};
            case QUARTERLY -> new double[] {time.get(IsoFields.QUARTER_OF_YEAR)};
            case ANNUAL -> new double[0];
        };
    }

    /** The names of {@link #calendar}'s features, in order. */
    public List<String> calendarNames() {
        return switch (this) {
            case HOURLY -> List.of("hour", "day_of_week");
            case DAILY -> List.of("day_of_week", "month");
            case WEEKLY -> List.of("week");
            case MONTHLY -> List.of("month");
            case QUARTERLY -> List.of("quarter");
            case ANNUAL -> List.of();
        };
    }

    private static int dayOfWeek(DayOfWeek d) {
        return d.getValue();
    }

    @Override
    public String toString() {
        return word.toLowerCase(Locale.ROOT);
    }
}
