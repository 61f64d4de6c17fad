package dev.occam.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.core.jobs.FitJob;
import dev.occam.core.jobs.PredictJob;
import dev.occam.core.usecase.UseCaseReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped credit example, fitted as a user fits it (the ladder restricted to the family the full
 * ladder chooses, to keep the test short), served over real HTTP on 127.0.0.1, and every row of
 * credit_data.csv scored: the answers equal {@code occam predict}'s, bit for bit.
 */
class CreditExampleServeTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "credit").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void predict_everyCreditRowOverHttp_sameAsOccamPredict() throws Exception {
        Path useCase = dir.resolve("usecase.yaml");
        Files.writeString(useCase, Files.readString(EXAMPLE.resolve("usecase.yaml"))
                .replace("path: credit_data.csv", "path: " + EXAMPLE.resolve("credit_data.csv"))
                .replace("seed: 42", "seed: 42\n  candidates: [boosting]")
                // What is compared is the answers, not whether boosting meets the example's latency bound on a
                // busy machine (without a model file there would be nothing to compare).
                .replace("max_latency_us: 1000", "max_latency_us: 1000000"));
        Path models = dir.resolve("models");
        Path out = models.resolve("credit-scoring");
        new FitJob(UseCaseReader.read(useCase), out, null).run();

        Path data = EXAMPLE.resolve("credit_data.csv");
        List<String> expected = Files.readAllLines(Path.of(writePredictions(out.resolve("model.json"), data)));
        List<String> lines = Files.readAllLines(data);
        String[] header = lines.get(0).split(",", -1);
        HttpClient client = HttpClient.newHttpClient();
        try (OccamServer server = OccamServer.start(ServeOptions.defaults(models, "127.0.0.1", 0), line -> { })) {
            for (int i = 1; i < lines.size(); i++) {
                String[] values = lines.get(i).split(",", -1);
                ObjectNode row = JSON.createObjectNode();
                for (int j = 0; j < header.length; j++) {
                    if (header[j].equals("Status")) {
                        continue;
                    }
                    String v = values[j];
                    if (v.equals("NA")) {
                        row.putNull(header[j]);
                    } else if (v.matches("-?\\d+(\\.\\d+)?")) {
                        row.put(header[j], Double.parseDouble(v));
                    } else {
                        row.put(header[j], v);
                    }
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/v1/models/credit-scoring/predict")).POST(HttpRequest.BodyPublishers.ofString(row.toString()))
                        .header("Content-Type", "application/json").build();
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                JsonNode answer = JSON.readTree(r.body());
                String[] want = expected.get(i).split(",", 3);
                assertEquals(want[0], answer.get("prediction").asText(), "row " + i);
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(want[1])),
                        Double.doubleToRawLongBits(answer.get("probability").doubleValue()), "row " + i);
            }
            assertEquals(4454, lines.size() - 1);
            assertTrue(expected.get(0).startsWith("prediction,probability"));
        }
    }

    private String writePredictions(Path model, Path data) throws Exception {
        Path csv = dir.resolve("predictions.csv");
        PredictJob.predictToFile(model, data, csv);
        return csv.toString();
    }
}
