package dev.occam.core.segment;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means on prepared rows: k-means++ seeding (Arthur &amp; Vassilvitskii 2007, "k-means++: the advantages of careful
 * seeding", SODA), Lloyd iterations to a fixed point, then Hartigan's single-row transfers (Hartigan &amp; Wong 1979,
 * "Algorithm AS 136"): a row moves to another cluster when that lowers the within-cluster sum of squares, with the
 * exact change {@code n_b/(n_b+1) |x-c_b|^2 - n_a/(n_a-1) |x-c_a|^2}, until no move helps. This reaches a local
 * optimum at least as good as Lloyd's (every Hartigan fixed point is a Lloyd fixed point, not conversely).
 * The best of {@code restarts} seeded starts (least within sum of squares) is kept.
 *
 * <p>Reproducible: restart r draws from {@code new SplittableRandom(seed)} split r times, so the same seed and
 * data give the same clusters. An empty cluster after a Lloyd step is re-seeded at the row farthest from its centre.
 */
public final class KMeans {

    /**
     * @param k number of clusters, at least 1
     * @param restarts seeded starts to try, at least 1 (R's {@code nstart})
     * @param maxIterations most Lloyd iterations per start
     * @param seed the random seed
     */
    public record Options(int k, int restarts, int maxIterations, long seed) {
        public Options {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1: " + k);
            }
            if (restarts < 1) {
                throw new IllegalArgumentException("restarts must be >= 1: " + restarts);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1: " + maxIterations);
            }
        }

        /** k clusters, 10 restarts, 100 iterations, seed 42. */
        public static Options of(int k) {
            return new Options(k, 10, 100, 42);
        }

        public Options withK(int value) {
            return new Options(value, restarts, maxIterations, seed);
        }

        public Options withRestarts(int value) {
            return new Options(k, value, maxIterations, seed);
        }

