package dev.occam.core.data;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Today's business rule, a SQL expression over the columns (the use case's {@code current_rule}),
 * evaluated by the embedded DuckDB on chosen rows of a table. The table is copied once into an
 * in-memory DuckDB table {@code data} with a row number; each call evaluates the expression on the rows
 * it is given, so a fold's validation rows are scored by the rule itself, exactly as the business
 * applies it. A NULL result (say, a comparison with a missing value outside a CASE) counts as 0: the
 * rule did not flag the row.
 */
public final class SqlRule implements AutoCloseable {

    private static final String ROW = "__occam_row";

    private final String expression;
    private final Connection connection;
    private int nullResults;

    private SqlRule(String expression, Connection connection) {
        this.expression = expression;
        this.connection = connection;
    }

    /**
     * Copies the table into DuckDB and checks that the expression runs on it.
     *
     * @throws DataException naming the expression and DuckDB's reason when it does not
     */
    public static SqlRule open(Frame table, String expression) throws DataException {
        Objects.requireNonNull(expression, "expression");
        SqlSandbox.requireOneExpression(expression);
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:duckdb:");
            copy(table, c);
            try (Statement s = c.createStatement()) {
                // The rule reads the copied rows only: no file, and it cannot change that.
                SqlSandbox.lock(s, null);
                s.executeQuery("SELECT CAST((" + expression + ") AS DOUBLE) FROM data LIMIT 0").close();
            }
            return new SqlRule(expression, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new DataException("current_rule \"" + expression + "\" does not run on the data: "
                    + DatabaseErrors.reason(e));
        }
    }

    /** Scores of the given rows, in the given order: the expression's value, true as 1 and false or NULL as 0. */
    public double[] scores(int[] rows) throws DataException {
        double[] out = new double[rows.length];
        String sql = "SELECT " + ROW + ", CAST((" + expression + ") AS DOUBLE) FROM data WHERE " + ROW
                + " = ANY(?::INTEGER[])";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            Object[] ids = new Object[rows.length];
            for (int i = 0; i < rows.length; i++) {
                ids[i] = rows[i];
            }
            ps.setArray(1, connection.createArrayOf("INTEGER", ids));
            java.util.Map<Integer, Double> byRow = new java.util.HashMap<>(rows.length * 2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double v = rs.getDouble(2);
                    if (rs.wasNull()) {
                        nullResults++;
                        v = 0.0;
                    }
                    byRow.put(rs.getInt(1), v);
                }
            }
            for (int i = 0; i < rows.length; i++) {
                Double v = byRow.get(rows[i]);
                if (v == null) {
                    throw new IllegalStateException("row " + rows[i] + " is not in the rule's table");
                }
                out[i] = v;
            }
            return out;
        } catch (SQLException e) {
            throw new DataException("current_rule \"" + expression + "\" failed: " + DatabaseErrors.reason(e));
        }
    }

    /** How many results so far were NULL and counted as 0. */
    public int nullResults() {
        return nullResults;
    }

    public String expression() {
        return expression;
    }

    /**
     * The rule's size as a parameter count: the comparisons it makes ({@code = <> != < <= > >= IN LIKE
     * BETWEEN}), outside string literals, at least 1. "Records = 'yes' OR Debt > Income" has 2.
     */
    public static int conditionCount(String expression) {
        String code = expression.replaceAll("'([^']|'')*'", "''");
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(<=|>=|<>|!=|=|<|>|(?i)\\bIN\\b|(?i)\\bLIKE\\b|(?i)\\bBETWEEN\\b)").matcher(code);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return Math.max(1, n);
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Nothing to do: the in-memory database goes away with the connection.
            }
        }
    }

    private static void copy(Frame table, Connection c) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE data (" + ROW + " INTEGER");
        for (Column col : table.columns()) {
            ddl.append(", ").append(quote(col.name())).append(col instanceof NumericColumn ? " DOUBLE" : " VARCHAR");
        }
        ddl.append(')');
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
        }
        try (DuckDBAppender appender = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "data")) {
            for (int i = 0; i < table.rows(); i++) {
                appender.beginRow();
                appender.append(i);
                for (Column col : table.columns()) {
                    if (col.isMissing(i)) {
                        appender.appendNull();
                    } else if (col instanceof NumericColumn nc) {
                        appender.append(nc.value(i));
                    } else {
                        appender.append(((CategoricalColumn) col).level(i));
                    }
                }
                appender.endRow();
            }
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
