package dev.occam.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The recommend use case: the issue's keys exactly, and mistakes named by line and key. */
class RecommendUseCaseReaderTest {

    private static final Path FILE = Path.of("/tmp/shop/usecase.yaml");
    private static final String ISSUE = """
            name: shop-recommendations
            question: Which ten products should each customer see next?
            task: recommend
            data:
              path: orders.csv            # one row per interaction
            user: customer_id
            item: product_id
            time: ordered_at
            rating: stars
            success:
              metric: ndcg@10
              at_least: 0.05
            """;

    @Test
    void parse_theIssuesExample_readsEveryKey() throws Exception {
        RecommendUseCase u = RecommendUseCaseReader.parse(ISSUE, FILE);
        assertEquals("shop-recommendations", u.name());
        assertEquals(Path.of("/tmp/shop/orders.csv"), u.data().path());
        assertEquals("customer_id", u.user());
        assertEquals("product_id", u.item());
        assertEquals("ordered_at", u.time());
        assertEquals("stars", u.rating());
        assertEquals(RecommendUseCase.Metric.NDCG, u.metric());
        assertEquals(0.05, u.bar(), 0.0);
        RecommendUseCase bare = RecommendUseCaseReader.parse(ISSUE.replace("time: ordered_at\n", "")
                .replace("rating: stars\n", ""), FILE);
        assertNull(bare.time());
        assertNull(bare.rating());
    }

    @Test
    void parse_mistakes_nameTheLineKeyAndValue() {
        assertEquals("usecase.yaml line 7: unknown key 'itme' (did you mean 'item'?; known keys: name, question, task, data,"
                + " user, item, time, rating, success)", message(ISSUE.replace("item: product_id", "itme: product_id")));
        assertEquals("usecase.yaml line 11: success.metric must be one of ndcg@10, recall@10, map@10, coverage: 'ndcg'"
                + " (did you mean 'ndcg@10'?)", message(ISSUE.replace("metric: ndcg@10", "metric: ndcg")));
        assertEquals("usecase.yaml line 12: success.at_least must be in [0, 1] for ndcg@10 (a share, not a percentage): 5.0",
                message(ISSUE.replace("at_least: 0.05", "at_least: 5")));
        assertEquals("usecase.yaml: missing required key 'user' (the column naming the user of each interaction, such as"
                + " customer_id)", message(ISSUE.replace("user: customer_id\n", "")));
        assertEquals("usecase.yaml line 9: rating is 'customer_id', which is already the user column",
                message(ISSUE.replace("rating: stars", "rating: customer_id")));
    }

    private static String message(String yaml) {
        return assertThrows(UseCaseException.class, () -> RecommendUseCaseReader.parse(yaml, FILE)).getMessage();
    }
}
