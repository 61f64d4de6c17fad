package dev.occam.cli;

import dev.occam.runtime.io.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.occam.runtime.Occam;
import dev.occam.runtime.recommend.RecommenderModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped recommendation example end to end, as its README runs it: {@code occam fit} on
 * examples/recommend/usecase.yaml (the whole ladder), {@code occam predict ... --top 10}, the Java API on the same
 * file, and the report in headless Chromium.
 */
class RecommendExampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE = Path.of("..", "examples", "recommend");

    @TempDir
    static Path dir;
    static Path out;
    static CliRun fit;

    @BeforeAll
    static void fit() {
        out = dir.resolve("fit");
        fit = CliRun.of("fit", EXAMPLE.resolve("usecase.yaml").toString(), "--out", out.toString());
    }

    @Test
    void fit_example_meetsTheBarAndShowsTheLeaderboardAndExamples() throws Exception {
        assertEquals(OccamCommand.OK, fit.exitCode(), fit.err() + fit.out());
        for (String rung : List.of("popularity", "item_knn", "p3alpha", "rp3beta", "ease", "als")) {
            assertTrue(fit.out().contains(rung), rung + " missing from the console:\n" + fit.out());
        }
        JsonNode board = JSON.readTree(out.resolve("leaderboard.json").toFile());
        assertEquals("occam-recommend-leaderboard/1", board.get("format").asText());
        JsonNode card = JSON.readTree(out.resolve("card.json").toFile());
        assertTrue(card.get("success").get("met").asBoolean());
        double popularity = board.get("rungs").get(0).get("ndcg").asDouble();
        assertTrue(popularity < 0.70, "the bar should need more than popularity: " + popularity);
        // the reasons name services, not codes
        String reason = card.get("examples").get(0).get("recommended").get(0).get("reason").asText();
        assertTrue(reason.matches("because you bought [A-Z][A-Za-z -]+( and [A-Z][A-Za-z -]+)?"), reason);
        assertTrue(Files.readString(out.resolve("report.html")).contains("Example users"));
    }

    @Test
    void predict_example_writesTenRanksPerUserNeverASeenItem() throws Exception {
        Path users = dir.resolve("users.csv");
        Files.writeString(users, "customer_id\nC0001\nC0002\nC0100\nnobody\n");
        Path csv = dir.resolve("recs.csv");
        CliRun predict = CliRun.of("predict", out.resolve("model.json").toString(), users.toString(), "--top", "10",
                "--out", csv.toString());
        assertEquals(OccamCommand.OK, predict.exitCode(), predict.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("customer_id,rank,service,score,reason", lines.get(0));
        Map<String, Set<String>> had = new HashMap<>();
        for (String line : Files.readAllLines(EXAMPLE.resolve("subscriptions.csv")).subList(1, 39608)) {
            String[] f = line.split(",", 2);
            had.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[1]);
        }
        // 15 services: a user with more than 5 has fewer than 10 left to recommend
        int expected = 0;
        for (String user : List.of("C0001", "C0002", "C0100", "nobody")) {
            expected += Math.min(10, 15 - had.getOrDefault(user, Set.of()).size());
        }
        assertEquals(1 + expected, lines.size());
        Pattern row = Pattern.compile("([^,]+),(\\d+),([^,]+),([^,]+),(.*)");
        Map<String, Set<String>> listed = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = row.matcher(line);
            assertTrue(m.matches(), line);
            String user = m.group(1);
            assertFalse(had.getOrDefault(user, Set.of()).contains(m.group(3)), "recommended a seen item: " + line);
            assertTrue(listed.computeIfAbsent(user, k -> new HashSet<>()).add(m.group(3)), "repeated: " + line);
            if (user.equals("nobody")) {
                assertTrue(m.group(5).contains("popular overall: no history for this customer_id"), line);
            }
        }
        // the Java API gives the same first item and score
        RecommenderModel model = Occam.loadRecommender(out.resolve("model.json"));
        RecommenderModel.Recommended first = model.recommend("C0002", 10).items().get(0);
        Matcher m = row.matcher(lines.get(11));
        assertTrue(m.matches() && m.group(1).equals("C0002"), lines.get(11));
        assertEquals(first.item(), m.group(3));
        assertEquals(first.score(), Double.parseDouble(m.group(4)), 0.0);
        CliRun wrongColumn = CliRun.of("predict", out.resolve("model.json").toString(),
                EXAMPLE.resolve("usecase.yaml").getParent().resolve("subscriptions.csv").toString(), "--top", "0");
        assertTrue(wrongColumn.isOneLineError() && wrongColumn.err().contains("--top must be >= 1"), wrongColumn.err());
    }

    @Test
    void open_exampleReport_rendersWithoutErrors() throws Exception {
        String dom = new Chromium(Files.createDirectories(dir.resolve("profile"))).dumpDom(out.resolve("report.html"));
        Matcher errors = Pattern.compile("<pre id=\"occam-errors\"[^>]*>(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(errors.find(), "the error box is missing");
        assertEquals("", errors.group(1).strip(), "the page reported errors");
        assertTrue(dom.contains("<svg class=\"bars\""), "no bar chart");
        assertTrue(dom.contains("because you bought"), "no reasons in the examples");
    }

    /** What fit --json, --quiet, runs and compare read from this task's card and leaderboard (issue 19). */
    @Test
    void runSummary_recommendFit_readsTheCardsChoiceAndBar() throws Exception {
        RunSummary s = RunSummary.read(out);
        assertEquals("recommend", s.task());
        JsonNode card = Json.MAPPER.readTree(out.resolve("card.json").toFile());
        assertEquals(card.get("chosen").asText(), s.chosen());
        assertEquals(card.at("/success/metric").asText(), s.metric());
        assertEquals(card.at("/success/at_least").asDouble(), s.bar(), 0.0);
        assertEquals(card.at("/success/value").asDouble(), s.value(), 0.0);
        assertEquals(card.at("/success/verdict").asText(), s.verdict());
        assertTrue(s.candidates().size() >= 2, s.candidates().toString());
        assertEquals(1, s.candidates().stream().filter(RunSummary.Entry::chosen).count(), s.candidates().toString());
        assertTrue(s.candidates().stream().noneMatch(e -> e.id().startsWith("?")), s.candidates().toString());
        CliRun runs = CliRun.of("runs", out.toString());
        assertEquals(OccamCommand.OK, runs.exitCode(), runs.err());
        assertTrue(runs.out().lines().anyMatch(l -> l.startsWith(out + "@1 *") && l.contains(" recommend ")), runs.out());
    }
}
