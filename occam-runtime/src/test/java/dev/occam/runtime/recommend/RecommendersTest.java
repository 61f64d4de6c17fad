package dev.occam.runtime.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made recommenders whose answers can be worked out on paper. */
class RecommendersTest {

    // 5 items; popularity 4, 1, 3, 0, 2 -> ranked 0, 2, 4, 1 (item 3 never seen)
    private static final PopularityRecommender POPULARITY = PopularityRecommender.of("popularity", 5, new double[] {4, 1, 3, 0, 2});

    // 0 -> {1: 0.9, 2: 0.5}; 1 -> {0: 0.9, 3: -0.4}; 2 -> {}; 3 -> {4: 0.2}; 4 -> {3: 0.7}
    private static final ItemToItemRecommender WEIGHTS = new ItemToItemRecommender("ease", 5, new int[] {0, 2, 4, 4, 5, 6},
            new int[] {2, 1, 3, 0, 4, 3}, new double[] {0.5, 0.9, -0.4, 0.9, 0.2, 0.7}, POPULARITY);

    @Test
    void recommend_itemToItem_sumsWeightsAndNamesTheLargestContributions() {
        // seen 0 (weight 1) and 4 (weight 2): item 1 gets 0.9, item 2 0.5, item 3 2 * 0.7 = 1.4
        Recommendations list = WEIGHTS.recommend(new History(new int[] {0, 4}, new double[] {1, 2}), 4);
        assertArrayEquals(new int[] {3, 1, 2}, list.itemCodes(), "only 3 unseen items");
        assertEquals(1.4, list.items().get(0).score(), 1e-15);
        assertEquals(List.of(4), list.items().get(0).because());
        assertEquals(List.of(0), list.items().get(1).because());
        assertFalse(list.popularityFallback());
        // seen 3: only item 4 has evidence (0.2); the rest of the list is the most popular unseen items, marked
        Recommendations filled = WEIGHTS.recommend(History.of(3), 3);
        assertArrayEquals(new int[] {4, 0, 2}, filled.itemCodes());
        assertFalse(filled.items().get(0).fromPopularity());
        assertEquals(List.of(3), filled.items().get(0).because());
        assertTrue(filled.items().get(1).fromPopularity());
        assertTrue(filled.items().get(1).because().isEmpty());
        assertFalse(filled.popularityFallback());
        assertEquals(List.of(new SimilarItem(1, 0.9), new SimilarItem(2, 0.5)), WEIGHTS.similar(0, 5));
        assertEquals(List.of(new SimilarItem(0, 0.9)), WEIGHTS.similar(1, 5), "negative weights are not similarity");
        assertEquals(-0.4, WEIGHTS.weight(1, 3), 0.0);
        assertEquals(0.0, WEIGHTS.weight(2, 3), 0.0);
    }

    @Test
    void recommend_emptyHistory_isThePopularityListMarked() {
        Recommendations list = WEIGHTS.recommend(History.EMPTY, 3);
        assertTrue(list.popularityFallback());
        assertArrayEquals(new int[] {0, 2, 4}, list.itemCodes());
        assertTrue(list.items().stream().allMatch(RecommendedItem::fromPopularity));
    }

    @Test
    void recommend_popularity_skipsSeenThenCompletesWithUnseenItems() {
        Recommendations list = POPULARITY.recommend(History.of(0, 4), 5);
        assertArrayEquals(new int[] {2, 1, 3}, list.itemCodes()); // item 3 (never seen) last, score 0
        assertEquals(0.0, list.items().get(2).score(), 0.0);
        assertTrue(POPULARITY.similar(0, 3).isEmpty());
    }

    @Test
    void recommend_badInput_namesTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WEIGHTS.recommend(History.of(7), 3));
        assertEquals("item 7 is outside this model's catalogue of 5 items (codes 0..4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WEIGHTS.recommend(History.of(1), 0));
        assertEquals("the number of items to recommend must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> History.of(2, 3, 2));
        assertEquals("item 2 appears twice in the history; add its weights into one entry", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new History(new int[] {1}, new double[] {-1}));
        assertEquals("the weight of item 1 must be finite and > 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ItemToItemRecommender("ease", 2, new int[] {0, 1, 1},
                new int[] {0}, new double[] {1}, PopularityRecommender.of("popularity", 2, new double[] {1, 1})));
        assertEquals("item 0 lists item 0 as its own neighbour", e.getMessage());
    }

    @Test
    void toJson_eachKind_readsBackEqual() {
        FactorRecommender factors = new FactorRecommender(5, 2, 0.5, 3.0,
                new double[] {0.1, 0.2, -0.3, 0.4, 0.5, -0.1, 0.0, 0.0, 0.25, 0.125}, POPULARITY);
        for (Recommender r : List.of(POPULARITY, WEIGHTS, factors)) {
            String json = Recommenders.toJson(r);
            Recommender read = Recommenders.fromJson(json);
            assertEquals(r.saved(), read.saved());
            assertEquals(r.recommend(History.of(1), 4), read.recommend(History.of(1), 4));
            assertEquals(r.recommend(History.EMPTY, 4), read.recommend(History.EMPTY, 4));
        }
        assertTrue(Recommenders.toJson(WEIGHTS).contains("\"kind\":\"item_to_item\""), Recommenders.toJson(WEIGHTS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recommenders.fromJson("{\"kind\":\"tree\"}"));
        assertTrue(e.getMessage().startsWith("not a saved recommender"), e.getMessage());
    }

    @Test
    void select_ties_goToTheSmallerItem() {
        double[] scores = {1, 3, 3, 2, 3};
        assertArrayEquals(new int[] {1, 2, 4, 3}, TopItems.select(scores, new int[] {4, 3, 2, 1, 0}, 5, 4));
    }
}
