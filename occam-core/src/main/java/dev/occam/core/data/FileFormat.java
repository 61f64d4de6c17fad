package dev.occam.core.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The kind of a data file, decided by its extension alone: guessing from content would make the same
 * file load differently as it changes. CSV and TSV fix the delimiter so a ragged row is reported as such
 * instead of DuckDB's sniffer quietly choosing another dialect; {@code .txt} lets the sniffer choose.
 */
enum FileFormat {
    CSV(","),
    TSV("\t"),
    DELIMITED_TEXT(null),
    PARQUET(null);

    static final String KNOWN = ".csv, .tsv, .txt (each optionally .gz) or .parquet";

    /** The fixed delimiter, or null when DuckDB detects it (or the format has none). */
    final String delimiter;

    FileFormat(String delimiter) {
        this.delimiter = delimiter;
    }

    boolean isDelimited() {
        return this != PARQUET;
    }

    /** @throws DataException naming the extension when it is none of {@link #KNOWN} */
    static FileFormat of(Path file) throws DataException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith(".csv")) {
            return CSV;
        }
        if (base.endsWith(".tsv")) {
            return TSV;
        }
        if (base.endsWith(".txt")) {
            return DELIMITED_TEXT;
        }
        if (name.endsWith(".parquet")) {
            return PARQUET;
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            throw new DataException(file + ": no file extension to tell the format; expected " + KNOWN);
        }
        throw new DataException(file + ": unknown file extension '" + name.substring(dot) + "'; expected " + KNOWN);
    }
}
