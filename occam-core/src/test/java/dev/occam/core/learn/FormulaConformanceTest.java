package dev.occam.core.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.Folds;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.formula.FormulaRegression;
import dev.occam.runtime.Explanation;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Row;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learner contract ({@link LearnerConformanceTest}, {@link ExplanationConformanceTest}) for the formula family,
 * which is not in {@code Ladder.all()} because it needs the use case's equation: here {@code y ~ a + b * x1 + c *
 * x2 / 50} on the suite's easy regression fixture (x1 with 5% missing values, a categorical column it does not read).
 */
class FormulaConformanceTest {

    private static final Learner FORMULA = new FormulaRegression(FormulaRegression.Options.of(
            "y ~ a + b * x1 + c * x2 / 50", Map.of()));

    @TempDir
    Path dir;

    private static Model fit(Fixtures.Data d) {
        return CrossValidation.fitWithThreshold(FORMULA, d.features(), d.target(), null).withTypicalValues(d.features());
    }

    @Test
    void predict_batch_equalsRowByRow() {
        Fixtures.Data d = Fixtures.easy(Task.REGRESSION, 300, 1);
        Model m = fit(d);
        double[] batch = m.score(d.features());
        for (int i = 0; i < d.features().rows(); i++) {
            Row row = Row.of(d.features().schema().decode(d.features().row(i)));
            assertEquals(Double.doubleToRawLongBits(batch[i]), Double.doubleToRawLongBits(m.predict(row).score()));
        }
    }

    @Test
    void fit_sameDataTwice_sameModelAndSaveLoadIdentical() throws Exception {
        Fixtures.Data d = Fixtures.easy(Task.REGRESSION, 300, 2);
        Model m = fit(d);
        assertEquals(ModelFile.toJson(m, null), ModelFile.toJson(fit(d), null));
        Path file = dir.resolve("formula.json");
        ModelFile.save(m, file);
        Model loaded = ModelFile.load(file);
        double[] a = m.score(d.features());
        double[] b = loaded.score(d.features());
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "row " + i);
        }
        assertEquals(m.diagnostics(), loaded.diagnostics());
        assertTrue(m.diagnostics().converged(), m.diagnostics().toString());
        assertTrue(m.diagnostics().findings().stream().allMatch(f -> f.endsWith(".")), m.diagnostics().toString());
    }

    @Test
    void fit_easyFixture_beatsBaselineAndReadsOnlyItsColumns() {
        Fixtures.Data d = Fixtures.easy(Task.REGRESSION, 600, 4);
        var folds = Folds.repeatedKFold(9, d.target().size(), 5, 1, null);
        Evaluation mine = CrossValidation.evaluate(FORMULA, d.features(), d.target(), folds, Metric.RMSE, null, null);
        Evaluation base = CrossValidation.evaluate(new BaselineLearner(), d.features(), d.target(), folds, Metric.RMSE,
                null, null);
        assertTrue(mine.succeeded(), mine.failure());
        assertTrue(base.mean() - mine.mean() > 0.1, mine.mean() + " vs baseline " + base.mean());
        Model m = fit(d);
        assertEquals(List.of("x1", "x2"), m.schema().names());
        assertEquals(3, m.parameterCount());
    }

    @Test
    void explain_manyRows_contributionsAddUpAndMissingFieldsScore() {
        Fixtures.Data d = Fixtures.easy(Task.REGRESSION, 400, 17);
        Model m = fit(d);
        for (int i = 0; i < 60; i++) {
            double[] x = d.features().row(i);
            Explanation e = m.explain(Row.of(d.features().schema().decode(x)));
            assertEquals(e.value(), e.total(), 1e-9 * Math.max(1, Math.abs(e.value())), "row " + i);
            assertEquals(Explanation.Scale.VALUE, e.scale());
        }
        Map<String, Object> values = new HashMap<>();
        values.put("x2", 50.0);
        assertTrue(Double.isFinite(m.predict(Row.of(values)).score()));
    }
}
