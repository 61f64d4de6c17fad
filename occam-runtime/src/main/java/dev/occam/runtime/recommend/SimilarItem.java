package dev.occam.runtime.recommend;

/**
 * An item like another one, with the recommender's weight from the one to the other (cosine similarity,
 * random-walk probability, regression weight, or factor cosine).
 */
public record SimilarItem(int item, double weight) {
}
