package dev.occam.runtime.recommend;

import java.util.List;

/**
 * One recommended item.
 *
 * @param item the item's code
 * @param score the recommender's score (comparable within one list only; for a popularity item, its popularity)
 * @param because the seen items that contributed most to the score, largest contribution first (at most
 *     {@link Recommender#MAX_REASONS}); empty for popularity items
 * @param fromPopularity true when the item comes from the popularity list (the user is unknown, or the model
 *     had fewer than N items with evidence for them)
 */
public record RecommendedItem(int item, double score, List<Integer> because, boolean fromPopularity) {

    public RecommendedItem {
        because = List.copyOf(because);
    }
}
