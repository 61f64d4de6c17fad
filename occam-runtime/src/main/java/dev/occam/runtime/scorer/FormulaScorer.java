package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.formula.Formula;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A model equation the domain knows, fitted by nonlinear least squares: the prediction is the formula's right side
 * at the fitted parameters, taken back to the target's scale when the left side transforms the target
 * ({@code log(y) ~ ...} predicts {@code exp} of the right side). Reads the formula's input columns only; a missing
 * input takes its training median ({@code reference}). Carries the fit's inference so that the model file reads
 * like R's {@code summary(nls)}: per parameter the estimate, standard error, t value, p-value and Wald 95%
 * interval; and the fit statistics (residual sum of squares, residual standard error, degrees of freedom,
 * iterations). Parameter count: the formula's parameters. Immutable and thread-safe.
 *
 * <p>Explanations are exact Shapley values of the prediction against the reference row (the training medians):
 * the "baseline Shapley" of Sundararajan &amp; Najmi, <i>The many Shapley values for model explanation</i>, ICML
 * 2020, computed over every subset of the input groups (up to {@value #EXACT_GROUPS} groups; more are sampled by
 * permutations with the reference as the one background row). Where the formula is a sum of terms that each read
 * one input, as in {@code y ~ a + b * x1 + c * exp(x2)}, this is each term's change from its value at the
 * reference; the contributions always add up to the prediction minus the prediction at the reference.
 */
public final class FormulaScorer implements Scorer {

    /** Input groups up to which explanations enumerate every subset (2^12 evaluations). */
    static final int EXACT_GROUPS = 12;

    /**
     * The fit's inference, one entry per parameter in the formula's order ({@code NaN} where not defined, as
     * without residual degrees of freedom), and named fit statistics.
     */
    public record Inference(double[] stdErrors, double[] tValues, double[] pValues, double[] lower, double[] upper,
            Map<String, Double> fit) {
        public Inference {
            stdErrors = stdErrors.clone();
            tValues = tValues.clone();
            pValues = pValues.clone();
            lower = lower.clone();
            upper = upper.clone();
            fit = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fit));
            int p = stdErrors.length;
            if (tValues.length != p || pValues.length != p || lower.length != p || upper.length != p) {
                throw new IllegalArgumentException("inference arrays differ in length: " + p + ", " + tValues.length
                        + ", " + pValues.length + ", " + lower.length + ", " + upper.length);
            }
        }

        @Override
        public double[] stdErrors() {
            return stdErrors.clone();
        }

        @Override
        public double[] tValues() {
            return tValues.clone();
        }

        @Override
        public double[] pValues() {
            return pValues.clone();
        }

        @Override
        public double[] lower() {
            return lower.clone();
        }

        @Override
        public double[] upper() {
            return upper.clone();
        }
    }

    private final Formula formula;
    private final Schema input;
    private final double[] estimates;
    private final Inference inference;
    private final double[] reference;

    /**
     * @param formula the formula as fitted; its inputs are {@code input}'s features, in order
     * @param estimates one per formula parameter, finite
     * @param reference per input, the value a missing input takes and explanations measure from (training median)
     * @throws IllegalArgumentException when the input is not the formula's columns (numeric), or an array does not
     *     fit
     */
    public FormulaScorer(Formula formula, Schema input, double[] estimates, Inference inference, double[] reference) {
        this.formula = Objects.requireNonNull(formula, "formula");
        this.input = Objects.requireNonNull(input, "input");
        this.inference = Objects.requireNonNull(inference, "inference");
        if (!input.names().equals(formula.inputs())) {
            throw new IllegalArgumentException("formula " + formula.text() + " reads " + formula.inputs()
                    + ", but the scorer's input is " + input.names());
        }
        for (Feature f : input.features()) {
            if (!f.isNumeric()) {
                throw new IllegalArgumentException("formula " + formula.text() + " reads '" + f.name()
                        + "', a categorical column; a formula's columns must be numbers");
            }
        }
        int p = formula.parameters().size();
        if (estimates.length != p || inference.stdErrors.length != p) {
            throw new IllegalArgumentException("formula " + formula.text() + " has " + p + " parameters "
                    + formula.parameters() + ", got " + estimates.length + " estimates and "
                    + inference.stdErrors.length + " standard errors");
        }
        for (int k = 0; k < p; k++) {
            if (!Double.isFinite(estimates[k])) {
                throw new IllegalArgumentException("estimate of " + formula.parameters().get(k) + " must be finite: "
                        + estimates[k]);
            }
        }
        if (reference.length != input.size()) {
            throw new IllegalArgumentException("need " + input.size() + " reference values, got " + reference.length);
        }
        for (int j = 0; j < reference.length; j++) {
            if (!Double.isFinite(reference[j])) {
                throw new IllegalArgumentException("reference of '" + input.feature(j).name() + "' must be finite: "
                        + reference[j]);
            }
        }
        this.estimates = estimates.clone();
        this.reference = reference.clone();
    }

    public Formula formula() {
        return formula;
    }

    /** The fitted parameters, in the formula's order. */
    public double[] estimates() {
        return estimates.clone();
    }

    public Inference inference() {
        return inference;
    }

    /** Per input, the training median: what a missing input takes and what explanations measure from. */
    public double[] reference() {
        return reference.clone();
    }

    @Override
    public Schema input() {
        return input;
    }

    @Override
    public double score(double[] x) {
        // A missing input is read as its reference; reading x in place keeps scoring free of allocation when
        // nothing is missing.
        for (double v : x) {
            if (Double.isNaN(v)) {
                return predict(filled(x));
            }
        }
        return predict(x);
    }

    private double[] filled(double[] x) {
        double[] out = x.clone();
        for (int j = 0; j < out.length; j++) {
            if (Double.isNaN(out[j])) {
                out[j] = reference[j];
            }
        }
        return out;
    }

    private double predict(double[] complete) {
        double v = formula.value(complete, estimates);
        return formula.transformsResponse() ? formula.inverseResponse(v) : v;
    }

    @Override
    public Attribution attribute(double[] x, int[] groupOf, int groups) {
        Attribution.grouped(new double[input.size()], groupOf, groups); // checks the grouping
        double[] row = filled(x);
        if (groups > EXACT_GROUPS) {
            return SampledShapley.attribute(this::predict, false, row, new double[][] {reference}, groupOf, groups);
        }
        // v(S): the prediction with the groups in S at the row's values, the others at the reference.
        int subsets = 1 << groups;
        double[] v = new double[subsets];
        double[] mixed = new double[row.length];
        for (int s = 0; s < subsets; s++) {
            for (int c = 0; c < row.length; c++) {
                mixed[c] = (s & (1 << groupOf[c])) != 0 ? row[c] : reference[c];
            }
            v[s] = predict(mixed);
        }
        // Shapley weight of a subset of size k not holding the group: k! (m - k - 1)! / m!.
        double[] weight = new double[groups];
        for (int k = 0; k < groups; k++) {
            weight[k] = 1.0 / (groups * binomial(groups - 1, k));
        }
        double[] phi = new double[groups];
        for (int g = 0; g < groups; g++) {
            int bit = 1 << g;
            for (int s = 0; s < subsets; s++) {
                if ((s & bit) == 0) {
                    phi[g] += weight[Integer.bitCount(s)] * (v[s | bit] - v[s]);
                }
            }
        }
        return new Attribution(false, v[subsets - 1], v[0], phi);
    }

    private static double binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
        }
        return b;
    }

    @Override
    public long parameterCount() {
        return estimates.length;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(formula.equation()).append(", fitted by nonlinear least squares\n");
        sb.append(formula.write(estimates)).append('\n');
        sb.append(String.format(Locale.ROOT, "%-16s %14s %12s %9s %10s   %s%n", "parameter", "estimate", "std. error",
                "t value", "p-value", "95% interval (Wald)"));
        List<String> names = formula.parameters();
        for (int k = 0; k < estimates.length; k++) {
            sb.append(String.format(Locale.ROOT, "%-16s %14s %12s %9s %10s   %s%n", names.get(k), fmt(estimates[k]),
                    fmt(inference.stdErrors[k]), Double.isNaN(inference.tValues[k]) ? "NA"
                            : String.format(Locale.ROOT, "%.3f", inference.tValues[k]), pValue(inference.pValues[k]),
                    Double.isNaN(inference.lower[k]) ? "NA" : fmt(inference.lower[k]) + " to " + fmt(inference.upper[k])));
        }
        for (Map.Entry<String, Double> e : inference.fit.entrySet()) {
            sb.append(e.getKey()).append(": ").append(Json.number(e.getValue())).append('\n');
        }
        if (formula.transformsResponse()) {
            sb.append("predictions are the fitted right side taken back to the scale of ").append(formula.target())
                    .append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String pValue(double p) {
        return Double.isNaN(p) ? "NA" : p < 1e-4 ? String.format(Locale.ROOT, "%.2e", p)
                : String.format(Locale.ROOT, "%.4f", p);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "formula");
        node.put("formula", formula.text());
        node.put("target", formula.target());
        node.set("schema", Json.schemaToJson(input));
        node.set("reference", Json.array(reference));
        ArrayNode parameters = node.putArray("parameters");
        for (int k = 0; k < estimates.length; k++) {
            ObjectNode p = parameters.addObject();
            p.put("name", formula.parameters().get(k));
            p.put("estimate", estimates[k]);
            putFinite(p, "std_error", inference.stdErrors[k]);
            putFinite(p, "t_value", inference.tValues[k]);
            putFinite(p, "p_value", inference.pValues[k]);
            putFinite(p, "lower_95", inference.lower[k]);
            putFinite(p, "upper_95", inference.upper[k]);
        }
        ObjectNode fit = node.putObject("fit");
        inference.fit.forEach(fit::put);
        return node;
    }

    private static void putFinite(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.putNull(field);
        }
    }

    private static double nullable(JsonNode v) {
        return v == null || v.isNull() ? Double.NaN : v.doubleValue();
    }

    static FormulaScorer fromJson(JsonNode node) {
        Schema schema = Json.schemaFromJson(Json.required(node, "schema"));
        String text = Json.required(node, "formula").asText();
        String target = Json.required(node, "target").asText();
        Formula formula = Formula.parse(text, target, schema.names()::contains);
        JsonNode parameters = Json.required(node, "parameters");
        int p = parameters.size();
        if (p != formula.parameters().size()) {
            throw new IllegalArgumentException("formula " + text + " has parameters " + formula.parameters() + ", but "
                    + p + " are stored");
        }
        double[] estimates = new double[p];
        double[] se = new double[p];
        double[] t = new double[p];
        double[] pv = new double[p];
        double[] lower = new double[p];
        double[] upper = new double[p];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < p; k++) {
            JsonNode par = parameters.get(k);
            String name = Json.required(par, "name").asText();
            if (!name.equals(formula.parameters().get(k))) {
                throw new IllegalArgumentException("parameter " + (k + 1) + " is '" + name + "', expected '"
                        + formula.parameters().get(k) + "'");
            }
            names.add(name);
            estimates[k] = Json.required(par, "estimate").doubleValue();
            se[k] = nullable(par.get("std_error"));
            t[k] = nullable(par.get("t_value"));
            pv[k] = nullable(par.get("p_value"));
            lower[k] = nullable(par.get("lower_95"));
            upper[k] = nullable(par.get("upper_95"));
        }
        Map<String, Double> fit = new LinkedHashMap<>();
        JsonNode fitNode = node.get("fit");
        if (fitNode != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = fitNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fit.put(e.getKey(), e.getValue().doubleValue());
            }
        }
        return new FormulaScorer(formula, schema, estimates, new Inference(se, t, pv, lower, upper, fit),
                Json.doubles(Json.required(node, "reference")));
    }
}
