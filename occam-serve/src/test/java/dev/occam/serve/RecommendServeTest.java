package dev.occam.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.occam.runtime.recommend.ItemToItemRecommender;
import dev.occam.runtime.recommend.PopularityRecommender;
import dev.occam.runtime.recommend.RecommenderModel;
import dev.occam.runtime.recommend.RecommenderModelFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recommendation model over real HTTP on 127.0.0.1: recommend, similar, the summary, errors naming the field. */
class RecommendServeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // the hand-worked weights of RecommendersTest: 0 -> {1: 0.9, 2: 0.5}; 1 -> {0: 0.9, 3: -0.4}; 3 -> {4: 0.2}; 4 -> {3: 0.7}
    private static final PopularityRecommender POPULARITY = PopularityRecommender.of("popularity", 5, new double[] {4, 1, 3, 0, 2});
    private static final RecommenderModel MODEL = new RecommenderModel("shop", new RecommenderModel.Columns("customer",
            "product", null, null), new ItemToItemRecommender("ease", 5, new int[] {0, 2, 4, 4, 5, 6},
                    new int[] {2, 1, 3, 0, 4, 3}, new double[] {0.5, 0.9, -0.4, 0.9, 0.2, 0.7}, POPULARITY),
            List.of("tea", "milk", "sugar", "lemon", "honey"), List.of("ann", "bob"), new int[] {0, 2, 3},
            new int[] {0, 4, 3}, new double[] {1, 2, 1});

    @TempDir
    Path dir;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OccamServer server;

    @BeforeEach
    void startServer() throws Exception {
        RecommenderModelFile.save(MODEL, dir.resolve("shop").resolve("model.json"), null);
        Fixtures.write(Fixtures.logistic(0), dir, "credit", 1);
        server = OccamServer.start(ServeOptions.defaults(dir, "127.0.0.1", 0), log::add);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        HttpRequest request = body == null ? b.GET().build()
                : b.POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recommend_knownUser_answersLabelledItemsWithReasons() throws Exception {
        HttpResponse<String> r = send("/v1/models/shop/recommend", "{\"user\": \"ann\", \"top\": 2}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("ease", body.get("method").asText());
        assertTrue(body.get("known_user").asBoolean());
        assertEquals(2, body.get("items").size());
        assertEquals("lemon", body.get("items").get(0).get("item").asText());
        assertEquals("because you bought honey", body.get("items").get(0).get("reason").asText());
        assertEquals(1.4, body.get("items").get(0).get("score").asDouble(), 1e-12);
        assertEquals(MODEL.recommend("ann", 2).items().get(1).item(), body.get("items").get(1).get("item").asText());
    }

    @Test
    void recommend_unknownUserAndHistory_popularityThenHistoryWithIgnoredItems() throws Exception {
        JsonNode stranger = JSON.readTree(send("/v1/models/shop/recommend", "{\"user\": \"zoe\"}").body());
        assertFalse(stranger.get("known_user").asBoolean());
        assertTrue(stranger.get("popularity_fallback").asBoolean());
        assertEquals("tea", stranger.get("items").get(0).get("item").asText());
        assertTrue(stranger.get("items").get(0).get("reason").asText().startsWith("popular overall"));
        JsonNode anonymous = JSON.readTree(send("/v1/models/shop/recommend",
                "{\"history\": [\"tea\", \"coffee\"], \"top\": 1}").body());
        assertEquals("milk", anonymous.get("items").get(0).get("item").asText());
        assertEquals("coffee", anonymous.get("ignored_items").get(0).asText());
    }

    @Test
    void similar_andSummary_answerAndUnknownItemIsNamed() throws Exception {
        JsonNode similar = JSON.readTree(send("/v1/models/shop/similar", "{\"item\": \"tea\", \"top\": 5}").body());
        assertEquals("milk", similar.get("similar").get(0).get("item").asText());
        assertEquals(0.9, similar.get("similar").get(0).get("weight").asDouble(), 0.0);
        assertEquals(2, similar.get("similar").size());
        HttpResponse<String> unknown = send("/v1/models/shop/similar", "{\"item\": \"coffee\"}");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("product 'coffee' is not in this model's catalogue"), unknown.body());
        JsonNode summary = JSON.readTree(send("/v1/models/shop", null).body());
        assertEquals(5, summary.get("items").asInt());
        assertEquals("customer", summary.get("columns").get("user").asText());
    }

    @Test
    void recommend_badFieldsAndWrongModel_areRefusedNamingTheField() throws Exception {
        HttpResponse<String> top = send("/v1/models/shop/recommend", "{\"user\": \"ann\", \"top\": 0}");
        assertEquals(400, top.statusCode());
        assertTrue(top.body().contains("'top' must be a whole number from 1 to 1000"), top.body());
        HttpResponse<String> nothing = send("/v1/models/shop/recommend", "{}");
        assertEquals(400, nothing.statusCode());
        assertTrue(nothing.body().contains("send 'user'"), nothing.body());
        HttpResponse<String> history = send("/v1/models/shop/recommend", "{\"history\": \"tea\"}");
        assertEquals(400, history.statusCode());
        assertTrue(history.body().contains("'history' must be a list"), history.body());
        HttpResponse<String> credit = send("/v1/models/credit/recommend", "{\"user\": \"ann\"}");
        assertEquals(404, credit.statusCode());
        assertTrue(credit.body().contains("is not a recommendation model"), credit.body());
        assertEquals(405, send("/v1/models/shop/recommend", null).statusCode());
    }
}
