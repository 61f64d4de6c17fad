package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A binary decision tree over raw features. An inner node sends a row left when its number is below
 * the threshold, or when its category is in the node's left set; a missing value (or a category unseen
 * in training) follows the node's {@code missingLeft} direction, chosen in training as the child that
 * received more rows. A leaf holds the score: the share of the positive class, or the mean.
 * Parameter count: the number of nodes.
 */
public final class TreeScorer implements Scorer {

    /**
     * One node. Leaves have {@code feature == -1}. For numeric splits {@code leftLevels} is null; for
     * categorical splits {@code threshold} is NaN and {@code leftLevels[c]} says whether level c goes left.
     */
    public record Node(int feature, double threshold, boolean[] leftLevels, boolean missingLeft, int left, int right,
            double value, int count) {
        public Node {
            leftLevels = leftLevels == null ? null : leftLevels.clone();
        }

        public boolean isLeaf() {
            return feature < 0;
        }

        public static Node leaf(double value, int count) {
            return new Node(-1, Double.NaN, null, false, -1, -1, value, count);
        }
    }

    private final Schema input;
    private final Node[] nodes;
    /** The same tree as an ensemble's tree (counts as cover), for TreeSHAP. */
    private final TreeEnsembleScorer.Tree shapTree;

    /** @param nodes the nodes, root first; children may appear in any order after their parent */
    public TreeScorer(Schema input, List<Node> nodes) {
        this.input = Objects.requireNonNull(input, "input");
        this.nodes = nodes.toArray(new Node[0]);
        if (this.nodes.length == 0) {
            throw new IllegalArgumentException("a tree needs at least one node");
        }
        for (int i = 0; i < this.nodes.length; i++) {
            Node n = this.nodes[i];
            if (n.isLeaf()) {
                continue;
            }
            if (n.feature >= input.size()) {
                throw new IllegalArgumentException("node " + i + ": feature " + n.feature + " outside the schema");
            }
            if (n.left <= i || n.right <= i || n.left >= this.nodes.length || n.right >= this.nodes.length) {
                throw new IllegalArgumentException("node " + i + ": children " + n.left + ", " + n.right
                        + " must come after it and inside the tree");
            }
            Feature f = input.feature(n.feature);
            if (f.isCategorical() == (n.leftLevels == null)) {
                throw new IllegalArgumentException("node " + i + ": split on '" + f.name() + "' must be "
                        + (f.isCategorical() ? "a level set" : "a threshold"));
            }
        }
        this.shapTree = TreeEnsembleScorer.Tree.of(List.of(this.nodes));
    }

    public List<Node> nodes() {
        return List.of(nodes);
    }

    @Override
    public Schema input() {
        return input;
    }

    @Override
    public double score(double[] x) {
        return nodes[leafOf(x)].value;
    }

    /** Index of the leaf the row falls into. */
    public int leafOf(double[] x) {
        int i = 0;
        Node n = nodes[0];
        while (!n.isLeaf()) {
            double v = x[n.feature];
            boolean left;
            if (Double.isNaN(v)) {
                left = n.missingLeft;
            } else if (n.leftLevels == null) {
                left = v < n.threshold;
            } else {
                int code = (int) v;
                left = code >= 0 && code < n.leftLevels.length ? n.leftLevels[code] : n.missingLeft;
            }
            i = left ? n.left : n.right;
            n = nodes[i];
        }
        return i;
    }

    /**
     * TreeSHAP (Lundberg, Erion &amp; Lee 2018; see {@link TreeShap}) with the training row counts as cover,
     * on the score itself: the contributions add up to the leaf's value minus the count-weighted mean of the
     * leaf values.
     */
    @Override
    public Attribution attribute(double[] x, int[] groupOf, int groups) {
        double[] phi = new double[input.size()];
        TreeShap.accumulate(shapTree, x, TreeEnsembleScorer.Precision.FLOAT64, 1.0, phi);
        return new Attribution(false, score(x), shapTree.expectedValue(),
                Attribution.grouped(phi, groupOf, groups));
    }

    @Override
    public long parameterCount() {
        return nodes.length;
    }

    public int depth() {
        return depth(0);
    }

