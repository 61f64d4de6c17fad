package dev.occam.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.occam.runtime.Model;
import dev.occam.runtime.Prediction;
import dev.occam.runtime.data.Feature;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX export checked by an independent evaluator, ONNX Runtime (Microsoft, MIT; test scope only): every row of
 * the credit example scored by the exported graph equals Occam's answer. Linear models, the tree and the forest
 * agree to 1e-9 (double operators; the trees' leaves are found by {@code TreeEnsembleRegressor} and their values
 * looked up in double, see {@link OnnxWriter}). Boosting agrees to 1e-6: its scorer adds XGBoost's float leaf
 * values in float, as the graph does, but a float margin near a few hundred carries a rounding of about 1e-5
 * absolute whichever order the runtime adds in, so 1e-6 relative to the value (or absolute on a probability) is
 * what float tensors allow.
 */
class OnnxExportTest {

    @TempDir
    static Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "lasso", "tree", "random-forest", "boosting"})
    void export_creditClassifier_onnxRuntimeGivesOccamsProbabilityOnEveryRow(String family) throws Exception {
        Model model = CreditModels.classifier(family, dir);
        double tolerance = family.equals("boosting") ? 1e-6 : 1e-9;
        List<Map<String, Object>> rows = CreditModels.rows();
        Map<String, Object> answers = run(model, rows);
        double[][] probability = (double[][]) answers.get("probability");
        String[][] label = (String[][]) answers.get("label");
        int disagreements = 0;
        for (int i = 0; i < rows.size(); i++) {
            Prediction occam = model.predict(rows.get(i));
            assertEquals(occam.score(), probability[i][0], tolerance, family + " row " + (i + 1));
            if (!occam.label().equals(label[i][0])) {
                // Only a probability within the tolerance of the threshold may be called the other way.
                assertTrue(Math.abs(occam.score() - model.threshold()) <= tolerance, family + " row " + (i + 1));
                disagreements++;
            }
        }
        assertTrue(disagreements <= 2, family + ": " + disagreements + " calls differ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "tree", "random-forest", "boosting"})
    void export_creditRegression_onnxRuntimeGivesOccamsPredictionOnEveryRow(String family) throws Exception {
        Model model = CreditModels.regression(family, dir);
        List<Map<String, Object>> rows = CreditModels.rows();
        double[][] prediction = (double[][]) run(model, rows).get("prediction");
        for (int i = 0; i < rows.size(); i++) {
            double occam = model.predict(rows.get(i)).score();
            // Relative: loan amounts are in the thousands, and float keeps 24 bits of a value.
            double tolerance = (family.equals("boosting") ? 1e-6 : 1e-9) * Math.max(1, Math.abs(occam));
            assertEquals(occam, prediction[i][0], tolerance, family + " row " + (i + 1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scorecard"})
    void export_scorecardAsOnnx_refusedNamingPmml(String family) {
        Model model = CreditModels.classifier(family, dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelExport.bytes(model, ModelExport.Format.ONNX, "test"));
        assertTrue(e.getMessage().contains("scorecard") && e.getMessage().contains("--format pmml"), e.getMessage());
    }

    /** The exported graph run by ONNX Runtime on the rows: one [N, 1] tensor per feature, as the graph declares. */
    static Map<String, Object> run(Model model, List<Map<String, Object>> rows) throws Exception {
        byte[] onnx = ModelExport.bytes(model, ModelExport.Format.ONNX, "test");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                for (Feature f : model.schema().features()) {
                    if (f.isNumeric()) {
                        double[][] v = new double[rows.size()][1];
                        for (int i = 0; i < rows.size(); i++) {
                            Object x = rows.get(i).get(f.name());
                            v[i][0] = x == null ? Double.NaN : (Double) x;
                        }
                        inputs.put(f.name(), OnnxTensor.createTensor(env, v));
                    } else {
                        String[][] v = new String[rows.size()][1];
                        for (int i = 0; i < rows.size(); i++) {
                            Object x = rows.get(i).get(f.name());
                            v[i][0] = x == null ? "" : x.toString();
                        }
                        inputs.put(f.name(), OnnxTensor.createTensor(env, v));
                    }
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    Map<String, Object> out = new HashMap<>();
                    for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                        out.put(e.getKey(), e.getValue().getValue());
                    }
                    return out;
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }
}
