package dev.occam.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.ForecastModelFile;
import dev.occam.runtime.forecast.ForecastModel;
import dev.occam.runtime.forecast.Frequency;
import dev.occam.runtime.forecast.SeasonalNaiveForecaster;
import dev.occam.runtime.forecast.SeriesModel;
import dev.occam.runtime.io.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/models/{name}/forecast} over real HTTP on 127.0.0.1. */
class ForecastServeTest {

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OccamServer server;

    @BeforeEach
    void start() throws Exception {
        LocalDateTime last = LocalDateTime.of(2024, 12, 1, 0, 0);
        ForecastModel model = new ForecastModel("sales", "units", "month", "store", Frequency.MONTHLY,
                "seasonal-naive", 4, List.of(
                        new SeriesModel("a", last, new SeasonalNaiveForecaster(new double[] {1, 2, 3, 4}, 1), null, 1),
                        new SeriesModel("b", last, new SeasonalNaiveForecaster(new double[] {10, 20, 30, 40}, 2),
                                null, 1)), null);
        ForecastModelFile.save(model, Files.createDirectories(dir.resolve("sales")).resolve("model.json"), null);
        server = OccamServer.start(ServeOptions.defaults(dir, "127.0.0.1", 0), log::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void forecast_oneSeries_rowsWithIsoDatesAndIntervals() throws Exception {
        HttpResponse<String> r = post("/v1/models/sales/forecast", "{\"series\": \"b\", \"horizon\": 5}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode rows = Json.MAPPER.readTree(r.body()).get("forecast");
        assertEquals(5, rows.size());
        assertEquals("b", rows.get(0).get("store").asText());
        assertEquals("2025-01-01", rows.get(0).get("month").asText());
        assertEquals(10.0, rows.get(0).get("forecast").asDouble(), 0);
        assertEquals("2025-05-01", rows.get(4).get("month").asText());
        assertEquals(10.0, rows.get(4).get("forecast").asDouble(), 0);
        // Seasonal naive: sigma·sqrt(2) at step 5, one whole season on (FPP3 §5.5).
        assertEquals(10 + 1.959963984540054 * 2 * Math.sqrt(2), rows.get(4).get("upper_95").asDouble(), 1e-12);
        assertTrue(rows.get(0).get("lower_80").asDouble() < 10 && rows.get(0).get("upper_80").asDouble() > 10);
    }

    @Test
    void forecast_emptyObject_everySeriesAtTheUseCaseHorizon() throws Exception {
        HttpResponse<String> r = post("/v1/models/sales/forecast", "{}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = Json.MAPPER.readTree(r.body());
        assertEquals(8, answer.get("forecast").size());
        assertEquals(4, answer.get("horizon").asInt());
        assertEquals("seasonal-naive", answer.get("method").asText());
    }

    @Test
    void forecast_badFields_refusedNamingTheField() throws Exception {
        HttpResponse<String> r = post("/v1/models/sales/forecast", "{\"horizon\": 0}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("horizon"), r.body());
        r = post("/v1/models/sales/forecast", "{\"series\": \"zz\"}");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("zz") && r.body().contains("store"), r.body());
        r = post("/v1/models/nothing/forecast", "{}");
        assertEquals(404, r.statusCode());
    }
}
