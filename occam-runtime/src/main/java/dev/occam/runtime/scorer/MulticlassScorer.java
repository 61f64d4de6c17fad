package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A scorer of three or more classes, made of one component scorer per class (the components of any family,
 * each giving its class's raw value for a row) and a rule combining the K values into probabilities that sum
 * to 1:
 *
 * <ul>
 *   <li>{@link Combination#SOFTMAX}: the values are margins, {@code p_k = exp(m_k) / Σ exp(m_j)}. With K − 1
 *       components, the first class is the reference with margin 0: the multinomial logit of
 *       {@code nnet::multinom} (Venables &amp; Ripley 2002, §7.3), each component the log-odds of its class
 *       against the first. With K components: boosting's per-class margins ({@code multi:softprob}).</li>
 *   <li>{@link Combination#SHARES}: the values are class shares (a tree's leaf class distribution, a forest's
 *       mean of them), already non-negative and summing to 1; they are divided by their sum only to remove
 *       rounding.</li>
 * </ul>
 *
 * <p>{@link #score(double[])} is the probability of the most probable class (ties: the first level), so code
 * that reads one number per row (latency, refit checks) still works; {@link #scoreClasses(double[])} gives all
 * K. Parameter count: the sum of the components' counts (for a tree, the nodes times the K leaf values would
 * be fewer, but each class's function is counted as the family counts it). Explanations take apart the called
 * class's component: its log-odds against the reference (multinomial logit), its margin (boosting), or its
 * share (trees, forests).
 */
public final class MulticlassScorer implements Scorer {

    /** How the components' values become probabilities. */
    public enum Combination {
        SOFTMAX, SHARES
    }

    private final Schema input;
    private final List<Scorer> components;
    private final Combination combination;
    private final int classes;

    /**
     * @param classes how many classes, >= 3; {@code components} has one per class, or (softmax) one fewer, the
     *     first class being the reference
     * @throws IllegalArgumentException when a component reads another schema or their number does not fit
     */
    public MulticlassScorer(Schema input, List<Scorer> components, Combination combination, int classes) {
        this.input = Objects.requireNonNull(input, "input");
        this.components = List.copyOf(components);
        this.combination = Objects.requireNonNull(combination, "combination");
        if (classes < 3) {
            throw new IllegalArgumentException("a multiclass scorer needs three or more classes: " + classes);
        }
        this.classes = classes;
        boolean reference = combination == Combination.SOFTMAX && this.components.size() == classes - 1;
        if (this.components.size() != classes && !reference) {
            throw new IllegalArgumentException(classes + " classes need " + classes + " components"
                    + (combination == Combination.SOFTMAX ? " (or " + (classes - 1) + " against a reference class)" : "")
                    + ", got " + this.components.size());
        }
        for (int k = 0; k < this.components.size(); k++) {
            Scorer c = this.components.get(k);
            if (c instanceof MulticlassScorer) {
                throw new IllegalArgumentException("component " + k + " is itself a multiclass scorer");
            }
            if (!c.input().equals(input)) {
                throw new IllegalArgumentException("component " + k + " reads " + c.input().names()
                        + ", the scorer reads " + input.names());
            }
        }
    }

    public List<Scorer> components() {
        return components;
    }

    public Combination combination() {
        return combination;
    }

    /** Whether the first class is a reference with margin 0 (K − 1 components). */
    public boolean hasReference() {
        return components.size() == classes - 1;
    }

    @Override
    public int classCount() {
        return classes;
    }

    @Override
    public Schema input() {
        return input;
    }

    @Override
    public double[] scoreClasses(double[] x) {
        double[] v = new double[classes];
        int offset = hasReference() ? 1 : 0;
        for (int k = 0; k < components.size(); k++) {
            v[k + offset] = components.get(k).score(x);
        }
        if (combination == Combination.SOFTMAX) {
            return softmax(v);
        }
        double sum = 0;
        for (double p : v) {
            sum += Math.max(0, p);
        }
        for (int k = 0; k < classes; k++) {
            v[k] = sum > 0 ? Math.max(0, v[k]) / sum : 1.0 / classes;
        }
        return v;
    }

    /** exp(m_k) / Σ exp(m_j), shifted by the largest margin so that nothing overflows. */
    public static double[] softmax(double[] margins) {
        double max = Double.NEGATIVE_INFINITY;
        for (double m : margins) {
            max = Math.max(max, m);
        }
        double[] p = new double[margins.length];
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.exp(margins[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** The index of the largest value, the first on ties. */
    public static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The probability of the most probable class. */
    @Override
    public double score(double[] x) {
        double[] p = scoreClasses(x);
        return p[argmax(p)];
    }

    /**
     * The called class's component taken apart (see the class comment); for the reference class of a
     * multinomial logit, whose log-odds are 0 by definition, the most probable other class's.
     */
    @Override
    public Attribution attribute(double[] x, int[] groupOf, int groups) {
        int called = argmax(scoreClasses(x));
        int component = hasReference() ? Math.max(0, called - 1) : called;
        if (hasReference() && called == 0) {
            double[] p = scoreClasses(x);
            p[0] = Double.NEGATIVE_INFINITY;
            component = argmax(p) - 1;
        }
        Attribution a = components.get(component).attribute(x, groupOf, groups);
        return new Attribution(combination == Combination.SOFTMAX, a.value(), a.baseline(), a.contributions());
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (Scorer c : components) {
            n += c.parameterCount();
        }
        return n;
    }

    @Override
    public String describe() {
        return describe(null);
    }

    /** {@link #describe()} with each class named by its level (null: by number). */
    public String describe(List<String> levels) {
        StringBuilder sb = new StringBuilder();
        sb.append(classes).append(" classes, ").append(combination == Combination.SOFTMAX
                ? (hasReference() ? "probabilities by softmax of each class's log-odds against the first class"
                        : "probabilities by softmax of the classes' margins")
                : "probabilities are the classes' shares").append('\n');
        int offset = hasReference() ? 1 : 0;
        for (int k = 0; k < components.size(); k++) {
            int c = k + offset;
            sb.append("-- class ").append(levels == null ? (c + 1) + " of " + classes : levels.get(c))
                    .append(hasReference() ? (levels == null ? " against class 1" : " against " + levels.get(0)) : "")
                    .append(" --\n");
            sb.append(components.get(k).describe()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "multiclass");
        node.set("schema", Json.schemaToJson(input));
        node.put("classes", classes);
        node.put("combination", combination.name().toLowerCase(Locale.ROOT));
        ArrayNode parts = node.putArray("components");
        for (Scorer c : components) {
            parts.add(c.toJson());
        }
        return node;
    }

    static MulticlassScorer fromJson(JsonNode node) {
        List<Scorer> parts = new ArrayList<>();
        for (JsonNode c : Json.required(node, "components")) {
            parts.add(Scorers.fromJson(c));
        }
        String combination = Json.required(node, "combination").asText();
        return new MulticlassScorer(Json.schemaFromJson(Json.required(node, "schema")), parts,
                Combination.valueOf(combination.toUpperCase(Locale.ROOT)), Json.required(node, "classes").asInt());
    }
}
