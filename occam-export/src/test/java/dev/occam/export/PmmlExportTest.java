package dev.occam.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.Model;
import dev.occam.runtime.Prediction;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.EvaluatorUtil;
import org.jpmml.evaluator.LoadingModelEvaluatorBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PMML export checked by an independent evaluator, JPMML-Evaluator (AGPL-3.0: test scope only, never shipped; see
 * docs/dependencies.md): every row of the credit example scored from the exported document equals Occam's answer
 * to 1e-9, and the call is Occam's. The evaluator computes in double, as Occam does, so the only differences are
 * the order of a sum.
 */
class PmmlExportTest {

    @TempDir
    static Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "lasso", "scorecard", "tree"})
    void export_creditClassifier_jpmmlGivesOccamsProbabilityAndCallOnEveryRow(String family) throws Exception {
        Model model = CreditModels.classifier(family, dir);
        Evaluator evaluator = evaluator(model);
        List<Map<String, Object>> rows = CreditModels.rows();
        for (int i = 0; i < rows.size(); i++) {
            Prediction occam = model.predict(rows.get(i));
            Map<String, ?> answer = EvaluatorUtil.decodeAll(evaluator.evaluate(arguments(model, rows.get(i))));
            assertEquals(occam.score(), ((Number) answer.get("probability")).doubleValue(), 1e-9,
                    family + " row " + (i + 1));
            assertEquals(occam.label(), answer.get("label"), family + " row " + (i + 1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "tree"})
    void export_creditRegression_jpmmlGivesOccamsPredictionOnEveryRow(String family) throws Exception {
        Model model = CreditModels.regression(family, dir);
        Evaluator evaluator = evaluator(model);
        List<Map<String, Object>> rows = CreditModels.rows();
        for (int i = 0; i < rows.size(); i++) {
            double occam = model.predict(rows.get(i)).score();
            Map<String, ?> answer = EvaluatorUtil.decodeAll(evaluator.evaluate(arguments(model, rows.get(i))));
            assertEquals(occam, ((Number) answer.get("prediction")).doubleValue(), 1e-9 * Math.max(1, Math.abs(occam)),
                    family + " row " + (i + 1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"boosting"})
    void export_boostingAsPmml_refusedNamingOnnx(String family) {
        Model model = CreditModels.classifier(family, dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelExport.bytes(model, ModelExport.Format.PMML, "test"));
        assertTrue(e.getMessage().contains("boosting") && e.getMessage().contains("--format onnx"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic"})
    void export_unseenCategory_scoredAsOccamScoresAMissingOne(String family) throws Exception {
        Model model = CreditModels.classifier(family, dir);
        Map<String, Object> row = new LinkedHashMap<>(CreditModels.rows().get(0));
        row.put("Home", "houseboat");
        Map<String, ?> answer = EvaluatorUtil.decodeAll(evaluator(model).evaluate(arguments(model, row)));
        assertEquals(model.predict(row).score(), ((Number) answer.get("probability")).doubleValue(), 1e-9);
    }

    private static Evaluator evaluator(Model model) throws Exception {
        byte[] pmml = ModelExport.bytes(model, ModelExport.Format.PMML, "test");
        Evaluator evaluator = new LoadingModelEvaluatorBuilder().load(new ByteArrayInputStream(pmml)).build();
        evaluator.verify();
        return evaluator;
    }

    /** The row's values of the model's features, by name, as a PMML caller passes them (null for missing). */
    private static Map<String, Object> arguments(Model model, Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : model.schema().names()) {
            out.put(name, row.get(name));
        }
        return out;
    }
}
