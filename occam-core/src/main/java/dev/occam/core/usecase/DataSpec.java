package dev.occam.core.usecase;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the rows come from: a CSV or Parquet file, or a SQL query run on the embedded DuckDB or, with
 * {@code jdbc}, on any JDBC database. Nothing here is opened or checked to exist; loading does that.
 *
 * @param path the data file, already resolved against {@code baseDirectory}; null when {@code sql} is given
 * @param sql the query; null when {@code path} is given
 * @param jdbc the JDBC URL to run {@code sql} on, or null for the embedded DuckDB
 * @param exclude columns never used as features
 * @param dropLeaks whether columns the honesty checks suspect (near-perfect single predictors, copies of the
 *     target, identifiers) are dropped from the features rather than only reported
 * @param baseDirectory the use-case file's folder, against which relative paths (also those inside
 *     {@code sql}) are meant
 */
public record DataSpec(Path path, String sql, String jdbc, List<String> exclude, boolean dropLeaks,
        Path baseDirectory) {

    public DataSpec {
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        if (path != null && sql != null) {
            throw new KeyedArgumentException("data.sql", "data has both path and sql; keep one");
        }
        if (path == null && sql == null) {
            throw new KeyedArgumentException("data", "data needs path (a CSV or Parquet file) or sql (a query)");
        }
        if (sql != null && sql.isBlank()) {
            throw new KeyedArgumentException("data.sql", "data.sql is empty");
        }
        if (jdbc != null) {
            if (sql == null) {
                throw new KeyedArgumentException("data.jdbc", "data.jdbc needs data.sql, the query to run on that "
                        + "database, instead of data.path");
            }
            if (!jdbc.startsWith("jdbc:")) {
                throw new KeyedArgumentException("data.jdbc", "data.jdbc must be a JDBC URL starting with 'jdbc:': "
                        + Text.quote(jdbc));
            }
        }
        exclude = List.copyOf(Objects.requireNonNull(exclude, "exclude"));
        for (String column : exclude) {
            if (column.isBlank()) {
                throw new KeyedArgumentException("data.exclude", "data.exclude has an empty column name");
            }
        }
        String twice = Text.firstDuplicate(exclude);
        if (twice != null) {
            throw new KeyedArgumentException("data.exclude", "data.exclude lists " + Text.quote(twice) + " twice");
        }
    }

    /** Whether the rows come from a query rather than a file. */
    public boolean isQuery() {
        return sql != null;
    }
}
