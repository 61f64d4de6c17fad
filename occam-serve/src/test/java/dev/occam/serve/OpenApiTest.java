package dev.occam.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.occam.runtime.ForecastModelFile;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.forecast.ForecastModel;
import dev.occam.runtime.forecast.Frequency;
import dev.occam.runtime.forecast.SeasonalNaiveForecaster;
import dev.occam.runtime.forecast.SeriesModel;
import dev.occam.runtime.recommend.PopularityRecommender;
import dev.occam.runtime.recommend.RecommenderModel;
import dev.occam.runtime.recommend.RecommenderModelFile;
import dev.occam.runtime.segment.KMeansSegmenter;
import dev.occam.runtime.segment.SegmentModel;
import dev.occam.runtime.segment.SegmentPreparation;
import dev.occam.runtime.segment.SegmentPreparation.ColumnStep;
import dev.occam.runtime.segment.SegmentPreparation.Handling;
import dev.occam.runtime.segment.Segmentation;
import dev.occam.runtime.segment.SegmentationFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model list and the OpenAPI document of a folder serving every kind of model (a classifier, a forecaster, a
 * recommender, a segmentation), read over real HTTP on 127.0.0.1: every operation has a unique operationId and
 * one path with the model name as a parameter, and each model served is listed with its task and described.
 */
class OpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private OccamServer server;

    @BeforeEach
    void start() throws Exception {
        Fixtures.write(Fixtures.logistic(0), dir, "credit", 1);
        LocalDateTime last = LocalDateTime.of(2024, 12, 1, 0, 0);
        ForecastModelFile.save(new ForecastModel("sales", "units", "month", null, Frequency.MONTHLY, "seasonal-naive",
                4, List.of(new SeriesModel("", last, new SeasonalNaiveForecaster(new double[] {1, 2, 3, 4}, 1), null,
                        1)), null), Files.createDirectories(dir.resolve("sales")).resolve("model.json"), null);
        RecommenderModelFile.save(new RecommenderModel("shop", new RecommenderModel.Columns("customer", "product",
                null, null), PopularityRecommender.of("popularity", 3, new double[] {3, 1, 2}),
                List.of("tea", "milk", "sugar"), List.of("ann"), new int[] {0, 2}, new int[] {0, 2},
                new double[] {1, 1}), dir.resolve("shop").resolve("model.json"), null);
        Schema spend = new Schema(List.of(Feature.numeric("spend")));
        SegmentationFile.save(new Segmentation("groups", "test", spend, new SegmentModel(new SegmentPreparation(
                List.of(new ColumnStep("spend", Handling.STANDARDISE, 0, 1, List.of(), ""))),
                new KMeansSegmenter(new double[][] {{-2}, {2}})), List.of("Segment 1: low", "Segment 2: high")),
                Files.createDirectories(dir.resolve("groups")).resolve("model.json"), null);
        server = OccamServer.start(ServeOptions.defaults(dir, "127.0.0.1", 0), line -> { });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void list_everyKindOfModel_eachWithItsTask() throws Exception {
        Map<String, String> tasks = new HashMap<>();
        for (JsonNode m : get("/v1/models").get("models")) {
            tasks.put(m.get("name").asText(), m.get("task").asText());
        }
        assertEquals(Map.of("credit", "classification", "sales", "forecast", "shop", "recommend", "groups", "segment"),
                tasks);
    }

    @Test
    void openApi_everyOperation_oneGenericPathWithAUniqueOperationId() throws Exception {
        JsonNode doc = get("/openapi.json");
        JsonNode paths = doc.get("paths");
        Set<String> ids = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            assertFalse(path.getKey().contains("credit") || path.getKey().contains("sales")
                    || path.getKey().contains("shop") || path.getKey().contains("groups"),
                    "a path names a model: " + path.getKey());
            for (JsonNode op : path.getValue()) {
                assertTrue(op.has("operationId"), path.getKey() + " has no operationId");
                assertTrue(ids.add(op.get("operationId").asText()), "operationId used twice: " + op.get("operationId"));
            }
        }
        assertEquals(Set.of("health", "metrics", "openApi", "listModels", "getModel", "getMonitor", "predict",
                "forecast", "recommend", "similar"), ids);
        for (String op : List.of("/v1/models/{name}/predict", "/v1/models/{name}/forecast",
                "/v1/models/{name}/recommend", "/v1/models/{name}/similar")) {
            JsonNode parameter = paths.get(op).get("post").get("parameters").get(0);
            assertEquals("name", parameter.get("name").asText(), op);
            assertEquals("path", parameter.get("in").asText(), op);
        }
    }

    @Test
    void openApi_perModelSchemas_componentsMappedByName() throws Exception {
        JsonNode doc = get("/openapi.json");
        JsonNode schemas = doc.get("components").get("schemas");
        JsonNode predict = doc.get("paths").get("/v1/models/{name}/predict").get("post");
        assertEquals("classification", predict.get("x-occam-models").get("credit").get("task").asText());
        assertEquals("segment", predict.get("x-occam-models").get("groups").get("task").asText());
        List<String> rows = new ArrayList<>();
        schemas.get("Row").get("anyOf").forEach(r -> rows.add(r.get("$ref").asText()));
        assertEquals(List.of("#/components/schemas/Row-credit", "#/components/schemas/Row-groups"), rows);
        assertEquals(List.of("income", "home", "age"), JSON.convertValue(schemas.get("Row-credit").get("required"),
                List.class));
        assertEquals("integer", schemas.get("Answer-groups").get("properties").get("segment").get("type").asText());
        assertTrue(doc.get("paths").get("/v1/models/{name}/forecast").get("post").get("description").asText()
                .contains("sales (seasonal-naive, monthly, one series)"));
        assertTrue(doc.get("paths").get("/v1/models/{name}/recommend").get("post").get("description").asText()
                .contains("shop (popularity; users are customer, items product)"));
        for (String ref : refs(doc, new ArrayList<>())) {
            assertTrue(schemas.has(ref.substring("#/components/schemas/".length())), ref);
        }
    }

    @Test
    void openApi_describedOperations_answerAtTheirGenericPaths() throws Exception {
        assertEquals(200, post("/v1/models/credit/predict", "{\"income\": 100, \"home\": \"own\", \"age\": 40}"));
        assertEquals(200, post("/v1/models/groups/predict", "{\"spend\": 3}"));
        assertEquals(200, post("/v1/models/sales/forecast", "{\"horizon\": 2}"));
        assertEquals(200, post("/v1/models/shop/recommend", "{\"user\": \"ann\", \"top\": 2}"));
    }

    private static List<String> refs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    refs(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> refs(n, out));
        }
        return out;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private int post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
