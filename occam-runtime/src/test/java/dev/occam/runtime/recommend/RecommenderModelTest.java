package dev.occam.runtime.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.ModelFile;
import dev.occam.runtime.ModelFileException;
import dev.occam.runtime.Occam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels, reasons in words and the model file, on the hand-worked weights of {@link RecommendersTest}. */
class RecommenderModelTest {

    private static final PopularityRecommender POPULARITY = PopularityRecommender.of("popularity", 5, new double[] {4, 1, 3, 0, 2});
    // 0 -> {1: 0.9, 2: 0.5}; 1 -> {0: 0.9, 3: -0.4}; 2 -> {}; 3 -> {4: 0.2}; 4 -> {3: 0.7}
    private static final ItemToItemRecommender WEIGHTS = new ItemToItemRecommender("ease", 5, new int[] {0, 2, 4, 4, 5, 6},
            new int[] {2, 1, 3, 0, 4, 3}, new double[] {0.5, 0.9, -0.4, 0.9, 0.2, 0.7}, POPULARITY);
    private static final List<String> ITEMS = List.of("tea", "milk", "sugar", "lemon", "honey");
    // ann saw tea (1) and honey (2); bob saw lemon
    private static final RecommenderModel MODEL = new RecommenderModel("shop", new RecommenderModel.Columns("customer",
            "product", null, null), WEIGHTS, ITEMS, List.of("ann", "bob"), new int[] {0, 2, 3}, new int[] {0, 4, 3},
            new double[] {1, 2, 1});

    @Test
    void recommend_knownUser_labelsItemsAndWordsTheReasons() {
        RecommenderModel.UserRecommendations list = MODEL.recommend("ann", 4);
        assertTrue(list.knownUser());
        assertFalse(list.popularityFallback());
        // as in RecommendersTest: lemon 1.4 (honey), milk 0.9 (tea), sugar 0.5 (tea)
        assertEquals(List.of("lemon", "milk", "sugar"), list.items().stream().map(RecommenderModel.Recommended::item).toList());
        assertEquals(1, list.items().get(0).rank());
        assertEquals("because you bought honey", list.items().get(0).reason());
        assertEquals(List.of("tea"), list.items().get(1).because());
        assertEquals(1.4, list.items().get(0).score(), 1e-15);
    }

    @Test
    void recommend_unknownUser_getsThePopularityListSayingSo() {
        RecommenderModel.UserRecommendations list = MODEL.recommend("zoe", 2);
        assertFalse(list.knownUser());
        assertTrue(list.popularityFallback());
        assertEquals(List.of("tea", "sugar"), list.items().stream().map(RecommenderModel.Recommended::item).toList());
        assertTrue(list.items().get(0).reason().startsWith("popular overall: no history for this customer"),
                list.items().get(0).reason());
    }

    @Test
    void recommend_moreItems_addsToTheStoredHistoryAndListsUnknownOnes() {
        RecommenderModel.UserRecommendations list = MODEL.recommend("bob", List.of("honey", "coffee"), 5);
        assertEquals(List.of("coffee"), list.ignoredItems());
        // bob: lemon + honey; neither may come back, and none is repeated
        List<String> items = list.items().stream().map(RecommenderModel.Recommended::item).toList();
        assertFalse(items.contains("lemon") || items.contains("honey"));
        assertEquals(items.size(), items.stream().distinct().count());
        RecommenderModel.UserRecommendations anonymous = MODEL.recommend(null, List.of("tea"), 1);
        assertEquals("milk", anonymous.items().get(0).item());
        assertEquals("because you bought tea", anonymous.items().get(0).reason());
    }

    @Test
    void similar_labelsAndRefusesUnknownItemsByName() {
        assertEquals(List.of(new RecommenderModel.Similar("milk", 0.9), new RecommenderModel.Similar("sugar", 0.5)),
                MODEL.similar("tea", 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MODEL.similar("Tea ", 3));
        assertTrue(e.getMessage().contains("product 'Tea ' is not in this model's catalogue of 5 items (did you mean 'tea'?)"),
                e.getMessage());
    }

    @Test
    void save_load_recommendsTheSameAndRefusesATamperedFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        RecommenderModelFile.save(MODEL, file, null);
        assertEquals(RecommenderModelFile.FORMAT, ModelFile.format(file));
        RecommenderModel back = Occam.loadRecommender(file);
        for (String user : List.of("ann", "bob", "zoe")) {
            assertEquals(MODEL.recommend(user, 5), back.recommend(user, 5), user);
        }
        Files.writeString(file, Files.readString(file).replace("\"tea\"", "\"coffee\""));
        ModelFileException e = assertThrows(ModelFileException.class, () -> RecommenderModelFile.load(file));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void constructor_repeatedLabel_isRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecommenderModel("shop",
                new RecommenderModel.Columns("customer", "product", null, null), WEIGHTS,
                List.of("tea", "milk", "tea", "lemon", "honey"), List.of(), new int[] {0}, new int[0], new double[0]));
        assertEquals("product 'tea' appears twice among the labels", e.getMessage());
    }

    @Test
    void constructor_repeatedHistoryItem_isRefusedNamingUserAndItem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecommenderModel("shop",
                new RecommenderModel.Columns("customer", "product", null, null), WEIGHTS, ITEMS, List.of("ann"),
                new int[] {0, 2}, new int[] {4, 4}, new double[] {1, 1}));
        assertEquals("the history of 'ann' lists 'honey' twice", e.getMessage());
    }

    @Test
    void constructor_100kUsersBy50kItems_fitsAndLoadsUnsortedRowsWithoutBoxing() {
        // 100,000 users × 20 items each (2 million pairs) over 50,000 items, each item with 20 neighbours given in
        // reverse order (so every row is sorted on load)
        int items = 50_000;
        int users = 100_000;
        int per = 20;
        int[] rowStarts = new int[items + 1];
        int[] neighbours = new int[items * per];
        double[] weights = new double[items * per];
        for (int i = 0; i < items; i++) {
            rowStarts[i + 1] = (i + 1) * per;
            for (int k = 0; k < per; k++) {
                neighbours[i * per + k] = (i + 1 + k) % items;
                weights[i * per + k] = (k + 1) / 100.0; // ascending: the constructor sorts them
            }
        }
        double[] counts = new double[items];
        java.util.Arrays.fill(counts, 1);
        ItemToItemRecommender knn = new ItemToItemRecommender("item_knn", items, rowStarts, neighbours, weights,
                PopularityRecommender.of("popularity", items, counts));
        int[] starts = new int[users + 1];
        int[] seen = new int[users * per];
        double[] ones = new double[users * per];
        List<String> labels = new java.util.ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            labels.add("p" + i);
        }
        List<String> userLabels = new java.util.ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            userLabels.add("u" + u);
            starts[u + 1] = (u + 1) * per;
            for (int k = 0; k < per; k++) {
                seen[u * per + k] = (u * 7 + k * 2_503) % items;
                ones[u * per + k] = 1;
            }
        }
        RecommenderModel big = new RecommenderModel("big", new RecommenderModel.Columns("user", "item", null, null), knn,
                labels, userLabels, starts, seen, ones);
        assertEquals(users, big.userCount());
        // item i's best neighbour is i + 20 (weight 0.2), so user 0 (items 0, 2503, ...) gets 20 first
        assertEquals(List.of(new RecommenderModel.Similar("p20", 0.2)), big.similar("p0", 1));
        RecommenderModel.UserRecommendations list = big.recommend("u0", 10);
        assertEquals(10, list.items().size());
        assertFalse(list.items().stream().anyMatch(r -> big.historyOf("u0").contains(r.item())));
    }
}
