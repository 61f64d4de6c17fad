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
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick CSV read (types from DuckDB's default sample, 20,480 rows) must load what the full read (types from
 * every row) loads: each case puts the value that decides a column's type after the sample.
 */
class DataLoaderSampleTest {

    /** Rows before the deciding value: past DuckDB's default sample of 20,480 rows. */
    private static final int BEFORE = 30_000;

    @TempDir
    Path dir;

    /** A CSV with columns id (1..rows) and x: {@code early} for the first {@link #BEFORE} rows, then {@code late}. */
    private Path csv(String early, String late) throws IOException {
        StringBuilder text = new StringBuilder("id,x\n");
        for (int i = 0; i < BEFORE; i++) {
            text.append(i + 1).append(',').append(early).append('\n');
        }
        text.append(BEFORE + 1).append(',').append(late).append('\n');
        Path file = dir.resolve("late.csv");
        Files.writeString(file, text);
        return file;
    }

    private static Frame load(Path file) throws DataException {
        return DataLoader.load(DataSource.file(file));
    }

    @Test
    void load_integersThenADecimalAfterTheSample_decimalReadExactly() throws Exception {
        Frame frame = load(csv("7", "2.5"));
        NumericColumn x = assertInstanceOf(NumericColumn.class, frame.column("x"));
        assertEquals(7.0, x.values()[0], 0.0);
        assertEquals(2.5, x.values()[BEFORE], 0.0);
    }

    @Test
    void load_emptyThenNumbersAfterTheSample_numericColumn() throws Exception {
        // The sample sees only missing values, which DuckDB types as text; the full read types the column by
        // its numbers.
        Frame frame = load(csv("", "42"));
        NumericColumn x = assertInstanceOf(NumericColumn.class, frame.column("x"));
        assertTrue(Double.isNaN(x.values()[0]));
        assertEquals(42.0, x.values()[BEFORE], 0.0);
    }

    @Test
    void load_numbersThenTextAfterTheSample_failsNamingTheValueAsTheFullReadDoes() throws Exception {
        // A column of numbers with one word after the sample: the full read types it as text, and the loader
        // reports the stray word (MistypedValue), not a failed cast.
        DataException e = assertThrows(DataException.class, () -> load(csv("1.5", "lots")));
        assertTrue(e.getMessage().contains("lots"), e.getMessage());
    }

    @Test
    void load_textWithWordsBeforeTheSampleEnds_categorical() throws Exception {
        Frame frame = load(csv("red", "blue"));
        CategoricalColumn x = assertInstanceOf(CategoricalColumn.class, frame.column("x"));
        assertEquals(java.util.List.of("blue", "red"), x.levels());
        assertEquals(BEFORE + 1, frame.rows());
    }

    @Test
    void couldBeNumber_numbersAndWords_generousForNumbers() {
        for (String s : new String[] {"1", "-2.5", " 3e-4 ", "1,000", "1_000", "0x1F", "inf", "NaN", ".5"}) {
            assertTrue(DataLoader.couldBeNumber(s), s);
        }
        for (String s : new String[] {"red", "A12", "$5", "1-2", "yes"}) {
            assertFalse(DataLoader.couldBeNumber(s), s);
        }
    }
}
