package dev.occam.runtime.recommend;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A recommender's state as a small record that Jackson writes and reads: {@code kind} says which, the rest are
 * the record's components. Item-to-item weights are stored sparsely (each item's kept neighbours).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PopularityRecommender.Saved.class, name = "popularity"),
    @JsonSubTypes.Type(value = ItemToItemRecommender.Saved.class, name = "item_to_item"),
    @JsonSubTypes.Type(value = FactorRecommender.Saved.class, name = "factors")})
public sealed interface SavedRecommender
        permits PopularityRecommender.Saved, ItemToItemRecommender.Saved, FactorRecommender.Saved {

    /** The recommender this state describes. @throws IllegalArgumentException naming what is inconsistent */
    Recommender load();
}
