package dev.occam.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.runtime.io.Json;
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

/**
 * Issue 18, point 4: bodies built to break the parser are refused with 400 in plain words (before: 500, or
 * Jackson's own names such as {@code StreamReadConstraints.getMaxNestingDepth()} in the message).
 */
class HostileBodyTest {

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OccamServer server;

    @BeforeEach
    void start() throws Exception {
        Fixtures.write(Fixtures.logistic(0), dir, "credit", 1);
        server = OccamServer.start(ServeOptions.defaults(dir, "127.0.0.1", 0), log::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String refusal(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/v1/models/credit/predict")).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), r.body());
        String error = Json.MAPPER.readTree(r.body()).get("error").asText();
        for (String internal : List.of("`", "StreamReadConstraints", "JsonToken", "com.fasterxml", "Exception",
                "(code ")) {
            assertFalse(error.contains(internal), "internal name " + internal + " in: " + error);
        }
        return error;
    }

    @Test
    void predict_nestedDeeperThanAThousandLevels_400() throws Exception {
        String body = "{\"income\": " + "[".repeat(1_500) + "]".repeat(1_500) + "}";
        assertTrue(refusal(body).contains("nested deeper than"), body.length() + "");
    }

    @Test
    void predict_thousandDigitNumber_400() throws Exception {
        String error = refusal("{\"income\": " + "9".repeat(1_000) + ", \"home\": \"own\", \"age\": 30}");
        assertTrue(error.contains("digits"), error);
    }

    @Test
    void predict_fiftyKilobyteKey_400() throws Exception {
        String error = refusal("{\"" + "k".repeat(50_001) + "\": 1, \"income\": 1, \"home\": \"own\", \"age\": 30}");
        assertTrue(error.contains("field name"), error);
    }

    @Test
    void predict_syntaxError_plainWordsWithLineAndColumn() throws Exception {
        String error = refusal("{\"income\": 1000,, }");
        assertTrue(error.startsWith("the body is not valid JSON: ") && error.contains("line 1, column"), error);
    }

    @Test
    void predict_afterHostileBodies_stillAnswers() throws Exception {
        refusal("{\"a\": " + "[".repeat(5_000) + "}");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/v1/models/credit/predict")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"income\": 1000, \"home\": \"own\", \"age\": 30}")).build();
        JsonNode answer = Json.MAPPER.readTree(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
        assertTrue(answer.has("probability"), answer.toString());
        assertFalse(log.stream().anyMatch(l -> l.contains("internal error")), log.toString());
    }
}
