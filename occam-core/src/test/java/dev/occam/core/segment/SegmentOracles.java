package dev.occam.core.segment;

import dev.occam.core.data.TestDatasets;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The R mclust 6.0 results under {@code src/test/resources/segment} (see SOURCE.md there) and the raw data they were fitted on. */
final class SegmentOracles {

    private SegmentOracles() {
    }

    /** The numeric columns of a test dataset as rows, unscaled (as mclust saw them). */
    static double[][] numericRows(String dataset) {
        Frame frame = TestDatasets.load(dataset);
        List<NumericColumn> numeric = frame.columns().stream().filter(c -> c instanceof NumericColumn)
                .map(c -> (NumericColumn) c).toList();
        double[][] x = new double[frame.rows()][numeric.size()];
        for (int j = 0; j < numeric.size(); j++) {
            double[] v = numeric.get(j).values();
            for (int i = 0; i < v.length; i++) {
                x[i][j] = v[i];
            }
        }
        return x;
    }

    /** mclust's classification of each row (1-based cluster numbers, as R writes them). */
    static int[] classes(String file) {
        List<String> lines = lines(file);
        int[] out = new int[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            out[i - 1] = Integer.parseInt(lines.get(i).split(",")[1].trim());
        }
        return out;
    }

    /** One row of summary.csv by dataset name, split into its fields (quotes removed). */
    static String[] summary(String dataset) {
        for (String line : lines("summary.csv")) {
            String[] f = line.replace("\"", "").split(",");
            if (f[0].equals(dataset)) {
                return f;
            }
        }
        throw new IllegalStateException("no summary for " + dataset);
    }

    static List<String> lines(String file) {
        try {
            Path p = Path.of(SegmentOracles.class.getResource("/segment/" + file).toURI());
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
