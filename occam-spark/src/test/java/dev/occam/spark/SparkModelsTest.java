package dev.occam.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.boosting.GradientBoosting;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.core.usecase.UseCase;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models come home: each MLlib model fitted on the shipped credit example (4,454 rows, missing values in numbers
 * and categories), converted to Occam's runtime scorer and written to model.json and read back, gives Spark's own
 * probability on every row to 1e-9.
 */
class SparkModelsTest {

    private static SparkTable table;
    private static SparkLadder ladder;

    @BeforeAll
    static void readCredit() throws Exception {
        SparkSession spark = LocalSpark.session();
        UseCase useCase = UseCaseReader.read(Path.of("../examples/credit/usecase.yaml"));
        Dataset<Row> raw = SparkTable.read(spark, useCase.data()).cache();
        table = SparkTable.of(spark, useCase, raw);
        // Small ensembles: the conversion does not depend on how many trees there are, and each costs Spark jobs.
        ladder = new SparkLadder(spark, table, Metric.fromKey("auc"), null, 42L,
                new SparkFamily.Settings(DecisionTree.Options.defaults(), 10, 8,
                        GradientBoosting.Options.defaults().withRounds(10).withEarlyStopping(2), 5, 256, true,
                        List.of(8), List.of(10, 20), 32));
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline", "logistic", "tree", "naive-bayes", "random-forest", "boosting"})
    void refit_creditModelFromModelJson_equalsSparkOnEveryRow(String family) throws Exception {
        SparkLadder.Refit refit = ladder.refit(family);
        double[] spark = ladder.scores(refit.fitted(), refit.prep());
        Path file = Files.createTempDirectory("occam-spark").resolve("model.json");
        ModelFile.save(refit.model(), file, null);
        Model model = ModelFile.load(file);

        List<Row> rows = table.rows.orderBy(SparkTable.ROW).collectAsList();
        int p = table.schema.size();
        double worst = 0;
        for (Row r : rows) {
            double[] x = new double[p];
            for (int j = 0; j < p; j++) {
                x[j] = r.isNullAt(2 + j) ? Double.NaN : r.getDouble(2 + j);
            }
            int i = (int) r.getLong(0);
            worst = Math.max(worst, Math.abs(model.score(x) - spark[i]));
        }
        assertEquals(table.target.size(), rows.size());
        assertTrue(worst <= 1e-9, family + ": largest difference from Spark's probability " + worst);
    }
}
