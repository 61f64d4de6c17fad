package dev.occam.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a seeded synthetic loan table the size of a Spark use case (docs/spark.md): ROWS rows of the shipped credit
 * example's kind, numbers and categories with missing values, and {@code Status} bad with probability
 * {@code 1 / (1 + exp(-η))}, η a fixed function of the columns (about 54% bad). Same arguments, same bytes.
 *
 * <pre>java -cp occam-spark/target/classes dev.occam.spark.SyntheticCredit ROWS SEED OUT.csv</pre>
 */
public final class SyntheticCredit {

    private static final String[] HOME = {"owner", "rent", "parents", "priv", "other"};
    private static final String[] MARITAL = {"married", "single", "separated", "widow", "divorced"};
    private static final String[] JOB = {"fixed", "freelance", "partime", "others"};

    private SyntheticCredit() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SyntheticCredit ROWS SEED OUT.csv");
            System.exit(2);
        }
        write(Integer.parseInt(args[0]), Long.parseLong(args[1]), Path.of(args[2]));
    }

    static void write(int rows, long seed, Path out) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("Status,Seniority,Home,Time,Age,Marital,Records,Job,Expenses,Income,Assets,Debt,Amount,Price\n");
            for (int i = 0; i < rows; i++) {
                int seniority = (int) Math.min(48, Math.floor(-8 * Math.log(1 - random.nextDouble())));
                int home = random.nextInt(HOME.length);
                int time = 12 * (1 + random.nextInt(6));
                int age = 18 + random.nextInt(50);
                int marital = random.nextInt(MARITAL.length);
                boolean records = random.nextDouble() < 0.17;
                int job = random.nextInt(JOB.length);
                int expenses = 35 + random.nextInt(140);
                int income = 50 + random.nextInt(250);
                int assets = random.nextDouble() < 0.4 ? 0 : 1000 * random.nextInt(30);
                int debt = random.nextDouble() < 0.8 ? 0 : 100 * random.nextInt(50);
                int amount = 100 * (3 + random.nextInt(40));
                int price = amount + 100 * random.nextInt(30);
                double eta = -0.2 - 0.06 * seniority + (records ? 1.6 : 0) + (job == 1 ? 0.7 : job == 2 ? 1.0 : 0)
                        + (home == 1 ? 0.4 : 0) + 0.004 * (expenses - income) + 0.6 * amount / (double) price
                        - 0.02 * assets / 1000.0 + 0.0002 * debt - 0.01 * (age - 40) + (marital == 2 ? 0.5 : 0);
                boolean bad = random.nextDouble() < 1 / (1 + Math.exp(-eta));
                w.write((bad ? "bad" : "good") + "," + seniority + "," + maybe(random, HOME[home], 0.002) + ","
                        + time + "," + age + "," + maybe(random, MARITAL[marital], 0.001) + ","
                        + (records ? "yes" : "no") + "," + maybe(random, JOB[job], 0.001) + "," + expenses + ","
                        + maybe(random, Integer.toString(income), 0.08) + ","
                        + maybe(random, Integer.toString(assets), 0.01) + ","
                        + maybe(random, Integer.toString(debt), 0.004) + "," + amount + "," + price + "\n");
            }
        }
    }

    /** The value, or NA with the given probability (as the credit data writes missing values). */
    private static String maybe(SplittableRandom random, String value, double missing) {
        return random.nextDouble() < missing ? "NA" : value;
    }
}
