package dev.occam.runtime.recommend;

import java.util.List;

/**
 * A fitted recommender, immutable and thread-safe.
 *
 * <p>The ladder, simplest first: {@link PopularityRecommender} (the most popular items, overall or recently);
 * {@link ItemToItemRecommender} (a sparse item-to-item weight matrix: item-based k nearest neighbours, the
 * P3alpha / RP3beta random walks, and EASE's linear weights); {@link FactorRecommender} (implicit-feedback
 * matrix factorisation). Fitting is in {@code dev.occam.core.recommend}.
 */
public sealed interface Recommender permits PopularityRecommender, ItemToItemRecommender, FactorRecommender {

    /** A recommended item names at most this many seen items as its reasons ("because you bought X, Y and Z"). */
    int MAX_REASONS = 3;

    /** What fitted it: popularity, recent_popularity, item_knn, p3alpha, rp3beta, ease or als. */
    String method();

    /** The catalogue's size: item codes run 0..itemCount−1. */
    int itemCount();

    /**
     * The {@code n} best items the user has not seen, best first, ties broken by the smaller item code. An
     * empty history gives the popularity list, marked {@link Recommendations#popularityFallback()}; when the
     * model has evidence for fewer than {@code n} unseen items, the list is completed from the popularity list
     * and those items are marked {@link RecommendedItem#fromPopularity()}.
     *
     * @throws IllegalArgumentException when {@code n < 1} or the history names an item outside the catalogue
     */
    Recommendations recommend(History history, int n);

    /**
     * The {@code n} items most like {@code item} by the model's own weights, largest first (never the item
     * itself); empty for popularity, which knows no similarity.
     *
     * @throws IllegalArgumentException when the item is outside the catalogue or {@code n < 1}
     */
    List<SimilarItem> similar(int item, int n);

    /** Every stored number (weights, factors, popularity scores). */
    long parameterCount();

    /** The state to write to a file; {@link SavedRecommender#load()} gives an equal recommender back. */
    SavedRecommender saved();

    static void checkCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of items to recommend must be >= 1, got " + n);
        }
    }

    static void checkItem(int item, int itemCount) {
        if (item < 0 || item >= itemCount) {
            throw new IllegalArgumentException("item " + item + " is outside this model's catalogue of " + itemCount
                    + " items (codes 0.." + (itemCount - 1) + ")");
        }
    }
}
