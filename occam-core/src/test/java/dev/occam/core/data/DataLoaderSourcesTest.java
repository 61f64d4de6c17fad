package dev.occam.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of source loads, and column types map as documented. */
class DataLoaderSourcesTest {

    private static final String SMALL_CSV = "name,score,city\nann,1.5,Oslo\nbob,NA,\ncid,3,Bergen\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertSmall(Frame frame) {
        assertEquals(3, frame.rows());
        assertEquals(List.of("name", "score", "city"), frame.schema().names());
        NumericColumn score = (NumericColumn) frame.column("score");
        assertEquals(1.5, score.values()[0]);
        assertTrue(Double.isNaN(score.values()[1]));
        CategoricalColumn city = (CategoricalColumn) frame.column("city");
        assertEquals(List.of("Bergen", "Oslo"), city.levels());
        assertEquals(CategoricalColumn.MISSING, city.codes()[1]);
        assertEquals("Bergen", city.level(2));
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Test
    void load_csv_numbersTextAndMissing() throws IOException, DataException {
        assertSmall(DataLoader.load(DataSource.file(write("small.csv", SMALL_CSV))));
    }

    @Test
    void load_gzippedCsv_sameAsPlain() throws IOException, DataException {
        Path file = dir.resolve("small.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(SMALL_CSV.getBytes(StandardCharsets.UTF_8));
        }

        assertSmall(DataLoader.load(DataSource.file(file)));
    }

    @Test
    void load_tsv_splitsOnTabs() throws IOException, DataException {
        Path file = write("small.tsv", SMALL_CSV.replace(',', '\t'));

        assertSmall(DataLoader.load(DataSource.file(file)));
    }

    @Test
    void load_txtWithSemicolons_detectsDelimiter() throws IOException, DataException {
        Path file = write("small.txt", SMALL_CSV.replace(',', ';'));

        assertSmall(DataLoader.load(DataSource.file(file)));
    }

    @Test
    void load_relativePath_resolvesAgainstBaseDirectory() throws IOException, DataException {
        write("small.csv", SMALL_CSV);

        assertSmall(DataLoader.load(DataSource.file(Path.of("small.csv"), dir)));
    }

    @Test
    void load_quotedValues_keepsDelimitersAndQuotesInside() throws IOException, DataException {
        Path file = write("quoted.csv", "id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n");

        CategoricalColumn note = (CategoricalColumn) DataLoader.load(DataSource.file(file)).column("note");

        assertEquals(List.of("a, b", "say \"hi\""), note.levels());
    }

    @Test
    void load_yesNoAndDates_stayAsWrittenInTheFile() throws IOException, DataException {
        Path file = write("flags.csv", "flag,day\nyes,2024-01-31\nno,2024-02-01\nyes,2024-01-31\n");

        Frame frame = DataLoader.load(DataSource.file(file));

        assertEquals(List.of("no", "yes"), ((CategoricalColumn) frame.column("flag")).levels());
        assertEquals(List.of("2024-01-31", "2024-02-01"), ((CategoricalColumn) frame.column("day")).levels());
    }

    @Test
    void load_parquet_keepsDeclaredTypes() throws SQLException, DataException {
        Path file = dir.resolve("small.parquet");
        execute("jdbc:duckdb:", "COPY (SELECT * FROM (VALUES ('ann', 1.5, 'Oslo'), ('bob', NULL, NULL),"
                + " ('cid', 3, 'Bergen')) t(name, score, city)) TO '" + file + "' (FORMAT parquet)");

        assertSmall(DataLoader.load(DataSource.file(file)));
    }

    @Test
    void load_query_readsFilesRelativeToBaseDirectory() throws IOException, DataException {
        write("small.csv", SMALL_CSV);

        Frame frame = DataLoader.load(DataSource.query("SELECT * FROM read_csv('small.csv', nullstr = 'NA')", dir));

        assertSmall(frame);
    }

    @Test
    void load_jdbc_readsAnotherDatabase() throws SQLException, DataException {
        String url = "jdbc:duckdb:" + dir.resolve("external.db");
        execute(url, "CREATE TABLE people (name VARCHAR, score DOUBLE, city VARCHAR)",
                "INSERT INTO people VALUES ('ann', 1.5, 'Oslo'), ('bob', NULL, NULL), ('cid', 3, 'Bergen')");

        assertSmall(DataLoader.load(DataSource.jdbc(url, "SELECT * FROM people ORDER BY name")));
    }

