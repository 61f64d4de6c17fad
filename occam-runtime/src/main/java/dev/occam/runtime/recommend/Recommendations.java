package dev.occam.runtime.recommend;

import java.util.List;

/**
 * A top-N list, best first. It never holds an item of the user's history.
 *
 * @param method the recommender that made it ({@link Recommender#method()})
 * @param items best first; fewer than N only when the catalogue has fewer unseen items
 * @param popularityFallback true when the user had no history, so the list is the popularity list
 */
public record Recommendations(String method, List<RecommendedItem> items, boolean popularityFallback) {

    public Recommendations {
        items = List.copyOf(items);
    }

    /** The item codes, best first. */
    public int[] itemCodes() {
        return items.stream().mapToInt(RecommendedItem::item).toArray();
    }
}
