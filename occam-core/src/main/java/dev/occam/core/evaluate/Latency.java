package dev.occam.core.evaluate;

import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import java.util.Arrays;

/**
 * Single-row scoring latency of a model in this process, after warm-up: each call of
 * {@link Model#score(double[])} on an encoded row is timed alone, cycling through sample rows. A rough
 * in-process figure for the leaderboard; the benchmarks measure properly.
 */
public record Latency(double p50Micros, double p99Micros) {

    private static final int WARM_UP_CALLS = 20_000;
    private static final int TIMED_CALLS = 5_000;

    public static Latency measure(Model model, Frame sample) {
        int n = Math.min(sample.rows(), 1000);
        if (n == 0) {
            return new Latency(Double.NaN, Double.NaN);
        }
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = sample.row(i);
        }
        double sink = 0;
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            sink += model.score(rows[i % n]);
        }
        long[] nanos = new long[TIMED_CALLS];
        for (int i = 0; i < TIMED_CALLS; i++) {
            long start = System.nanoTime();
            sink += model.score(rows[i % n]);
            nanos[i] = System.nanoTime() - start;
        }
        if (sink == 42.4242) {
            // Keeps the JIT from discarding the scoring calls.
            System.out.print("");
        }
        Arrays.sort(nanos);
        return new Latency(nanos[TIMED_CALLS / 2] / 1000.0, nanos[(int) (TIMED_CALLS * 0.99)] / 1000.0);
    }
}
