package dev.occam.core.learn.boosting;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.scorer.LinearScorer.Link;
import dev.occam.runtime.scorer.MulticlassScorer;
import dev.occam.runtime.scorer.Scorer;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import dev.occam.runtime.scorer.TreeEnsembleScorer.Precision;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Reads an XGBoost model, in XGBoost's JSON model format ({@code Booster.toByteArray("json")}), into a
 * {@link TreeEnsembleScorer} that scores as XGBoost does: float32 comparisons ({@code x < split_condition}
 * goes left, a missing value follows {@code default_left}), leaf values summed in float onto the base
 * margin, then the logistic or identity link. Pure Jackson: no native code.
 *
 * <p>XGBoost writes its floats as the shortest decimals that identify them; they are parsed as floats, not
 * doubles, so a threshold is exactly the float XGBoost compares against. The base score of
 * {@code binary:logistic} is stored as a probability and becomes the margin {@code -log(1 / p - 1)} in
 * float, as XGBoost computes it. Supported: {@code gbtree} boosters with one tree per round, numeric
 * splits, and the objectives {@code binary:logistic} and {@code reg:squarederror}; and, through
 * {@link #toClassScorer}, {@code multi:softprob} (and {@code multi:softmax}) with K trees per round, tree t
 * belonging to class {@code tree_info[t]}: each class's trees become one float32 ensemble whose margin is
 * the class's base score plus its trees' leaves summed in float, and the K margins are combined by softmax
 * ({@link MulticlassScorer}; XGBoost takes the softmax in float, Occam in double, a difference of about
 * 1e-7).
 */
final class XGBoostModels {

    /** Keeps decimals as written, so that each is rounded once, to a float. */
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private XGBoostModels() {
    }

    static TreeEnsembleScorer toScorer(byte[] modelJson, Schema input) {
        JsonNode root;
        try {
            root = EXACT.readTree(modelJson);
        } catch (IOException e) {
            throw new IllegalStateException("XGBoost's JSON model does not parse: " + e.getMessage(), e);
        }
        return toScorer(root, input);
    }

    /**
     * @param input the features XGBoost was trained on, in column order
     * @throws IllegalStateException when the model uses something this reader does not support (naming it)
     */
    static TreeEnsembleScorer toScorer(JsonNode root, Schema input) {
        JsonNode learner = field(root, "learner");
        String objective = field(field(learner, "objective"), "name").asText();
        Link link = switch (objective) {
            case "binary:logistic" -> Link.LOGIT;
            case "reg:squarederror" -> Link.IDENTITY;
            default -> throw new IllegalStateException("unsupported XGBoost objective '" + objective + "'");
        };
        JsonNode booster = field(learner, "gradient_booster");
        String name = field(booster, "name").asText();
        if (!name.equals("gbtree")) {
            throw new IllegalStateException("unsupported XGBoost booster '" + name + "'; expected gbtree");
        }
        JsonNode model = field(booster, "model");
        for (JsonNode group : field(model, "tree_info")) {
            if (group.asInt() != 0) {
                throw new IllegalStateException("the XGBoost model has more than one output; expected one");
            }
        }
        float baseScore = baseScore(field(field(learner, "learner_model_param"), "base_score"));
        float baseMargin = link == Link.LOGIT ? -(float) Math.log(1.0f / baseScore - 1.0f) : baseScore;
        if (!Float.isFinite(baseMargin)) {
            throw new IllegalStateException("XGBoost's base score " + baseScore + " has no finite margin");
        }
        List<TreeEnsembleScorer.Tree> trees = new ArrayList<>();
        for (JsonNode tree : field(model, "trees")) {
            trees.add(tree(tree, input, trees.size()));
        }
        return TreeEnsembleScorer.sum(input, trees, baseMargin, link, Precision.FLOAT32);
    }

    /** The base score: a number, or (as XGBoost 3 writes it) the text of one, possibly as a one-element list. */
    private static float baseScore(JsonNode node) {
        float[] scores = baseScores(node);
        if (scores.length != 1) {
            throw new IllegalStateException("XGBoost's base_score is not one number: '" + node.asText() + "'");
        }
        return scores[0];
    }

    /** The base score as a list of numbers: one, or (XGBoost 3, several outputs) one per output. */
    private static float[] baseScores(JsonNode node) {
        String text = node.isTextual() ? node.asText().trim() : node.decimalValue().toString();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1).trim();
        }
        String[] parts = text.split(",");
        float[] out = new float[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                out[i] = Float.parseFloat(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new IllegalStateException("XGBoost's base_score is not a number or a list of numbers: '"
                    + node.asText() + "'", e);
        }
        return out;
    }

    /**
     * A {@code multi:softprob} (or {@code multi:softmax}) model of K >= 3 classes as K float32 ensembles of margins
     * combined by softmax (see the class comment).
     *
     * @throws IllegalStateException when the model is not a multiclass gbtree model or uses something this reader
     *     does not support (naming it)
     */
    static MulticlassScorer toClassScorer(byte[] modelJson, Schema input) {
        JsonNode root;
        try {
            root = EXACT.readTree(modelJson);
        } catch (IOException e) {
            throw new IllegalStateException("XGBoost's JSON model does not parse: " + e.getMessage(), e);
        }
        JsonNode learner = field(root, "learner");
        String objective = field(field(learner, "objective"), "name").asText();
        if (!objective.equals("multi:softprob") && !objective.equals("multi:softmax")) {
            throw new IllegalStateException("XGBoost objective '" + objective + "' is not a multiclass one");
        }
        JsonNode param = field(learner, "learner_model_param");
        int classes = field(param, "num_class").asInt();
        if (classes < 3) {
            throw new IllegalStateException("the XGBoost model has " + classes + " classes; expected 3 or more");
        }
        JsonNode booster = field(learner, "gradient_booster");
        String name = field(booster, "name").asText();
        if (!name.equals("gbtree")) {
            throw new IllegalStateException("unsupported XGBoost booster '" + name + "'; expected gbtree");
        }
        // The softmax objective uses the base score as a margin as it is (no link to undo).
        float[] base = baseScores(field(param, "base_score"));
        if (base.length != 1 && base.length != classes) {
            throw new IllegalStateException("XGBoost's base_score has " + base.length + " values for " + classes
                    + " classes");
        }
        JsonNode model = field(booster, "model");
        JsonNode info = field(model, "tree_info");
        JsonNode trees = field(model, "trees");
        if (info.size() != trees.size()) {
            throw new IllegalStateException("XGBoost's tree_info lists " + info.size() + " trees, the model has "
                    + trees.size());
        }
        List<List<TreeEnsembleScorer.Tree>> byClass = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int t = 0; t < trees.size(); t++) {
            int k = info.get(t).asInt();
            if (k < 0 || k >= classes) {
                throw new IllegalStateException("XGBoost tree " + t + " belongs to class " + k + " of " + classes);
            }
            byClass.get(k).add(tree(trees.get(t), input, t));
        }
        List<Scorer> components = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            float margin = base[base.length == 1 ? 0 : k];
            if (!Float.isFinite(margin)) {
                throw new IllegalStateException("XGBoost's base score of class " + k + " is " + margin);
            }
            components.add(TreeEnsembleScorer.sum(input, byClass.get(k), margin, Link.IDENTITY, Precision.FLOAT32));
        }
        return new MulticlassScorer(input, components, MulticlassScorer.Combination.SOFTMAX, classes);
    }

    /** One tree, renumbered in preorder from the root (which also drops any nodes XGBoost marked deleted). */
    private static TreeEnsembleScorer.Tree tree(JsonNode tree, Schema input, int index) {
        int[] leftChildren = ints(field(tree, "left_children"));
        int[] rightChildren = ints(field(tree, "right_children"));
        int[] splitIndices = ints(field(tree, "split_indices"));
        JsonNode conditions = field(tree, "split_conditions");
        JsonNode defaultLeft = field(tree, "default_left");
        JsonNode hessians = field(tree, "sum_hessian");
        JsonNode splitType = tree.get("split_type");
        int size = leftChildren.length;
        if (size == 0 || rightChildren.length != size || splitIndices.length != size || conditions.size() != size
                || defaultLeft.size() != size || hessians.size() != size) {
            throw new IllegalStateException("XGBoost tree " + index + ": node arrays differ in length");
        }
        List<Integer> preorder = new ArrayList<>();
        int[] renumbered = new int[size];
        Arrays.fill(renumbered, -1);
        Deque<Integer> stack = new ArrayDeque<>();
        stack.push(0);
        while (!stack.isEmpty()) {
            int old = stack.pop();
            if (old < 0 || old >= size || renumbered[old] >= 0) {
                throw new IllegalStateException("XGBoost tree " + index + ": node " + old + " is not a tree node");
            }
            renumbered[old] = preorder.size();
            preorder.add(old);
            if (leftChildren[old] >= 0) {
                stack.push(rightChildren[old]);
                stack.push(leftChildren[old]);
            }
        }
        int n = preorder.size();
        int[] feature = new int[n];
        double[] threshold = new double[n];
        boolean[][] levels = new boolean[n][];
        boolean[] missingLeft = new boolean[n];
        int[] left = new int[n];
        int[] right = new int[n];
        double[] value = new double[n];
        double[] cover = new double[n];
        for (int i = 0; i < n; i++) {
            int old = preorder.get(i);
            float condition = exactFloat(conditions.get(old));
            cover[i] = exactFloat(hessians.get(old));
            if (leftChildren[old] < 0) {
                // XGBoost keeps a leaf's value where an inner node keeps its split condition.
                feature[i] = -1;
                threshold[i] = Double.NaN;
                value[i] = condition;
                left[i] = -1;
                right[i] = -1;
                continue;
            }
            if (splitType != null && splitType.size() == size && splitType.get(old).asInt() != 0) {
                throw new IllegalStateException("XGBoost tree " + index + " node " + old
                        + " splits on categories; only numeric splits are supported");
            }
            int f = splitIndices[old];
            if (f < 0 || f >= input.size()) {
                throw new IllegalStateException("XGBoost tree " + index + " node " + old + " splits on feature " + f
                        + ", outside the " + input.size() + " features trained on");
            }
            feature[i] = f;
            threshold[i] = condition;
            JsonNode d = defaultLeft.get(old);
            missingLeft[i] = d.isBoolean() ? d.asBoolean() : d.asInt() != 0;
            left[i] = renumbered[leftChildren[old]];
            right[i] = renumbered[rightChildren[old]];
            value[i] = Double.NaN;
        }
        return new TreeEnsembleScorer.Tree(feature, threshold, levels, missingLeft, left, right, value, cover);
    }

    private static float exactFloat(JsonNode node) {
        if (node.isBigDecimal() || node.isTextual()) {
            return Float.parseFloat(node.isTextual() ? node.asText() : node.decimalValue().toString());
        }
        return node.floatValue();
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode child = node == null ? null : node.get(name);
        if (child == null) {
            throw new IllegalStateException("XGBoost's JSON model has no field '" + name + "'");
        }
        return child;
    }
}
