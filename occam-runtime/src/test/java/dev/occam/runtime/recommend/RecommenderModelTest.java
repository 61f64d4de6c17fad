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
}