    @Test
    void load_sqlTypes_numbersAndCategoriesAsDocumented() throws DataException {
        String sql = "SELECT * FROM (VALUES"
                + " (1::TINYINT, 2::HUGEINT, 2.25::DECIMAL(10, 2), 0.5::FLOAT, 7::UBIGINT, true, DATE '2024-01-31',"
                + "  TIMESTAMP '2024-01-31 10:00:00', 'b'::ENUM ('a', 'b'), 'x'),"
                + " (NULL, NULL, NULL, NULL, NULL, false, NULL, NULL, 'a', ''),"
                + " (3, 4, -1.5, 1, 8, NULL, DATE '2023-12-01', NULL, NULL, NULL))"
                + " t(tiny, huge, dec, flt, ubig, flag, day, ts, grade, note)";

        Frame frame = DataLoader.load(DataSource.query(sql, null));

        for (String name : List.of("tiny", "huge", "dec", "flt", "ubig")) {
            NumericColumn c = assertInstanceOf(NumericColumn.class, frame.column(name), name);
            assertTrue(Double.isNaN(c.values()[1]), name);
        }
        assertEquals(2.25, frame.column("dec").encoded(0));
        assertEquals(8.0, frame.column("ubig").encoded(2));
        assertEquals(List.of("false", "true"), levels(frame, "flag"));
        assertEquals(1, frame.column("flag").missingCount());
        assertEquals(List.of("2023-12-01", "2024-01-31"), levels(frame, "day"));
        assertEquals(1, levels(frame, "ts").size());
        assertEquals(List.of("a", "b"), levels(frame, "grade"));
        // Empty text is missing, as in a CSV file.
        assertEquals(List.of("x"), levels(frame, "note"));
        assertEquals(2, frame.column("note").missingCount());
    }

    @Test
    void load_levels_sortedInStringOrderWithCodesFollowing() throws DataException {
        Frame frame = DataLoader.load(DataSource.query(
                "SELECT * FROM (VALUES ('pear'), ('Apple'), ('apple'), (NULL), ('pear')) t(fruit)", null));

        CategoricalColumn fruit = (CategoricalColumn) frame.column("fruit");

        assertEquals(List.of("Apple", "apple", "pear"), fruit.levels());
        assertEquals("[2, 0, 1, -1, 2]", Arrays.toString(fruit.codes()));
    }

    @Test
    void load_manyRows_growsBuffersAndKeepsOrder() throws DataException {
        Frame frame = DataLoader.load(DataSource.query(
                "SELECT i::DOUBLE AS x, 'level' || (i % 3) AS g FROM range(5000) t(i) ORDER BY i", null));

        assertEquals(5000, frame.rows());
        assertEquals(4999.0, frame.column("x").encoded(4999));
        assertEquals("level1", ((CategoricalColumn) frame.column("g")).level(4999));
    }

    @Test
    void dataSource_neitherPathNorSql_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataSource(null, null, null, null));

        assertTrue(e.getMessage().contains("needs a file path or an SQL query"), e.getMessage());
    }

    @Test
    void dataSource_bothPathAndSql_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataSource(Path.of("a.csv"), "SELECT 1", null, null));

        assertTrue(e.getMessage().contains("not both"), e.getMessage());
    }

    @Test
    void dataSource_jdbcWithoutSql_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataSource(Path.of("a.csv"), null, "jdbc:duckdb:", null));

        assertTrue(e.getMessage().contains("JDBC URL needs an SQL query"), e.getMessage());
    }

    @Test
    void dataSource_blankSql_rejected() {
        assertThrows(IllegalArgumentException.class, () -> DataSource.query("  ", null));
    }

    @Test
    void dataSource_urlNotJdbc_rejectedWithoutCredentials() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataSource.jdbc("postgresql://u:pw@host/db?password=pw", "SELECT 1"));

        assertEquals("a JDBC URL starts with 'jdbc:', got 'postgresql://host/db'", e.getMessage());
    }

    @Test
    void dataSource_toString_leavesOutCredentials() {
        String text = DataSource.jdbc("jdbc:postgresql://host/db?user=u&password=secret", "SELECT 1").toString();

        assertTrue(text.contains("jdbc=jdbc:postgresql://host/db"), text);
        assertFalse(text.contains("secret"), text);
    }

    private static List<String> levels(Frame frame, String name) {
        return ((CategoricalColumn) frame.column(name)).levels();
    }
}
