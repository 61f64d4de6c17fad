package dev.occam.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a seeded synthetic CSV for the fit benchmark: n rows of p standard normal features {@code x1..xp}, of which
 * the first {@code informative} carry a coefficient drawn from N(0, 0.3²) (the rest zero), and a target {@code y}.
 * Classification: y = "yes" with probability 1 / (1 + exp(−(−1 + x·β))) (a logistic truth; about 30% "yes"), else "no".
 * Regression: y = x·β + ε with ε ~ N(0, 1) (signal variance about 2.7, so R² about 0.73). Same arguments, same
 * bytes. Values are rounded to 5 decimals before use, so the value written is the value the truth used.
 *
 * <pre>java -cp ... dev.occam.bench.MakeData classification|regression ROWS COLS INFORMATIVE SEED OUT.csv</pre>
 */
public final class MakeData {

    private MakeData() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: MakeData classification|regression ROWS COLS INFORMATIVE SEED OUT.csv");
            System.exit(2);
        }
        boolean classification = switch (args[0]) {
            case "classification" -> true;
            case "regression" -> false;
            default -> throw new IllegalArgumentException("kind must be classification or regression, got " + args[0]);
        };
        int n = Integer.parseInt(args[1]);
        int p = Integer.parseInt(args[2]);
        int informative = Integer.parseInt(args[3]);
        if (n < 10 || p < 1 || informative < 0 || informative > p) {
            throw new IllegalArgumentException("need rows >= 10, cols >= 1 and 0 <= informative <= cols; got rows " + n
                    + ", cols " + p + ", informative " + informative);
        }
        write(classification, n, p, informative, Long.parseLong(args[4]), Path.of(args[5]));
    }

    static void write(boolean classification, int n, int p, int informative, long seed, Path out) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double[] beta = new double[p];
        for (int j = 0; j < informative; j++) {
            beta[j] = 0.3 * gaussian(random);
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(16 * (p + 1));
            for (int j = 1; j <= p; j++) {
                line.append('x').append(j).append(',');
            }
            w.append(line).append("y\n");
            double[] x = new double[p];
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                double eta = classification ? -1.0 : 0.0;
                for (int j = 0; j < p; j++) {
                    long units = Math.round(gaussian(random) * SCALE);
                    x[j] = units / SCALE;
                    eta += beta[j] * x[j];
                    appendFixed(line, units).append(',');
                }
                if (classification) {
                    line.append(random.nextDouble() < 1.0 / (1.0 + Math.exp(-eta)) ? "yes" : "no");
                } else {
                    appendFixed(line, Math.round((eta + gaussian(random)) * SCALE));
                }
                w.append(line).append('\n');
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static final double SCALE = 1e5;

    /** Appends units / 10^5 with five decimals (no exponent form, unlike Double.toString; far faster than format). */
    static StringBuilder appendFixed(StringBuilder b, long units) {
        if (units < 0) {
            b.append('-');
            units = -units;
        }
        b.append(units / 100_000).append('.');
        String frac = Long.toString(units % 100_000);
        for (int i = frac.length(); i < 5; i++) {
            b.append('0');
        }
        return b.append(frac);
    }

    /** A standard normal draw (Box–Muller; one of the pair is dropped, which keeps the stream simple). */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }
}
