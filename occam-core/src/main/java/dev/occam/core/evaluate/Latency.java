package dev.occam.core.evaluate;

import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.Row;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Optional;

/**
 * Single-row latency of a model in this process, after warm-up, on the path a caller of {@code occam serve} waits
 * for: a row of named values predicted and its top reasons computed ({@link Model#predict(Row)} and
 * {@link Model#explain(Row)}), each call timed alone, cycling through sample rows.
 *
 * <p>The warm-up makes 20,000 calls or spends a tenth of a second of the thread's CPU, whichever comes first. A
 * round stops after 5,000 calls or a tenth of a second, with at least 200 calls unless it has run for a quarter of
 * a second (a forest's reasons can take a tenth of a second a row: a few calls then say enough). Three rounds are
 * timed and the <em>calmest</em> round (lowest p99) reported with its p50: a pause from the collector or another
 * process inflates a round, never deflates one, so the calmest round is the figure least moved by what else the
 * machine is doing. Against a bound, the rounds stop as soon as the decision is made, because the fit waits for the
 * measurement (it runs after every fold, one candidate per core) and it must not cost more than the fit:
 * <ul>
 * <li>a first round whose p99 is under the bound by a factor of {@link #NEAR} or more is the answer: more rounds
 *     could only lower the calmest p99, and the candidate is eligible either way;</li>
 * <li>a model whose warm-up answers took {@link #FAR_ABOVE} times the bound on average cannot have its p99 under
 *     it: one round, timed for a tenth of a second however few calls that makes, gives the figures (unless
 *     that round's median answer is under the bound, a warm-up the JIT had not finished: then it is timed as any
 *     other);</li>
 * <li>a p99 above the bound but within a factor of {@link #NEAR} of it is measured in up to {@link #MORE_ROUNDS}
 *     more rounds, until one comes under the bound, and decided on the calmest of all of them, so that a
 *     candidate's eligibility does not flip between identical runs on noise: a forest once measured p99 2,303, 364
 *     and 1,454 µs in three identical runs against a 1,000 µs bound. (A calmest p99 already under the bound needs
 *     no more rounds: they could only lower it.)</li>
 * </ul>
 * The benchmarks (JMH) measure properly; this is the in-process figure the leaderboard and the latency constraint
 * read.
 *
 * <p>A busy machine must not decide it either. The phases' budgets count the measuring thread's own CPU time, so
 * the warm-up makes the same calls (and the JIT compiles the same code) however busy the machine is; and each
 * round notes the share of its wall time the thread actually ran. When no round of the first ones ran
 * {@link #CALM} of its time (on two cores shared with a dozen busy processes a thread runs a seventh of it, and a
 * p99 of wall time then measures the queue for a core, not the model), the rounds are timed again in the thread's
 * CPU time per answer: the compute a caller would wait for on a free core, waits for a core left out. The
 * leaderboard keeps the figure, and the fit says in words that the machine was busy ({@link #busyNote}).
 *
 * @param rounds how many timed rounds the calmest was chosen from
 * @param runningShare the share of the first rounds' wall time the measuring thread ran (the best round's);
 *     below {@link #CALM} the figures are compute time per answer; NaN when not known
 */
public record Latency(double p50Micros, double p99Micros, int rounds, double runningShare) {

