package dev.occam.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.occam.runtime.FeatureDistribution;
import dev.occam.runtime.Model;
import dev.occam.runtime.TypicalValues;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watching the live model (issue 18, point 8): drift, predictions and selection rates over real HTTP. */
class MonitorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private OccamServer server;

    @BeforeEach
    void start() throws Exception {
        Fixtures.write(Fixtures.logistic(0), dir, "credit", 1);
        server = OccamServer.start(ServeOptions.defaults(dir, "127.0.0.1", 0), line -> { });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode post(String model, String body) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/v1/models/" + model + "/predict")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private String get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String row(double income, String home, double age, String extra) {
        return "{\"income\": " + income + ", \"home\": \"" + home + "\", \"age\": " + age + extra + "}";
    }

    /**
     * The training rows themselves, with their incomes replaced by ones in the top decile: home and age keep an
     * index of 0, income's passes 0.25. The index is checked against one computed here from the training bins.
     */
    @Test
    void monitor_shiftedIncome_majorShiftForIncomeOnly_andEqualsThePsiOfTheBins() throws Exception {
        Model model = Fixtures.logistic(0);
        FeatureDistribution income = model.typicalValues().distribution(0);
        long[] live = new long[income.bins()];
        SplittableRandom r = new SplittableRandom(5);
        dev.occam.runtime.data.Frame training = Fixtures.training();
        double[] ages = ((dev.occam.runtime.data.NumericColumn) training.column("age")).values();
        dev.occam.runtime.data.CategoricalColumn homes = (dev.occam.runtime.data.CategoricalColumn) training
                .column("home");
        for (int i = 0; i < training.rows(); i++) {
            double x = 4500 + r.nextDouble() * 500; // training: uniform on [100, 5000]
            live[income.bin(x)]++;
            post("credit", row(x, homes.levels().get(homes.codes()[i]), ages[i], ""));
        }
        JsonNode monitor = JSON.readTree(get("/v1/models/credit/monitor"));
        assertEquals(200, monitor.get("rows").asInt());
        JsonNode drift = monitor.get("drift");
        assertTrue(drift.get("available").asBoolean());
        JsonNode incomeDrift = drift.get("features").get(0);
        assertEquals("income", incomeDrift.get("feature").asText());
        assertEquals(income.stabilityIndex(live), incomeDrift.get("psi").doubleValue(), 1e-12);
        assertTrue(incomeDrift.get("psi").doubleValue() > 0.25, incomeDrift.toString());
        assertEquals("major shift", incomeDrift.get("status").asText());
        for (int f = 1; f < 3; f++) {
            JsonNode other = drift.get("features").get(f);
            assertEquals(0.0, other.get("psi").doubleValue(), 1e-12, other.toString());
            assertEquals("stable", other.get("status").asText());
        }
        String metrics = get("/metrics");
        assertTrue(metrics.contains("occam_feature_psi{model=\"credit\",feature=\"income\"} "), metrics);
    }

    @Test
    void monitor_predictions_countsEqualTheAnswers() throws Exception {
        SplittableRandom r = new SplittableRandom(9);
        Map<String, Integer> calls = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            JsonNode a = post("credit", row(100 + r.nextDouble() * 4900, "own", 30, ""));
            calls.merge(a.get("prediction").asText(), 1, Integer::sum);
        }
        JsonNode predictions = JSON.readTree(get("/v1/models/credit/monitor")).get("predictions");
        assertEquals(calls.getOrDefault("yes", 0), predictions.get("calls").get("yes").asInt());
        assertEquals(calls.getOrDefault("no", 0), predictions.get("calls").get("no").asInt());
        int histogram = 0;
        for (JsonNode bin : predictions.get("probability_histogram")) {
            histogram += bin.get("rows").asInt();
        }
        assertEquals(50, histogram);
        String metrics = get("/metrics");
        assertTrue(metrics.contains("occam_predictions_total{model=\"credit\",prediction=\""), metrics);
    }

    /** A model file written before distributions were recorded: served, and the monitor says drift is unavailable. */
    @Test
    void monitor_modelFileWithoutDistributions_driftUnavailable() throws Exception {
        Model m = Fixtures.logistic(0);
        TypicalValues t = m.typicalValues();
        Model old = new Model(m.family(), m.target(), m.preparation(), m.scorer(), m.decision(),
                new TypicalValues(m.schema(), new double[] {1000, 0, 40}, new double[] {t.min(0), Double.NaN,
                    t.min(2)}, new double[] {t.max(0), Double.NaN, t.max(2)}));
        Path file = Fixtures.write(old, dir, "old", 1);
        assertFalse(Files.readString(file).contains("\"distributions\""));
        server.reload();
        post("old", row(1000, "own", 30, ""));
        JsonNode drift = JSON.readTree(get("/v1/models/old/monitor")).get("drift");
        assertFalse(drift.get("available").asBoolean());
        assertTrue(drift.get("reason").asText().contains("no training distributions"), drift.toString());
    }

    /**
     * The card names "sex" (sent as an ignored field) and "age" (a feature the audit banded) as protected; the
     * favourable decision is the negative call, "no". Rates by group equal those counted from the answers.
     */
    @Test
    void monitor_protectedAttributeInRequests_selectionRatesByGroupAgainstFourFifths() throws Exception {
        Files.writeString(dir.resolve("credit/versions/1/card.json"), """
                {"use_case": {"fairness": {"protected": ["sex", "age"], "favourable": "negative"}},
                 "fairness": {"chosen": {"attributes": [{"attribute": "age", "groups_are": "quartile bands",
                   "groups": [{"group": "18–40"}, {"group": "41–90"}, {"group": "missing"}]}]}}}
                """);
        server.reload();
        SplittableRandom r = new SplittableRandom(13);
        Map<String, int[]> bySex = new HashMap<>();
        Map<String, int[]> byAge = new HashMap<>();
        for (int i = 0; i < 160; i++) {
            String sex = i % 2 == 0 ? "f" : "m";
            // Lower incomes for one group, so the model calls its groups differently.
            double income = sex.equals("f") ? 100 + r.nextDouble() * 1500 : 2000 + r.nextDouble() * 3000;
            double age = 18 + r.nextInt(73);
            JsonNode a = post("credit", row(income, "rent", age, ", \"sex\": \"" + sex + "\""));
            assertEquals(List.of("sex"), JSON.convertValue(a.get("ignored_fields"), List.class));
            boolean favourable = a.get("prediction").asText().equals("no");
            int[] s = bySex.computeIfAbsent(sex, k -> new int[2]);
            int[] g = byAge.computeIfAbsent(age < 41 ? "18–40" : "41–90", k -> new int[2]);
            s[0]++;
            g[0]++;
            s[1] += favourable ? 1 : 0;
            g[1] += favourable ? 1 : 0;
        }
        JsonNode fairness = JSON.readTree(get("/v1/models/credit/monitor")).get("fairness");
        assertTrue(fairness.get("available").asBoolean());
        assertEquals("no", fairness.get("favourable_decision").asText());
        for (JsonNode attribute : fairness.get("attributes")) {
            Map<String, int[]> expected = attribute.get("attribute").asText().equals("sex") ? bySex : byAge;
            assertEquals(expected.size(), attribute.get("groups").size(), attribute.toString());
            double low = 1;
            double high = 0;
            for (JsonNode g : attribute.get("groups")) {
                int[] c = expected.get(g.get("group").asText());
                assertEquals(c[0], g.get("rows").asInt(), g.toString());
                assertEquals((double) c[1] / c[0], g.get("selection_rate").doubleValue(), 1e-12);
                low = Math.min(low, (double) c[1] / c[0]);
                high = Math.max(high, (double) c[1] / c[0]);
            }
            double ratio = low / high;
            assertEquals(ratio, attribute.get("selection_rate_ratio").doubleValue(), 1e-12);
            assertEquals(ratio >= 0.8 ? "meets the four-fifths rule (0.8)" : "below the four-fifths rule (0.8)",
                    attribute.get("verdict").asText());
        }
        double sexRatio = fairness.get("attributes").get(0).get("selection_rate_ratio").doubleValue();
        assertTrue(sexRatio < 0.8, "the incomes were chosen to separate the groups: " + sexRatio);
        String metrics = get("/metrics");
        assertTrue(metrics.contains("occam_selection_rate{model=\"credit\",attribute=\"sex\",group=\"f\"} "), metrics);
        assertTrue(metrics.contains("occam_selection_rate_ratio{model=\"credit\",attribute=\"sex\"} "), metrics);
    }
}
