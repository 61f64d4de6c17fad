package dev.occam.core.evaluate;

import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.Row;
import java.util.Arrays;

/**
 * Single-row latency of a model in this process, after warm-up, on the path a caller of {@code occam serve} waits
 * for: a row of named values predicted and its top reasons computed ({@link Model#predict(Row)} and
 * {@link Model#explain(Row)}), each call timed alone, cycling through sample rows.
 *
 * <p>A round stops after 5,000 calls or a quarter of a second, whichever comes first, with at least 200 calls unless
 * it has run for half a second (a forest's reasons can take a tenth of a second a row: a few calls then say enough,
 * and the measurement runs with the pool idle, so its cost is paid on one core);
 * three rounds are timed and the <em>calmest</em> round (lowest p99) reported with its p50: a pause from the
 * collector or another process inflates a round, never deflates one, so the calmest round is the figure least
 * moved by what else the machine is doing. A p99 that the bound could be decided by (within a factor of
 * {@link #NEAR} of it either way) is measured in {@link #MORE_ROUNDS} more rounds and decided on the calmest of
 * all of them, so that a candidate's eligibility does not flip between identical runs on noise: a forest once
 * measured p99 2,303, 364 and 1,454 µs in three identical runs against a 1,000 µs bound. The benchmarks
 * (JMH) measure properly; this is the in-process figure the leaderboard and the latency constraint read.
 *
 * @param rounds how many timed rounds the calmest was chosen from
 */
public record Latency(double p50Micros, double p99Micros, int rounds) {

    /** A p99 within this factor of the bound, either side, is measured again. */
    public static final double NEAR = 2.0;
    public static final int ROUNDS = 3;
    /** A mean answer this many times the bound, over the warm-up, is decided on one round. */
    public static final double FAR_ABOVE = 10.0;
    public static final int MORE_ROUNDS = 6;
    /** The reasons computed per call, as the server gives. */
    public static final int REASONS = 3;
    private static final int WARM_UP_CALLS = 20_000;
    private static final int TIMED_CALLS = 5_000;
    /** Enough calls for a p99 to mean something, when they are cheap enough to make. */
    private static final int MIN_CALLS = 200;
    private static final long PHASE_BUDGET_NANOS = 250_000_000L;
    /** The most one phase runs, whatever its count: the measurement must not cost more than the fit. */
    private static final long PHASE_CAP_NANOS = 500_000_000L;

    /** Not measured (the candidate failed, or there are no rows). */
    public static final Latency NONE = new Latency(Double.NaN, Double.NaN, 0);

    /** Measured without a bound: three rounds. */
    public static Latency measure(Model model, Frame sample) {
        return measure(model, sample, null);
    }

    /**
     * @param boundMicros the use case's p99 bound, or null: a p99 near it is measured in more rounds
     */
    public static Latency measure(Model model, Frame sample, Double boundMicros) {
        int n = Math.min(sample.rows(), 1000);
        if (n == 0) {
            return NONE;
        }
        Row[] rows = new Row[n];
        for (int i = 0; i < n; i++) {
            rows[i] = Row.of(model.schema().decode(sample.row(i)));
        }
        long[] sink = {0};
        // Slow models (a forest, neighbours) get fewer calls: each phase also stops at a time budget.
        long warmUpStart = System.nanoTime();
        int warmUpCalls = 0;
        for (; warmUpCalls < WARM_UP_CALLS && goOn(warmUpCalls, System.nanoTime() - warmUpStart); warmUpCalls++) {
            sink[0] += answer(model, rows[warmUpCalls % n]);
        }
        double meanMicros = (System.nanoTime() - warmUpStart) / 1000.0 / Math.max(1, warmUpCalls);
        // A model whose answers take FAR_ABOVE times the bound on average cannot have its p99 under it: one
        // round says so, and the pool waits less for a measurement that decides nothing.
        int firstRounds = boundMicros != null && meanMicros > boundMicros * FAR_ABOVE ? 1 : ROUNDS;
        double[] p50 = new double[ROUNDS + MORE_ROUNDS];
        double[] p99 = new double[ROUNDS + MORE_ROUNDS];
        int rounds = 0;
        for (; rounds < firstRounds; rounds++) {
            round(model, rows, p50, p99, rounds, sink);
        }
        double decided = p99[calmest(p99, rounds)];
        if (boundMicros != null && decided > boundMicros / NEAR && decided < boundMicros * NEAR) {
            for (; rounds < ROUNDS + MORE_ROUNDS; rounds++) {
                round(model, rows, p50, p99, rounds, sink);
            }
        }
        if (sink[0] == 42) {
            // Keeps the JIT from discarding the calls.
            System.out.print("");
        }
        int calmest = calmest(p99, rounds);
        return new Latency(p50[calmest], p99[calmest], rounds);
    }

    /** One timed round; its p50 and p99 go to slot {@code r}. */
    private static void round(Model model, Row[] rows, double[] p50, double[] p99, int r, long[] sink) {
        long[] nanos = new long[TIMED_CALLS];
        long roundStart = System.nanoTime();
        int calls = 0;
        while (calls < TIMED_CALLS && (calls == 0 || goOn(calls, System.nanoTime() - roundStart))) {
            long start = System.nanoTime();
            sink[0] += answer(model, rows[calls % rows.length]);
            nanos[calls++] = System.nanoTime() - start;
        }
        long[] timed = Arrays.copyOf(nanos, calls);
        Arrays.sort(timed);
        p50[r] = timed[calls / 2] / 1000.0;
        p99[r] = timed[(int) (calls * 0.99)] / 1000.0;
    }

    /** Whether a phase that has made {@code calls} calls in {@code elapsed} nanoseconds makes another. */
    private static boolean goOn(int calls, long elapsed) {
        return elapsed < PHASE_CAP_NANOS && (calls < MIN_CALLS || elapsed < PHASE_BUDGET_NANOS);
    }

    /** What the server computes for one row: the prediction and its top reasons. */
    private static long answer(Model model, Row row) {
        double score = model.predict(row).score();
        return Double.doubleToRawLongBits(score) + model.explain(row).predictionReasons(REASONS).size();
    }

    /** The round with the lowest p99. */
    private static int calmest(double[] p99, int count) {
        int best = 0;
        for (int r = 1; r < count; r++) {
            if (p99[r] < p99[best]) {
                best = r;
            }
        }
        return best;
    }

    /** The measurement in words, for the card and the leaderboard. */
    public String method() {
        return "prediction plus its top " + REASONS + " reasons for one row of named values, as the server answers;"
                + (rounds == 1 ? " one timed round after warm-up (its answers took over " + (int) FAR_ABOVE
                        + " times the bound)" : " the calmest of " + rounds + " timed rounds after warm-up")
                + (rounds > ROUNDS ? " (measured again: the first " + ROUNDS + " rounds were near the bound)" : "");
    }
}
