package dev.occam.core.learn.tree;

import dev.occam.core.data.Target;
import dev.occam.runtime.TargetInfo;
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
 * The credit_data oracle set, read the way R reads it: header, commas, no quoting, {@code NA} missing;
 * the factor columns are categorical with their levels sorted alphabetically, the rest numeric. Test
 * only: the project's own loading lives elsewhere.
 */
final class CreditData {

    private static final Set<String> CATEGORICAL = Set.of("Status", "Home", "Marital", "Records", "Job");

    final Frame features;
    final Target target;

    private CreditData(Frame features, Target target) {
        this.features = features;
        this.target = target;
    }

    static CreditData load() {
        List<String[]> lines = new ArrayList<>();
        String[] header;
        try (InputStream in = CreditData.class.getResourceAsStream("/oracles/credit_data.csv")) {
            if (in == null) {
                throw new IllegalStateException("test resource /oracles/credit_data.csv is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            header = reader.readLine().split(",", -1);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty()) {
                    lines.add(line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Column> columns = new ArrayList<>();
        Target target = null;
        for (int j = 0; j < header.length; j++) {
            String name = header[j];
            if (CATEGORICAL.contains(name)) {
                TreeSet<String> levelSet = new TreeSet<>();
                for (String[] row : lines) {
                    if (!row[j].equals("NA")) {
                        levelSet.add(row[j]);
                    }
                }
                List<String> levels = List.copyOf(levelSet);
                int[] codes = new int[lines.size()];
                for (int i = 0; i < codes.length; i++) {
                    String v = lines.get(i)[j];
                    codes[i] = v.equals("NA") ? CategoricalColumn.MISSING : levels.indexOf(v);
                }
                if (name.equals("Status")) {
                    double[] y = new double[codes.length];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = levels.get(codes[i]).equals("bad") ? 1.0 : 0.0;
                    }
                    target = new Target(TargetInfo.classification("Status", "bad", "good"), y);
                } else {
                    columns.add(new CategoricalColumn(name, levels, codes));
                }
            } else {
                double[] values = new double[lines.size()];
                for (int i = 0; i < values.length; i++) {
                    String v = lines.get(i)[j];
                    values[i] = v.equals("NA") ? Double.NaN : Double.parseDouble(v);
                }
                columns.add(new NumericColumn(name, values));
            }
        }
        return new CreditData(new Frame(columns), target);
    }
}