        public Options withSeed(long value) {
            return new Options(k, restarts, maxIterations, value);
        }
    }

    /**
     * @param centres the cluster means
     * @param labels each row's cluster, 0..k-1
     * @param sizes rows per cluster
     * @param withinSumOfSquares total squared distance of rows to their centre (R's {@code tot.withinss})
     * @param converged whether the best start reached a fixed point within the iteration limit
     */
    public record Result(double[][] centres, int[] labels, int[] sizes, double withinSumOfSquares, boolean converged) {
        public int k() {
            return centres.length;
        }
    }

    private KMeans() {
    }

    /** @throws IllegalArgumentException when there are fewer distinct rows than k is asked for, or a value is not finite */
    public static Result fit(double[][] x, Options options) {
        int n = x.length;
        if (n < options.k()) {
            throw new IllegalArgumentException("k-means needs at least k = " + options.k() + " rows, got " + n);
        }
        for (int i = 0; i < n; i++) {
            for (double v : x[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("k-means needs finite values; row " + i + " has " + v);
                }
            }
        }
        SplittableRandom root = new SplittableRandom(options.seed());
        Result best = null;
        for (int r = 0; r < options.restarts(); r++) {
            Result result = fitOnce(x, options.k(), options.maxIterations(), root.split());
            if (best == null || result.withinSumOfSquares() < best.withinSumOfSquares() - 1e-12 * Math.abs(best.withinSumOfSquares())) {
                best = result;
            }
        }
        return best;
    }

    /** k-means++: the first centre uniformly, each next one with probability proportional to D(x)^2. */
    static double[][] seedPlusPlus(double[][] x, int k, SplittableRandom random) {
        int n = x.length;
        double[][] centres = new double[k][];
        centres[0] = x[random.nextInt(n)].clone();
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            d2[i] = squaredDistance(x[i], centres[0]);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double v : d2) {
                total += v;
            }
            int pick;
            if (total <= 0) {
                pick = random.nextInt(n); // every row sits on a centre already
            } else {
                double u = random.nextDouble() * total;
                pick = n - 1;
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += d2[i];
                    if (acc > u) {
                        pick = i;
                        break;
                    }
                }
            }
            centres[c] = x[pick].clone();
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], squaredDistance(x[i], centres[c]));
            }
        }
        return centres;
    }

    private static Result fitOnce(double[][] x, int k, int maxIterations, SplittableRandom random) {
        int n = x.length;
        int d = x[0].length;
        double[][] centres = seedPlusPlus(x, k, random);
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        int[] sizes = new int[k];
        boolean converged = false;
        for (int it = 0; it < maxIterations; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int nearest = nearest(x[i], centres);
                if (nearest != labels[i]) {
                    labels[i] = nearest;
                    changed = true;
                }
            }
            if (!changed) {
                converged = true;
                break;
            }
            recompute(x, labels, centres, sizes);
            for (int c = 0; c < k; c++) {
                if (sizes[c] == 0) {
                    int far = farthest(x, labels, centres);
                    centres[c] = x[far].clone();
                    labels[far] = c;
                    recompute(x, labels, centres, sizes);
                }
            }
        }
        recompute(x, labels, centres, sizes);
        hartiganTransfers(x, labels, centres, sizes, d);
        double within = 0;
        for (int i = 0; i < n; i++) {
            within += squaredDistance(x[i], centres[labels[i]]);
        }
        return new Result(centres, labels, sizes, within, converged);
    }

    /** Moves single rows while a move lowers the within sum of squares; centres are updated exactly after each move. */
    private static void hartiganTransfers(double[][] x, int[] labels, double[][] centres, int[] sizes, int d) {
        int n = x.length;
        int k = centres.length;
        boolean moved = true;
        for (int pass = 0; moved && pass < 100; pass++) {
            moved = false;
            for (int i = 0; i < n; i++) {
                int a = labels[i];
                if (sizes[a] <= 1) {
                    continue;
                }
                double removal = sizes[a] / (sizes[a] - 1.0) * squaredDistance(x[i], centres[a]);
                int bestB = -1;
                double bestAdd = removal;
                for (int b = 0; b < k; b++) {
                    if (b == a) {
                        continue;
                    }
                    double add = sizes[b] / (sizes[b] + 1.0) * squaredDistance(x[i], centres[b]);
                    if (add < bestAdd * (1 - 1e-12)) {
                        bestAdd = add;
                        bestB = b;
                    }
                }
                if (bestB >= 0) {
                    for (int j = 0; j < d; j++) {
                        centres[a][j] = (centres[a][j] * sizes[a] - x[i][j]) / (sizes[a] - 1);
                        centres[bestB][j] = (centres[bestB][j] * sizes[bestB] + x[i][j]) / (sizes[bestB] + 1);
                    }
                    sizes[a]--;
                    sizes[bestB]++;
                    labels[i] = bestB;
                    moved = true;
                }
            }
        }
        recompute(x, labels, centres, sizes); // exact means, free of the incremental updates' rounding
    }

    static void recompute(double[][] x, int[] labels, double[][] centres, int[] sizes) {
        int d = x[0].length;
        Arrays.fill(sizes, 0);
        double[][] sums = new double[centres.length][d];
        for (int i = 0; i < x.length; i++) {
            sizes[labels[i]]++;
            for (int j = 0; j < d; j++) {
                sums[labels[i]][j] += x[i][j];
            }
        }
        for (int c = 0; c < centres.length; c++) {
            if (sizes[c] > 0) {
                for (int j = 0; j < d; j++) {
                    centres[c][j] = sums[c][j] / sizes[c];
                }
            }
        }
    }

    private static int farthest(double[][] x, int[] labels, double[][] centres) {
        int far = 0;
        double farD = -1;
        for (int i = 0; i < x.length; i++) {
            double v = squaredDistance(x[i], centres[labels[i]]);
            if (v > farD) {
                farD = v;
                far = i;
            }
        }
        return far;
    }

    static int nearest(double[] row, double[][] centres) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double v = squaredDistance(row, centres[c]);
            if (v < bestD) {
                bestD = v;
                best = c;
            }
        }
        return best;
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            s += diff * diff;
        }
        return s;
    }
}
