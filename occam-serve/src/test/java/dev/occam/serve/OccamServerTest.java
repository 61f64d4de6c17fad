package dev.occam.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.occam.core.jobs.PredictJob;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server end to end: real HTTP on 127.0.0.1, an ephemeral port, {@link HttpClient}. */
class OccamServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OccamServer server;

    @BeforeEach
    void startServer() throws IOException {
        Fixtures.write(Fixtures.logistic(0), dir, "credit", 1);
        server = start(ServeOptions.defaults(dir, "127.0.0.1", 0));
    }

    private OccamServer start(ServeOptions options) throws IOException {
        return OccamServer.start(options, log::add);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return post(server, path, body);
    }

    private HttpResponse<String> post(OccamServer s, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET()
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.toString());
        return JSON.readTree(r.body());
    }

    /** Random rows as CSV lines and as JSON objects with the same number text: missing values, unseen levels. */
    private static List<String[]> randomRows(int n) {
        SplittableRandom r = new SplittableRandom(11);
        String[] homes = {"own", "rent", "other", "boat", null};
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String income = r.nextInt(8) == 0 ? null : Double.toString(50 + r.nextDouble() * 6000);
            String home = homes[r.nextInt(homes.length)];
            String age = r.nextInt(8) == 0 ? null : Integer.toString(16 + r.nextInt(80));
            rows.add(new String[] {income, home, age});
        }
        return rows;
    }

    private static String jsonRow(String[] row) {
        return "{\"income\": " + (row[0] == null ? "null" : row[0]) + ", \"home\": "
                + (row[1] == null ? "null" : "\"" + row[1] + "\"") + ", \"age\": " + (row[2] == null ? "null" : row[2])
                + "}";
    }

    @Test
    void predict_rowsOverHttp_bitIdenticalToPredictJob() throws Exception {
        List<String[]> rows = randomRows(60);
        StringBuilder csv = new StringBuilder("income,home,age\n");
        for (String[] row : rows) {
            csv.append(row[0] == null ? "" : row[0]).append(',').append(row[1] == null ? "" : row[1]).append(',')
                    .append(row[2] == null ? "" : row[2]).append('\n');
        }
        Path data = dir.resolve("rows.csv");
        Files.writeString(data, csv);
        List<List<String>> expected = parseCsv(PredictJob.predictCsv(dir.resolve("credit/versions/1/model.json"), data));
        assertEquals(List.of("prediction", "probability", "reasons"), expected.get(0));

        for (int i = 0; i < rows.size(); i++) {
            HttpResponse<String> r = post("/v1/models/credit/predict", jsonRow(rows.get(i)));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode answer = json(r);
            List<String> want = expected.get(i + 1);
            assertEquals(want.get(0), answer.get("prediction").asText(), "row " + i);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(want.get(1))),
                    Double.doubleToRawLongBits(answer.get("probability").doubleValue()), "row " + i + ": " + r.body());
            List<String> reasons = new ArrayList<>();
            answer.get("reasons").forEach(n -> reasons.add(n.asText()));
            assertEquals(want.get(2), String.join("; ", reasons), "row " + i);
            assertEquals(1, answer.get("version").asInt());
            assertEquals("credit", answer.get("model").asText());
        }
    }

    /** A regression model with an interval: lower, upper and the level over HTTP, equal to occam predict's columns. */
    @Test
    void predict_regressionWithInterval_answerCarriesLowerAndUpperAsPredictJob() throws Exception {
        Path model = Fixtures.write(Fixtures.linearWithInterval(), dir, "prices", 1);
        server.reload();
        List<String[]> rows = randomRows(40);
        StringBuilder csv = new StringBuilder("income,home,age\n");
        for (String[] row : rows) {
            csv.append(row[0] == null ? "" : row[0]).append(',').append(row[1] == null ? "" : row[1]).append(',')
                    .append(row[2] == null ? "" : row[2]).append('\n');
        }
        Path data = dir.resolve("rows.csv");
        Files.writeString(data, csv);
        List<List<String>> expected = parseCsv(PredictJob.predictCsv(model, data));
        assertEquals(List.of("prediction", "lower_90", "upper_90", "reasons"), expected.get(0));
        for (int i = 0; i < rows.size(); i++) {
            HttpResponse<String> r = post("/v1/models/prices/predict", jsonRow(rows.get(i)));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode answer = json(r);
            List<String> want = expected.get(i + 1);
            double prediction = answer.get("prediction").doubleValue();
            double lower = answer.get("lower").doubleValue();
            double upper = answer.get("upper").doubleValue();
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(want.get(0))), Double.doubleToRawLongBits(prediction));
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(want.get(1))), Double.doubleToRawLongBits(lower));
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(want.get(2))), Double.doubleToRawLongBits(upper));
            assertTrue(lower <= prediction && prediction <= upper, r.body());
            assertEquals(12_345.678901234567, upper - prediction, 1e-9);
            assertEquals(0.9, answer.get("interval_level").doubleValue());
            List<String> reasons = new ArrayList<>();
            answer.get("reasons").forEach(n -> reasons.add(n.asText()));
            assertEquals(want.get(3), String.join("; ", reasons), "row " + i);
        }
        JsonNode batch = json(post("/v1/models/prices/predict", "{\"rows\": [" + jsonRow(rows.get(0)) + "]}"));
        assertTrue(batch.get("predictions").get(0).has("lower"), batch.toString());
        JsonNode credit = json(post("/v1/models/credit/predict", jsonRow(rows.get(0))));
        assertFalse(credit.has("lower") || credit.has("upper"), "no interval for classification: " + credit);

        JsonNode doc = json(get("/openapi.json"));
        JsonNode props = doc.get("components").get("schemas").get("Answer-prices").get("properties");
        assertEquals("number", props.get("lower").get("type").asText());
        assertTrue(props.get("upper").get("description").asText().startsWith("upper end of the 90% prediction"
                + " interval: prediction ± 12345.7"), props.toString());
        assertTrue(props.has("interval_level"));
        assertFalse(doc.get("components").get("schemas").get("Answer-credit").get("properties").has("lower"));
        assertEquals(0.9, json(get("/v1/models/prices")).get("interval").get("level").doubleValue());
    }

    @Test
    void predict_batch_sameAnswersAsSingleRowsInOrder() throws Exception {
        List<String[]> rows = randomRows(20);
        StringBuilder batch = new StringBuilder("{\"rows\": [");
        for (int i = 0; i < rows.size(); i++) {
            batch.append(i == 0 ? "" : ",").append(jsonRow(rows.get(i)));
        }
        batch.append("]}");
        HttpResponse<String> r = post("/v1/models/credit/predict", batch.toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode predictions = json(r).get("predictions");
        assertEquals(rows.size(), predictions.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode single = json(post("/v1/models/credit/predict", jsonRow(rows.get(i))));
            for (String field : List.of("prediction", "probability", "reasons", "guardrails")) {
                assertEquals(single.get(field), predictions.get(i).get(field), "row " + i + " " + field);
            }
        }
    }

    /**
     * A field the model does not read (an ID, a protected attribute kept for monitoring) is scored around and listed
     * (issue 18, point 8; it was refused before); --strict still refuses it, naming it.
     */
    @Test
    void predict_unknownField_scoredAndListedAsIgnored() throws Exception {
        String row = "{\"income\": 1000, \"home\": \"own\", \"age\": 30, \"applicant_id\": \"A-17\", \"sex\": \"f\"}";
        HttpResponse<String> r = post("/v1/models/credit/predict", row);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = json(r);
        assertEquals(List.of("applicant_id", "sex"), JSON.convertValue(answer.get("ignored_fields"), List.class));
        JsonNode plain = json(post("/v1/models/credit/predict", "{\"income\": 1000, \"home\": \"own\", \"age\": 30}"));
        assertEquals(plain.get("probability"), answer.get("probability"));
        assertEquals(0, plain.get("ignored_fields").size());
        try (OccamServer strict = start(ServeOptions.defaults(dir, "127.0.0.1", 0).withStrict(true))) {
            HttpResponse<String> refused = post(strict, "/v1/models/credit/predict", row);
            assertEquals(400, refused.statusCode());
            assertEquals("applicant_id", json(refused).get("field").asText());
            assertTrue(json(refused).get("error").asText().contains("unknown field 'applicant_id'"), refused.body());
        }
    }

    /** A misspelt feature is still caught without --strict: the feature itself is then missing. */
    @Test
    void predict_misspeltFeature_400NamingTheMissingFeature() throws Exception {
        HttpResponse<String> r = post("/v1/models/credit/predict",
                "{\"income\": 1000, \"home\": \"own\", \"aeg\": 30}");
        assertEquals(400, r.statusCode());
        assertEquals("age", json(r).get("field").asText());
    }

    @Test
    void predict_missingField_400NamingTheField() throws Exception {
        HttpResponse<String> r = post("/v1/models/credit/predict", "{\"income\": 1000, \"home\": \"own\"}");
        assertEquals(400, r.statusCode());
        assertEquals("age", json(r).get("field").asText());
    }

    @Test
    void predict_nullValue_scoredAsMissing() throws Exception {
        HttpResponse<String> r = post("/v1/models/credit/predict", "{\"income\": null, \"home\": null, \"age\": null}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(0, json(r).get("guardrails").size());
    }

    @Test
    void predict_textForNumber_400NamingTheFieldAndValue() throws Exception {
        HttpResponse<String> r = post("/v1/models/credit/predict", "{\"income\": \"lots\", \"home\": \"own\", \"age\": 30}");
        assertEquals(400, r.statusCode());
        assertEquals("income", json(r).get("field").asText());
        assertTrue(json(r).get("error").asText().contains("'lots'"), r.body());
    }

    @Test
    void predict_numberOrObjectForCategory_400NamingTheField() throws Exception {
        for (String home : List.of("2", "{\"a\": 1}", "true", "[\"own\"]")) {
            HttpResponse<String> r = post("/v1/models/credit/predict",
                    "{\"income\": 1000, \"home\": " + home + ", \"age\": 30}");
            assertEquals(400, r.statusCode(), home);
            assertEquals("home", json(r).get("field").asText());
        }
    }

    @Test
    void predict_badJson_400WithoutInternals() throws Exception {
        for (String body : List.of("{\"income\": 1000,", "not json", "", "[1, 2]", "{\"income\": 1} trailing",
                "{\"income\": 1, \"income\": 2, \"home\": \"own\", \"age\": 3}")) {
            HttpResponse<String> r = post("/v1/models/credit/predict", body);
            assertEquals(400, r.statusCode(), body + " -> " + r.body());
            String error = json(r).get("error").asText();
            assertFalse(error.contains("at dev.") || error.contains("Exception"), error);
        }
    }

    @Test
    void predict_batchErrorInOneRow_400NamingRowAndField() throws Exception {
        HttpResponse<String> r = post("/v1/models/credit/predict",
                "{\"rows\": [{\"income\": 1, \"home\": \"own\", \"age\": 3}, {\"income\": 1, \"home\": \"own\"}]}");
        assertEquals(400, r.statusCode());
        assertEquals(1, json(r).get("row").asInt());
        assertEquals("age", json(r).get("field").asText());
    }

    @Test
    void predict_bodyOverLimit_413() throws Exception {
        String big = "{\"income\": 1, \"home\": \"" + "x".repeat(ServeOptions.DEFAULT_MAX_BODY_BYTES) + "\", \"age\": 3}";
        HttpResponse<String> r = post("/v1/models/credit/predict", big);
        assertEquals(413, r.statusCode());
        assertTrue(json(r).get("error").asText().contains("limit"), r.body());
    }

    @Test
    void predict_batchOverLimit_413() throws Exception {
        String row = "{\"income\": 1000, \"home\": \"own\", \"age\": 30}";
        String batch = "{\"rows\": [" + String.join(",", java.util.Collections.nCopies(
                ServeOptions.DEFAULT_MAX_BATCH_ROWS + 1, row)) + "]}";
        HttpResponse<String> r = post("/v1/models/credit/predict", batch);
        assertEquals(413, r.statusCode(), r.body());
    }

    @Test
    void predict_outsideTrainingRangeAndUnseenLevel_flaggedAndScored() throws Exception {
        HttpResponse<String> r = post("/v1/models/credit/predict", "{\"income\": 9000, \"home\": \"boat\", \"age\": 12}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode flags = json(r).get("guardrails");
        assertEquals(3, flags.size(), r.body());
        assertEquals("income", flags.get(0).get("field").asText());
        assertEquals("above the training range (max 5000)", flags.get(0).get("issue").asText());
        assertTrue(flags.get(1).get("issue").asText().startsWith("unseen category 'boat'"), r.body());
        assertEquals("below the training range (min 18)", flags.get(2).get("issue").asText());
    }

    @Test
    void predict_outsideTrainingRangeWhenStrict_400NamingTheField() throws Exception {
        try (OccamServer strict = start(ServeOptions.defaults(dir, "127.0.0.1", 0).withStrict(true))) {
            HttpResponse<String> r = post(strict, "/v1/models/credit/predict",
                    "{\"income\": 9000, \"home\": \"own\", \"age\": 30}");
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("income", json(r).get("field").asText());
            assertTrue(json(r).get("error").asText().contains("max 5000"), r.body());
            assertEquals(200, post(strict, "/v1/models/credit/predict",
                    "{\"income\": 900, \"home\": \"own\", \"age\": 30}").statusCode());
        }
    }

    @Test
    void reload_newVersionWritten_servedWithoutRestart() throws Exception {
        String row = "{\"income\": 1000, \"home\": \"own\", \"age\": 30}";
        JsonNode before = json(post("/v1/models/credit/predict", row));
        Fixtures.write(Fixtures.logistic(1.5), dir, "credit", 2);
        server.reload();
        JsonNode after = json(post("/v1/models/credit/predict", row));
        assertEquals(1, before.get("version").asInt());
        assertEquals(2, after.get("version").asInt());
        assertNotEquals(before.get("probability"), after.get("probability"));
    }

    @Test
    void reload_byPolling_newVersionPickedUp() throws Exception {
        try (OccamServer polling = start(ServeOptions.defaults(dir, "127.0.0.1", 0).withPoll(Duration.ofMillis(50)))) {
            Fixtures.write(Fixtures.logistic(1.5), dir, "credit", 7);
            String row = "{\"income\": 1000, \"home\": \"own\", \"age\": 30}";
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int version = 0;
            while (version != 7 && System.nanoTime() < deadline) {
                version = json(post(polling, "/v1/models/credit/predict", row)).get("version").asInt();
                Thread.sleep(20);
            }
            assertEquals(7, version);
        }
    }

    @Test
    void reload_corruptNewVersion_refusedAndPreviousKeepsServing() throws Exception {
        Path good = dir.resolve("credit/versions/1/model.json");
        String text = Files.readString(good);
        Path bad = dir.resolve("credit/versions/2/model.json");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, text.substring(0, text.length() / 2)); // truncated
        Path tampered = dir.resolve("credit/versions/3/model.json");
        Files.createDirectories(tampered.getParent());
        Files.writeString(tampered, text.replace("\"threshold\" : 0.4", "\"threshold\" : 0.5"));
        server.reload();
        HttpResponse<String> r = post("/v1/models/credit/predict", "{\"income\": 1000, \"home\": \"own\", \"age\": 30}");
        assertEquals(200, r.statusCode());
        assertEquals(1, json(r).get("version").asInt());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("refused " + bad)), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("refused " + tampered) && l.contains("checksum")),
                log.toString());
        long lines = log.size();
        server.reload();
        assertEquals(lines, log.size(), "a refused file is told once: " + log);
    }

    @Test
    void reload_sameSlotOverwrittenWithGarbage_previousContentKeepsServing() throws Exception {
        Fixtures.write(Fixtures.logistic(0), dir, "plain", 0);
        server.reload();
        Files.writeString(dir.resolve("plain/model.json"), "{\"format\": \"occam-model/1\", ");
        server.reload();
        HttpResponse<String> r = post("/v1/models/plain/predict", "{\"income\": 1000, \"home\": \"own\", \"age\": 30}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(0, json(r).get("version").asInt());
    }

    @Test
    void models_listAndSummary_describeTheModel() throws Exception {
        Files.writeString(dir.resolve("credit/versions/1/card.json"),
                "{\"success\": {\"metric\": \"auc\", \"at_least\": 0.8, \"value\": 0.83, \"met\": true}}");
        server.reload();
        JsonNode list = json(get("/v1/models"));
        assertEquals("credit", list.get("models").get(0).get("name").asText());
        assertEquals(1, list.get("models").get(0).get("version").asInt());
        assertEquals("logistic", list.get("models").get(0).get("family").asText());
        JsonNode one = json(get("/v1/models/credit"));
        assertEquals(0.4, one.get("threshold").doubleValue());
        assertEquals("default", one.get("target").get("name").asText());
        assertEquals(5, one.get("parameters").asInt());
        assertEquals("home", one.get("schema").get(1).get("name").asText());
        assertEquals(3, one.get("schema").get(1).get("levels").size());
        assertEquals(5000.0, one.get("schema").get(0).get("max").doubleValue());
        assertTrue(one.get("success").get("met").asBoolean());
        assertEquals("ok", json(get("/health")).get("status").asText());
    }

    @Test
    void paths_traversalAndBadNames_refusedWithoutServingFiles() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "do not serve");
        for (String path : List.of("/v1/models/..%2F..%2Fetc%2Fpasswd", "/v1/models/../secret.txt",
                "/v1/models/%2e%2e/predict", "/v1/models/CREDIT", "/v1/models/credit/../../secret.txt",
                "/secret.txt", "/v1/models/nope")) {
            HttpResponse<String> r = get(path);
            assertTrue(r.statusCode() == 400 || r.statusCode() == 404, path + " -> " + r.statusCode());
            assertFalse(r.body().contains("do not serve"), path);
            json(r);
        }
        HttpResponse<String> wrongMethod = get("/v1/models/credit/predict");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void metrics_afterRequests_prometheusTextWithCountsAndHistogram() throws Exception {
        post("/v1/models/credit/predict", "{\"income\": 1000, \"home\": \"own\", \"age\": 30}");
        post("/v1/models/credit/predict", "{\"income\": \"x\", \"home\": \"own\", \"age\": 30}");
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        Pattern sample = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\",?)*\\})? "
                + "[-+]?([0-9.eE+-]+|Inf|NaN)");
        for (String line : r.body().split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || sample.matcher(line).matches(),
                    "not Prometheus text: " + line);
        }
        assertTrue(r.body().contains("occam_requests_total{endpoint=\"predict\",model=\"credit\",status=\"200\"} 1\n"),
                r.body());
        assertTrue(r.body().contains("occam_requests_total{endpoint=\"predict\",model=\"credit\",status=\"400\"} 1\n"),
                r.body());
        assertTrue(r.body().contains("occam_request_duration_seconds_bucket{endpoint=\"predict\",le=\"+Inf\"} 2\n"),
                r.body());
        assertTrue(r.body().contains("occam_model_info{model=\"credit\",version=\"1\",family=\"logistic\"} 1"));
    }

    @Test
    void openApi_document_parsesWithEachModelsInputSchema() throws Exception {
        JsonNode doc = json(get("/openapi.json"));
        assertTrue(doc.get("openapi").asText().startsWith("3."));
        assertTrue(doc.get("paths").has("/v1/models/{name}/predict"));
        assertFalse(doc.get("paths").has("/v1/models/credit/predict"));
        assertTrue(doc.get("paths").has("/metrics"));
        JsonNode row = doc.get("components").get("schemas").get("Row-credit");
        assertEquals(List.of("income", "home", "age"), JSON.convertValue(row.get("required"), List.class));
        assertEquals("number", row.get("properties").get("income").get("type").asText());
        assertEquals("string", row.get("properties").get("home").get("type").asText());
        // every $ref points at a component that exists
        for (String ref : refs(doc, new ArrayList<>())) {
            String name = ref.substring("#/components/schemas/".length());
            assertTrue(doc.get("components").get("schemas").has(name), ref);
        }
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

    /** RFC 4180 lines: quoted fields may hold commas and doubled quotes. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            List<String> fields = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        f.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(f.toString());
                    f.setLength(0);
                } else {
                    f.append(c);
                }
            }
            fields.add(f.toString());
            out.add(fields);
        }
        return out;
    }

}
