package dev.occam.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads the header of a delimited file as written. DuckDB renames duplicate header names ({@code a},
 * {@code a_1}) and, when its sniffer gives up on a ragged file, does not say how many columns the
 * header has; both need the header itself.
 */
final class CsvHeader {

    /** A header longer than this is not a header; stop rather than read a huge one-line file. */
    private static final int MAX_CHARS = 1 << 20;

    private static final char[] GUESSED_DELIMITERS = {',', '\t', ';', '|'};

    private CsvHeader() {
    }

    /** Whether the file holds nothing but whitespace (after decompressing a {@code .gz}). */
    static boolean isBlank(Path file) throws IOException {
        try (InputStream in = open(file)) {
            int b;
            while ((b = in.read()) != -1) {
                if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) {
                    return false; // the three bytes above are a UTF-8 byte-order mark
                }
            }
            return true;
        }
    }

    /** The names in the first record, split on {@code delimiter} outside double quotes, quotes removed. */
    static List<String> read(Path file, char delimiter) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            List<String> names = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int c;
            int read = 0;
            while ((c = in.read()) != -1 && read++ < MAX_CHARS) {
                char ch = (char) c;
                if (quoted) {
                    if (ch != '"') {
                        field.append(ch);
                        continue;
                    }
                    in.mark(1);
                    if (in.read() == '"') {
                        field.append('"'); // a doubled quote inside quotes is one quote
                    } else {
                        quoted = false;
                        in.reset();
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == delimiter) {
                    names.add(field.toString());
                    field.setLength(0);
                } else if (ch == '\n') {
                    break;
                } else if (ch != '\r' && ch != '\uFEFF') {
                    field.append(ch);
                }
            }
            names.add(field.toString());
            return names;
        }
    }

    /**
     * The header split on whichever common delimiter gives {@code columns} names, for files whose
     * delimiter DuckDB detected; null when none does.
     */
    static List<String> readGuessing(Path file, int columns) throws IOException {
        for (char d : GUESSED_DELIMITERS) {
            List<String> names = read(file, d);
            if (names.size() == columns) {
                return names;
            }
        }
        return null;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            return in;
        }
        try {
            return new GZIPInputStream(in);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }
}
