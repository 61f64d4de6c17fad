package dev.occam.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.jobs.FitJob;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.usecase.UseCase;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.results.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bar: on the shipped credit example, in local mode, every family both engines have reaches an AUC
 * within 0.01 of the local engine's on the same folds, and the Spark fit writes the same files (a leaderboard with
 * the corrected comparison, a card with the fairness audit, a model.json). One repeat of 5 folds (the example has
 * two) halves the time; the folds are the local engine's either way. Tagged {@code slow}: 14 minutes on this
 * 2-core machine at a load of 6 to 12 (boosting's early stopping costs the most), so {@code ./mvnw verify} leaves
 * it out (run it as docs/spark.md says).
 */
@Tag("slow")
class SparkEngineCreditTest {

    @Test
    void fit_creditExample_aucWithinOneHundredthOfLocalEngine(@TempDir Path dir) throws Exception {
        Path example = Path.of("../examples/credit").toAbsolutePath().normalize();
        String yaml = Files.readString(example.resolve("usecase.yaml"))
                .replace("path: credit_data.csv", "path: " + example.resolve("credit_data.csv"))
                .replace("repeats: 2", "repeats: 1");
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, yaml);
        UseCase useCase = UseCaseReader.read(file);

        long t0 = System.nanoTime();
        FitResult spark = new SparkFitEngine().fit(LocalSpark.session(), useCase, dir.resolve("spark"),
                (id, rung, done, total, s) -> { });
        long t1 = System.nanoTime();
        FitResult local = new FitJob(useCase, dir.resolve("local"), (id, rung, done, total, s) -> { }, 2).run();
        System.out.printf("credit, 5 folds: spark %.1f s, local %.1f s%n", (t1 - t0) / 1e9,
                (System.nanoTime() - t1) / 1e9);

        Map<String, Double> localAuc = new LinkedHashMap<>();
        for (LeaderboardEntry e : local.entries()) {
            if (e.evaluation().succeeded()) {
                localAuc.put(e.id(), e.evaluation().mean());
            }
        }
        int compared = 0;
        for (LeaderboardEntry e : spark.entries()) {
            System.out.printf("%-14s spark %s local %s%n", e.id(),
                    e.evaluation().succeeded() ? String.format("%.4f", e.evaluation().mean()) : e.evaluation().failure(),
                    localAuc.get(e.id()));
        }
        for (LeaderboardEntry e : spark.entries()) {
            if (e.evaluation().succeeded() && localAuc.containsKey(e.id())) {
                assertEquals(localAuc.get(e.id()), e.evaluation().mean(), 0.01,
                        e.id() + " AUC");
                compared++;
            }
        }
        // baseline, today's rule, logistic, tree, naive Bayes, forest, boosting, perceptron
        assertEquals(8, compared);
        assertTrue(spark.entries().stream().anyMatch(e -> e.id().equals("knn")
                && e.evaluation().failure().contains("not available on this engine")));
        assertNotNull(spark.verdict().chosen());
        var card = Results.read(dir.resolve("spark"));
        assertNotNull(card);
        assertTrue(Files.exists(dir.resolve("spark/model.json")));
    }
}
