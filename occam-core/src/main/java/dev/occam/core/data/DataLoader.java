package dev.occam.core.data;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a table into an in-memory {@link Frame}: files and queries through a fresh embedded DuckDB
 * ({@code jdbc:duckdb:}, in memory), a query on another database through {@link DriverManager}.
 *
 * <p><b>Files.</b> CSV files ({@code .csv}, {@code .tsv}, {@code .txt}, optionally gzipped) have a header
 * row; empty text and {@code NA} are missing (so a category spelled {@code NA} is missing too). DuckDB
 * infers each column's type from the whole file, as a whole number, a decimal number or text: never a
 * boolean or a date, so {@code yes}/{@code no} and dates keep the file's own spelling as category levels.
 * (For {@code .csv} and {@code .tsv} files the types are first taken from DuckDB's default sample and the
 * whole-file sniff runs only when the sample's types do not hold for every row: the frame is the same, see
 * {@code loadTypedFromSample}.) {@code .csv} files are comma separated and {@code .tsv} tab separated, with double quotes; in a
 * {@code .txt} file DuckDB detects the delimiter. Parquet files ({@code .parquet}) keep their declared
 * types. The extension alone decides the format.
 *
 * <p><b>Queries.</b> A query on the embedded DuckDB finds relative file names, as in
 * {@code read_csv('credit_data.csv')}, in the source's base directory, and its {@code read_csv} calls get the
 * file route's options ({@link CsvCalls}: {@code NA} missing, {@code yes}/{@code no} kept as text, every row read)
 * unless the query sets them, so both routes type a file alike. A query with a JDBC URL runs on that database,
 * whose driver is on the class path or was loaded from a jar by {@link JdbcDrivers}.
 *
 * <p><b>Types.</b> Integer, decimal and floating-point columns become numeric columns, with {@code NaN}
 * for NULL. Text, booleans (levels {@code false}, {@code true}) and enums become categorical columns with
 * their levels in {@link String} order, so the first level, the reference level of a regression, is the
 * one R picks for these data; missing is code {@code -1}. Dates and timestamps are, for now, categories
 * too: their text as the database renders it. Empty text is missing, as it is in a CSV file. Lists,
 * structs and binary columns are refused.
 *
 * <p><b>Checks.</b> Loading fails with a {@link DataException} whose one-line message names the file or
 * query and what to fix, when: the file is missing or empty, or has a header but no rows; its extension
 * is unknown; a CSV row is ragged or a quote unterminated (the message gives the line, header included,
 * where DuckDB stopped); the query or the connection fails; the result has no columns, no rows, or repeats
 * a column name; or a text column is nearly all numbers (at least 5, and 95% of its non-missing values)
 * but not all: that is a number column with a stray value, and the message gives the first one, its row
 * (1-based, header not counted) and column. The last check applies to every source, as a database column
 * of numbers kept as text has the same problem; or a number is infinite ({@code inf}: refused naming the row and
 * column, as no model can use it). A text column of a delimited file whose every present value is a number, some
 * written with thousands separators ({@code 1,000}), is read as numbers ({@link NumberSpellings}). Rows keep the file's order (DuckDB's
 * {@code preserve_insertion_order} stays on).
 */
public final class DataLoader {

    private static final String EMBEDDED_DUCKDB = "jdbc:duckdb:";

    /** Rows a JDBC driver should fetch per round trip; a hint, which drivers may ignore. */
    private static final int FETCH_SIZE = 10_000;

    private DataLoader() {
    }

    /**
     * Loads the table a source describes.
     *
     * @throws DataException with a one-line message naming the file or query, and the row, column and
     *     value where it can (see the class description for the checks)
     */
    public static Frame load(DataSource source) throws DataException {
        Objects.requireNonNull(source, "source");
        if (source.path() != null) {
            return loadFile(source.resolvedPath());
        }
        if (source.jdbc() != null) {
            return loadJdbc(source.jdbc(), source.sql());
        }
        return loadEmbeddedQuery(source.sql(), source.baseDirectory());
    }

