package dev.occam.core.data;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a database's SQLException into the one line a user needs. DuckDB's messages run over many lines
 * (the offending CSV line, the query with a caret, possible fixes that name DuckDB options the user did
 * not write); only the reason is kept.
 */
final class DatabaseErrors {

    private static final Pattern CSV_ERROR = Pattern.compile("CSV Error on Line: (\\d+)");

    /** The first lines of the reasons DuckDB's CSV reader gives after echoing the offending line. */
    private static final List<String> CSV_REASONS = List.of(
            "Expected Number of Columns",
            "Error when converting",
            "Value with unterminated quote",
            "Invalid unicode",
            "Maximum line size");

    private DatabaseErrors() {
    }

    /** The reason in one line, e.g. {@code line 3: Expected Number of Columns: 3 Found: 4}. */
    static String reason(SQLException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            String state = e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")";
            return e.getClass().getSimpleName() + state;
        }
        List<String> lines = message.strip().lines().map(String::strip).toList();
        String first = lines.get(0);
        Matcher csv = CSV_ERROR.matcher(first);
        if (csv.find()) {
            return "line " + csv.group(1) + ": " + csvReason(lines);
        }
        if (first.contains("Error when sniffing file") && lines.size() > 1 && !lines.get(1).isEmpty()) {
            // The first line only repeats the file name; the second says what failed.
            return lines.get(1);
        }
        return first;
    }

    private static String csvReason(List<String> lines) {
        for (String line : lines) {
            for (String start : CSV_REASONS) {
                if (line.startsWith(start)) {
                    return line;
                }
            }
        }
        // An unknown reason: DuckDB puts it last before its list of fixes.
        String last = "the CSV parser rejected it";
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("Possible fixes") || line.startsWith("Possible solutions")) {
                break;
            }
            if (!line.isEmpty() && !line.startsWith("Original Line")) {
                last = line;
            }
        }
        return last;
    }
}
