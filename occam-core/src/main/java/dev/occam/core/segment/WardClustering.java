package dev.occam.core.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ward's hierarchical agglomeration (Ward 1963), which is the model-based agglomeration of the spherical
 * equal-volume Gaussian model EII (Fraley 1998, "Algorithms for model-based Gaussian hierarchical clustering",
 * SIAM J. Sci. Comput. 20:270-281: each merge is the one that least lowers the classification likelihood, which for
 * EII is the least increase in the within sum of squares). Used to start EM the way mclust does, from a hierarchical
 * partition cut at each number of components. Computed by the nearest-neighbour chain (Ward's criterion is
 * reducible, so the chain finds the same merges as the greedy order) on a full distance matrix: quadratic memory,
 * so above {@code maxRows} a seeded sample is clustered and the other rows join the nearest cluster mean.
 */
final class WardClustering {

    private final int n;
    private final int[][] merges; // in increasing height: [a, b] point indices representing the two clusters

    private WardClustering(int n, int[][] merges) {
        this.n = n;
        this.merges = merges;
    }

    static WardClustering of(double[][] x) {
        int n = x.length;
        double[][] dist = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double v = KMeans.squaredDistance(x[i], x[j]);
                dist[i][j] = v;
                dist[j][i] = v;
            }
        }
        int[] size = new int[n];
        Arrays.fill(size, 1);
        boolean[] active = new boolean[n];
        Arrays.fill(active, true);
        int[] chain = new int[n];
        int chainLength = 0;
        List<double[]> found = new ArrayList<>();
        int remaining = n;
        while (remaining > 1) {
            if (chainLength == 0) {
                for (int i = 0; i < n; i++) {
                    if (active[i]) {
                        chain[chainLength++] = i;
                        break;
                    }
                }
            }
            int a = chain[chainLength - 1];
            int previous = chainLength >= 2 ? chain[chainLength - 2] : -1;
            int b = previous;
            double best = previous >= 0 ? dist[a][previous] : Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (active[j] && j != a && dist[a][j] < best) {
                    best = dist[a][j];
                    b = j;
                }
            }
            if (b == previous) {
                chainLength -= 2;
                int keep = Math.min(a, b);
                int drop = Math.max(a, b);
                found.add(new double[] {best, keep, drop});
                // Lance-Williams update for Ward on squared Euclidean distances.
                for (int k = 0; k < n; k++) {
                    if (active[k] && k != keep && k != drop) {
                        double total = size[keep] + size[drop] + size[k];
                        double v = ((size[keep] + size[k]) * dist[keep][k] + (size[drop] + size[k]) * dist[drop][k]
                                - size[k] * dist[keep][drop]) / total;
                        dist[keep][k] = v;
                        dist[k][keep] = v;
                    }
                }
                size[keep] += size[drop];
                active[drop] = false;
                remaining--;
            } else {
                chain[chainLength++] = b;
            }
        }
        found.sort((p, q) -> Double.compare(p[0], q[0]));
        int[][] merges = new int[found.size()][];
        for (int m = 0; m < merges.length; m++) {
            merges[m] = new int[] {(int) found.get(m)[1], (int) found.get(m)[2]};
        }
        return new WardClustering(n, merges);
    }

    /** The partition into g clusters, labels 0..g-1 in order of each cluster's first row. */
    int[] cut(int g) {
        if (g < 1 || g > n) {
            throw new IllegalArgumentException("cannot cut " + n + " rows into " + g + " clusters");
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int m = 0; m < n - g; m++) {
            int ra = find(parent, merges[m][0]);
            int rb = find(parent, merges[m][1]);
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
        int[] labels = new int[n];
        int[] code = new int[n];
        Arrays.fill(code, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (code[r] < 0) {
                code[r] = next++;
            }
            labels[i] = code[r];
        }
        return labels;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * Partitions of all rows into 1..maxG clusters (index g - 1): Ward on at most {@code maxRows} rows (a seeded
     * sample above that), the other rows joining the nearest cluster mean of the sample's partition.
     */
    static int[][] partitions(double[][] x, int maxG, int maxRows, long seed) {
        int[] rows = Silhouette.sample(x.length, maxRows, seed);
        double[][] sample = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            sample[i] = x[rows[i]];
        }
        WardClustering ward = of(sample);
        int top = Math.min(maxG, rows.length);
        int[][] out = new int[top][];
        for (int g = 1; g <= top; g++) {
            int[] sampleLabels = ward.cut(g);
            if (rows.length == x.length) {
                out[g - 1] = sampleLabels;
                continue;
            }
            double[][] centres = new double[g][x[0].length];
            KMeans.recompute(sample, sampleLabels, centres, new int[g]);
            int[] labels = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                labels[i] = KMeans.nearest(x[i], centres);
            }
            for (int i = 0; i < rows.length; i++) {
                labels[rows[i]] = sampleLabels[i];
            }
            out[g - 1] = labels;
        }
        return out;
    }
}