    private static Frame loadFile(Path file) throws DataException {
        String label = file.toString();
        checkReadable(file);
        FileFormat format = FileFormat.of(file);
        try {
            if (Files.size(file) == 0 || (format.isDelimited() && CsvHeader.isBlank(file))) {
                throw new DataException(label + ": the file is empty");
            }
        } catch (IOException e) {
            throw new DataException(label + ": cannot read the file: " + e.getMessage(), e);
        }

        String path = sqlLiteral(file.toAbsolutePath().toString());
        String query = format == FileFormat.PARQUET
                ? "SELECT * FROM read_parquet(" + path + ")"
                : "SELECT * FROM read_csv(" + path + ", " + csvOptions(format) + ")";
        Frame frame = format.delimiter != null ? loadTypedFromSample(path, format, label) : null;
        if (frame == null) {
            try (Connection connection = openEmbedded(); Statement statement = connection.createStatement()) {
                frame = run(statement, query, label);
            } catch (SQLException e) {
                throw new DataException(label + ": " + csvReason(file, format, e), e);
            }
        }

        if (format.isDelimited()) {
            checkHeader(file, format, frame);
            if (frame.rows() == 0) {
                // DuckDB's sniffer may settle on a dialect that reads no row when one row is ragged (an extra
                // field on the last line); reading again with the header's columns names the line.
                String diagnosed = format.delimiter == null ? null : diagnose(file, format.delimiter.charAt(0));
                throw new DataException(label + ": " + (diagnosed != null ? diagnosed : "has a header but no rows"));
            }
        } else if (frame.rows() == 0) {
            throw new DataException(label + ": the file has no rows");
        }
        if (format.isDelimited()) {
            // "1,000" is text to DuckDB; a column of such amounts would be a category with a level per amount.
            frame = NumberSpellings.parseThousandsSeparators(frame);
        }
        return checkNumbers(frame, label, "fix the value, or if it means missing, write NA or leave it empty");
    }

    /**
     * The quick read of a CSV or TSV file (fixed dialect), or null when it cannot vouch for giving what the
     * full read ({@link #csvOptions}, every row sniffed) gives, which then runs instead. DuckDB's sniffer, asked to
     * type columns from every row, reads the whole file once more before the read proper and, on 300,000 × 50
     * numbers, took about four fifths of the load (see docs/performance.md). Here it types the columns from its
     * default sample, and the read proper is told those types with every number column read as DOUBLE:
     * <ul>
     *   <li>a column the sample calls a number is a number in the full read unless some later value is not one;
     *       that value then fails the cast to DOUBLE, the quick read fails, and the full read runs. Reading its
     *       integers as DOUBLE gives the same doubles as reading them as BIGINT and converting (both round to
     *       nearest), and a later decimal, which would make the full read's column DOUBLE, is read exactly;</li>
     *   <li>a column the sample calls text is text in the full read when the sample held a value that is not a
     *       number; but a sample of empty values is also typed text. So a text column all of whose values could
     *       be numbers sends the load to the full read.</li>
     * </ul>
     */
    private static Frame loadTypedFromSample(String path, FileFormat format, String label) {
        String options = csvOptions(format).replace("sample_size = -1, ", "");
        try (Connection connection = openEmbedded(); Statement statement = connection.createStatement()) {
            StringBuilder types = new StringBuilder();
            try (ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM read_csv(" + path + ", "
                    + options + ")")) {
                while (described.next()) {
                    String type = described.getString("column_type");
                    String read = switch (type) {
                        case "BIGINT", "DOUBLE" -> "DOUBLE";
                        case "VARCHAR" -> "VARCHAR";
                        default -> null;
                    };
                    if (read == null) {
                        return null;
                    }
                    types.append(types.length() == 0 ? "" : ", ").append(sqlLiteral(described.getString("column_name")))
                            .append(": '").append(read).append('\'');
                }
            }
            Frame frame = run(statement, "SELECT * FROM read_csv(" + path + ", " + options + ", types = {" + types
                    + "})", label);
            for (Column c : frame.columns()) {
                if (c instanceof CategoricalColumn text && !text.levels().isEmpty()
                        && text.levels().stream().allMatch(DataLoader::couldBeNumber)) {
                    return null;
                }
            }
            return frame;
        } catch (SQLException | DataException | RuntimeException e) {
            return null; // the full read gives the answer, or the error with its reasons
        }
    }

