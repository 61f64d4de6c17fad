package dev.occam.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18, point 4: input that used to get through, or was reported at the wrong place. */
class BadInputTest {

    @TempDir
    Path dir;

    private static String rows(int n, java.util.function.IntFunction<String> row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(row.apply(i)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void load_thousandsSeparatedNumbers_readAsNumbers() throws Exception {
        Path f = Files.writeString(dir.resolve("amounts.csv"), "id,amount\n1,\"1,000\"\n2,950\n3,\"12,345.5\"\n4,NA\n"
                + "5,\"-2,000\"\n");
        Frame frame = DataLoader.load(DataSource.file(f));
        NumericColumn amount = assertInstanceOf(NumericColumn.class, frame.column("amount"));
        assertArrayEquals(new double[] {1000, 950, 12345.5, Double.NaN, -2000}, amount.values(), 0);
    }

    @Test
    void load_commasThatAreNotThousands_stayText() throws Exception {
        Path f = Files.writeString(dir.resolve("codes.csv"), "id,code\n1,\"1,5\"\n2,\"2,75\"\n3,\"1,000\"\n");
        Frame frame = DataLoader.load(DataSource.file(f));
        assertFalse(frame.column("code") instanceof NumericColumn, "'1,5' is not a thousands separator");
    }

    @Test
    void load_infinity_refusedNamingRowAndColumn() throws Exception {
        Path f = Files.writeString(dir.resolve("inf.csv"), "x,y\n" + rows(20, i -> i == 7 ? "inf,1" : i + "," + i % 2));
        DataException e = assertThrows(DataException.class, () -> DataLoader.load(DataSource.file(f)));
        assertTrue(e.getMessage().contains("row 7, column 'x': 'inf' (infinity) is not a finite number"),
                e.getMessage());
    }

    /** Before: "has a header but no rows". Row 30 is on line 31 (the header is line 1). */
    @Test
    void load_extraFieldOnTheLastRow_namesThatLine() throws Exception {
        Path f = Files.writeString(dir.resolve("extra.csv"), "x,y\n" + rows(30, i -> i == 30 ? i + ",1,9" : i + "," + i % 2));
        DataException e = assertThrows(DataException.class, () -> DataLoader.load(DataSource.file(f)));
        assertTrue(e.getMessage().contains("line 31: Expected Number of Columns: 2 Found: 3"), e.getMessage());
    }

    /** Before: DuckDB said line 1. Row 401 is on line 402. */
    @Test
    void load_hugeFieldDeepInTheFile_namesItsLine() throws Exception {
        String big = "a".repeat(3_000_000);
        Path f = Files.writeString(dir.resolve("big.csv"), "x,y\n" + rows(500, i -> i == 401 ? "1," + big : i + ",b"));
        DataException e = assertThrows(DataException.class, () -> DataLoader.load(DataSource.file(f)));
        assertTrue(e.getMessage().contains("line 402"), e.getMessage());
    }
}