    /** A p99 within this factor of the bound, either side, is measured again. */
    public static final double NEAR = 2.0;
    public static final int ROUNDS = 3;
    /** A mean answer this many times the bound, over the warm-up, is decided on one round. */
    public static final double FAR_ABOVE = 10.0;
    public static final int MORE_ROUNDS = 6;
    /** The share of a round's wall time the measuring thread must run for its wall times to count. */
    public static final double CALM = 0.9;
    /** The reasons computed per call, as the server gives. */
    public static final int REASONS = 3;
    private static final int WARM_UP_CALLS = 20_000;
    private static final int TIMED_CALLS = 5_000;
    /** Enough calls for a p99 to mean something, when they are cheap enough to make. */
    private static final int MIN_CALLS = 200;
    private static final long PHASE_BUDGET_NANOS = 100_000_000L;
    /** The most one phase runs, whatever its count: the measurement must not cost more than the fit. */
    private static final long PHASE_CAP_NANOS = 250_000_000L;
    /** The most wall time one phase waits for its CPU budget on a busy machine. */
    private static final long PHASE_WALL_CAP_NANOS = 10_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Not measured (the candidate failed, or there are no rows). */
    public static final Latency NONE = new Latency(Double.NaN, Double.NaN, 0, Double.NaN);

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
        Clock clock = Clock.current();
        long[] sink = {0};
        // Slow models (a forest, neighbours) get fewer calls: each phase also stops at a time budget.
        long warmUpWall = System.nanoTime();
        long warmUpCpu = clock.cpu();
        int warmUpCalls = 0;
        // The warm-up times nothing, so it needs no least number of calls: its budget is the JIT's.
        for (; warmUpCalls < WARM_UP_CALLS && clock.goOn(warmUpCalls, 0, warmUpWall, warmUpCpu); warmUpCalls++) {
            sink[0] += answer(model, rows[warmUpCalls % n]);
        }
        double meanMicros = (clock.cpu() - warmUpCpu) / 1000.0 / Math.max(1, warmUpCalls);
        // A model whose answers take FAR_ABOVE times the bound on average cannot have its p99 under it: one
        // round, without the least number of calls a p99 needs, gives its figures, unless the round's own answers
        // disagree (a warm-up the JIT had not finished).
        boolean farAbove = boundMicros != null && meanMicros > boundMicros * FAR_ABOVE;
        Rounds timed = rounds(model, rows, clock, false, farAbove, boundMicros, sink);
        double runningShare = timed.bestRunningShare();
        boolean busy = clock.knowsCpu() && runningShare < CALM;
        if (busy) {
            // Every round waited for a core: time the compute instead, on as many rounds.
            timed = rounds(model, rows, clock, true, farAbove, boundMicros, sink);
        }
        // More rounds can only lower the calmest p99, so they matter only while it is above the bound: the
        // decision is the one all nine rounds would give, and a model already under the bound is not kept waiting.
        if (boundMicros != null && timed.calmest().p99 > boundMicros && timed.calmest().p99 < boundMicros * NEAR) {
            while (timed.count < ROUNDS + MORE_ROUNDS && timed.calmest().p99 > boundMicros) {
                timed.add(round(model, rows, clock, busy, MIN_CALLS, sink));
            }
        }
        if (sink[0] == 42) {
            // Keeps the JIT from discarding the calls.
            System.out.print("");
        }
        Round calmest = timed.calmest();
        return new Latency(calmest.p50, calmest.p99, timed.count, runningShare);
    }

    /**
     * The first rounds: one when it decides (far above the bound and its answers agree, or far below it), otherwise
     * {@link #ROUNDS}.
     */
    private static Rounds rounds(Model model, Row[] rows, Clock clock, boolean compute, boolean farAbove,
            Double boundMicros, long[] sink) {
        Rounds timed = new Rounds(ROUNDS + MORE_ROUNDS);
        timed.add(round(model, rows, clock, compute, farAbove ? 1 : MIN_CALLS, sink));
        Round first = timed.calmest();
        boolean decided = boundMicros != null
                && (farAbove && first.p50 > boundMicros || first.p99 * NEAR <= boundMicros);
        if (!decided) {
            for (int r = 1; r < ROUNDS; r++) {
                timed.add(round(model, rows, clock, compute, MIN_CALLS, sink));
            }
        }
        return timed;
    }

    /** Whether the figures are compute time per answer, measured so because the machine was busy. */
    public boolean busy() {
        return runningShare < CALM;
    }

    /**
     * The sentence the fit gives when the machine was too busy for wall-clock latencies, or empty: one sentence for
     * every candidate so measured.
     *
     * @param measured each candidate's latency, by id, in the order to name them
     */
    public static Optional<String> busyNote(java.util.Map<String, Latency> measured) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        double least = 1;
        double most = 0;
        for (var e : measured.entrySet()) {
            if (e.getValue().busy()) {
                ids.add(e.getKey());
                least = Math.min(least, e.getValue().runningShare());
                most = Math.max(most, e.getValue().runningShare());
            }
        }
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        String share = Math.round(100 * least) == Math.round(100 * most)
                ? String.format(java.util.Locale.ROOT, "%.0f%%", 100 * least)
                : String.format(java.util.Locale.ROOT, "%.0f%% to %.0f%%", 100 * least, 100 * most);
        return Optional.of("the machine was busy while latencies were measured (the measuring thread ran " + share
                + " of the time): the p50 and p99 of " + String.join(", ", ids) + " are of the compute per answer,"
                + " leaving out the waits for a core; fit again on a quieter machine to measure the wall time a"
                + " caller waits");
    }

    /**
     * One timed round: each call's wall time or, when {@code compute}, its thread CPU time.
     *
     * @param leastCalls the calls made within the round's cap even when its budget is spent
     */
    private static Round round(Model model, Row[] rows, Clock clock, boolean compute, int leastCalls, long[] sink) {
        long[] nanos = new long[TIMED_CALLS];
        long roundWall = System.nanoTime();
        long roundCpu = clock.cpu();
        int calls = 0;
        while (calls < TIMED_CALLS && (calls == 0 || clock.goOn(calls, leastCalls, roundWall, roundCpu))) {
            long start = compute ? clock.cpu() : System.nanoTime();
            sink[0] += answer(model, rows[calls % rows.length]);
            long end = compute ? clock.cpu() : System.nanoTime();
            nanos[calls++] = Math.max(0, end - start - (compute ? clock.cpuReadNanos : 0));
        }
        double running = clock.knowsCpu()
                ? (clock.cpu() - roundCpu) / (double) Math.max(1, System.nanoTime() - roundWall) : 1.0;
        long[] timed = Arrays.copyOf(nanos, calls);
        Arrays.sort(timed);
        return new Round(timed[calls / 2] / 1000.0, timed[(int) (calls * 0.99)] / 1000.0, Math.min(1.0, running));
    }

    /** What the server computes for one row: the prediction and its top reasons. */
    private static long answer(Model model, Row row) {
        double score = model.predict(row).score();
        return Double.doubleToRawLongBits(score) + model.explain(row).predictionReasons(REASONS).size();
    }

    /** The measurement in words, for the card and the leaderboard. */
    public String method() {
        return "prediction plus its top " + REASONS + " reasons for one row of named values, as the server answers;"
                + (rounds == 1 ? " one timed round after warm-up (decided on it: its p99 was far from the bound)"
                        : " the calmest of " + rounds + " timed rounds after warm-up")
                + (rounds > ROUNDS ? " (measured again: the first " + ROUNDS + " rounds were just over the bound)" : "")
                + (busy() ? "; compute time per answer (the machine was busy)" : "");
    }

    /** One round's figures. */
    private record Round(double p50, double p99, double running) {
    }

    /** The rounds timed so far. */
    private static final class Rounds {
        private final Round[] rounds;
        private int count;

        Rounds(int capacity) {
            rounds = new Round[capacity];
        }

        void add(Round round) {
            rounds[count++] = round;
        }

        /** The round with the lowest p99: a pause inflates a round, never deflates one. */
        Round calmest() {
            Round best = rounds[0];
            for (int r = 1; r < count; r++) {
                if (rounds[r].p99 < best.p99) {
                    best = rounds[r];
                }
            }
            return best;
        }

        double bestRunningShare() {
            double best = 0;
            for (int r = 0; r < count; r++) {
                best = Math.max(best, rounds[r].running);
            }
            return best;
        }
    }

    /**
     * The measuring thread's clocks. Budgets count its CPU time where the JVM gives it (wall time otherwise), so a
     * busy machine makes a phase slower, not shorter; a wall-time cap still bounds the wait.
     */
    private static final class Clock {
        private final boolean cpuKnown;
        /** What reading the CPU clock itself costs, taken off each compute-timed call. */
        final long cpuReadNanos;

        private Clock(boolean cpuKnown) {
            this.cpuKnown = cpuKnown;
            long least = Long.MAX_VALUE;
            if (cpuKnown) {
                for (int i = 0; i < 64; i++) {
                    long a = THREADS.getCurrentThreadCpuTime();
                    long b = THREADS.getCurrentThreadCpuTime();
                    least = Math.min(least, b - a);
                }
            }
            this.cpuReadNanos = cpuKnown ? Math.max(0, least) : 0;
        }

        static Clock current() {
            boolean known = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
            return new Clock(known && THREADS.getCurrentThreadCpuTime() >= 0);
        }

        boolean knowsCpu() {
            return cpuKnown;
        }

        /** The thread's CPU time in nanoseconds, or the wall clock when the JVM does not give it. */
        long cpu() {
            return cpuKnown ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
        }

        /**
         * Whether a phase that has made {@code calls} calls since the given clock readings makes another: until its
         * budget is spent, or its cap while it has made fewer than {@code leastCalls}.
         */
        boolean goOn(int calls, int leastCalls, long wallStart, long cpuStart) {
            long wall = System.nanoTime() - wallStart;
            if (wall >= PHASE_WALL_CAP_NANOS) {
                return false;
            }
            long spent = cpu() - cpuStart;
            return spent < PHASE_CAP_NANOS && (calls < leastCalls || spent < PHASE_BUDGET_NANOS);
        }
    }
}
