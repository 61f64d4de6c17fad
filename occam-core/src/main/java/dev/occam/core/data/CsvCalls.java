package dev.occam.core.data;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The CSV options of the file route ({@code data.path}) given to the {@code read_csv} calls of a query, so that
 * {@code sql: SELECT * FROM read_csv('credit_data.csv')} types the file as {@code path: credit_data.csv} does:
 * {@code NA} and empty text missing, every row read before a type is chosen, and only whole numbers, decimals and
 * text as types (never booleans or dates: {@code yes}/{@code no} stay the file's levels). An option the query
 * names itself is left as the query says.
 */
final class CsvCalls {

    /** Option name to value, as {@link DataLoader}'s file route passes them. */
    static final Map<String, String> OPTIONS;

    static {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("header", "true");
        o.put("sample_size", "-1");
        o.put("nullstr", "['', 'NA']");
        o.put("auto_type_candidates", "['BIGINT', 'DOUBLE', 'VARCHAR']");
        OPTIONS = java.util.Collections.unmodifiableMap(o);
    }

    private CsvCalls() {
    }

    /** The query with the options added to every {@code read_csv} / {@code read_csv_auto} call; as given if none. */
    static String withFileOptions(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 128);
        int n = sql.length();
        int i = 0;
        int copied = 0;
        while (i < n) {
            int skip = skipQuotedOrComment(sql, i);
            if (skip != i) {
                i = skip;
                continue;
            }
            char c = sql.charAt(i);
            if (Character.isLetter(c) && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
                int end = i;
                while (end < n && isIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                String word = sql.substring(i, end).toLowerCase(Locale.ROOT);
                int open = end;
                while (open < n && Character.isWhitespace(sql.charAt(open))) {
                    open++;
                }
                if ((word.equals("read_csv") || word.equals("read_csv_auto")) && open < n && sql.charAt(open) == '(') {
                    int close = matchingParenthesis(sql, open);
                    if (close < 0) {
                        return sql; // DuckDB's parser will say what is wrong
                    }
                    String args = sql.substring(open + 1, close);
                    out.append(sql, copied, close).append(missingOptions(args));
                    copied = close;
                    i = close;
                    continue;
                }
                i = end;
                continue;
            }
            i++;
        }
        return out.append(sql, copied, n).toString();
    }

    private static String missingOptions(String args) {
        String code = SqlSandbox.codeOnly(args).toLowerCase(Locale.ROOT);
        StringBuilder add = new StringBuilder();
        for (Map.Entry<String, String> o : OPTIONS.entrySet()) {
            if (!code.matches("(?s).*\\b" + o.getKey() + "\\s*(=|:=).*")) {
                add.append(", ").append(o.getKey()).append(" = ").append(o.getValue());
            }
        }
        return args.isBlank() ? add.substring(2) : add.toString();
    }

    /** The index of the {@code )} closing the {@code (} at {@code open}, quotes and comments skipped; -1 if none. */
    private static int matchingParenthesis(String sql, int open) {
        int depth = 0;
        int i = open;
        while (i < sql.length()) {
            int skip = skipQuotedOrComment(sql, i);
            if (skip != i) {
                i = skip;
                continue;
            }
            char c = sql.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return c == ')' ? i : -1;
                }
            }
            i++;
        }
        return -1;
    }

    /** Past the string, quoted name or comment starting at {@code i}; {@code i} when none starts there. */
    private static int skipQuotedOrComment(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
            int end = sql.indexOf('\n', i);
            return end < 0 ? n : end + 1;
        }
        if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? n : end + 2;
        }
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < n) {
                if (sql.charAt(j) == c) {
                    if (j + 1 < n && sql.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return n;
        }
        return i;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
