package dev.occam.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.occam.runtime.Model;
import dev.occam.runtime.Prediction;
import dev.occam.runtime.calibration.IsotonicCalibration;
import dev.occam.runtime.calibration.PlattScaling;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.EvaluatorUtil;
import org.jpmml.evaluator.LoadingModelEvaluatorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calibrators in the exported files: the credit example's tree (few distinct scores, so the breakpoints are hit
 * exactly) with Platt scaling and with an isotonic map whose breakpoints repeat at a jump, scored on every row by
 * ONNX Runtime and JPMML-Evaluator. Probabilities equal Occam's to 1e-9 and the calls are Occam's.
 */
class CalibratedExportTest {

    @TempDir
    static Path dir;

    @Test
    void export_plattCalibratedTree_bothEvaluatorsGiveOccamsProbabilities() throws Exception {
        check(CreditModels.classifier("tree", dir).withCalibration(new PlattScaling(0.7, -0.4)));
    }

    @Test
    void export_isotonicCalibratedTree_bothEvaluatorsGiveOccamsProbabilities() throws Exception {
        check(CreditModels.classifier("tree", dir).withCalibration(new IsotonicCalibration(
                new double[] {0.1, 0.2, 0.35, 0.35, 0.6, 0.8}, new double[] {0.05, 0.15, 0.3, 0.45, 0.6, 0.9}))
                .withThreshold(0.3));
    }

    private static void check(Model model) throws Exception {
        List<Map<String, Object>> rows = CreditModels.rows();
        Map<String, Object> onnx = OnnxExportTest.run(model, rows);
        double[][] probability = (double[][]) onnx.get("probability");
        String[][] label = (String[][]) onnx.get("label");
        Evaluator pmml = new LoadingModelEvaluatorBuilder().load(new ByteArrayInputStream(
                ModelExport.bytes(model, ModelExport.Format.PMML, "test"))).build();
        for (int i = 0; i < rows.size(); i++) {
            Prediction occam = model.predict(rows.get(i));
            assertEquals(occam.score(), probability[i][0], 1e-9, "onnx row " + (i + 1));
            assertEquals(occam.label(), label[i][0], "onnx row " + (i + 1));
            Map<String, Object> arguments = new LinkedHashMap<>();
            for (String name : model.schema().names()) {
                arguments.put(name, rows.get(i).get(name));
            }
            Map<String, ?> answer = EvaluatorUtil.decodeAll(pmml.evaluate(arguments));
            assertEquals(occam.score(), ((Number) answer.get("probability")).doubleValue(), 1e-9, "pmml row " + (i + 1));
            assertEquals(occam.label(), answer.get("label"), "pmml row " + (i + 1));
        }
    }
}