    private int depth(int i) {
        Node n = nodes[i];
        return n.isLeaf() ? 0 : 1 + Math.max(depth(n.left), depth(n.right));
    }

    public int leafCount() {
        int leaves = 0;
        for (Node n : nodes) {
            if (n.isLeaf()) {
                leaves++;
            }
        }
        return leaves;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(leafCount()).append(" leaves, depth ").append(depth()).append('\n');
        describe(0, "", 0, sb);
        return sb.toString().stripTrailing();
    }

    private void describe(int i, String condition, int indent, StringBuilder sb) {
        Node n = nodes[i];
        sb.append("  ".repeat(indent));
        if (!condition.isEmpty()) {
            sb.append(condition).append(": ");
        }
        sb.append("n=").append(n.count).append(" score=").append(Json.number(n.value));
        if (n.isLeaf()) {
            sb.append(" *\n");
            return;
        }
        sb.append('\n');
        describe(n.left, condition(n, true), indent + 1, sb);
        describe(n.right, condition(n, false), indent + 1, sb);
    }

    /** The condition that leads to the left or right child of a node, in words. */
    public String condition(Node n, boolean left) {
        Feature f = input.feature(n.feature);
        String missing = n.missingLeft == left ? " or missing" : "";
        if (n.leftLevels == null) {
            return f.name() + (left ? " < " : " >= ") + Json.number(n.threshold) + missing;
        }
        List<String> levels = new ArrayList<>();
        for (int c = 0; c < n.leftLevels.length; c++) {
            if (n.leftLevels[c] == left) {
                levels.add(f.levels().get(c));
            }
        }
        return f.name() + " in {" + String.join(", ", levels) + "}" + missing;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "tree");
        node.set("schema", Json.schemaToJson(input));
        ArrayNode array = node.putArray("nodes");
        for (int i = 0; i < nodes.length; i++) {
            Node n = nodes[i];
            ObjectNode o = array.addObject();
            o.put("id", i);
            o.put("n", n.count);
            o.put("value", n.value);
            if (n.isLeaf()) {
                continue;
            }
            Feature f = input.feature(n.feature);
            o.put("feature", f.name());
            if (n.leftLevels == null) {
                o.put("less_than", n.threshold);
            } else {
                ArrayNode levels = o.putArray("levels_left");
                for (int c = 0; c < n.leftLevels.length; c++) {
                    if (n.leftLevels[c]) {
                        levels.add(f.levels().get(c));
                    }
                }
            }
            o.put("missing", n.missingLeft ? "left" : "right");
            o.put("left", n.left);
            o.put("right", n.right);
        }
        return node;
    }

    static TreeScorer fromJson(JsonNode node) {
        Schema schema = Json.schemaFromJson(Json.required(node, "schema"));
        List<Node> nodes = new ArrayList<>();
        for (JsonNode o : Json.required(node, "nodes")) {
            double value = Json.required(o, "value").doubleValue();
            int count = Json.required(o, "n").intValue();
            if (!o.has("feature")) {
                nodes.add(Node.leaf(value, count));
                continue;
            }
            String name = o.get("feature").asText();
            int feature = schema.indexOf(name);
            if (feature < 0) {
                throw new IllegalArgumentException("tree node " + nodes.size() + " splits on unknown feature '" + name + "'");
            }
            Feature f = schema.feature(feature);
            double threshold = Double.NaN;
            boolean[] leftLevels = null;
            if (f.isNumeric()) {
                threshold = Json.required(o, "less_than").doubleValue();
            } else {
                leftLevels = new boolean[f.levels().size()];
                for (JsonNode l : Json.required(o, "levels_left")) {
                    int code = f.code(l.asText());
                    if (code < 0) {
                        throw new IllegalArgumentException("tree node " + nodes.size() + ": '" + l.asText()
                                + "' is not a level of '" + name + "'");
                    }
                    leftLevels[code] = true;
                }
            }
            boolean missingLeft = "left".equals(Json.required(o, "missing").asText());
            nodes.add(new Node(feature, threshold, leftLevels, missingLeft, Json.required(o, "left").intValue(),
                    Json.required(o, "right").intValue(), value, count));
        }
        return new TreeScorer(schema, nodes);
    }
}
