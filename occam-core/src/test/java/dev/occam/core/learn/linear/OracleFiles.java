package dev.occam.core.learn.linear;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test-only reading of the files in {@code src/test/resources/oracles}: CSV with a header, commas, no
 * quoting, {@code NA} for missing. Not a general CSV reader.
 */
final class OracleFiles {

    private OracleFiles() {
    }

    /** The rows of a resource, header first, split on commas. */
    static List<String[]> rows(String resource) {
        InputStream in = OracleFiles.class.getResourceAsStream("/oracles/" + resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource /oracles/" + resource);
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
