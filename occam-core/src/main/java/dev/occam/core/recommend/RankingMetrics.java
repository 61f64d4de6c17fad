package dev.occam.core.recommend;

import java.util.Arrays;

/**
 * Top-K metrics of one user's list against the user's held-out items (binary relevance: an item is relevant
 * when it was held out). {@code ranked} is the list, best first; {@code relevant} the held-out items,
 * ascending and distinct. With {@code hit_r = 1} when the item at rank r (1-based) is relevant:
 * <ul>
 *   <li>NDCG@K = DCG@K / IDCG@K, {@code DCG@K = Σ_{r≤K} hit_r / log2(r + 1)}, IDCG@K the DCG of a perfect list,
 *       {@code Σ_{r ≤ min(K, |T|)} 1 / log2(r + 1)} (Järvelin &amp; Kekäläinen, "Cumulated gain-based evaluation
 *       of IR techniques", ACM TOIS 20(4), 2002);</li>
 *   <li>recall@K = hits in the top K / |T| (Cremonesi, Koren &amp; Turrin, "Performance of recommender
 *       algorithms on top-N recommendation tasks", RecSys 2010);</li>
 *   <li>AP@K = {@code Σ_{r≤K} precision@r · hit_r / min(K, |T|)}, averaged over users to MAP@K (Manning,
 *       Raghavan &amp; Schütze, "Introduction to Information Retrieval", 2008, §8.4, truncated at K and
 *       normalised by min(K, |T|) so that a perfect list scores 1).</li>
 * </ul>
 * Each is in [0, 1]; a list shorter than K counts its missing places as misses.
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    public static double ndcg(int[] ranked, int[] relevant, int k) {
        check(relevant, k);
        double dcg = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
                dcg += 1 / log2(r + 2);
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(k, relevant.length); r++) {
            ideal += 1 / log2(r + 2);
        }
        return dcg / ideal;
    }

    public static double recall(int[] ranked, int[] relevant, int k) {
        check(relevant, k);
        return (double) hits(ranked, relevant, k) / relevant.length;
    }

    public static double averagePrecision(int[] ranked, int[] relevant, int k) {
        check(relevant, k);
        double sum = 0;
        int hits = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
                hits++;
                sum += (double) hits / (r + 1);
            }
        }
        return sum / Math.min(k, relevant.length);
    }

    static int hits(int[] ranked, int[] relevant, int k) {
        int hits = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
                hits++;
            }
        }
        return hits;
    }

    private static void check(int[] relevant, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be >= 1, got " + k);
        }
        if (relevant.length == 0) {
            throw new IllegalArgumentException("a user without held-out items cannot be scored");
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
