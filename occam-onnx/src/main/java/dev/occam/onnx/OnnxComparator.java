package dev.occam.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.occam.core.ladder.Candidate;
import dev.occam.core.ladder.ComparatorRuntime;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Scores an existing ONNX model on the ladder's rows with ONNX Runtime (Microsoft, MIT), as
 * {@link ComparatorRuntime} describes: one {@code [N, 1]} tensor per declared input, named as a column of the data,
 * and one number per row read from the chosen output. Found by the core through {@link java.util.ServiceLoader}.
 */
public final class OnnxComparator implements ComparatorRuntime {

    @Override
    public String learner() {
        return Candidate.ONNX;
    }

    @Override
    public double[] scores(Path model, String output, Frame rows, boolean classification) throws IOException {
        if (!Files.isRegularFile(model)) {
            throw new IOException(model + ": no such ONNX file");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                    inputs.put(e.getKey(), tensor(env, model, e.getKey(), e.getValue(), rows));
                }
                String name = outputName(session, model, output, classification);
                try (OrtSession.Result result = session.run(inputs, java.util.Set.of(name))) {
                    return column(model, name, result.get(0), rows.rows());
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        } catch (OrtException e) {
            throw new IOException(model + ": ONNX Runtime could not run it: " + e.getMessage(), e);
        }
    }

    private static OnnxTensor tensor(OrtEnvironment env, Path model, String name, NodeInfo info, Frame rows)
            throws IOException, OrtException {
        if (!rows.hasColumn(name)) {
            throw new IOException(model + " reads an input '" + name + "', which is not a column of the data");
        }
        if (!(info.getInfo() instanceof TensorInfo tensorInfo)) {
            throw new IOException(model + ": input '" + name + "' is not a tensor");
        }
        Column column = rows.column(name);
        int n = rows.rows();
        OnnxJavaType type = tensorInfo.type;
        if (type == OnnxJavaType.STRING) {
            String[][] v = new String[n][1];
            for (int i = 0; i < n; i++) {
                v[i][0] = column instanceof CategoricalColumn c ? (c.isMissing(i) ? "" : c.level(i))
                        : column.isMissing(i) ? "" : dev.occam.runtime.io.Json.number(((NumericColumn) column).value(i));
            }
            return OnnxTensor.createTensor(env, v);
        }
        if (!(column instanceof NumericColumn numbers)) {
            throw new IOException(model + ": input '" + name + "' is numeric (" + type + "), but the column is"
                    + " categorical");
        }
        double[] values = numbers.values();
        switch (type) {
            case DOUBLE -> {
                double[][] v = new double[n][1];
                for (int i = 0; i < n; i++) {
                    v[i][0] = values[i];
                }
                return OnnxTensor.createTensor(env, v);
            }
            case FLOAT -> {
                float[][] v = new float[n][1];
                for (int i = 0; i < n; i++) {
                    v[i][0] = (float) values[i];
                }
                return OnnxTensor.createTensor(env, v);
            }
            case INT64 -> {
                long[][] v = new long[n][1];
                for (int i = 0; i < n; i++) {
                    if (Double.isNaN(values[i])) {
                        throw new IOException(model + ": input '" + name + "' is whole numbers, but row " + (i + 1)
                                + " is missing");
                    }
                    v[i][0] = (long) values[i];
                }
                return OnnxTensor.createTensor(env, v);
            }
            default -> throw new IOException(model + ": input '" + name + "' is of type " + type
                    + "; an existing model's inputs may be double, float, int64 or string");
        }
    }

    private static String outputName(OrtSession session, Path model, String output, boolean classification)
            throws IOException, OrtException {
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (output != null) {
            if (!outputs.containsKey(output)) {
                throw new IOException(model + " has no output '" + output + "'; it has " + outputs.keySet());
            }
            return output;
        }
        String preferred = classification ? "probability" : "prediction";
        return outputs.containsKey(preferred) ? preferred : outputs.keySet().iterator().next();
    }

    /** One number per row: a tensor of N values or N x 1, or N x 2 read as (negative, positive) probabilities. */
    private static double[] column(Path model, String name, OnnxValue value, int n) throws IOException,
            OrtException {
        Object v = value.getValue();
        double[] out = new double[n];
        if (v instanceof double[][] d && d.length == n && d[0].length <= 2) {
            for (int i = 0; i < n; i++) {
                out[i] = d[i][d[i].length - 1];
            }
        } else if (v instanceof float[][] f && f.length == n && f[0].length <= 2) {
            for (int i = 0; i < n; i++) {
                out[i] = f[i][f[i].length - 1];
            }
        } else if (v instanceof double[] d && d.length == n) {
            System.arraycopy(d, 0, out, 0, n);
        } else if (v instanceof float[] f && f.length == n) {
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        } else {
            throw new IOException(model + ": output '" + name + "' is not one number per row (or two class"
                    + " probabilities) for " + n + " rows; name another with the candidate's option output");
        }
        return out;
    }
}
