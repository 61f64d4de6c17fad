package dev.occam.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.Model;
import dev.occam.runtime.Occam;
import dev.occam.runtime.Prediction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every decision on record (issue 18, point 7): the decision log over real HTTP, replayed against the model file. */
class DecisionLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> post(OccamServer s, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                + "/v1/models/credit/predict")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void decisionLog_eachLine_reproducesTheAnswerWhenReplayedAgainstTheModelFile() throws Exception {
        Path models = dir.resolve("models");
        Path modelFile = Fixtures.write(Fixtures.logistic(0), models, "credit", 1);
        Path log = dir.resolve("logs/decisions.jsonl");
        List<JsonNode> answers = new ArrayList<>();
        try (OccamServer server = OccamServer.start(ServeOptions.defaults(models, "127.0.0.1", 0)
                .withDecisionLog(DecisionLogOptions.of(log)), line -> { })) {
            answers.add(JSON.readTree(post(server, "{\"income\": 9000, \"home\": \"boat\", \"age\": 30, \"id\": 7}")
                    .body()));
            JsonNode batch = JSON.readTree(post(server, "{\"rows\": [{\"income\": 120, \"home\": \"own\", \"age\": 20},"
                    + " {\"income\": null, \"home\": \"rent\", \"age\": 61}, {\"income\": 4000, \"home\": null,"
                    + " \"age\": null}]}").body());
            batch.get("predictions").forEach(answers::add);
            assertEquals(400, post(server, "{\"income\": \"x\", \"home\": \"own\", \"age\": 3}").statusCode());
        } // closing writes what is queued
        List<JsonNode> logged = lines(log);
        assertEquals(4, logged.size(), "one line per scored row, none for a refused request: " + logged);

