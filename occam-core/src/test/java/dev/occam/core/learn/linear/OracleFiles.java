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

    /**
     * A CSV resource as a frame: the named columns categorical with their levels sorted alphabetically (R's
     * factor default), every other column numeric.
     */
    static Frame frame(String resource, Set<String> categorical) {
        List<String[]> rows = rows(resource);
        String[] header = rows.get(0);
        int n = rows.size() - 1;
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < header.length; j++) {
            String name = header[j];
            if (categorical.contains(name)) {
                TreeSet<String> levels = new TreeSet<>();
                for (int i = 1; i <= n; i++) {
                    if (!rows.get(i)[j].equals("NA")) {
                        levels.add(rows.get(i)[j]);
                    }
                }
                List<String> sorted = List.copyOf(levels);
                int[] codes = new int[n];
                for (int i = 0; i < n; i++) {
                    String v = rows.get(i + 1)[j];
                    codes[i] = v.equals("NA") ? CategoricalColumn.MISSING : sorted.indexOf(v);
                }
                columns.add(new CategoricalColumn(name, sorted, codes));
            } else {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    String v = rows.get(i + 1)[j];
                    values[i] = v.equals("NA") ? Double.NaN : Double.parseDouble(v);
                }
                columns.add(new NumericColumn(name, values));
            }
        }
        return new Frame(columns);
    }
}
