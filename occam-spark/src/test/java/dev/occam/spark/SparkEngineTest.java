package dev.occam.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.jobs.FitJob;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.usecase.UseCase;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.results.Results;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole engine on the shipped credit example with a short ladder (5 folds, one repeat): the files a local fit
 * writes, the local engine's folds (today's rule, the same SQL on the same rows, gives the local engine's AUC on
 * every fold to the last digit, which only the same folds and the same thresholds can), unavailable rungs with
 * their reason, and a chosen model that reads raw rows.
 */
class SparkEngineTest {

    private static UseCase useCase(Path dir, String candidates) throws Exception {
        return useCase(dir, candidates, "");
    }

    /** The credit example with these candidates and extra selection lines (each ending in a line break). */
    private static UseCase useCase(Path dir, String candidates, String selection) throws Exception {
        Path example = Path.of("../examples/credit").toAbsolutePath().normalize();
        String yaml = Files.readString(example.resolve("usecase.yaml"))
                .replace("path: credit_data.csv", "path: " + example.resolve("credit_data.csv"))
                .replace("repeats: 2", "repeats: 1")
                .replace("  seed: 42", "  seed: 42\n" + selection + "  candidates: " + candidates);
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, yaml);
        return UseCaseReader.read(file);
    }

    @Test
    void fit_creditShortLadder_writesTheLocalEnginesFilesOnItsFolds(@TempDir Path dir) throws Exception {
        UseCase useCase = useCase(dir, "[current-rule, baseline, logistic, tree, knn]");
        FitResult spark = new SparkFitEngine().fit(LocalSpark.session(), useCase, dir.resolve("spark"),
                (id, rung, done, total, s) -> { });
        FitResult local = new FitJob(useCase(dir, "[current-rule, baseline]"), dir.resolve("local"),
                (id, rung, done, total, s) -> { }, 1).run();

        Map<String, LeaderboardEntry> byId = spark.entries().stream()
                .collect(Collectors.toMap(LeaderboardEntry::id, Function.identity()));
        assertArrayEquals(local.entries().get(0).evaluation().values(), byId.get("current-rule").evaluation().values(),
                "today's rule on the same folds");
        assertEquals(5, byId.get("logistic").evaluation().folds().size());
        assertTrue(byId.get("knn").evaluation().failure().contains("not available on this engine: MLlib has no "
                + "exact nearest neighbours"), byId.get("knn").evaluation().failure());
        assertTrue(byId.get("logistic").evaluation().mean() > 0.8, "logistic AUC " + byId.get("logistic")
                .evaluation().mean());

        for (String file : new String[] {"leaderboard.json", "model.json", "card.json", "report-data.json"}) {
            assertTrue(Files.exists(dir.resolve("spark").resolve(file)), file);
        }
        Results results = Results.read(dir.resolve("spark"));
        assertNotNull(results);
        assertNotNull(spark.verdict().chosen());
        Model model = ModelFile.load(dir.resolve("spark/model.json"));
        // A raw row as a user sends it, with a missing income and an unseen level.
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        Object[] values = {"Seniority", 1, "Home", "boat", "Time", 60, "Age", 30, "Marital", "single", "Records",
            "yes", "Job", "freelance", "Expenses", 60, "Assets", 0, "Debt", 0, "Amount", 1200, "Price", 1300};
        for (int i = 0; i < values.length; i += 2) {
            row.put((String) values[i], values[i + 1]);
        }
        var prediction = model.predict(row);
        assertTrue(prediction.probability() > 0.5, "a freelance applicant with arrears: " + prediction.probability());
    }

    @Test
    void fit_balancedClasses_refusedNamingTheKey(@TempDir Path dir) throws Exception {
        UseCase useCase = useCase(dir, "[baseline, logistic]", "  class_weight: balanced\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SparkFitEngine().fit(LocalSpark.session(), useCase, dir.resolve("out"),
                        (id, rung, done, total, s) -> { }));
        assertTrue(e.getMessage().contains("selection.class_weight: balanced"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("out/model.json")), "nothing written");
    }
}
