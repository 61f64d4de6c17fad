package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A fully connected feed-forward network (multilayer perceptron) over numeric inputs: hidden layers of
 * rectified linear units, {@code h = max(0, W·a + b)}, then one output unit, {@code W·a + b}, passed
 * through the logistic function (the probability of the positive class) or left as it is (regression);
 * or, for K >= 3 classes, K output units whose softmax gives the class probabilities in the target's level
 * order ({@link Output#SOFTMAX}).
 *
 * <p>Parameter count: every weight and every bias of every layer, output layer included, that is
 * {@code Σ (inputs × units + units)} over the layers; 26 inputs and hidden layers (20, 10) make
 * {@code 26·20 + 20 + 20·10 + 10 + 10·1 + 1 = 761}.
 *
 * <p>In the JSON form each layer lists its inputs by name (the schema's features for the first layer,
 * {@code hidden1.1, hidden1.2, ...} after) and each unit its bias and one weight per input, in that
 * order. Scoring allocates two arrays as wide as the widest layer per call and keeps nothing, so one
 * instance serves every thread.
 */
public final class MlpScorer implements Scorer {

    /** What the output unit's value becomes. */
    public enum Output {
        /** {@code 1 / (1 + exp(-z))}: a probability, for classification. */
        LOGISTIC,
        /** {@code z} itself, for regression. */
        IDENTITY,
        /** {@code exp(z_k) / Σ exp(z_j)} over K >= 3 output units: the class probabilities. */
        SOFTMAX;

        double apply(double z) {
            return this == LOGISTIC ? 1.0 / (1.0 + Math.exp(-z)) : z;
        }
    }

    /**
     * One fully connected layer: {@code weights[u][i]} is the weight of input i in unit u, {@code biases[u]}
     * unit u's bias. Every unit has the same number of inputs; every value is finite.
     */
    public record Layer(double[][] weights, double[] biases) {

        public Layer {
            Objects.requireNonNull(weights, "weights");
            Objects.requireNonNull(biases, "biases");
            if (weights.length == 0) {
                throw new IllegalArgumentException("a layer needs at least one unit");
            }
            if (biases.length != weights.length) {
                throw new IllegalArgumentException("a layer of " + weights.length + " units needs as many biases, got "
                        + biases.length);
            }
            double[][] copy = new double[weights.length][];
            for (int u = 0; u < weights.length; u++) {
                if (weights[u].length != weights[0].length) {
                    throw new IllegalArgumentException("unit " + (u + 1) + " has " + weights[u].length
                            + " weights, unit 1 has " + weights[0].length);
                }
                copy[u] = weights[u].clone();
                for (double w : copy[u]) {
                    requireFinite(w, "weight of unit " + (u + 1));
                }
                requireFinite(biases[u], "bias of unit " + (u + 1));
            }
            weights = copy;
            biases = biases.clone();
        }

        public int units() {
            return biases.length;
        }

        public int inputs() {
            return weights[0].length;
        }

        @Override
        public double[][] weights() {
            double[][] out = new double[weights.length][];
            for (int u = 0; u < out.length; u++) {
                out[u] = weights[u].clone();
            }
            return out;
        }

        @Override
        public double[] biases() {
            return biases.clone();
        }
    }

    private static final String HIDDEN_ACTIVATION = "relu";

    private final Schema input;
    private final List<Layer> layers;
    private final Output output;
    private final Map<String, Double> training;
    /** Per layer, the weights row-major (unit by unit), for a scoring loop without indirection. */
    private final double[][] flatWeights;
    private final double[][] flatBiases;
    private final int widest;
    /** Rows of the input, a sample of the training rows, that explanations are measured against. */
    private final double[][] background;

    /**
     * @param layers the hidden layers then the output layer, which has one unit
     * @param training named numbers about the fit (epochs, best validation loss, ...), shown and saved as
     *     they are; may be empty
     */
    public MlpScorer(Schema input, List<Layer> layers, Output output, Map<String, Double> training) {
        this(input, layers, output, training, new double[][] {new double[input.size()]});
    }

    /**
     * @param background a small sample of (prepared) training rows that explanations are measured against;
     *     the all-zero row (the standardized mean) when none is given
     * @throws IllegalArgumentException when a background row does not fit the input or holds a value that is
     *     not finite
     */
    public MlpScorer(Schema input, List<Layer> layers, Output output, Map<String, Double> training,
            double[][] background) {
        if (background.length == 0) {
            background = new double[][] {new double[input.size()]};
        }
        double[][] copy = new double[background.length][];
        for (int r = 0; r < background.length; r++) {
            if (background[r].length != input.size()) {
                throw new IllegalArgumentException("background row " + (r + 1) + " has " + background[r].length
                        + " values for " + input.size() + " inputs");
            }
            for (double v : background[r]) {
                requireFinite(v, "background row " + (r + 1) + " value");
            }
            copy[r] = background[r].clone();
        }
        this.background = copy;
        this.input = Objects.requireNonNull(input, "input");
        this.layers = List.copyOf(layers);
        this.output = Objects.requireNonNull(output, "output");
        this.training = training == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(training));
        if (this.layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least an output layer");
        }
        for (int i = 0; i < input.size(); i++) {
            if (!input.feature(i).isNumeric()) {
                throw new IllegalArgumentException("a network needs numeric inputs; '" + input.feature(i).name()
                        + "' is categorical (encode it first)");
            }
        }
        int width = input.size();
        int widest = 0;
        flatWeights = new double[this.layers.size()][];
        flatBiases = new double[this.layers.size()][];
        for (int l = 0; l < this.layers.size(); l++) {
            Layer layer = this.layers.get(l);
            if (layer.inputs() != width) {
                throw new IllegalArgumentException("layer " + (l + 1) + " reads " + layer.inputs() + " inputs, but "
                        + width + " come in");
            }
            int units = layer.units();
            double[] flat = new double[units * width];
            for (int u = 0; u < units; u++) {
                System.arraycopy(layer.weights[u], 0, flat, u * width, width);
            }
            flatWeights[l] = flat;
            flatBiases[l] = layer.biases;
            widest = Math.max(widest, units);
            width = units;
        }
        if (output == Output.SOFTMAX ? width < 3 : width != 1) {
            throw new IllegalArgumentException(output == Output.SOFTMAX
                    ? "a softmax output layer needs 3 or more units, one per class, got " + width
                    : "the output layer must have 1 unit, got " + width);
        }
        this.widest = widest;
    }

    private static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite: " + v);
        }
    }

    @Override
    public Schema input() {
        return input;
    }

    public List<Layer> layers() {
        return layers;
    }

    public Output output() {
        return output;
    }

    /** The fit's summary as given to the constructor. */
    public Map<String, Double> training() {
        return training;
    }

    /** 1, or the number of classes for {@link Output#SOFTMAX}. */
    @Override
    public int classCount() {
        return output == Output.SOFTMAX ? flatBiases[flatBiases.length - 1].length : 1;
    }

    /** The output unit's value before the output function: log-odds for {@link Output#LOGISTIC}. */
    public double outputValue(double[] x) {
        return outputValues(x)[0];
    }

    /** Every output unit's value before the output function (a fresh array). */
    public double[] outputValues(double[] x) {
        double[] current = new double[widest];
        double[] next = new double[widest];
        double[] in = x;
        int width = input.size();
        int last = flatWeights.length - 1;
        for (int l = 0; l <= last; l++) {
            double[] w = flatWeights[l];
            double[] b = flatBiases[l];
            int units = b.length;
            for (int u = 0, row = 0; u < units; u++, row += width) {
                double s = b[u];
                for (int i = 0; i < width; i++) {
                    s += w[row + i] * in[i];
                }
                next[u] = l < last && s < 0 ? 0.0 : s;
            }
            double[] t = current;
            current = next;
            next = t;
            in = current;
            width = units;
        }
        return Arrays.copyOf(current, width);
    }

    @Override
    public double score(double[] x) {
        if (output == Output.SOFTMAX) {
            double[] p = scoreClasses(x);
            return p[MulticlassScorer.argmax(p)];
        }
        return output.apply(outputValue(x));
    }

    /** The softmax of the output units (three or more classes). */
    @Override
    public double[] scoreClasses(double[] x) {
        if (output != Output.SOFTMAX) {
            return Scorer.super.scoreClasses(x);
        }
        return MulticlassScorer.softmax(outputValues(x));
    }

    /** {@code log p_c − log(1 − p_c)} from the output units: {@code z_c − logsumexp of the others}. */
    private static double logOddsAgainstRest(double[] z, int c) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < z.length; k++) {
            if (k != c) {
                max = Math.max(max, z[k]);
            }
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            if (k != c) {
                sum += Math.exp(z[k] - max);
            }
        }
        return z[c] - (max + Math.log(sum));
    }

    /** The background rows explanations are measured against. */
    public double[][] background() {
        double[][] out = new double[background.length][];
        for (int r = 0; r < out.length; r++) {
            out[r] = background[r].clone();
        }
        return out;
    }

    /**
     * Shapley values sampled against the stored background rows (see {@link SampledShapley}), on the output
     * unit's value: the log-odds for {@link Output#LOGISTIC}, the prediction for {@link Output#IDENTITY}, and
     * for {@link Output#SOFTMAX} the called class's log-odds against all the other classes together. The
     * baseline is the mean of that value over the background.
     */
    @Override
    public Attribution attribute(double[] x, int[] groupOf, int groups) {
        if (output == Output.SOFTMAX) {
            // The called class against all the others: its log-odds, which Shapley sampling splits (any function).
            int called = MulticlassScorer.argmax(scoreClasses(x));
            return SampledShapley.attribute(row -> logOddsAgainstRest(outputValues(row), called), true, x, background,
                    groupOf, groups);
        }
        return SampledShapley.attribute(this::outputValue, output == Output.LOGISTIC, x, background, groupOf, groups);
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (Layer layer : layers) {
            n += (long) layer.units() * layer.inputs() + layer.units();
        }
        return n;
    }

    /** "26 inputs -> 20 relu -> 10 relu -> 1 logistic". */
    public String architecture() {
        StringBuilder sb = new StringBuilder();
        sb.append(input.size()).append(" inputs");
        for (int l = 0; l < layers.size(); l++) {
            boolean last = l == layers.size() - 1;
            sb.append(" -> ").append(layers.get(l).units()).append(' ')
                    .append(last ? output.name().toLowerCase(Locale.ROOT) : HIDDEN_ACTIVATION);
        }
        return sb.toString();
    }

    @Override
    public String describe() {
        long biases = 0;
        for (Layer layer : layers) {
            biases += layer.units();
        }
        StringBuilder sb = new StringBuilder();
        sb.append("multilayer perceptron: ").append(architecture()).append('\n');
        sb.append("weights: ").append(parameterCount() - biases).append(", biases: ").append(biases).append('\n');
        for (Map.Entry<String, Double> e : training.entrySet()) {
            sb.append(e.getKey()).append(": ").append(Json.number(e.getValue())).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static String layerName(int l, int count) {
        return l == count - 1 ? "output" : "hidden" + (l + 1);
    }

    private List<String> inputNames(int l) {
        if (l == 0) {
            return input.names();
        }
        List<String> names = new ArrayList<>();
        String prefix = layerName(l - 1, layers.size());
        for (int u = 1; u <= layers.get(l - 1).units(); u++) {
            names.add(prefix + "." + u);
        }
        return names;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "mlp");
        node.set("schema", Json.schemaToJson(input));
        node.put("architecture", architecture());
        ArrayNode array = node.putArray("layers");
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            boolean last = l == layers.size() - 1;
            ObjectNode o = array.addObject();
            o.put("name", layerName(l, layers.size()));
            o.put("activation", last ? output.name().toLowerCase(Locale.ROOT) : HIDDEN_ACTIVATION);
            ArrayNode names = o.putArray("inputs");
            inputNames(l).forEach(names::add);
            ArrayNode units = o.putArray("units");
            for (int u = 0; u < layer.units(); u++) {
                ObjectNode unit = units.addObject();
                unit.put("bias", layer.biases[u]);
                unit.set("weights", Json.array(layer.weights[u]));
            }
        }
        if (!training.isEmpty()) {
            ObjectNode t = node.putObject("training");
            training.forEach(t::put);
        }
        ArrayNode rows = node.putArray("background");
        for (double[] row : background) {
            rows.add(Json.array(row));
        }
        return node;
    }

    static MlpScorer fromJson(JsonNode node) {
        Schema schema = Json.schemaFromJson(Json.required(node, "schema"));
        JsonNode array = Json.required(node, "layers");
        int count = array.size();
        List<Layer> layers = new ArrayList<>(count);
        Output output = null;
        List<String> expectedInputs = schema.names();
        for (int l = 0; l < count; l++) {
            JsonNode o = array.get(l);
            String name = layerName(l, count);
            String activation = Json.required(o, "activation").asText();
            if (l < count - 1) {
                if (!HIDDEN_ACTIVATION.equals(activation)) {
                    throw new IllegalArgumentException("layer '" + name + "': hidden activation must be relu, got '"
                            + activation + "'");
                }
            } else {
                try {
                    output = Output.valueOf(activation.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("layer '" + name
                            + "': output activation must be logistic, identity or softmax, got '" + activation + "'");
                }
            }
            List<String> inputs = new ArrayList<>();
            for (JsonNode n : Json.required(o, "inputs")) {
                inputs.add(n.asText());
            }
            if (!inputs.equals(expectedInputs)) {
                throw new IllegalArgumentException("layer '" + name + "' reads " + inputs + ", expected "
                        + expectedInputs);
            }
            JsonNode units = Json.required(o, "units");
            double[][] weights = new double[units.size()][];
            double[] biases = new double[units.size()];
            for (int u = 0; u < units.size(); u++) {
                JsonNode unit = units.get(u);
                biases[u] = Json.required(unit, "bias").doubleValue();
                weights[u] = Json.doubles(Json.required(unit, "weights"));
                if (weights[u].length != inputs.size()) {
                    throw new IllegalArgumentException("layer '" + name + "' unit " + (u + 1) + " has "
                            + weights[u].length + " weights for " + inputs.size() + " inputs");
                }
            }
            layers.add(new Layer(weights, biases));
            expectedInputs = new ArrayList<>();
            for (int u = 1; u <= units.size(); u++) {
                expectedInputs.add(name + "." + u);
            }
        }
        Map<String, Double> training = new LinkedHashMap<>();
        JsonNode t = node.get("training");
        if (t != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                training.put(e.getKey(), e.getValue().doubleValue());
            }
        }
        if (output == null) {
            throw new IllegalArgumentException("a network needs at least an output layer");
        }
        JsonNode rows = node.get("background");
        double[][] background = new double[rows == null ? 0 : rows.size()][];
        for (int r = 0; r < background.length; r++) {
            background[r] = Json.doubles(rows.get(r));
        }
        return new MlpScorer(schema, layers, output, training, background);
    }
}
