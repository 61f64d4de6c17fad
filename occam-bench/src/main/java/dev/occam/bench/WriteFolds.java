package dev.occam.bench;

import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.Folds;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the folds Occam cross-validates a CSV on ({@link Folds#repeatedKFold}, the function {@code occam fit}
 * calls), one line per data row and one column per repeat ({@code r1,r2,...}) holding the fold (1..k) that row is
 * held out in, so scikit-learn, XGBoost and R score on exactly Occam's rows. Stratified on the target when a
 * positive class is given (two classes: positive 1, the rest 0, as Occam codes them), plain k-fold otherwise.
 * The CSV must have no quoted commas and no missing target (true of the benchmark's data).
 *
 * <pre>java -cp ... dev.occam.bench.WriteFolds DATA.csv TARGET POSITIVE|- SEED K REPEATS OUT.csv</pre>
 */
public final class WriteFolds {

    private WriteFolds() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 7) {
            System.err.println("usage: WriteFolds DATA.csv TARGET POSITIVE|- SEED K REPEATS OUT.csv");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        String target = args[1];
        String positive = args[2].equals("-") ? null : args[2];
        long seed = Long.parseLong(args[3]);
        int k = Integer.parseInt(args[4]);
        int repeats = Integer.parseInt(args[5]);
        List<String> values = targetValues(data, target);
        double[] classes = null;
        if (positive != null) {
            if (!values.contains(positive)) {
                throw new IllegalArgumentException("positive class '" + positive + "' is not a value of '" + target
                        + "' in " + data);
            }
            classes = values.stream().mapToDouble(v -> v.equals(positive) ? 1.0 : 0.0).toArray();
        }
        int n = values.size();
        int[][] foldOf = new int[repeats][n];
        for (Fold f : Folds.repeatedKFold(seed, n, k, repeats, classes)) {
            for (int row : f.test()) {
                foldOf[f.repeat()][row] = f.index() + 1;
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[6]), StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < repeats; r++) {
                line.append(r == 0 ? "" : ",").append('r').append(r + 1);
            }
            w.append(line).append('\n');
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                for (int r = 0; r < repeats; r++) {
                    line.append(r == 0 ? "" : ",").append(foldOf[r][i]);
                }
                w.append(line).append('\n');
            }
        }
    }

    private static List<String> targetValues(Path data, String target) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IllegalArgumentException(data + " is empty");
            }
            int column = Arrays.asList(header.split(",", -1)).indexOf(target);
            if (column < 0) {
                throw new IllegalArgumentException("target column '" + target + "' is not in " + data + "; columns are "
                        + header);
            }
            List<String> values = new ArrayList<>();
            int line = 1;
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                line++;
                String v = s.split(",", -1)[column];
                if (v.isEmpty() || v.equals("NA")) {
                    throw new IllegalArgumentException(data + " line " + line + ": no value of " + target);
                }
                values.add(v);
            }
            return values;
        }
    }
}
