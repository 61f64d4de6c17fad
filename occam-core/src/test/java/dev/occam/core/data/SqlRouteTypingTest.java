package dev.occam.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One typing for every source (issue 19, point 6): a query's {@code read_csv} reads a file as {@code data.path}
 * does. The credit example (R modeldata's credit_data, shipped in examples/credit) has {@code NA} in numeric
 * columns and {@code yes}/{@code no} in Records.
 */
class SqlRouteTypingTest {

    private static final Path CREDIT = Path.of("..", "examples", "credit");

    @TempDir
    Path dir;

    @Test
    void load_readCsvQueryOnCreditData_sameFrameAsThePathRoute() throws Exception {
        Frame byPath = DataLoader.load(DataSource.file(CREDIT.resolve("credit_data.csv")));
        Frame byQuery = DataLoader.load(DataSource.query("SELECT * FROM read_csv('credit_data.csv')", CREDIT));

        assertEquals(byPath.rows(), byQuery.rows());
        assertEquals(byPath.columnCount(), byQuery.columnCount());
        for (int j = 0; j < byPath.columnCount(); j++) {
            Column a = byPath.column(j);
            Column b = byQuery.column(j);
            assertEquals(a.name(), b.name());
            assertEquals(a.getClass(), b.getClass(), a.name());
            if (a instanceof NumericColumn na) {
                assertArrayEquals(na.values(), ((NumericColumn) b).values(), 0.0, a.name());
            } else {
                CategoricalColumn ca = (CategoricalColumn) a;
                CategoricalColumn cb = (CategoricalColumn) b;
                assertEquals(ca.levels(), cb.levels(), a.name());
                assertArrayEquals(ca.codes(), cb.codes(), a.name());
            }
        }
        // Records keeps the file's spelling, not true/false; Income has NA (missing) in the file.
        assertEquals(List.of("no", "yes"), ((CategoricalColumn) byQuery.column("Records")).levels());
        assertTrue(countMissing(byQuery.column("Income")) > 0, "Income has NA in the file");
    }

    @Test
    void load_readCsvQueryNamingItsOwnOption_keepsTheQuerysOption() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "a,b\n1,?\n2,x\n3,?\n");
        Frame f = DataLoader.load(DataSource.query("SELECT * FROM read_csv('t.csv', nullstr = '?')", dir));

        assertEquals(List.of("x"), ((CategoricalColumn) f.column("b")).levels());
        assertEquals(2, countMissing(f.column("b")));
    }

    @Test
    void withFileOptions_callsInsideStringsAndComments_onlyRealCallsGetOptions() {
        String sql = "SELECT 'read_csv(x)' AS s, * FROM READ_CSV ('a.csv') -- read_csv('b.csv')\n"
                + "JOIN read_csv_auto(['c.csv', 'd.csv'], delim = ';') USING (id)";
        String typed = CsvCalls.withFileOptions(sql);

        assertEquals("SELECT 'read_csv(x)' AS s, * FROM READ_CSV ('a.csv', header = true, sample_size = -1,"
                + " nullstr = ['', 'NA'], auto_type_candidates = ['BIGINT', 'DOUBLE', 'VARCHAR']) -- read_csv('b.csv')\n"
                + "JOIN read_csv_auto(['c.csv', 'd.csv'], delim = ';', header = true, sample_size = -1,"
                + " nullstr = ['', 'NA'], auto_type_candidates = ['BIGINT', 'DOUBLE', 'VARCHAR']) USING (id)", typed);
        assertEquals("SELECT * FROM t", CsvCalls.withFileOptions("SELECT * FROM t"));
    }

    @Test
    void typingWarnings_columnMostlyNumbersWithText_namesColumnAndValue() throws Exception {
        StringBuilder csv = new StringBuilder("income,code\n");
        for (int i = 0; i < 20; i++) {
            // 14 of 20 incomes are numbers (70%: below the 95% that refuses the file), 6 say "unknown".
            csv.append(i % 10 < 7 ? String.valueOf(100 + i) : "unknown").append(',').append(i % 3).append('\n');
        }
        Files.writeString(dir.resolve("w.csv"), csv);
        Frame f = DataLoader.load(DataSource.file(dir.resolve("w.csv")));

        List<String> warnings = DataLoader.typingWarnings(f);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("column 'income' looks numeric (70% of its 20 values are numbers) but"
                + " holds text such as 'unknown' (row 8)"), warnings.get(0));
        assertEquals(List.of(), DataLoader.typingWarnings(DataLoader.load(DataSource.file(
                CREDIT.resolve("credit_data.csv")))));
    }

    private static int countMissing(Column c) {
        int n = 0;
        for (int i = 0; i < c.size(); i++) {
            n += c.isMissing(i) ? 1 : 0;
        }
        return n;
    }
}
