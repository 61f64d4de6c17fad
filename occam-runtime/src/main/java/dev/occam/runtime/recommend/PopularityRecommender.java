package dev.occam.runtime.recommend;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The most popular items the user has not seen: the baseline every other recommender must beat, and the list
 * every recommender gives a user with no history. Popularity is the number of users who interacted with the
 * item ({@code popularity}), or, when the interactions have times, a count in which each interaction's weight
 * halves every half-life before the latest time ({@code recent_popularity}). Stores only the items with a
 * positive score, ranked.
 */
public final class PopularityRecommender implements Recommender {

    private final String method;
    private final int itemCount;
    private final int[] ranked;
    private final double[] scores;

    /**
     * @param method {@code popularity} or {@code recent_popularity}
     * @param itemCount the catalogue's size
     * @param scores a popularity per item code (finite, >= 0), {@code itemCount} of them; copied
     */
    public static PopularityRecommender of(String method, int itemCount, double[] scores) {
        if (scores.length != itemCount) {
            throw new IllegalArgumentException("popularity needs one score per item: " + itemCount + " items, "
                    + scores.length + " scores");
        }
        int[] ranked = IntStream.range(0, itemCount).filter(i -> scores[i] > 0).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        double[] rankedScores = new double[ranked.length];
        for (int k = 0; k < ranked.length; k++) {
            rankedScores[k] = scores[ranked[k]];
        }
        return new PopularityRecommender(method, itemCount, ranked, rankedScores);
    }

    private PopularityRecommender(String method, int itemCount, int[] ranked, double[] scores) {
        if (!method.equals("popularity") && !method.equals("recent_popularity")) {
            throw new IllegalArgumentException("a popularity method is popularity or recent_popularity, got '" + method + "'");
        }
        if (itemCount < 1) {
            throw new IllegalArgumentException("the catalogue must have at least 1 item, got " + itemCount);
        }
        if (ranked.length != scores.length) {
            throw new IllegalArgumentException("popularity needs one score per ranked item: " + ranked.length + " items, "
                    + scores.length + " scores");
        }
        for (int k = 0; k < ranked.length; k++) {
            Recommender.checkItem(ranked[k], itemCount);
            if (!(scores[k] >= 0) || Double.isInfinite(scores[k])) {
                throw new IllegalArgumentException("the popularity of item " + ranked[k] + " must be finite and >= 0, got " + scores[k]);
            }
            if (k > 0 && scores[k] > scores[k - 1]) {
                throw new IllegalArgumentException("popularity scores must be ranked, largest first: item " + ranked[k]
                        + " has " + scores[k] + " after " + scores[k - 1]);
            }
        }
        this.method = method;
        this.itemCount = itemCount;
        this.ranked = ranked;
        this.scores = scores;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public int itemCount() {
        return itemCount;
    }

    @Override
    public Recommendations recommend(History history, int n) {
        Recommender.checkCount(n);
        boolean[] seen = history.seenAmong(itemCount);
        return new Recommendations(method, fill(seen, new boolean[itemCount], n), history.isEmpty());
    }

    /**
     * Up to {@code n} popular items that are neither seen nor already listed, then, when the popular items run
     * out, the remaining items by code (score 0), so a list is short only when the catalogue is.
     */
    List<RecommendedItem> fill(boolean[] seen, boolean[] listed, int n) {
        List<RecommendedItem> out = new ArrayList<>(Math.min(n, itemCount));
        for (int k = 0; k < ranked.length && out.size() < n; k++) {
            int item = ranked[k];
            if (!seen[item] && !listed[item]) {
                out.add(new RecommendedItem(item, scores[k], List.of(), true));
            }
        }
        if (out.size() < n) {
            boolean[] ranks = new boolean[itemCount];
            for (int item : ranked) {
                ranks[item] = true;
            }
            for (int item = 0; item < itemCount && out.size() < n; item++) {
                if (!ranks[item] && !seen[item] && !listed[item]) {
                    out.add(new RecommendedItem(item, 0.0, List.of(), true));
                }
            }
        }
        return out;
    }

    /** Popularity knows no similarity between items: always empty. */
    @Override
    public List<SimilarItem> similar(int item, int n) {
        Recommender.checkItem(item, itemCount);
        Recommender.checkCount(n);
        return List.of();
    }

    @Override
    public long parameterCount() {
        return ranked.length;
    }

    @Override
    public Saved saved() {
        return new Saved(method, itemCount, ranked.clone(), scores.clone());
    }

    @Override
    public String toString() {
        return method + " over " + itemCount + " items (" + ranked.length + " ever seen)";
    }

    /**
     * @param items the items with a positive popularity, most popular first
     * @param scores their popularity
     */
    public record Saved(String method, @JsonProperty("item_count") int itemCount, int[] items, double[] scores)
            implements SavedRecommender {

        @Override
        public PopularityRecommender load() {
            return new PopularityRecommender(method, itemCount, items.clone(), scores.clone());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Saved s && method.equals(s.method) && itemCount == s.itemCount
                    && Arrays.equals(items, s.items) && Arrays.equals(scores, s.scores);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(items);
        }
    }
}
