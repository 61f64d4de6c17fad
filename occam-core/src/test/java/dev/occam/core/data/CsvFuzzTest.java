package dev.occam.core.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue 18, point 9: a CSV file, whatever its bytes, loads or is refused with a {@link DataException} (one line, the
 * file named); anything else (an IllegalArgumentException from a frame, an index out of bounds) is a finding.
 * Without {@code JAZZER_FUZZ=1} this runs the seed corpus {@code CsvFuzzTestInputs/} as a regression test.
 */
class CsvFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void load_anyCsvBytes_frameOrDataException(byte[] bytes) throws Exception {
        Path dir = Files.createTempDirectory("occam-csv-fuzz");
        Path file = dir.resolve("data.csv");
        try {
            Files.write(file, bytes);
            DataLoader.load(DataSource.file(file));
        } catch (DataException refused) {
            if (refused.getMessage().contains("\n")) {
                throw new AssertionError("a refusal is one line: " + refused.getMessage());
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
