package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One family entered twice with different options: both on the leaderboard by id, the simpler chosen. */
class FitJobCandidatesTest {

    @TempDir
    Path dir;

    private Path useCase(String candidates) throws Exception {
        Files.writeString(dir.resolve("data.csv"), interaction(1200, 7));
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, String.join("\n",
                "name: synthetic",
                "question: Which depth is enough?",
                "data:",
                "  path: data.csv",
                "target: y",
                "positive: yes",
                "success:",
                "  metric: auc",
                "  at_least: 0.7",
                "selection:",
                "  candidates:",
                candidates,
                ""));
        return file;
    }

    /** y depends on the product of x1 and x2: a depth-2 tree can hold the interaction, deeper ones only add size. */
    private static String interaction(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("x1,x2,x3,y\n");
        for (int i = 0; i < n; i++) {
            double x1 = r.nextDouble(-1, 1);
            double x2 = r.nextDouble(-1, 1);
            double p = 1 / (1 + Math.exp(-6 * x1 * x2));
            sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%s%n", x1, x2, r.nextDouble(-1, 1),
                    r.nextDouble() < p ? "yes" : "no"));
        }
        return sb.toString();
    }

    @Test
    void run_twoBoostingDepths_bothOnTheLeaderboardAndTheSmallerChosen() throws Exception {
        Path file = useCase(String.join("\n",
                "    - baseline",
                "    - {id: boost-shallow, learner: boosting, options: {max_depth: 2}}",
                "    - {id: boost-deep, learner: boosting, options: {max_depth: 6}}"));
        FitResult result = new FitJob(UseCaseReader.read(file), dir.resolve("out"), null).run();
        List<String> ids = result.entries().stream().map(LeaderboardEntry::id).toList();
        assertEquals(List.of("baseline", "boost-shallow", "boost-deep"), ids);
        LeaderboardEntry shallow = result.entries().get(1);
        LeaderboardEntry deep = result.entries().get(2);
        assertEquals("boosting", shallow.family());
        assertEquals("boosting", deep.family());
        assertTrue(shallow.parameters() < deep.parameters(), shallow.parameters() + " vs " + deep.parameters());
        // Same rung: the simpler by parameters is chosen when the deeper one is not significantly better.
        assertTrue(deep.versusBest() == null || shallow.versusBest() == null);
        assertEquals("boost-shallow", result.chosenEntry().id(), result.verdict().reasons().toString());
        assertTrue(result.verdict().reasons().stream().anyMatch(r -> r.contains("boost-shallow")),
                result.verdict().reasons().toString());

        Path out = dir.resolve("out");
        JsonNode leaderboard = Json.MAPPER.readTree(out.resolve("leaderboard.json").toFile());
        assertEquals("boost-shallow", leaderboard.get("chosen").asText());
        JsonNode rows = leaderboard.get("candidates");
        assertEquals("boost-deep", rows.get(2).get("model").asText());
        assertEquals("boosting", rows.get(2).get("learner").asText());
        assertEquals(6, rows.get(2).get("options").get("max_depth").asInt());
        assertEquals("baseline", rows.get(0).get("learner").asText());
        assertFalse(rows.get(0).has("options"));

        Model model = ModelFile.load(out.resolve("model.json"));
        assertEquals("boosting", model.family());
        JsonNode card = Json.MAPPER.readTree(out.resolve("card.json").toFile());
        assertEquals("boost-shallow", card.get("selection").get("chosen").asText());
    }

    @Test
    void constructor_unknownOption_refusedBeforeAnyData() throws Exception {
        Path file = useCase("    - {id: boost-deep, learner: boosting, options: {max_dpeth: 6}}");
        Files.delete(dir.resolve("data.csv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FitJob(UseCaseReader.read(file), dir.resolve("out"), null));
        assertEquals("usecase.yaml line 12: candidate 'boost-deep' (boosting): unknown option 'max_dpeth' for boosting "
                + "(did you mean 'max_depth'?; known options: rounds, learning_rate, max_depth, min_child_weight, "
                + "lambda, subsample, threads, seed, early_stopping, depths)", e.getMessage());
    }
}
