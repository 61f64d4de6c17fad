package dev.occam.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.segment.CovarianceModel;
import dev.occam.runtime.segment.GaussianMixtureSegmenter;
import dev.occam.runtime.segment.KMeansSegmenter;
import dev.occam.runtime.segment.SegmentModel;
import dev.occam.runtime.segment.SegmentPreparation;
import dev.occam.runtime.segment.SegmentPreparation.ColumnStep;
import dev.occam.runtime.segment.SegmentPreparation.Handling;
import dev.occam.runtime.segment.Segmentation;
import dev.occam.runtime.segment.SegmentationFile;
import dev.occam.runtime.segment.Segmenter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segmentation's model.json served over real HTTP on 127.0.0.1: segment and probability, one row or a batch. */
class SegmentServeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** spend standardised around 0 (sd 1), two components at -2 and +2, unit variance. */
    private static final SegmentPreparation PREP = new SegmentPreparation(List.of(
            new ColumnStep("spend", Handling.STANDARDISE, 0, 1, List.of(), "")));
    private static final Schema SCHEMA = new Schema(List.of(Feature.numeric("spend")));

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private void write(String name, Segmenter segmenter) throws Exception {
        Files.createDirectories(dir.resolve(name));
        SegmentationFile.save(new Segmentation(name, "test", SCHEMA, new SegmentModel(PREP, segmenter),
                List.of("Segment 1: spend low", "Segment 2: spend high")), dir.resolve(name).resolve("model.json"), null);
    }

    private JsonNode post(OccamServer s, String path, String body, int status) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode get(OccamServer s, String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void predict_mixtureOneRowAndBatch_answersSegmentFromOneAndPosterior() throws Exception {
        write("segments", new GaussianMixtureSegmenter(CovarianceModel.EII, new double[] {0.5, 0.5},
                new double[][] {{-2}, {2}}, new double[][][] {{{1}}, {{1}}}));
        write("kmeans", new KMeansSegmenter(new double[][] {{-2}, {2}}));
        List<String> log = new CopyOnWriteArrayList<>();
        try (OccamServer server = OccamServer.start(ServeOptions.defaults(dir, "127.0.0.1", 0), log::add)) {
            JsonNode one = post(server, "/v1/models/segments/predict", "{\"spend\": 1}", 200);
            assertEquals(2, one.get("segment").asInt());
            // Equal weights, unit variances 4 apart: posterior of the +2 component at x = 1 is 1 / (1 + exp(-4)).
            assertEquals(1 / (1 + Math.exp(-4)), one.get("probability").asDouble(), 1e-12);
            JsonNode batch = post(server, "/v1/models/segments/predict", "{\"rows\": [{\"spend\": -3}, {\"spend\": 3}]}",
                    200);
            assertEquals(1, batch.get("predictions").get(0).get("segment").asInt());
            assertEquals(2, batch.get("predictions").get(1).get("segment").asInt());
            JsonNode kmeans = post(server, "/v1/models/kmeans/predict", "{\"spend\": -1, \"id\": 7}", 200);
            assertEquals(1, kmeans.get("segment").asInt());
            assertTrue(kmeans.get("probability").isNull(), kmeans.toString());
            assertEquals("id", kmeans.get("ignored_fields").get(0).asText());
            JsonNode list = get(server, "/v1/models");
            assertEquals(2, list.get("models").size(), list.toString());
            JsonNode summary = get(server, "/v1/models/segments");
            assertEquals("segment", summary.get("task").asText());
            assertEquals(2, summary.get("segments").asInt());
            assertEquals("Segment 2: spend high", summary.get("profiles").get(1).asText());
            JsonNode missing = post(server, "/v1/models/segments/predict", "{\"spent\": 1}", 400);
            assertTrue(missing.toString().contains("spend"), missing.toString());
            JsonNode wrong = post(server, "/v1/models/segments/predict", "{\"rows\": [{\"spend\": 1}, {\"spend\": \"a\"}]}",
                    400);
            assertTrue(wrong.toString().contains("spend"), wrong.toString());
        }
        assertTrue(log.stream().anyMatch(l -> l.contains("serving segments version 0 (segmentation")), log.toString());
        assertTrue(log.stream().noneMatch(l -> l.startsWith("refused")), log.toString());
    }
}
