package dev.occam.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.explain.CoefficientTable;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.MulticlassScorer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code occam explain} on a multinomial logistic regression gives each class's coefficients against the reference
 * class with their standard errors' intervals, as it gives one table for two classes.
 */
class ExplainMultinomialTest {

    @TempDir
    Path dir;

    @Test
    void describe_multinomialLogit_oneIntervalTablePerClassAgainstTheFirst() throws Exception {
        // The churn rows and columns of MultinomialLogisticOracleTest, whose fit matches R's nnet::multinom.
        Frame all = TestDatasets.load("wa_churn.csv").select(IntStream.range(0, 600).toArray());
        Frame features = new Frame(Stream.of("tenure", "monthly_charges", "senior_citizen").map(all::column).toList());
        CategoricalColumn contract = (CategoricalColumn) all.column("contract");
        List<String> levels = List.of("Month-to-month", "One year", "Two year");
        double[] codes = new double[all.rows()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = levels.indexOf(contract.level(i));
        }
        Target target = new Target(TargetInfo.multiclass("contract", levels), codes);
        Model model = new LogisticRegression().fit(features, target);
        Path file = dir.resolve("model.json");
        ModelFile.save(model, file);

        String text = ExplainJob.describe(file);

        MulticlassScorer classes = (MulticlassScorer) model.scorer();
        for (int k = 1; k < levels.size(); k++) {
            String title = "class " + levels.get(k) + " against " + levels.get(0) + " (log-odds):";
            assertTrue(text.contains(title), title + " missing from:\n" + text);
            // Each row of the table is the class's own estimate and interval, as CoefficientTable computes them.
            CoefficientTable table = CoefficientTable.of((LinearScorer) classes.components().get(k - 1), 0.95);
            CoefficientTable.Term width = table.terms().get(1);
            String block = text.substring(text.indexOf(title));
            assertTrue(block.contains(String.format(Locale.ROOT, "%.4g", width.estimate())), block);
            assertTrue(block.contains(String.format(Locale.ROOT, "%.4g", width.low())), block);
        }
        assertEquals(levels.size() - 1, text.split("95% confidence intervals", -1).length - 1, text);
    }
}
