package dev.occam.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What SQL from a use case may do (issue 18, point 5). A use case may come from someone else, so its SQL must not
 * be able to touch the disk: {@code data.sql} is one read-only query (a single statement starting with
 * {@code SELECT} or {@code WITH}), and the embedded DuckDB it runs on may read files in the use case's folder only;
 * relative names work for the files of that folder and its sub-folders (four deep, 10,000 files), absolute
 * names anywhere inside it, and {@code ..} nowhere; {@code current_rule} is one expression, evaluated on a DuckDB that may read no file at all. Both databases are
 * locked ({@code lock_configuration}), so the SQL cannot lift the limits itself.
 *
 * <p>The statement check strips comments, quoted names and string literals before looking for a {@code ;}, so a
 * semicolon inside {@code 'a;b'} is allowed; DuckDB's own parser then sees the same text. The sandbox is what
 * actually holds (DuckDB's {@code enable_external_access = false} with {@code allowed_directories}); the check
 * says plainly what is wrong before DuckDB would.
 */
public final class SqlSandbox {

    private static final int MAX_DEPTH = 4;
    private static final int MAX_FILES = 10_000;

    private SqlSandbox() {
    }

    /**
     * @throws DataException when the text is more than one statement, or one that does not start with SELECT or
     *     WITH (naming what it starts with)
     */
    public static void requireOneQuery(String sql) throws DataException {
        String code = codeOnly(sql).strip();
        while (code.endsWith(";")) {
            code = code.substring(0, code.length() - 1).strip();
        }
        if (code.contains(";")) {
            throw new DataException("data.sql holds more than one statement; a use case may run one query"
                    + " (SELECT ... or WITH ... SELECT ...)");
        }
        String first = code.replaceFirst("^[(\\s]+", "").split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (!first.equals("SELECT") && !first.equals("WITH") && !first.equals("FROM")) {
            throw new DataException("data.sql starts with " + (first.isEmpty() ? "nothing" : "'" + first + "'")
                    + "; a use case may run one read-only query, starting with SELECT or WITH");
        }
    }

    /**
     * @throws DataException when the expression holds a {@code ;} outside quotes (it would end the statement)
     */
    public static void requireOneExpression(String expression) throws DataException {
        if (codeOnly(expression).contains(";")) {
            throw new DataException("current_rule \"" + expression + "\" holds a ';'; it must be one SQL"
                    + " expression, such as CASE WHEN Debt > Income THEN 1 ELSE 0 END");
        }
    }

    /**
     * Lets the database read files under {@code folder} only (none when null), and locks its settings.
     * Call after anything Occam itself needs (settings, tables copied in).
     */
    static void lock(Statement statement, Path folder) throws SQLException {
        if (folder != null) {
            Path dir = folder.toAbsolutePath().normalize();
            String text = dir.toString();
            statement.execute("SET allowed_directories = [" + literal(text.endsWith("/") ? text : text + "/") + "]");
            // DuckDB checks a relative name before it looks it up in file_search_path, so each file of the folder
            // is allowed by the name the query uses for it (read_csv('credit_data.csv')).
            List<String> names = relativeNames(dir);
            if (!names.isEmpty()) {
                StringBuilder list = new StringBuilder();
                for (String name : names) {
                    list.append(list.length() == 0 ? "" : ", ").append(literal(name));
                }
                statement.execute("SET allowed_paths = [" + list + "]");
            }
        }
        statement.execute("SET enable_external_access = false");
        statement.execute("SET lock_configuration = true");
    }

    /** Files of the folder, at most {@link #MAX_FILES}, {@link #MAX_DEPTH} folders deep, not through links. */
    private static List<String> relativeNames(Path dir) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).limit(MAX_FILES)
                    .forEach(p -> names.add(dir.relativize(p).toString().replace('\\', '/')));
        } catch (IOException | UncheckedIOException e) {
            // Unreadable folder: the query then reads by absolute name only, inside the folder.
        }
        return names;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The text with comments removed and the insides of quotes blanked, so only SQL punctuation remains. */
    static String codeOnly(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (c == '\'' || c == '"') {
                // A quote ends at the next unescaped same quote; '' and "" escape one.
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.append(c).append(c);
                i = j + 1;
            } else if (c == '$' && i + 1 < n && sql.charAt(i + 1) == '$') {
                int end = sql.indexOf("$$", i + 2);
                out.append("''");
                i = end < 0 ? n : end + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
