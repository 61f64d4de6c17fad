package dev.occam.core.segment;

import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/**
 * The mean silhouette width of a partition (Rousseeuw 1987, "Silhouettes: a graphical aid to the interpretation
 * and validation of cluster analysis", J. Comput. Appl. Math. 20:53-65): for each row, {@code (b - a) / max(a, b)}
 * with {@code a} its mean distance to the rest of its cluster and {@code b} the least mean distance to another
 * cluster; 0 for a row alone in its cluster (as R's {@code cluster::silhouette}). Kaufman &amp; Rousseeuw (1990)
 * read a mean above 0.5 as reasonable structure and below 0.25 as no substantial structure.
 *
 * <p>Distances are Euclidean on the prepared rows, or any given dissimilarity. The cost is quadratic in rows,
 * so above {@code maxRows} a seeded random sample of that many rows is measured (its rows still compare with
 * one another only).
 */
public final class Silhouette {

    private Silhouette() {
    }

    /** Mean silhouette with Euclidean distance, on at most {@code maxRows} rows. NaN with fewer than 2 clusters. */
    public static double mean(double[][] x, int[] labels, int maxRows, long seed) {
        return mean(x.length, labels, (i, j) -> Math.sqrt(KMeans.squaredDistance(x[i], x[j])), maxRows, seed);
    }

    /** Mean silhouette for a dissimilarity given between row indices. */
    public static double mean(int n, int[] labels, ToDoubleBiFunction<Integer, Integer> distance, int maxRows, long seed) {
        if (labels.length != n) {
            throw new IllegalArgumentException("labels: " + labels.length + " for " + n + " rows");
        }
        if (maxRows < 2) {
            throw new IllegalArgumentException("maxRows must be >= 2: " + maxRows);
        }
        int[] rows = sample(n, maxRows, seed);
        int k = 0;
        for (int i : rows) {
            k = Math.max(k, labels[i] + 1);
        }
        int[] sizes = new int[k];
        for (int i : rows) {
            sizes[labels[i]]++;
        }
        int nonEmpty = 0;
        for (int s : sizes) {
            nonEmpty += s > 0 ? 1 : 0;
        }
        if (nonEmpty < 2) {
            return Double.NaN;
        }
        double total = 0;
        double[] sum = new double[k];
        for (int i : rows) {
            java.util.Arrays.fill(sum, 0);
            for (int j : rows) {
                if (j != i) {
                    sum[labels[j]] += distance.applyAsDouble(i, j);
                }
            }
            int own = labels[i];
            if (sizes[own] <= 1) {
                continue; // silhouette 0
            }
            double a = sum[own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    b = Math.min(b, sum[c] / sizes[c]);
                }
            }
            double m = Math.max(a, b);
            total += m == 0 ? 0 : (b - a) / m;
        }
        return total / rows.length;
    }

    /** All rows, or a seeded sample of {@code max} without replacement (partial Fisher-Yates), sorted. */
    static int[] sample(int n, int max, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= max) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(all, max);
        java.util.Arrays.sort(out);
        return out;
    }
}
