package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.select.FitResult;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.Task;
import dev.occam.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole fit on a three-class target (R's iris): the multiclass ladder is cross-validated and one model
 * chosen, the two-class-only learners are skipped with a note, the card holds the held-out confusion matrix, and
 * {@code occam predict} writes one probability column per class, summing to 1 within 1e-9 on every row.
 */
class MulticlassFitTest {

    @TempDir
    Path dir;

    private Path useCase(String metric) throws Exception {
        Files.copy(TestDatasets.path("iris.csv"), dir.resolve("iris.csv"));
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, String.join("\n", "name: iris", "question: Which species?", "data:",
                "  path: iris.csv", "target: Species", "success:", "  metric: " + metric, "  at_least: 0.9",
                "selection:", "  folds: 5", "  repeats: 1", ""));
        return file;
    }

    @Test
    void run_irisSpecies_choosesAMulticlassModelAndPredictsProbabilitiesSummingToOne() throws Exception {
        FitResult result = new FitJob(UseCaseReader.read(useCase("macro_auc")), dir.resolve("out"), null).run();
        assertEquals(Task.MULTICLASS, result.target().info().task());
        assertEquals(List.of("setosa", "versicolor", "virginica"), result.target().info().levels());
        assertNotNull(result.model(), "a model is chosen");
        assertTrue(result.verdict().chosen().evaluation().mean() > 0.9, "macro AUC of the chosen model");
        List<String> evaluated = result.entries().stream().map(e -> e.family()).toList();
        assertTrue(evaluated.containsAll(List.of("baseline", "logistic", "tree", "random-forest")), evaluated.toString());
        assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("fit for two classes only")), result.notes().toString());

        JsonNode card = Json.MAPPER.readTree(dir.resolve("out/card.json").toFile());
        JsonNode confusion = card.get("confusion_matrix");
        long counted = 0;
        for (JsonNode row : confusion.get("counts")) {
            for (JsonNode c : row) {
                counted += c.asLong();
            }
        }
        assertEquals(150, counted, "every row once per repeat");
        assertEquals("multiclass", card.get("target").get("task").asText());

        Path model = dir.resolve("out/model.json");
        assertEquals(result.model().target(), ModelFile.load(model).target());
        String[] lines = PredictJob.predictCsv(model, dir.resolve("iris.csv")).split("\n");
        assertEquals("prediction,probability_setosa,probability_versicolor,probability_virginica,reasons", lines[0]);
        assertEquals(151, lines.length);
        int right = 0;
        List<String> species = Files.readAllLines(dir.resolve("iris.csv")).subList(1, 151);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", 5);
            double sum = Double.parseDouble(f[1]) + Double.parseDouble(f[2]) + Double.parseDouble(f[3]);
            assertEquals(1.0, sum, 1e-9, "row " + i);
            if (species.get(i - 1).endsWith("\"" + f[0] + "\"")) {
                right++;
            }
        }
        assertTrue(right >= 135, "training rows called right: " + right);
    }

    @Test
    void run_twoClassMetricOnThreeClasses_refusedNamingTheMetricsThatFit() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FitJob(UseCaseReader.read(useCase("auc")), dir.resolve("out"), null).run());
        assertEquals("success metric auc judges two classes, but Species has 3 classes; use one of logloss, accuracy,"
                + " macro_auc", e.getMessage());
    }

    @Test
    void run_recallAtPrecisionOnThreeClasses_refusedNamingTheMetricAndTheClasses() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FitJob(
                UseCaseReader.read(useCase("recall_at_precision\n  precision: 0.9")), dir.resolve("out"), null).run());
        assertEquals("success metric recall_at_precision_0.9 judges two classes, but Species has 3 classes; use one"
                + " of logloss, accuracy, macro_auc", e.getMessage());
    }
}
