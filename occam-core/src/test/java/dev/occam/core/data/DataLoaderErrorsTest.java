package dev.occam.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way loading fails says, in one line, what is wrong and where. */
class DataLoaderErrorsTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static DataException failure(DataSource source) {
        DataException e = assertThrows(DataException.class, () -> DataLoader.load(source));
        assertFalse(e.getMessage().contains("\n"), () -> "not one line: " + e.getMessage());
        return e;
    }

    private static DataException failure(Path file) {
        return failure(DataSource.file(file));
    }

    /** A CSV of {@code rows} rows with a numeric Income column, holding {@code odd} at 1-based row {@code at}. */
    private static String incomes(int rows, int at, String odd) {
        StringBuilder csv = new StringBuilder("Status,Income\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i % 2 == 0 ? "good" : "bad").append(',').append(i == at ? odd : String.valueOf(100 + i))
                    .append('\n');
        }
        return csv.toString();
    }

    @Test
    void load_missingFile_saysNoSuchFile() {
        Path file = dir.resolve("nothing.csv");

        assertEquals(file + ": no such file", failure(file).getMessage());
    }

    @Test
    void load_directory_saysItIsADirectory() {
        assertEquals(dir + ": is a directory, not a data file", failure(dir).getMessage());
    }

    @Test
    void load_zeroByteFile_saysEmpty() throws IOException {
        Path file = write("empty.csv", "");

        assertEquals(file + ": the file is empty", failure(file).getMessage());
    }

    @Test
    void load_blankLinesOnly_saysEmpty() throws IOException {
        Path file = write("blank.csv", "\n\n  \n");

        assertEquals(file + ": the file is empty", failure(file).getMessage());
    }

    @Test
    void load_headerOnly_saysHeaderButNoRows() throws IOException {
        Path file = write("header.csv", "a,b,c\n");

        assertEquals(file + ": has a header but no rows", failure(file).getMessage());
    }

    @Test
    void load_textInNumericColumn_namesFileRowColumnAndValue() throws IOException {
        Path file = write("credit.csv", incomes(40, 17, "n/a"));

        String message = failure(file).getMessage();

        assertTrue(message.startsWith(file + " row 17, column 'Income': cannot parse 'n/a' as a number"), message);
    }

    @Test
    void load_textInNumericColumnWithMissingValues_countsRowsFromFirstDataRow() throws IOException {
        String csv = incomes(40, 30, "12,5").replace("\nbad,103\n", "\nbad,NA\n").replace("12,5", "\"12,5\"");
        Path file = write("credit.csv", csv);

        String message = failure(file).getMessage();

        assertTrue(message.startsWith(file + " row 30, column 'Income': cannot parse '12,5' as a number"), message);
    }

    @Test
    void load_fewNumericCodes_staysCategorical() throws IOException, DataException {
        // Four numbers are too few to call the column numeric: codes like these are categories.
        Path file = write("codes.csv", "grade\n1\n2\n3\n1\nx\n");

        Frame frame = DataLoader.load(DataSource.file(file));

        assertInstanceOf(CategoricalColumn.class, frame.column("grade"));
    }

    @Test
    void load_mixedTextAndNumbers_staysCategorical() throws IOException, DataException {
        Path file = write("sizes.csv", "size\n1\n2\n3\n4\n5\n6\nS\nM\nL\n");

        Frame frame = DataLoader.load(DataSource.file(file));

        assertEquals(9, ((CategoricalColumn) frame.column("size")).levels().size());
    }

    @Test
    void load_raggedRow_namesFileLineAndColumnCounts() throws IOException {
        Path file = write("ragged.csv", "a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n");

        String message = failure(file).getMessage();

        assertTrue(message.startsWith(file + ": line 3: "), message);
        assertTrue(message.contains("Expected Number of Columns: 3 Found: 4"), message);
    }

    @Test
    void load_shortRow_namesFileLineAndColumnCounts() throws IOException {
        Path file = write("short.csv", "a,b,c\n1,2,3\n4,5,6\n7,8\n");

        String message = failure(file).getMessage();

        assertTrue(message.startsWith(file + ": line 4: "), message);
        assertTrue(message.contains("Found: 2"), message);
    }

    @Test
    void load_raggedRowFarIntoFile_namesLine() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 30_000; i++) {
            csv.append(i).append(",2,3\n");
        }
        csv.append("1,2,3,4\n5,6,7\n");
        Path file = write("long.csv", csv.toString());

        String message = failure(file).getMessage();

        assertTrue(message.startsWith(file + ": line 30002: "), message);
        assertTrue(message.contains("Found: 4"), message);
    }

    @Test
    void load_raggedTxt_namesLine() throws IOException {
        Path file = write("ragged.txt", "a;b;c\n1;2;3\n4;5;6;7\n8;9;10\n");

        String message = failure(file).getMessage();

        assertTrue(message.startsWith(file + ": line 3: "), message);
        assertTrue(message.contains("Found: 4"), message);
    }

    @Test
    void load_unterminatedQuote_namesFileAndQuote() throws IOException {
        Path file = write("quote.csv", "a,b,c\n1,2,3\n4,\"5,6\n8,9,10\n");

        String message = failure(file).getMessage();

        assertTrue(message.startsWith(file + ": line 3: "), message);
        assertTrue(message.contains("unterminated quote"), message);
    }

    @Test
    void load_unknownExtension_namesExtension() throws IOException {
        Path file = write("data.xlsx", "a\n1\n");

        String message = failure(file).getMessage();

        assertTrue(message.startsWith(file + ": unknown file extension '.xlsx'"), message);
        assertTrue(message.contains(".parquet"), message);
    }

    @Test
    void load_noExtension_saysSo() throws IOException {
        Path file = write("data", "a\n1\n");

        assertTrue(failure(file).getMessage().startsWith(file + ": no file extension"));
    }

    @Test
    void load_duplicateHeaderNames_namesColumn() throws IOException {
        Path file = write("dup.csv", "a,b,a\n1,2,3\n4,5,6\n");

        assertEquals(file + ": column 'a' appears more than once in the header; give each column its own name",
                failure(file).getMessage());
    }

    @Test
    void load_semicolonsInCsv_saysDelimiterIsWrong() throws IOException {
        Path file = write("euro.csv", "a;b\n1;2\n3;4\n");

        String message = failure(file).getMessage();

        assertTrue(message.startsWith(file + ": the header is one column, 'a;b', that holds ';'"), message);
    }

    @Test
    void load_commasInTsv_saysDelimiterIsWrong() throws IOException {
        Path file = write("data.tsv", "a,b\n1,2\n");

        String message = failure(file).getMessage();

        assertTrue(message.startsWith(file + ": the header is one column, 'a,b', that holds ','"), message);
        assertTrue(message.contains(".tsv file must be tab separated"), message);
    }

    @Test
    void load_emptyParquet_saysNoRows() throws SQLException {
        Path file = dir.resolve("none.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT 1 AS a WHERE false) TO '" + file + "' (FORMAT parquet)");
        }

        assertEquals(file + ": the file has no rows", failure(file).getMessage());
    }

    @Test
    void load_notParquet_namesFileAndReason() throws IOException {
        Path file = write("fake.parquet", "a,b\n1,2\n");

        String message = failure(file).getMessage();

        assertTrue(message.startsWith(file + ": "), message);
        assertTrue(message.contains("Parquet"), message);
    }

    @Test
    void load_badSql_namesSyntaxError() {
        String message = failure(DataSource.query("SELECT 1 FROM WHERE", null)).getMessage();

        assertTrue(message.startsWith("the query failed: Parser Error: syntax error at or near \"WHERE\""), message);
    }

    @Test
    void load_missingTable_namesTable() {
        String message = failure(DataSource.query("SELECT * FROM nosuch", null)).getMessage();

        assertTrue(message.contains("nosuch does not exist"), message);
    }

    @Test
    void load_queryOnMissingFile_namesFile() {
        String message = failure(DataSource.query("SELECT * FROM read_csv('absent.csv')", dir)).getMessage();

        assertTrue(message.startsWith("the query failed: "), message);
        assertTrue(message.contains("absent.csv"), message);
    }

    @Test
    void load_queryThatIsNotASelect_refusedNamingItsFirstWord() {
        // Issue 18, point 5: before, it ran and was reported as "returned no table".
        String message = failure(DataSource.query("CREATE TABLE t (a INTEGER)", null)).getMessage();

        assertTrue(message.contains("data.sql starts with 'CREATE'; a use case may run one read-only query"), message);
    }

    @Test
    void load_queryWithNoRows_saysNoRows() {
        String message = failure(DataSource.query("SELECT 1 AS a WHERE false", null)).getMessage();

        assertEquals("query: the result has no rows", message);
    }

    @Test
    void load_duplicateColumnNamesInQuery_namesColumn() {
        String message = failure(DataSource.query("SELECT 1 AS a, 2 AS a", null)).getMessage();

        assertTrue(message.startsWith("query: column 'a' appears more than once"), message);
    }

    @Test
    void load_listColumn_namesColumnAndType() {
        String message = failure(DataSource.query("SELECT 1 AS id, [1, 2] AS xs", null)).getMessage();

        assertTrue(message.startsWith("query: column 'xs' has type INTEGER[]"), message);
    }

    @Test
    void load_textInNumericColumnOfQuery_namesRowAndColumn() {
        String sql = "SELECT CASE WHEN i = 7 THEN '?' ELSE i::VARCHAR END AS income FROM range(1, 21) t(i)";

        String message = failure(DataSource.query(sql, null)).getMessage();

        assertTrue(message.startsWith("query row 7, column 'income': cannot parse '?' as a number"), message);
    }

    @Test
    void load_jdbcUrlWithoutDriver_namesUrlWithoutCredentials() {
        String message = failure(DataSource.jdbc("jdbc:nosuchdb://host/db?password=secret", "SELECT 1"))
                .getMessage();

        assertTrue(message.startsWith("no JDBC driver accepts the URL 'jdbc:nosuchdb://host/db': add nosuchdb's"
                + " JDBC driver jar with 'occam fit --driver PATH'"), message);
        assertTrue(message.contains("drivers/ folder beside the occam launcher") && message.contains("OCCAM_DRIVERS"),
                message);
        assertFalse(message.contains("secret"), message);
    }

    @Test
    void load_jdbcBadQuery_namesDatabaseAndProblem() {
        Path db = dir.resolve("external.db");

        String message = failure(DataSource.jdbc("jdbc:duckdb:" + db, "SELECT * FROM missing_table")).getMessage();

        assertTrue(message.startsWith("the query on jdbc:duckdb:" + db + " failed: "), message);
        assertTrue(message.contains("missing_table"), message);
    }

    @Test
    void read_zeroColumns_saysNoColumns() {
        ResultSetMetaData meta = proxy(ResultSetMetaData.class, "getColumnCount", 0);
        ResultSet rs = proxy(ResultSet.class, "getMetaData", meta);

        DataException e = assertThrows(DataException.class, () -> ResultReader.read(rs, "query"));

        assertEquals("query: the result has no columns", e.getMessage());
    }

    /** A stand-in answering one method; JDBC has no result set we can build with zero columns. */
    private static <T> T proxy(Class<T> type, String method, Object answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (m.getName().equals(method)) {
                return answer;
            }
            throw new UnsupportedOperationException(m.getName());
        }));
    }
}
