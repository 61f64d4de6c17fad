package dev.occam.export;

import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.calibration.Calibrator;
import dev.occam.runtime.calibration.IsotonicCalibration;
import dev.occam.runtime.calibration.PlattScaling;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.prep.Imputation;
import dev.occam.runtime.prep.IndicatorEncoding;
import dev.occam.runtime.prep.Standardization;
import dev.occam.runtime.prep.Transform;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.Scorer;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import dev.occam.runtime.scorer.TreeScorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@link Model} as an ONNX graph (ONNX IR 8, opsets {@code ai.onnx} 17 and {@code ai.onnx.ml} 3):
 * the raw features in, the preparation, the scorer, the calibrator and the decision inside the graph.
 *
 * <p>Inputs: one tensor of shape {@code [N, 1]} per raw feature, named as the feature: {@code double} for a
 * number (NaN for missing), {@code string} for a category (a level outside the training levels, the empty
 * string included, is missing, as Occam treats it). Outputs: for two classes {@code probability} (double, the
 * calibrated probability of the positive class) and {@code label} (the call at the model's threshold); for
 * regression {@code prediction} (double).
 *
 * <p>Linear models are written with standard double operators ({@code MatMul}, {@code Sigmoid}), so their
 * answers equal Occam's to rounding. Trees and ensembles use one {@code ai.onnx.ml.TreeEnsembleRegressor} to find
 * each tree's leaf (its output is a float tensor in opset 3, so it returns the leaf's node index, which a float
 * holds exactly); the leaf values are then looked up in double (float for XGBoost's float32 trees) and added in
 * tree order, as {@code TreeEnsembleScorer.margin} adds them. Platt and isotonic calibration are written with
 * standard operators in the calibrators' own order of operations. A categorical split (a set of levels going left) has
 * no operator of its own before {@code ai.onnx.ml} 5, so each distinct level set becomes a derived 0/1 column
 * (0 when the level goes left, NaN when the level is missing), looked up with {@code Gather}, and the split a
 * {@code BRANCH_LT 0.5} on it whose missing direction is the node's.
 */
final class OnnxWriter {

    private static final int DOUBLE = 11;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int STRING = 8;
    private static final String ML = "ai.onnx.ml";

    private final List<Proto> nodes = new ArrayList<>();
    private final List<Proto> initializers = new ArrayList<>();
    private final List<Proto> inputs = new ArrayList<>();
    private final List<Proto> outputs = new ArrayList<>();
    private int counter;

    private OnnxWriter() {
    }

    /** @throws IllegalArgumentException naming what has no ONNX form (a family, a calibrator, a task) */
    static byte[] write(Model model, String producerVersion) {
        return new OnnxWriter().model(model, producerVersion);
    }

    private byte[] model(Model model, String producerVersion) {
        TargetInfo target = model.target();
        if (target.isMulticlass()) {
            throw new IllegalArgumentException("the " + model.family() + " model of '" + target.name() + "' has "
                    + target.classCount() + " classes; export writes models of two classes or of a number");
        }
        Scorer scorer = model.scorer();
        if (!(scorer instanceof LinearScorer || scorer instanceof TreeScorer || scorer instanceof TreeEnsembleScorer)) {
            throw new IllegalArgumentException("the " + model.family() + " model has no ONNX form here; ONNX export"
                    + " writes logistic, linear, lasso, tree, random forest and boosting models"
                    + (ModelExport.hasPmml(model) ? " (this one can be written as PMML: --format pmml)" : ""));
        }
        List<Column> columns = inputs(model.schema());
        for (Transform t : model.preparation()) {
            columns = transform(t, columns);
        }
        String score;
        if (scorer instanceof LinearScorer linear) {
            score = linear(linear, columns);
        } else if (scorer instanceof TreeScorer tree) {
            score = trees(TreeEnsembleScorer.mean(tree.input(), List.of(TreeEnsembleScorer.Tree.of(tree.nodes()))),
                    columns);
        } else {
            score = trees((TreeEnsembleScorer) scorer, columns);
        }
        if (target.isRegression()) {
            output("prediction", node("Identity", "", List.of(score)), DOUBLE);
        } else {
            String probability = calibrated(model.calibration(), score);
            output("probability", node("Identity", "", List.of(probability)), DOUBLE);
            String called = node("GreaterOrEqual", "", List.of(probability, constDouble(ModelExport.callThreshold(model))));
            output("label", node("Where", "", List.of(called, constString(target.positive()),
                    constString(target.negative()))), STRING);
        }
        Proto graph = new Proto();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, "occam");
        initializers.forEach(t -> graph.message(5, t));
        graph.string(10, model.family() + " model of " + target.name() + ", exported by Occam");
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        return new Proto()
                .int64(1, 8)
                .string(2, "occam")
                .string(3, producerVersion)
                .message(7, graph)
                .message(8, new Proto().string(1, "").int64(2, 17))
                .message(8, new Proto().string(1, ML).int64(2, 3))
                .toByteArray();
    }

    /** A column of the prepared row: a {@code [N, 1]} double tensor; a category holds its level code. */
    private record Column(String tensor, Feature feature) {
    }

    private List<Column> inputs(Schema schema) {
        List<Column> out = new ArrayList<>();
        for (Feature f : schema.features()) {
            if (f.isNumeric()) {
                inputs.add(valueInfo(f.name(), DOUBLE));
                out.add(new Column(f.name(), f));
                continue;
            }
            inputs.add(valueInfo(f.name(), STRING));
            long[] codes = new long[f.levels().size()];
            for (int c = 0; c < codes.length; c++) {
                codes[c] = c;
            }
            String code = node("LabelEncoder", ML, List.of(f.name()), attrStrings("keys_strings", f.levels()),
                    attrInts("values_int64s", codes), attrInt("default_int64", -1));
            String unknown = node("Less", "", List.of(code, constInt64(0)));
            String asDouble = node("Cast", "", List.of(code), attrInt("to", DOUBLE));
            out.add(new Column(node("Where", "", List.of(unknown, constDouble(Double.NaN), asDouble)), f));
        }
        return out;
    }

    private List<Column> transform(Transform t, List<Column> in) {
        List<Column> out = new ArrayList<>();
        if (t instanceof Imputation imputation) {
            for (int i = 0; i < in.size(); i++) {
                Column c = in.get(i);
                double fill = imputation.fill(i);
                out.add(Double.isNaN(fill) ? c : new Column(node("Where", "", List.of(node("IsNaN", "",
                        List.of(c.tensor)), constDouble(fill), c.tensor)), c.feature));
            }
        } else if (t instanceof Standardization standardization) {
            for (int i = 0; i < in.size(); i++) {
                Column c = in.get(i);
                out.add(!c.feature.isNumeric() ? c : new Column(node("Div", "", List.of(node("Sub", "",
                        List.of(c.tensor, constDouble(standardization.mean(i)))),
                        constDouble(standardization.scale(i)))), c.feature));
            }
        } else {
            IndicatorEncoding encoding = (IndicatorEncoding) t;
            for (Column c : in) {
                if (c.feature.isNumeric()) {
                    out.add(c);
                    continue;
                }
                String missing = node("IsNaN", "", List.of(c.tensor));
                for (int code = encoding.dropFirst() ? 1 : 0; code < c.feature.levels().size(); code++) {
                    String is = node("Cast", "", List.of(node("Equal", "", List.of(c.tensor, constDouble(code)))),
                            attrInt("to", DOUBLE));
                    out.add(new Column(node("Where", "", List.of(missing, constDouble(Double.NaN), is)),
                            Feature.numeric(IndicatorEncoding.columnName(c.feature.name(),
                                    c.feature.levels().get(code)))));
                }
            }
        }
        return out;
    }

    private String linear(LinearScorer linear, List<Column> columns) {
        String x = concat(columns.stream().map(Column::tensor).toList());
        double[] w = linear.coefficients();
        String eta = node("Add", "", List.of(node("MatMul", "", List.of(x, constDoubles(w, w.length, 1))),
                constDouble(linear.intercept())));
        return linear.link() == LinearScorer.Link.LOGIT ? node("Sigmoid", "", List.of(eta)) : eta;
    }

    private String trees(TreeEnsembleScorer ensemble, List<Column> columns) {
        boolean float32 = ensemble.precision() == TreeEnsembleScorer.Precision.FLOAT32;
        List<String> blocks = new ArrayList<>(columns.stream().map(Column::tensor).toList());
        int width = columns.size();
        // Each categorical feature's distinct left-level sets, numbered as derived columns after the inputs.
        Map<Integer, List<List<Boolean>>> sets = new LinkedHashMap<>();
        for (TreeEnsembleScorer.Tree tree : ensemble.trees()) {
            for (int i = 0; i < tree.size(); i++) {
                boolean[] levels = tree.leftLevels(i);
                if (!tree.isLeaf(i) && levels != null) {
                    List<List<Boolean>> known = sets.computeIfAbsent(tree.feature(i), f -> new ArrayList<>());
                    if (!known.contains(asList(levels))) {
                        known.add(asList(levels));
                    }
                }
            }
        }
        Map<Integer, Integer> firstDerived = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<List<Boolean>>> e : sets.entrySet()) {
            Column c = columns.get(e.getKey());
            int k = c.feature.levels().size();
            List<List<Boolean>> featureSets = e.getValue();
            double[] table = new double[(k + 1) * featureSets.size()];
            for (int code = 0; code <= k; code++) {
                for (int s = 0; s < featureSets.size(); s++) {
                    List<Boolean> set = featureSets.get(s);
                    // 0: goes left (BRANCH_LT 0.5 is true); 1: goes right; NaN: the node's missing direction.
                    table[code * featureSets.size() + s] = code < set.size() ? (set.get(code) ? 0.0 : 1.0) : Double.NaN;
                }
            }
            String index = node("Cast", "", List.of(node("Where", "", List.of(node("IsNaN", "", List.of(c.tensor)),
                    constDouble(k), c.tensor))), attrInt("to", INT64));
            String gathered = node("Gather", "", List.of(constDoubles(table, k + 1, featureSets.size()),
                    node("Squeeze", "", List.of(index, constInt64s(new long[] {1}, 1)))), attrInt("axis", 0));
            blocks.add(gathered);
            firstDerived.put(e.getKey(), width);
            width += featureSets.size();
        }
        String x = concat(blocks);
        if (float32) {
            x = node("Cast", "", List.of(x), attrInt("to", FLOAT));
        }
        List<Long> treeIds = new ArrayList<>();
        List<Long> nodeIds = new ArrayList<>();
        List<Long> featureIds = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Long> trueIds = new ArrayList<>();
        List<Long> falseIds = new ArrayList<>();
        List<Long> missingTrue = new ArrayList<>();
        List<Long> leafTrees = new ArrayList<>();
        List<Long> leafNodes = new ArrayList<>();
        List<Double> leafIndex = new ArrayList<>();
        List<TreeEnsembleScorer.Tree> trees = ensemble.trees();
        for (int t = 0; t < trees.size(); t++) {
            TreeEnsembleScorer.Tree tree = trees.get(t);
            for (int i = 0; i < tree.size(); i++) {
                treeIds.add((long) t);
                nodeIds.add((long) i);
                if (tree.isLeaf(i)) {
                    featureIds.add(0L);
                    modes.add("LEAF");
                    values.add(0.0);
                    trueIds.add(0L);
                    falseIds.add(0L);
                    missingTrue.add(0L);
                    leafTrees.add((long) t);
                    leafNodes.add((long) i);
                    leafIndex.add((double) i);
                    continue;
                }
                boolean[] levels = tree.leftLevels(i);
                if (levels == null) {
                    featureIds.add((long) tree.feature(i));
                    values.add(tree.threshold(i));
                } else {
                    featureIds.add((long) firstDerived.get(tree.feature(i))
                            + sets.get(tree.feature(i)).indexOf(asList(levels)));
                    values.add(0.5);
                }
                modes.add("BRANCH_LT");
                trueIds.add((long) tree.left(i));
                falseIds.add((long) tree.right(i));
                missingTrue.add(tree.missingLeft(i) ? 1L : 0L);
            }
        }
        // The regressor finds each tree's leaf: target t of tree t is the leaf's node index, a small whole number
        // that a float holds exactly. The leaf values are then looked up in double (or float, as the scorer
        // keeps them) and added in tree order, as TreeEnsembleScorer.margin adds them, so the answer is Occam's
        // to the rounding of the link, not to the float rounding of the regressor's output.
        List<Proto> attributes = new ArrayList<>(List.of(
                attrInt("n_targets", trees.size()),
                attrInts("nodes_treeids", longs(treeIds)),
                attrInts("nodes_nodeids", longs(nodeIds)),
                attrInts("nodes_featureids", longs(featureIds)),
                attrStrings("nodes_modes", modes),
                attrInts("nodes_truenodeids", longs(trueIds)),
                attrInts("nodes_falsenodeids", longs(falseIds)),
                attrInts("nodes_missing_value_tracks_true", longs(missingTrue)),
                attrInts("target_treeids", longs(leafTrees)),
                attrInts("target_nodeids", longs(leafNodes)),
                attrInts("target_ids", longs(leafTrees)),
                attrFloats("target_weights", floats(leafIndex)),
                attrString("aggregate_function", "SUM"),
                attrString("post_transform", "NONE")));
        if (float32) {
            // XGBoost's thresholds are floats, compared with the float of the input as the float32 scorer does.
            attributes.add(attrFloats("nodes_values", floats(values)));
        } else {
            attributes.add(attrTensor("nodes_values_as_tensor", doubleTensor(null, doubles(values), values.size())));
        }
        String leaves = node("Cast", "", List.of(node("TreeEnsembleRegressor", ML, List.of(x),
                attributes.toArray(new Proto[0]))), attrInt("to", INT64));
        int type = float32 ? FLOAT : DOUBLE;
        String sum = float32 ? constFloat((float) ensemble.baseMargin()) : constDouble(ensemble.baseMargin());
        for (int t = 0; t < trees.size(); t++) {
            TreeEnsembleScorer.Tree tree = trees.get(t);
            double[] leafValues = new double[tree.size()];
            for (int i = 0; i < tree.size(); i++) {
                leafValues[i] = tree.isLeaf(i) ? tree.value(i) : 0.0;
            }
            String leaf = node("Gather", "", List.of(leaves, constInt64s(new long[] {t}, 1)), attrInt("axis", 1));
            String table = float32 ? constFloats(floats(leafValues), leafValues.length) : constDoubles(leafValues, leafValues.length);
            sum = node("Add", "", List.of(sum, node("Gather", "", List.of(table, leaf), attrInt("axis", 0))));
        }
        String margin = type == FLOAT ? node("Cast", "", List.of(sum), attrInt("to", DOUBLE)) : sum;
        if (ensemble.combination() == TreeEnsembleScorer.Combination.MEAN) {
            margin = node("Div", "", List.of(margin, constDouble(trees.size())));
        }
        return ensemble.link() == LinearScorer.Link.LOGIT ? node("Sigmoid", "", List.of(margin)) : margin;
    }

    private String calibrated(Calibrator calibration, String score) {
        if (calibration == null) {
            return score;
        }
        if (calibration instanceof IsotonicCalibration isotonic) {
            return isotonic(isotonic, score);
        }
        PlattScaling platt = (PlattScaling) calibration;
        String s = node("Clip", "", List.of(score, constDouble(PlattScaling.EPSILON),
                constDouble(1 - PlattScaling.EPSILON)));
        String logit = node("Log", "", List.of(node("Div", "", List.of(s, node("Sub", "", List.of(constDouble(1), s))))));
        return node("Sigmoid", "", List.of(node("Add", "", List.of(node("Mul", "", List.of(constDouble(platt.a()),
                logit)), constDouble(platt.b())))));
    }

    /**
     * IsotonicCalibration.apply as a chain of {@code Where}: the end values outside the breakpoints; between two
     * breakpoints {@code p_lo + ((score − s_lo) / (s_hi − s_lo)) · (p_hi − p_lo)}, lo being the last of equal
     * breakpoints, in the same order of operations.
     */
    private String isotonic(IsotonicCalibration isotonic, String score) {
        double[] s = isotonic.scores();
        double[] p = isotonic.probabilities();
        int n = s.length;
        String value = constDouble(p[n - 1]);
        for (int i = n - 2; i >= 0; i--) {
            if (s[i] == s[i + 1]) {
                continue;
            }
            String t = node("Div", "", List.of(node("Sub", "", List.of(score, constDouble(s[i]))),
                    constDouble(s[i + 1] - s[i])));
            String between = node("Add", "", List.of(constDouble(p[i]), node("Mul", "", List.of(t,
                    constDouble(p[i + 1] - p[i])))));
            value = node("Where", "", List.of(node("Less", "", List.of(score, constDouble(s[i + 1]))), between, value));
        }
        String below = node("LessOrEqual", "", List.of(score, constDouble(s[0])));
        String calibrated = node("Where", "", List.of(below, constDouble(p[0]), value));
        // A missing score stays missing, as IsotonicCalibration.apply returns NaN.
        return node("Where", "", List.of(node("IsNaN", "", List.of(score)), constDouble(Double.NaN), calibrated));
    }

    private String concat(List<String> blocks) {
        return blocks.size() == 1 ? blocks.get(0) : node("Concat", "", blocks, attrInt("axis", 1));
    }

    // ---- graph building ----

    private String node(String op, String domain, List<String> in, Proto... attributes) {
        String out = op.toLowerCase(java.util.Locale.ROOT) + "_" + counter++;
        Proto n = new Proto();
        in.forEach(i -> n.string(1, i));
        n.string(2, out);
        n.string(3, out);
        n.string(4, op);
        for (Proto a : attributes) {
            n.message(5, a);
        }
        if (!domain.isEmpty()) {
            n.string(7, domain);
        }
        nodes.add(n);
        return out;
    }

    private void output(String name, String tensor, int type) {
        Proto n = new Proto().string(1, tensor).string(2, name).string(3, name).string(4, "Identity");
        nodes.add(n);
        outputs.add(valueInfo(name, type));
    }

    private static Proto valueInfo(String name, int elemType) {
        Proto shape = new Proto()
                .message(1, new Proto().string(2, "N"))
                .message(1, new Proto().int64(1, 1));
        Proto tensor = new Proto().int64(1, elemType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensor));
    }

    private String constDouble(double v) {
        return constDoubles(new double[] {v});
    }

    private String constDoubles(double[] v, long... dims) {
        String name = "c_" + counter++;
        initializers.add(doubleTensor(name, v, dims));
        return name;
    }

    private String constFloat(float v) {
        return constFloats(new float[] {v});
    }

    /** A float tensor; no dims makes a scalar. */
    private String constFloats(float[] v, long... dims) {
        String name = "c_" + counter++;
        Proto t = new Proto();
        if (dims.length > 0) {
            t.packedInt64(1, dims);
        }
        initializers.add(t.int64(2, FLOAT).packedFloat(4, v).string(8, name));
        return name;
    }

    private String constInt64(long v) {
        return constInt64s(new long[] {v});
    }

    private String constInt64s(long[] v, long... dims) {
        String name = "c_" + counter++;
        Proto t = new Proto();
        if (dims.length > 0) {
            t.packedInt64(1, dims);
        }
        initializers.add(t.int64(2, INT64).packedInt64(7, v).string(8, name));
        return name;
    }

    private String constString(String v) {
        String name = "c_" + counter++;
        initializers.add(new Proto().int64(2, STRING).string(6, v).string(8, name));
        return name;
    }

    /** A double tensor; no dims makes a scalar. */
    private static Proto doubleTensor(String name, double[] v, long... dims) {
        Proto t = new Proto();
        if (dims.length > 0) {
            t.packedInt64(1, dims);
        }
        t.int64(2, DOUBLE).packedDouble(10, v);
        if (name != null) {
            t.string(8, name);
        }
        return t;
    }

    // AttributeProto: name 1, f 2, i 3, s 4, t 5, floats 7, ints 8, strings 9, type 20.
    private static Proto attrInt(String name, long v) {
        return new Proto().string(1, name).int64(3, v).int64(20, 2);
    }

    private static Proto attrString(String name, String v) {
        return new Proto().string(1, name).string(4, v).int64(20, 3);
    }

    private static Proto attrTensor(String name, Proto tensor) {
        return new Proto().string(1, name).message(5, tensor).int64(20, 4);
    }

    private static Proto attrFloats(String name, float[] v) {
        return new Proto().string(1, name).packedFloat(7, v).int64(20, 6);
    }

    private static Proto attrInts(String name, long[] v) {
        return new Proto().string(1, name).packedInt64(8, v).int64(20, 7);
    }

    private static Proto attrStrings(String name, List<String> v) {
        Proto p = new Proto().string(1, name);
        v.forEach(s -> p.string(9, s));
        return p.int64(20, 8);
    }

    private static List<Boolean> asList(boolean[] levels) {
        List<Boolean> out = new ArrayList<>(levels.length);
        for (boolean b : levels) {
            out.add(b);
        }
        return out;
    }

    private static long[] longs(List<Long> v) {
        return v.stream().mapToLong(Long::longValue).toArray();
    }

    private static double[] doubles(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static float[] floats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static float[] floats(List<Double> v) {
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (double) v.get(i);
        }
        return out;
    }
}
