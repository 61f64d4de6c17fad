package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.occam.core.recommend.InteractionMatrix;
import dev.occam.core.recommend.PlantedClusters;
import dev.occam.runtime.Occam;
import dev.occam.runtime.recommend.RecommenderModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code occam fit} on interactions with planted item clusters (500 users, 200 items in 8 clusters, 80% of each
 * user's items from one cluster), written as a CSV with text labels, ISO times and a rating: the chosen rung climbs
 * past popularity, its similar items recover the clusters, and a bar set too high exits with 3.
 */
class RecommendPlantedClustersTest {

    private static final int CLUSTERS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static CliRun fit;

    @BeforeAll
    static void fit() throws Exception {
        InteractionMatrix m = new PlantedClusters(500, 200, CLUSTERS, 15, 0.2, 7L).generate().interactions();
        StringBuilder csv = new StringBuilder("who,what,when,stars\n");
        for (int u = 0; u < m.userCount(); u++) {
            for (int k = m.rowStart(u); k < m.rowEnd(u); k++) {
                csv.append("user-").append(u).append(",item-").append(m.item(k)).append(',')
                        .append(Instant.ofEpochSecond(1_700_000_000L + m.time(k))).append(',').append(1 + k % 5).append('\n');
            }
        }
        Files.writeString(dir.resolve("events.csv"), csv);
        Files.writeString(dir.resolve("usecase.yaml"), """
                name: planted
                question: Which items next?
                task: recommend
                data:
                  path: events.csv
                user: who
                item: what
                time: when
                rating: stars
                success:
                  metric: recall@10
                  at_least: 0.99
                """);
        fit = CliRun.of("fit", dir.resolve("usecase.yaml").toString(), "--out", dir.resolve("fit").toString());
    }

    @Test
    void fit_plantedClusters_climbsPastPopularityAndMissesAnImpossibleBar() throws Exception {
        assertEquals(OccamCommand.SUCCESS_NOT_MET, fit.exitCode(), fit.err() + fit.out());
        JsonNode board = JSON.readTree(dir.resolve("fit").resolve("leaderboard.json").toFile());
        assertTrue(board.get("split").asText().contains("the latest by when"), board.get("split").asText());
        String chosen = board.get("chosen").asText();
        assertNotEquals("popularity", chosen);
        assertNotEquals("recent_popularity", chosen);
        double popularity = Double.NaN;
        double best = 0;
        for (JsonNode r : board.get("rungs")) {
            if (r.get("model").asText().equals("popularity")) {
                popularity = r.get("recall").asDouble();
                assertTrue(r.get("p_value_vs_best").asDouble() < 0.05, "popularity is not significantly worse");
            }
            if (r.get("chosen").asBoolean()) {
                best = r.get("recall").asDouble();
            }
        }
        assertTrue(best > 2 * popularity, "chosen recall@10 " + best + " vs popularity " + popularity);
        assertTrue(fit.out().contains("the bar (recall@10 at least 0.99) is not met"), fit.out());
    }

    @Test
    void similar_chosenModel_recoversThePlantedClusters() throws Exception {
        RecommenderModel model = Occam.loadRecommender(dir.resolve("fit").resolve("model.json"));
        int same = 0;
        int total = 0;
        for (int i = 0; i < 200; i += 5) {
            for (RecommenderModel.Similar s : model.similar("item-" + i, 5)) {
                int j = Integer.parseInt(s.item().substring("item-".length()));
                same += j % CLUSTERS == i % CLUSTERS ? 1 : 0;
                total++;
            }
        }
        assertTrue(total > 100 && same >= 0.9 * total, same + " of " + total + " similar items share the cluster");
        // reasons name seen items of the same cluster, by label
        RecommenderModel.Recommended first = model.recommend("user-3", 1).items().get(0);
        assertTrue(first.reason().startsWith("because you bought item-"), first.reason());
    }
}
