package dev.occam.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The numbers in a reason: the formats kept per thread write what a format built for each number writes. */
class ExplanationNumberTest {

    /** The rule as written before the formats were kept: a new format for every number. */
    private static String freshFormat(double v) {
        double a = Math.abs(v);
        if (a > 0 && a < 0.001) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        String pattern = a == 0 || a >= 1 ? "#,##0.##" : "0.###";
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US)).format(v);
    }

    private static double[] values(long seed, int n) {
        Random random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double scale = Math.pow(10, random.nextInt(14) - 6);
            out[i] = (random.nextBoolean() ? -1 : 1) * random.nextDouble() * scale;
        }
        return out;
    }

    @Test
    void number_examples_groupedThousandsAndTwoDecimals() {
        assertEquals("1,234,567.89", Explanation.number(1234567.891));
        assertEquals("0", Explanation.number(0.0));
        assertEquals("0.123", Explanation.number(0.12345));
        assertEquals("-42", Explanation.number(-42.0));
        assertEquals("0.000123", Explanation.number(0.000123));
        assertEquals("NaN", Explanation.number(Double.NaN));
    }

    @Test
    void number_manyValuesOnFourThreads_sameAsAFreshFormatEachTime() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> checked = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                double[] values = values(t, 20_000);
                Callable<Integer> check = () -> {
                    for (double v : values) {
                        assertEquals(freshFormat(v), Explanation.number(v), "value " + v);
                    }
                    return values.length;
                };
                checked.add(pool.submit(check));
            }
            for (Future<Integer> f : checked) {
                assertEquals(20_000, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
