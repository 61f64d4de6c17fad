package dev.occam.core.data;

import java.nio.file.Path;

/**
 * Where a table comes from: exactly one of a file ({@code path}) or an SQL query ({@code sql}). A query
 * runs on the embedded DuckDB unless {@code jdbc} names another database.
 *
 * @param path a CSV ({@code .csv}, {@code .tsv}, {@code .txt}, optionally gzipped as {@code .gz}) or
 *     Parquet ({@code .parquet}) file; a relative path is resolved against {@code baseDirectory}
 * @param sql a query whose result is the table
 * @param jdbc the JDBC URL of the database to run {@code sql} on (its driver must be on the classpath);
 *     null to run it on the embedded DuckDB
 * @param baseDirectory where relative file names resolve (typically the use-case file's directory), for
 *     {@code path} and for files named inside an embedded-DuckDB query; null for the working directory.
 *     A JDBC database resolves names its own way and ignores it.
 */
public record DataSource(Path path, String sql, String jdbc, Path baseDirectory) {

    /** @throws IllegalArgumentException when not exactly one of path and sql is set, or jdbc comes without sql */
    public DataSource {
        if (path == null && sql == null) {
            throw new IllegalArgumentException("a data source needs a file path or an SQL query; neither is set");
        }
        if (path != null && sql != null) {
            throw new IllegalArgumentException(
                    "a data source is a file path or an SQL query, not both: path '" + path + "', sql '" + sql + "'");
        }
        if (sql != null && sql.isBlank()) {
            throw new IllegalArgumentException("the SQL query of a data source is empty");
        }
        if (jdbc != null && sql == null) {
            throw new IllegalArgumentException(
                    "a JDBC URL needs an SQL query to run on it; got the URL with a file path '" + path + "'");
        }
        if (jdbc != null && !jdbc.startsWith("jdbc:")) {
            throw new IllegalArgumentException("a JDBC URL starts with 'jdbc:', got '" + redact(jdbc) + "'");
        }
    }

    /** A CSV or Parquet file, relative paths resolved against the working directory. */
    public static DataSource file(Path path) {
        return new DataSource(path, null, null, null);
    }

    /** A CSV or Parquet file, a relative path resolved against {@code baseDirectory} (nullable). */
    public static DataSource file(Path path, Path baseDirectory) {
        return new DataSource(path, null, null, baseDirectory);
    }

    /** A query on the embedded DuckDB; files it names resolve against {@code baseDirectory} (nullable). */
    public static DataSource query(String sql, Path baseDirectory) {
        return new DataSource(null, sql, null, baseDirectory);
    }

    /** A query on the database at a JDBC URL. */
    public static DataSource jdbc(String url, String sql) {
        return new DataSource(null, sql, url, null);
    }

    /** As the record's, with the JDBC URL's credentials left out: sources end up in logs. */
    @Override
    public String toString() {
        return "DataSource[path=" + path + ", sql=" + sql + ", jdbc=" + (jdbc == null ? null : redact(jdbc))
                + ", baseDirectory=" + baseDirectory + "]";
    }

    /** The file to read, resolved against the base directory; null for a query. */
    Path resolvedPath() {
        if (path == null) {
            return null;
        }
        return baseDirectory == null || path.isAbsolute() ? path : baseDirectory.resolve(path);
    }

    /**
     * The URL without what may carry credentials (user info, parameters after {@code ?} or {@code ;}), so
     * it can appear in messages and logs.
     */
    static String redact(String url) {
        String out = url;
        int cut = indexOfAny(out, '?', ';');
        if (cut >= 0) {
            out = out.substring(0, cut);
        }
        return out.replaceAll("//[^/@]*@", "//");
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }
}
