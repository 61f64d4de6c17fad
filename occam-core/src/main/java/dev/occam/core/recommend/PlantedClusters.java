package dev.occam.core.recommend;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Synthetic interactions with a known structure, for tests and benchmarks: the items fall into
 * {@code clusters} groups (item i in group {@code i % clusters}); each user likes one group and draws most of
 * their items from it, the rest from the whole catalogue. Within either, items are drawn by a long-tailed
 * popularity ({@code 1 / (rank + 5)^0.8} over a seeded random ranking), so the popularity list is a fair
 * baseline. Each user's interactions come in order at increasing times. A pure function of its arguments.
 *
 * @param users the number of users, >= 1
 * @param items the number of items, >= clusters
 * @param clusters the number of item groups, >= 1
 * @param meanInteractions the mean number of distinct items per user (log-normal spread, at least 3)
 * @param offCluster the share of a user's draws from the whole catalogue, in [0, 1]
 */
public record PlantedClusters(int users, int items, int clusters, int meanInteractions, double offCluster, long seed) {

    public PlantedClusters {
        if (users < 1 || clusters < 1 || items < clusters) {
            throw new IllegalArgumentException("need users >= 1, clusters >= 1 and items >= clusters; got " + users + " users, "
                    + items + " items, " + clusters + " clusters");
        }
        if (meanInteractions < 3) {
            throw new IllegalArgumentException("mean_interactions must be >= 3, got " + meanInteractions);
        }
        if (!(offCluster >= 0 && offCluster <= 1)) {
            throw new IllegalArgumentException("off_cluster must be in [0, 1], got " + offCluster);
        }
    }

    /** The interactions (weight 1, with times) and each item's group. */
    public record Data(InteractionMatrix interactions, int[] clusterOf) {
    }

    public Data generate() {
        SplittableRandom random = new SplittableRandom(seed);
        int[] rank = new int[items];
        for (int i = 0; i < items; i++) {
            rank[i] = i;
        }
        for (int i = items - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = rank[i];
            rank[i] = rank[j];
            rank[j] = t;
        }
        double[] weight = new double[items];
        int[] clusterOf = new int[items];
        for (int i = 0; i < items; i++) {
            weight[i] = Math.pow(rank[i] + 5, -0.8);
            clusterOf[i] = i % clusters;
        }
        double[] all = cumulative(weight, null, -1);
        double[][] byCluster = new double[clusters][];
        for (int c = 0; c < clusters; c++) {
            byCluster[c] = cumulative(weight, clusterOf, c);
        }
        int clusterSize = items / clusters;
        int capacity = users * Math.max(4, 3 * meanInteractions);
        int[] userCodes = new int[capacity];
        int[] itemCodes = new int[capacity];
        long[] times = new long[capacity];
        int n = 0;
        boolean[] taken = new boolean[items];
        int[] mine = new int[items];
        for (int u = 0; u < users; u++) {
            int liked = random.nextInt(clusters);
            int count = (int) Math.round(meanInteractions * Math.exp(0.5 * random.nextGaussian() - 0.125));
            count = Math.max(3, Math.min(count, Math.min(clusterSize, 3 * meanInteractions)));
            long start = random.nextLong(1_000_000L);
            int got = 0;
            for (int tries = 0; got < count && tries < 50 * count; tries++) {
                int item = random.nextDouble() < offCluster ? draw(all, random) : draw(byCluster[liked], random);
                if (taken[item]) {
                    continue;
                }
                taken[item] = true;
                mine[got] = item;
                userCodes[n] = u;
                itemCodes[n] = item;
                times[n] = start + 100L * got + random.nextInt(50);
                n++;
                got++;
            }
            for (int k = 0; k < got; k++) {
                taken[mine[k]] = false;
            }
        }
        InteractionMatrix matrix = InteractionMatrix.of(users, items, Arrays.copyOf(userCodes, n), Arrays.copyOf(itemCodes, n),
                null, Arrays.copyOf(times, n));
        return new Data(matrix, clusterOf);
    }

    /** Cumulative weights over the items of cluster {@code c} (all items when clusterOf is null); others add 0. */
    private static double[] cumulative(double[] weight, int[] clusterOf, int c) {
        double[] cum = new double[weight.length];
        double s = 0;
        for (int i = 0; i < weight.length; i++) {
            if (clusterOf == null || clusterOf[i] == c) {
                s += weight[i];
            }
            cum[i] = s;
        }
        return cum;
    }

    private static int draw(double[] cumulative, SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
