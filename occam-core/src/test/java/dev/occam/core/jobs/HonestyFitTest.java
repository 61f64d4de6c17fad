package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10's cases through the whole fit: what ships is never silently wrong. */
class HonestyFitTest {

    @TempDir
    Path dir;

    private Path useCase(String data, String target, String positive, String candidates) throws Exception {
        Path file = dir.resolve("usecase.yaml");
        Files.writeString(file, "name: honesty\nquestion: Is it honest?\ndata:\n  path: " + data + "\ntarget: "
                + target + "\npositive: \"" + positive + "\"\nsuccess:\n  metric: auc\n  at_least: 0.8\n"
                + "selection:\n  candidates: [" + candidates + "]\n");
        return file;
    }

    @Test
    void run_breastCancerPositiveZero_shipsAFirthLogisticThatRanksItsOwnRows() throws Exception {
        Files.copy(TestDatasets.path("breast_cancer.csv"), dir.resolve("breast_cancer.csv"));
        FitResult r = new FitJob(UseCaseReader.read(useCase("breast_cancer.csv", "target", "0", "baseline, logistic")),
                dir.resolve("out"), null).run();
        assertEquals("logistic", r.chosenEntry().family(), r.verdict().reasons().toString());
        Model saved = ModelFile.load(dir.resolve("out").resolve("model.json"));
        assertTrue(saved.diagnostics().converged());
        assertEquals("Firth's penalised likelihood", saved.diagnostics().method());
        var data = dev.occam.core.data.LabelledData.of(TestDatasets.load("breast_cancer.csv"), "target",
                dev.occam.runtime.Task.CLASSIFICATION, "0", java.util.List.of());
        double trainingAuc = Metric.AUC.compute(data.target().values(), saved.score(data.features()), 0.5);
        assertTrue(trainingAuc >= 0.95, "training AUC " + trainingAuc);
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("logistic: ") && w.contains("separates the classes")
                && w.contains("Firth")), r.warnings().toString());
        JsonNode card = Json.MAPPER.readTree(dir.resolve("out").resolve("card.json").toFile());
        assertTrue(card.get("warnings").toString().contains("Firth"), card.get("warnings").toString());
    }

    /** Every refused (no) applicant has spending 0; accepted ones mostly spent; income carries the rest. */
    private static String spending(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("income,age,spending,accepted\n");
        for (int i = 0; i < n; i++) {
            double income = r.nextGaussian();
            double age = r.nextGaussian();
            boolean yes = r.nextDouble() < 1 / (1 + Math.exp(-(0.5 + 1.5 * income)));
            double spent = yes && r.nextDouble() < 0.7 ? Math.round(Math.exp(3 + r.nextGaussian())) : 0;
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%.0f,%s%n", income, age, spent, yes ? "yes" : "no"));
        }
        return sb.toString();
    }

    @Test
    void run_quasiSeparatedBySpending_saysSoNamesTheGiveawayAndShipsAFiniteModel() throws Exception {
        Files.writeString(dir.resolve("loans.csv"), spending(800, 3));
        FitResult r = new FitJob(UseCaseReader.read(useCase("loans.csv", "accepted", "yes", "baseline, logistic")),
                dir.resolve("out"), null).run();
        LeaderboardEntry logistic = r.entries().stream().filter(e -> e.family().equals("logistic")).findFirst()
                .orElseThrow();
        assertTrue(logistic.eligible(), logistic.whyNotEligible());
        assertTrue(r.suspects().stream().anyMatch(s -> s.column().equals("spending")
                && s.reason().startsWith("spending > 0 in ")), r.suspects().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("spending") && w.contains("separates the classes")),
                r.warnings().toString());
        assertEquals("Firth's penalised likelihood", r.model().diagnostics().method());
    }
}
