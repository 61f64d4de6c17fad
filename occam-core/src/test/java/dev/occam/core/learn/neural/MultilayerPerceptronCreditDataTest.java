package dev.occam.core.learn.neural;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.Folds;
import dev.occam.core.evaluate.Metric;
import dev.occam.runtime.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The network as {@code occam fit} evaluates it on credit_data (loaded through the DuckDB loader, target
 * {@code Status = bad}): 5-fold cross-validation repeated twice, seed 42, the whole pipeline refitted in
 * every fold. Reference: scikit-learn 1.2.1's {@code MLPClassifier} with Occam's defaults reaches 0.8354 on these
 * folds with the usual preparation (numbers standardised, one-hot 0/1; bench/learner-gap.py, docs/learners.md) and
 * 0.8242 with every column standardised; a fair comparator must come within 0.02 of it. The defaults reach 0.8389
 * (the penalty tuned on the inner validation rows; 0.8372 with the penalty fixed at 1e-4; 0.8284 before the
 * indicators were left 0/1).
 */
class MultilayerPerceptronCreditDataTest {

    @Test
    void crossValidatedAuc_creditData_atLeast0815() {
        LabelledData d = LabelledData.of(TestDatasets.load("credit_data.csv"), "Status", Task.CLASSIFICATION, "bad",
                List.of());
        var folds = Folds.repeatedKFold(42, d.target().size(), 5, 2, d.target().values());
        Evaluation e = CrossValidation.evaluate(MultilayerPerceptron.pipeline(), d.features(), d.target(), folds,
                Metric.AUC, null, null);
        assertTrue(e.succeeded(), e.failure());
        assertTrue(e.mean() >= 0.815, "5x2-CV AUC " + e.mean());
    }
}
