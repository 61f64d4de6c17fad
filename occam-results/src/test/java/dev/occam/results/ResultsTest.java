package dev.occam.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultsTest {

    @TempDir
    Path dir;

    /** Files written by the ObjectNode code before the records (see the resources' README) come back byte for byte. */
    @ParameterizedTest
    @CsvSource({"credit/card.json, dev.occam.results.Card", "credit/leaderboard.json, dev.occam.results.Leaderboard",
        "credit/report-data.json, dev.occam.results.ReportData", "amount/card.json, dev.occam.results.Card",
        "amount/leaderboard.json, dev.occam.results.Leaderboard",
        "amount/report-data.json, dev.occam.results.ReportData", "recall/card.json, dev.occam.results.Card",
        "recall/leaderboard.json, dev.occam.results.Leaderboard"})
    void bytes_documentWrittenBeforeRecords_sameBytes(String name, Class<?> type) throws Exception {
        String written = resource(name);
        Object document = Results.MAPPER.readValue(written, type);
        assertEquals(written, new String(Results.bytes(document), StandardCharsets.UTF_8), name);
    }

    @Test
    void read_fitFolder_everyDocumentTyped() throws Exception {
        for (String name : List.of("card.json", "leaderboard.json", "report-data.json")) {
            Files.writeString(dir.resolve(name), resource("amount/" + name));
        }
        Results results = Results.read(dir);
        assertEquals("amount-reg", results.card().name());
        assertEquals("linear", results.card().selection().chosen());
        assertEquals(0.9, results.card().interval().level(), 0.0);
        assertEquals("rmse", results.leaderboard().metric());
        assertEquals(ReportData.FORMAT, results.reportData().format());
    }

    @Test
    void read_cardOnly_otherDocumentsNull() throws Exception {
        Files.writeString(dir.resolve("card.json"), "{\"name\": \"bare\"}");
        Results results = Results.read(dir);
        assertEquals("bare", results.card().name());
        assertNull(results.leaderboard());
        assertNull(results.reportData());
    }

    @Test
    void read_noCard_messageNamesFolderAndCommand() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Results.read(dir));
        assertEquals(dir + " has no card.json; run 'occam fit USECASE --out " + dir + "' first", e.getMessage());
    }

    @Test
    void read_malformedLeaderboard_messageNamesFile() throws Exception {
        Files.writeString(dir.resolve("card.json"), "{}");
        Files.writeString(dir.resolve("leaderboard.json"), "{\"candidates\": 3}");
        IOException e = assertThrows(IOException.class, () -> Results.read(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("leaderboard.json") + " is not a valid Leaderboard"),
                e.getMessage());
    }

    /**
     * An undefined number is written as null and read back as NaN; a boxed number left out (not computed) stays
     * out, so "no Brier score" and "an undefined Brier score" remain two things.
     */
    @Test
    void bytes_undefinedNumbers_nullWhenComputedAbsentWhenNot() throws Exception {
        Leaderboard.Candidate candidate = new Leaderboard.Candidate(1, "baseline", "baseline", java.util.Map.of(), "auc", Double.NaN,
                Double.POSITIVE_INFINITY, Double.NaN, null, new double[] {0.5}, null, true, true, true, null, null,
                null, null, null, Double.NaN, false, 1.5, Double.NaN, Double.NaN);
        JsonNode json = Results.MAPPER.readTree(Results.bytes(candidate));
        assertTrue(json.get("mean").isNull());
        assertTrue(json.get("std").isNull());
        assertTrue(json.get("brier").isNull(), "computed but undefined: present as null");
        assertFalse(json.has("ece"), "not computed: absent");
        assertTrue(json.get("parameters").isNull(), "parameters are always present");
        assertFalse(json.has("difference_vs_best"));
        assertTrue(json.get("p_value_vs_best").isNull());
        assertEquals(1.5, json.get("fit_ms").doubleValue(), 0.0);

        Leaderboard.Candidate back = Results.MAPPER.treeToValue(json, Leaderboard.Candidate.class);
        assertTrue(Double.isNaN(back.mean()));
        assertTrue(Double.isNaN(back.brier()));
        assertNull(back.ece());
        assertNull(back.differenceVsBest());
    }

    /** A fit selecting on recall at precision 0.7: the metric's name carries the precision in every document. */
    @Test
    void read_recallAtPrecisionFit_metricNameCarriesThePrecision() throws Exception {
        for (String name : List.of("card.json", "leaderboard.json")) {
            Files.writeString(dir.resolve(name), resource("recall/" + name));
        }
        Results results = Results.read(dir);
        Leaderboard board = results.leaderboard();
        assertEquals("recall_at_precision_0.7", board.metric());
        assertTrue(board.higherIsBetter());
        for (Leaderboard.Candidate c : board.candidates()) {
            assertEquals("recall_at_precision_0.7", c.metric());
            assertEquals(10, c.folds().length, c.model());
            // The other metrics are the task's others; the selection metric is the candidate's own mean and sd.
            assertEquals(List.of("auc", "pr_auc", "logloss", "brier", "accuracy", "f1"), List.copyOf(c.metrics()
                    .keySet()), c.model());
        }
        Card.Success success = results.card().success();
        assertEquals("recall_at_precision_0.7", success.metric());
        assertEquals(0.3, success.atLeast(), 0.0);
        assertTrue(success.met());
        assertEquals("recall_at_precision_0.7", results.card().evaluation().metric());
    }

    /** A field a partial (older) card lacks reads as NaN for a number, so the report shows it as missing, not 0. */
    @Test
    void read_absentPrimitiveNumber_NaN() throws Exception {
        Card.Proxy proxy = Results.MAPPER.readValue("{\"feature\": \"Age\", \"strong\": true}", Card.Proxy.class);
        assertTrue(Double.isNaN(proxy.score()));
        assertNull(proxy.level());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ResultsTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
