package dev.occam.bench;

import java.util.stream.IntStream;

/**
 * The machine's read bandwidth as a Java loop sees it: sums a 400 MB array of doubles (50 million values, far
 * larger than any cache) with four partial sums, ten times on one thread and ten times split over the cores,
 * and prints each rate and the best. The floor of a fit that reads its design P times is then
 * {@code P × rows × columns × 8 bytes / bandwidth}.
 *
 * <pre>java -Xmx1g -cp ... dev.occam.bench.MemoryBandwidth</pre>
 */
public final class MemoryBandwidth {

    private static final int VALUES = 50_000_000;

    private MemoryBandwidth() {
    }

    public static void main(String[] args) {
        double[] big = new double[VALUES];
        for (int i = 0; i < VALUES; i++) {
            big[i] = i & 1023;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double bestOne = 0;
        double bestAll = 0;
        double check = 0;
        for (int rep = 0; rep < 10; rep++) {
            long start = System.nanoTime();
            check += sum(big, 0, VALUES);
            double one = 8.0 * VALUES / (System.nanoTime() - start);
            start = System.nanoTime();
            int parts = cores;
            check += IntStream.range(0, parts).parallel()
                    .mapToDouble(k -> sum(big, (int) ((long) VALUES * k / parts), (int) ((long) VALUES * (k + 1) / parts)))
                    .sum();
            double all = 8.0 * VALUES / (System.nanoTime() - start);
            System.out.printf("one thread %.1f GB/s, %d threads %.1f GB/s%n", one, cores, all);
            bestOne = Math.max(bestOne, one);
            bestAll = Math.max(bestAll, all);
        }
        System.out.printf("best: one thread %.1f GB/s, %d threads %.1f GB/s (checksum %.0f)%n", bestOne, cores, bestAll,
                check);
    }

    private static double sum(double[] a, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < to; i++) {
            s0 += a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
