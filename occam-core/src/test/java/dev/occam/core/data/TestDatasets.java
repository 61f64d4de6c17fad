package dev.occam.core.data;

import dev.occam.runtime.data.Frame;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The real datasets under {@code src/test/resources/datasets}, loaded the way a user's data is: through
 * {@link DataLoader} and the embedded DuckDB, so oracle tests cover the whole path from file to model.
 */
public final class TestDatasets {

    private TestDatasets() {
    }

    public static Path path(String name) {
        URL url = TestDatasets.class.getResource("/datasets/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource /datasets/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Frame load(String name) {
        try {
            return DataLoader.load(DataSource.file(path(name)));
        } catch (DataException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Row indices with row i listed {@code times[i]} times, in row order: the rows whole-number weights stand for. */
    public static int[] repeated(int[] times) {
        int total = 0;
        for (int t : times) {
            total += t;
        }
        int[] out = new int[total];
        int k = 0;
        for (int i = 0; i < times.length; i++) {
            for (int c = 0; c < times[i]; c++) {
                out[k++] = i;
            }
        }
        return out;
    }
}
