package dev.occam.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Finds a line of a delimited file by reading its bytes, for the errors DuckDB cannot place: its limit on the size
 * of one row (2,000,000 bytes) is reported at line 1 whatever the line. Quotes are followed (a newline inside
 * {@code "..."} does not end the row), so the number is the line where the row starts, header included, 1-based.
 */
final class CsvLines {

    /** DuckDB's default {@code max_line_size}. */
    static final long MAX_ROW_BYTES = 2_000_000;

    private CsvLines() {
    }

    /**
     * @return the 1-based line where the first row longer than {@code limit} bytes starts and its size, or null
     */
    static long[] firstRowLongerThan(Path file, long limit) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = new BufferedInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw)
                        : raw, 1 << 16)) {
            long line = 1;
            long rowStart = 1;
            long size = 0;
            boolean quoted = false;
            int b;
            while ((b = in.read()) != -1) {
                if (b == '"') {
                    quoted = !quoted; // "" inside quotes toggles twice: still quoted
                }
                if (b == '\n') {
                    line++;
                    if (!quoted) {
                        if (size > limit) {
                            return new long[] {rowStart, size};
                        }
                        size = 0;
                        rowStart = line;
                        continue;
                    }
                }
                size++;
            }
            return size > limit ? new long[] {rowStart, size} : null;
        }
    }
}
