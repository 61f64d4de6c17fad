package dev.occam.core.forecast;

import dev.occam.runtime.forecast.Forecaster;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Times the whole ladder on simulated series (not a test: run by hand, see docs/forecasting.md for the figures):
 * {@code java -cp ... dev.occam.core.forecast.ForecastLadderBenchmark [series] [length] [period]}. Each series is a
 * level with a random-walk slope, a season of period m (when m > 1) and noise, seeded. Prints wall time on all cores
 * and the CPU time each method took, summed over threads (the figure that does not depend on the machine's load).
 */
public final class ForecastLadderBenchmark {

    private ForecastLadderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int length = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int period = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        List<TimeSeries> series = simulate(count, length, period, 42);
        int threads = Runtime.getRuntime().availableProcessors();
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        ForecastLadder.Method[] methods = ForecastLadder.Method.values();
        AtomicLongArray cpu = new AtomicLongArray(methods.length);
        AtomicLongArray failures = new AtomicLongArray(methods.length);
        // warm the JIT on a few series first, so the figures are for steady running
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        for (TimeSeries s : simulate(warmup, length, period, 7)) {
            ForecastLadder.fit(s);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> jobs = new ArrayList<>();
        for (TimeSeries s : series) {
            jobs.add(pool.submit(() -> {
                for (ForecastLadder.Method m : methods) {
                    if (!m.appliesTo(s)) {
                        continue;
                    }
                    long c0 = bean.getCurrentThreadCpuTime();
                    try {
                        Forecaster f = m.fit(s);
                        f.forecast(2 * Math.max(period, 5));
                    } catch (IllegalArgumentException e) {
                        failures.incrementAndGet(m.ordinal());
                    }
                    cpu.addAndGet(m.ordinal(), bean.getCurrentThreadCpuTime() - c0);
                }
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Map<ForecastLadder.Method, Double> seconds = new EnumMap<>(ForecastLadder.Method.class);
        double total = 0;
        for (ForecastLadder.Method m : methods) {
            seconds.put(m, cpu.get(m.ordinal()) / 1e9);
            total += cpu.get(m.ordinal()) / 1e9;
        }
        System.out.printf(Locale.ROOT, "%d series of %d values, period %d, %d threads: wall %.1f s, CPU %.1f s%n",
                count, length, period, threads, wall, total);
        for (ForecastLadder.Method m : methods) {
            System.out.printf(Locale.ROOT, "  %-15s CPU %7.2f s  (%.2f ms per series, %d not fitted)%n", m.id(),
                    seconds.get(m), 1000 * seconds.get(m) / count, failures.get(m.ordinal()));
        }
    }

    static List<TimeSeries> simulate(int count, int length, int period, long seed) {
        Random rng = new Random(seed);
        List<TimeSeries> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            double level = 100 + 50 * rng.nextDouble();
            double slope = rng.nextGaussian() * 0.2;
            double amplitude = period > 1 ? 5 + 10 * rng.nextDouble() : 0;
            double noise = 1 + 3 * rng.nextDouble();
            double[] season = new double[Math.max(period, 1)];
            for (int k = 0; k < period && period > 1; k++) {
                season[k] = amplitude * Math.sin(2 * Math.PI * k / period);
            }
            double[] y = new double[length];
            for (int t = 0; t < length; t++) {
                slope += 0.02 * rng.nextGaussian();
                level += slope;
                double effect = 0;
                if (period > 1) {
                    // each season's effect drifts a little from year to year, as in real data
                    season[t % period] += 0.1 * amplitude * rng.nextGaussian();
                    effect = season[t % period];
                }
                y[t] = level + effect + noise * rng.nextGaussian();
            }
            out.add(new TimeSeries(y, period));
        }
        return out;
    }
}