        String fileSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(modelFile)));
        Model model = Occam.load(modelFile);
        for (int i = 0; i < logged.size(); i++) {
            JsonNode line = logged.get(i);
            assertEquals("credit", line.get("model").asText());
            assertEquals(1, line.get("version").asInt());
            assertEquals(fileSha, line.get("model_sha256").asText(), "the SHA-256 of the model file's bytes");
            assertTrue(line.get("time").asText().endsWith("Z"), line.toString());
            assertTrue(line.has("client"));
            // Replay: the logged inputs, read as the server reads them, scored by the model file.
            RowReader.Read read = RowReader.read(model.schema(), line.get("inputs"), false);
            Prediction p = model.predict(read.row());
            assertEquals(p.label(), line.get("prediction").asText());
            assertEquals(Double.doubleToRawLongBits(p.probability()),
                    Double.doubleToRawLongBits(line.get("probability").doubleValue()));
            assertEquals(String.join("|", model.explain(read.row()).predictionReasons(3)),
                    String.join("|", JSON.convertValue(line.get("reasons"), List.class)));
            for (String field : List.of("prediction", "probability", "reasons", "guardrails", "ignored_fields")) {
                assertEquals(answers.get(i).get(field), line.get(field), "line " + i + " " + field);
            }
        }
        assertEquals(List.of("id"), JSON.convertValue(logged.get(0).get("ignored_fields"), List.class));
        assertEquals(2, logged.get(0).get("guardrails").size());
        assertFalse(logged.get(0).has("row"));
        assertEquals(List.of(0, 1, 2), List.of(logged.get(1).get("row").asInt(), logged.get(2).get("row").asInt(),
                logged.get(3).get("row").asInt()));
        assertEquals(logged.get(1).get("request"), logged.get(3).get("request"), "a batch is one request");
        assertFalse(logged.get(0).get("request").equals(logged.get(1).get("request")));
    }

    @Test
    void decisionLog_digestInputs_sha256OfTheRowInsteadOfTheRow() throws Exception {
        Path models = dir.resolve("models");
        Fixtures.write(Fixtures.logistic(0), models, "credit", 1);
        Path log = dir.resolve("decisions.jsonl");
        String row = "{\"income\": 1000, \"home\": \"own\", \"age\": 30, \"name\": \"Ada Lovelace\"}";
        try (OccamServer server = OccamServer.start(ServeOptions.defaults(models, "127.0.0.1", 0)
                .withDecisionLog(DecisionLogOptions.of(log).withFullInputs(false)), line -> { })) {
            assertEquals(200, post(server, row).statusCode());
        }
        JsonNode line = lines(log).get(0);
        assertFalse(line.has("inputs"));
        assertFalse(Files.readString(log).contains("Lovelace"));
        String compact = "{\"income\":1000,\"home\":\"own\",\"age\":30,\"name\":\"Ada Lovelace\"}";
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(compact.getBytes("UTF-8"))),
                line.get("inputs_sha256").asText());
    }

    @Test
    void decisionLog_pastMaxSize_rotatedToNumberedFilesAndNothingLost() throws Exception {
        Path models = dir.resolve("models");
        Fixtures.write(Fixtures.logistic(0), models, "credit", 1);
        Path log = dir.resolve("decisions.jsonl");
        Files.writeString(log, "{\"earlier\": true}\n"); // appended to, never truncated
        try (OccamServer server = OccamServer.start(ServeOptions.defaults(models, "127.0.0.1", 0)
                .withDecisionLog(DecisionLogOptions.of(log).withMaxBytes(1500)), line -> { })) {
            for (int i = 0; i < 12; i++) {
                assertEquals(200, post(server, "{\"income\": " + (1000 + i) + ", \"home\": \"own\", \"age\": 30}")
                        .statusCode());
            }
            String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("occam_decision_log_lines_total{outcome=\"dropped\"} 0"), metrics);
        }
        List<JsonNode> all = new ArrayList<>();
        int n = 1;
        while (Files.exists(dir.resolve("decisions.jsonl." + n))) {
            Path rotated = dir.resolve("decisions.jsonl." + n);
            assertTrue(Files.size(rotated) <= 1500, rotated + " is " + Files.size(rotated) + " bytes");
            all.addAll(lines(rotated));
            n++;
        }
        assertTrue(n > 2, "expected at least two rotations, got " + (n - 1));
        all.addAll(lines(log));
        assertTrue(all.get(0).get("earlier").asBoolean(), "the line written before is kept first");
        assertEquals(13, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertEquals(1000 + i - 1, all.get(i).get("inputs").get("income").asInt(), "in order, none lost");
        }
    }

    /** A getter Jackson calls while writing a line: holds the writer thread until released. */
    public static final class Stall {
        private final CountDownLatch release;
        /** Counted down when the writer reaches the stall: it then holds its batch and takes nothing more. */
        final CountDownLatch entered = new CountDownLatch(1);

        Stall(CountDownLatch release) {
            this.release = release;
        }

        public boolean getReleased() throws InterruptedException {
            entered.countDown();
            return release.await(20, TimeUnit.SECONDS);
        }
    }

    /** The writer is stalled with one line in hand and one queued: the next waits 50 ms, is dropped and counted. */
    @Test
    void record_queueFull_waitsBoundedThenDropsAndCounts() throws Exception {
        Path log = dir.resolve("decisions.jsonl");
        List<String> told = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        DecisionLog decisions = new DecisionLog(DecisionLogOptions.of(log).withQueueLines(1), JSON.writer(),
                told::add);
        ObjectNode first = JSON.createObjectNode().put("n", 1);
        Stall stall = new Stall(release);
        first.putPOJO("stall", stall);
        assertTrue(decisions.record(first));
        // Until the writer is inside the first line: waiting for an empty queue is not enough, since the writer
        // drains the queue into its batch after taking the first line.
        assertTrue(stall.entered.await(10, TimeUnit.SECONDS), "the writer never reached the first line");
        assertTrue(decisions.record(JSON.createObjectNode().put("n", 2)));
        long start = System.nanoTime();
        boolean third = decisions.record(JSON.createObjectNode().put("n", 3));
        double waited = (System.nanoTime() - start) / 1e6;
        assertFalse(third);
        assertTrue(waited >= 45 && waited < 2000, "waited " + waited + " ms");
        assertEquals(1, decisions.dropped());
        assertTrue(told.get(0).contains("1 line(s) dropped"), told.toString());
        release.countDown();
        decisions.close();
        assertEquals(2, decisions.written());
        assertEquals(2, Files.readAllLines(log).size());
        Metrics metrics = new Metrics();
        assertTrue(metrics.text(java.util.Map.of(), List.of(), decisions)
                .contains("occam_decision_log_lines_total{outcome=\"dropped\"} 1\n"));
    }
}
