package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.evaluate.Splitter;
import dev.occam.core.learn.forest.RandomForest;
import dev.occam.core.select.FitResult;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grouped folds (selection.groups): credit_data with every applicant written three times. Row folds put copies of
 * a validation applicant in training, so the forest, which memorises rows, looks far better than it is; folds
 * over applicants give about the AUC of the original data.
 */
class GroupedFoldsTest {

    @TempDir
    static Path dir;

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static double original;
    private static double byRows;
    private static double byApplicants;

    @BeforeAll
    static void evaluate() throws Exception {
        List<String> lines = Files.readAllLines(TestDatasets.path("credit_data.csv"));
        List<String> tripled = new ArrayList<>();
        tripled.add("applicant," + lines.get(0));
        for (int copy = 0; copy < 3; copy++) {
            for (int i = 1; i < lines.size(); i++) {
                tripled.add("A" + i + "," + lines.get(i));
            }
        }
        Files.write(dir.resolve("tripled.csv"), tripled);
        Frame table = dev.occam.core.data.DataLoader.load(dev.occam.core.data.DataSource.file(dir.resolve("tripled.csv")));
        LabelledData once = LabelledData.of(TestDatasets.load("credit_data.csv"), "Status", Task.CLASSIFICATION, "bad",
                List.of());
        LabelledData thrice = LabelledData.of(table, "Status", Task.CLASSIFICATION, "bad", List.of("applicant"));
        int[] applicant = ((dev.occam.runtime.data.CategoricalColumn) table.column("applicant")).codes();
        original = auc(once, new Splitter.KFold(42, 5, 1));
        byRows = auc(thrice, new Splitter.KFold(42, 5, 1));
        byApplicants = auc(thrice, new Splitter.GroupedKFold(42, 5, 1, applicant, "applicant"));
        // The measurement the issue asks for, in the test log.
        System.out.printf(java.util.Locale.ROOT, "forest AUC, 5-fold: original %.3f, tripled by rows %.3f, tripled by"
                + " applicant %.3f%n", original, byRows, byApplicants);
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    private static double auc(LabelledData d, Splitter splitter) {
        return CrossValidation.evaluate(new RandomForest(), d.features(), d.target(),
                splitter.folds(d.target().size(), d.target().values()), Metric.AUC, null, null, POOL).mean();
    }

    @Test
    void rowFolds_copiesOfValidationRowsInTraining_inflateTheForest() {
        assertTrue(byRows > original + 0.05, "row folds " + byRows + " vs original " + original);
    }

    @Test
    void groupedFolds_forestScoresAboutTheOriginal() {
        assertEquals(original, byApplicants, 0.02, "grouped " + byApplicants + " vs original " + original);
    }

    @Test
    void fit_selectionGroups_groupColumnSetAsideAndNamedInTheCard() throws Exception {
        // The use-case path, on the first 300 applicants written three times.
        List<String> lines = Files.readAllLines(dir.resolve("tripled.csv"));
        List<String> some = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            if (Integer.parseInt(line.substring(1, line.indexOf(','))) <= 300) {
                some.add(line);
            }
        }
        Files.write(dir.resolve("some.csv"), some);
        Path file = dir.resolve("grouped.yaml");
        Files.writeString(file, "name: credit\nquestion: Will the applicant repay?\ndata:\n  path: some.csv\n"
                + "target: Status\npositive: bad\nsuccess:\n  metric: auc\n  at_least: 0.6\n"
                + "selection:\n  candidates: [baseline, logistic]\n  groups: applicant\n");
        FitResult r = new FitJob(UseCaseReader.read(file), dir.resolve("out"), null).run();
        assertTrue(r.setAside().get("applicant").startsWith("groups the folds"), r.setAside().toString());
        String card = Files.readString(dir.resolve("out").resolve("card.json"));
        assertTrue(card.contains("over the groups of applicant"), card.substring(0, 2000));
    }
}