    /**
     * Generous: text DuckDB might read as a number (digits with a sign, point, exponent, underscores or commas;
     * hexadecimal or binary; inf, infinity, nan). A false yes costs only the full read.
     */
    private static final java.util.regex.Pattern NUMBER_LIKE = java.util.regex.Pattern.compile(
            "\\s*[+-]?(([0-9_,]*\\.?[0-9_,]*([eE][+-]?[0-9]+)?)|0[xXbB][0-9a-fA-F_]+|inf|infinity|nan)\\s*",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    static boolean couldBeNumber(String text) {
        return NUMBER_LIKE.matcher(text).matches();
    }

    private static void checkReadable(Path file) throws DataException {
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": is a directory, not a data file");
        }
        if (!Files.isReadable(file)) {
            throw new DataException(file + ": cannot read the file (permission denied)");
        }
    }

    /**
     * Reads every row before choosing a type ({@code sample_size=-1}): a sample would type a column from
     * its first rows and fail, or worse, guess, at a later odd value.
     */
    private static String csvOptions(FileFormat format) {
        StringBuilder options = new StringBuilder("header = true, sample_size = -1, nullstr = ['', 'NA']"
                + ", auto_type_candidates = ['BIGINT', 'DOUBLE', 'VARCHAR']");
        if (format.delimiter != null) {
            options.append(", delim = ").append(sqlLiteral(format.delimiter))
                    .append(", quote = '\"', escape = '\"'");
        }
        return options.toString();
    }

    /**
     * DuckDB's reason for rejecting a CSV file. When its sniffer gives up on a ragged or badly quoted file
     * it says only that no dialect fits; {@link #diagnose} then finds the line and the fault.
     */
    private static String csvReason(Path file, FileFormat format, SQLException e) {
        String reason = DatabaseErrors.reason(e);
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("Maximum line size")) {
            // DuckDB says line 1 whatever the line; find the row by reading the bytes.
            try {
                long[] row = CsvLines.firstRowLongerThan(file, CsvLines.MAX_ROW_BYTES);
                if (row != null) {
                    return String.format(java.util.Locale.ROOT, "line %d: the row is %,d bytes long, over the"
                            + " %,d bytes a row may have; check for an unterminated quote or a field that is not"
                            + " data", row[0], row[1], CsvLines.MAX_ROW_BYTES);
                }
            } catch (IOException ignored) {
                // DuckDB's reason stands.
            }
        }
        if (format.delimiter != null && message.contains("Error when sniffing file")) {
            String diagnosed = diagnose(file, format.delimiter.charAt(0));
            if (diagnosed != null) {
                return diagnosed;
            }
        }
        return reason;
    }

    /**
     * Reads the file again with the dialect and the header's column count fixed and no sniffing, so that
     * DuckDB's parser, which names the line and the fault, meets the bad row.
     *
     * @return the parser's reason, or null when the file parses this way (or cannot be read again)
     */
    private static String diagnose(Path file, char delimiter) {
        try {
            int columns = CsvHeader.read(file, delimiter).size();
            StringBuilder types = new StringBuilder();
            for (int j = 0; j < columns; j++) {
                types.append(j == 0 ? "" : ", ").append("'c").append(j).append("': 'VARCHAR'");
            }
            String query = "SELECT count(*) FROM read_csv(" + sqlLiteral(file.toAbsolutePath().toString())
                    + ", auto_detect = false, header = true, delim = " + sqlLiteral(String.valueOf(delimiter))
                    + ", quote = '\"', escape = '\"', columns = {" + types + "})";
            try (Connection connection = openEmbedded();
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(query)) {
                rs.next();
            }
        } catch (SQLException diagnosed) {
            return DatabaseErrors.reason(diagnosed);
        } catch (IOException | RuntimeException ignored) {
            // The diagnosis is a courtesy; the caller's reason stands.
        }
        return null;
    }

    /**
     * Checks the header as written: DuckDB renames repeated names ({@code a}, {@code a_1}); and a header
     * read as one column that holds a delimiter is a file with another delimiter than its extension says
     * or, for a {@code .txt} file, one whose rows DuckDB could not split alike.
     */
    private static void checkHeader(Path file, FileFormat format, Frame frame) throws DataException {
        List<String> names;
        try {
            names = format.delimiter != null
                    ? CsvHeader.read(file, format.delimiter.charAt(0))
                    : CsvHeader.readGuessing(file, frame.columnCount());
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the file: " + e.getMessage(), e);
        }
        if (names != null && names.size() == frame.columnCount()) {
            Set<String> seen = new HashSet<>();
            for (String name : names) {
                if (!name.isEmpty() && !seen.add(name)) {
                    throw new DataException(file + ": column '" + name
                            + "' appears more than once in the header; give each column its own name");
                }
            }
        }
        if (frame.columnCount() != 1) {
            return;
        }
        String only = frame.column(0).name();
        for (String other : List.of(",", "\t", ";", "|")) {
            if (other.equals(format.delimiter) || !only.contains(other)) {
                continue;
            }
            if (format.delimiter == null) {
                String diagnosed = diagnose(file, other.charAt(0));
                throw new DataException(file + ": " + (diagnosed != null ? diagnosed
                        : "the header is one column, '" + only + "'; check that every row has as many fields"));
            }
            String shown = other.equals("\t") ? "tabs" : "'" + other + "'";
            throw new DataException(file + ": the header is one column, '" + only + "', that holds " + shown
                    + "; a " + (format == FileFormat.CSV ? ".csv file must be comma" : ".tsv file must be tab")
                    + " separated (name the file .txt to have the delimiter detected)");
        }
    }

    private static Frame loadEmbeddedQuery(String sql, Path baseDirectory) throws DataException {
        String label = "query";
        SqlSandbox.requireOneQuery(sql);
        try (Connection connection = openEmbedded(); Statement statement = connection.createStatement()) {
            if (baseDirectory != null) {
                // So read_csv('credit_data.csv') in a use case finds the file beside the use case.
                statement.execute("SET file_search_path = "
                        + sqlLiteral(baseDirectory.toAbsolutePath().toString()));
            }
            // A use case may come from someone else: its query may read the files of its folder, nothing else.
            SqlSandbox.lock(statement, baseDirectory);
            // read_csv in a query reads a file as data.path would (NA missing, yes/no kept as written).
            String typed = CsvCalls.withFileOptions(sql);
            Frame frame = run(statement, typed, label);
            if (!typed.equals(sql)) {
                frame = NumberSpellings.parseThousandsSeparators(frame);
            }
            return checkQueryResult(frame, label);
        } catch (SQLException e) {
            String reason = DatabaseErrors.reason(e);
            if (reason.contains("disabled by configuration")) {
                reason += " (a use case's query may read files in its own folder only, "
                        + (baseDirectory == null ? "and this one has none" : baseDirectory.toAbsolutePath()) + ")";
            }
            throw new DataException("the query failed: " + reason, e);
        }
    }

    private static Frame loadJdbc(String url, String sql) throws DataException {
        String where = DataSource.redact(url);
        Connection connection;
        try {
            connection = DriverManager.getConnection(url);
        } catch (SQLException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("No suitable driver")) {
                throw new DataException(noDriver(where), e);
            }
            throw new DataException("cannot connect to " + where + ": " + DatabaseErrors.reason(e), e);
        }
        String label = "query on " + where;
        try {
            SqlSandbox.requireOneQuery(sql);
        } catch (DataException e) {
            closeQuietly(connection);
            throw e;
        }
        try (connection; Statement statement = connection.createStatement()) {
            statement.setFetchSize(FETCH_SIZE);
            return checkQueryResult(run(statement, sql, label), label);
        } catch (SQLException e) {
            throw new DataException("the query on " + where + " failed: " + DatabaseErrors.reason(e), e);
        }
    }

    /** No driver takes the URL: say how to add one, naming the database the URL names. */
    static String noDriver(String where) {
        String[] parts = where.split(":", 3);
        String database = parts.length > 1 && !parts[1].isBlank() ? parts[1] : "the database";
        return "no JDBC driver accepts the URL '" + where + "': add " + database + "'s JDBC driver jar with"
                + " 'occam fit --driver PATH' (a jar or a folder of jars), or put the jar in the drivers/ folder beside"
                + " the occam launcher, or name it in the OCCAM_DRIVERS variable; or check the URL";
    }

    private static Frame checkQueryResult(Frame frame, String label) throws DataException {
        if (frame.rows() == 0) {
            throw new DataException(label + ": the result has no rows");
        }
        return checkNumbers(frame, label, "cast or clean the column in the query");
    }

    /**
     * Warnings about the loaded table's typing, one sentence per column: a text column most of whose values are
     * numbers (at least half, and at least {@value MistypedValue#MIN_NUMBERS}) but not so nearly all that loading
     * refuses it. It is kept as a category; the warning names the column and a text value in it.
     */
    public static List<String> typingWarnings(Frame frame) {
        return MistypedValue.mostlyNumbers(frame);
    }

    private static Frame checkNumbers(Frame frame, String label, String remedy) throws DataException {
        Optional<MistypedValue> stray = MistypedValue.first(frame);
        if (stray.isPresent()) {
            throw new DataException(stray.get().message(label, remedy));
        }
        NumberSpellings.refuseInfinities(frame, label);
        return frame;
    }

    private static Frame run(Statement statement, String sql, String label) throws SQLException, DataException {
        if (!statement.execute(sql)) {
            throw new DataException(label + ": returned no table; the query must return rows (SELECT ...)");
        }
        try (ResultSet rs = statement.getResultSet()) {
            return ResultReader.read(rs, label);
        }
    }

    /**
     * A fresh in-memory DuckDB per load: nothing is shared between loads, and closing it frees everything.
     * Results are not streamed: DuckDB 1.4 then reports a CSV error met mid-file as "Invalid result set",
     * losing the line and the reason.
     */
    private static Connection openEmbedded() throws SQLException {
        return DriverManager.getConnection(EMBEDDED_DUCKDB);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Refused before use; nothing to tell.
        }
    }

    private static String sqlLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
