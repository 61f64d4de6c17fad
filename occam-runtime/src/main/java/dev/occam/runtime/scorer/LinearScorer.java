package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A generalised linear model over numeric inputs: {@code score = link⁻¹(intercept + Σ βⱼ xⱼ)}, with the
 * identity link (linear regression) or the logit link (logistic regression). Coefficients of aliased
 * columns are reported as such and contribute nothing. Optionally carries the fit's inference (standard
 * errors, test statistics, p-values) so that the model file reads like R's {@code summary(glm)}, or,
 * for a penalised fit, only its fit statistics (see {@link Inference#fitOnly}).
 * Parameter count: the intercept plus every coefficient that is neither aliased nor exactly zero. A
 * coefficient of exactly zero takes no part in any score: a penalised fit (the lasso) drops features so,
 * and the number of non-zero coefficients is the lasso's degrees of freedom (Zou, Hastie &amp; Tibshirani,
 * Annals of Statistics 35, 2007). An unpenalised estimate is practically never exactly zero.
 */
public final class LinearScorer implements Scorer {

    /** How the linear predictor becomes a score. */
    public enum Link {
        IDENTITY, LOGIT;

        public double inverse(double eta) {
            return this == IDENTITY ? eta : 1.0 / (1.0 + Math.exp(-eta));
        }
    }

    /**
     * Inference for the intercept (index 0) and each coefficient (index j + 1). {@code statistic} is
     * {@code "z"} (Wald, normal reference), {@code "t"} (Student, for least squares), or null when the fit
     * has no per-term inference (see {@link #fitOnly}). Aliased terms hold {@code NaN}. {@code fit} holds
     * named fit statistics (deviance, iterations, ...).
     */
    public record Inference(String statistic, double[] stdErrors, double[] statistics, double[] pValues,
            Map<String, Double> fit) {
        public Inference {
            stdErrors = stdErrors.clone();
            statistics = statistics.clone();
            pValues = pValues.clone();
            fit = fit == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fit));
            if (stdErrors.length != statistics.length || stdErrors.length != pValues.length) {
                throw new IllegalArgumentException("inference arrays differ in length");
            }
        }

        /**
         * Fit statistics alone, for {@code terms} terms (intercept included) without standard errors: a
         * penalised estimate has no simple ones.
         */
        public static Inference fitOnly(int terms, Map<String, Double> fit) {
            double[] none = new double[terms];
            java.util.Arrays.fill(none, Double.NaN);
            return new Inference(null, none, none, none, fit);
        }

        /** Whether there are standard errors, test statistics and p-values per term. */
        public boolean hasTermInference() {
            return statistic != null;
        }

        @Override
        public double[] stdErrors() {
            return stdErrors.clone();
        }

        @Override
        public double[] statistics() {
            return statistics.clone();
        }

        @Override
        public double[] pValues() {
            return pValues.clone();
        }
    }

    public static final String INTERCEPT = "(intercept)";

    private final Schema input;
    private final Link link;
    private final double intercept;
    private final double[] coefficients;
    private final boolean[] aliased;
    private final Inference inference;
    private final Map<String, Double> fitStatistics;
    /** Per input column, the value an explanation measures from: the training mean (0 when unknown). */
    private final double[] reference;

    /** A scorer without references: explanations measure every column from 0 (see {@link #withReference}). */
    public LinearScorer(Schema input, Link link, double intercept, double[] coefficients, boolean[] aliased,
            Inference inference) {
        this(input, link, intercept, coefficients, aliased, inference, new double[input.size()]);
    }

    /**
     * @param reference per input column, the value explanations measure from: the training mean of the
     *     column, so that the baseline is the score of the average row
     * @throws IllegalArgumentException when an array does not fit the schema, a reference is not finite, or
     *     an input is categorical
     */
    public LinearScorer(Schema input, Link link, double intercept, double[] coefficients, boolean[] aliased,
            Inference inference, double[] reference) {
        this.input = Objects.requireNonNull(input, "input");
        this.link = Objects.requireNonNull(link, "link");
        if (coefficients.length != input.size() || aliased.length != input.size()) {
            throw new IllegalArgumentException("need " + input.size() + " coefficients and aliased flags, got "
                    + coefficients.length + " and " + aliased.length);
        }
        for (int i = 0; i < input.size(); i++) {
            if (!input.feature(i).isNumeric()) {
                throw new IllegalArgumentException("linear scorer needs numeric inputs; '" + input.feature(i).name()
                        + "' is categorical (encode it first)");
            }
        }
        if (inference != null && inference.stdErrors.length != input.size() + 1) {
            throw new IllegalArgumentException("inference needs " + (input.size() + 1) + " entries, got "
                    + inference.stdErrors.length);
        }
        this.intercept = intercept;
        this.coefficients = coefficients.clone();
        this.aliased = aliased.clone();
        for (int i = 0; i < aliased.length; i++) {
            if (aliased[i]) {
                this.coefficients[i] = 0.0;
            }
        }
        this.inference = inference;
        this.fitStatistics = inference == null ? Map.of() : inference.fit();
        if (reference.length != input.size()) {
            throw new IllegalArgumentException("need " + input.size() + " reference values, got " + reference.length);
        }
        for (int i = 0; i < reference.length; i++) {
            if (!Double.isFinite(reference[i])) {
                throw new IllegalArgumentException("reference of '" + input.feature(i).name() + "' must be finite: "
                        + reference[i]);
            }
        }
        this.reference = reference.clone();
    }

    /** This scorer with the training means of its input columns as the reference explanations measure from. */
    public LinearScorer withReference(double[] means) {
        return new LinearScorer(input, link, intercept, coefficients, aliased, inference, means);
    }

    /** Per input column, the value explanations measure from (the training mean; 0 when not recorded). */
    public double[] reference() {
        return reference.clone();
    }

    /**
     * Exact, on the linear predictor (log-odds for the logit link, the prediction for the identity link):
     * column j contributes {@code βⱼ · (xⱼ − referenceⱼ)}, and the baseline is the linear predictor at the
     * reference row, {@code intercept + Σ βⱼ · referenceⱼ}. With the training means as reference, the baseline
     * is the prediction for the average row and a column that never varied contributes 0.
     */
    @Override
    public Attribution attribute(double[] x, int[] groupOf, int groups) {
        double[] c = new double[coefficients.length];
        double baseline = intercept;
        for (int i = 0; i < c.length; i++) {
            c[i] = coefficients[i] * (x[i] - reference[i]);
            baseline += coefficients[i] * reference[i];
        }
        return new Attribution(link == Link.LOGIT, linearPredictor(x), baseline, Attribution.grouped(c, groupOf, groups));
    }

    public Link link() {
        return link;
    }

    public double intercept() {
        return intercept;
    }

    /** Coefficients in input order; aliased ones are 0. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    public boolean[] aliased() {
        return aliased.clone();
    }

    /** The inference of the fit, or null when none was computed. */
    public Inference inference() {
        return inference;
    }

    @Override
    public Schema input() {
        return input;
    }

    /** The linear predictor (log-odds for the logit link). */
    public double linearPredictor(double[] x) {
        double eta = intercept;
        for (int i = 0; i < coefficients.length; i++) {
            eta += coefficients[i] * x[i];
        }
        return eta;
    }

    @Override
    public double score(double[] x) {
        return link.inverse(linearPredictor(x));
    }

    @Override
    public long parameterCount() {
        long n = 1;
        for (int i = 0; i < aliased.length; i++) {
            if (!aliased[i] && coefficients[i] != 0.0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(link == Link.LOGIT ? "log-odds" : "prediction").append(" = intercept + sum of coefficient x value\n");
        String stat = inference == null ? null : inference.statistic;
        sb.append(String.format(Locale.ROOT, "%-28s %14s", "term", "estimate"));
        if (stat != null) {
            sb.append(String.format(Locale.ROOT, " %12s %9s %10s", "std. error", stat + " value", "p-value"));
        }
        sb.append('\n');
        for (int t = 0; t <= coefficients.length; t++) {
            String name = t == 0 ? INTERCEPT : input.feature(t - 1).name();
            boolean isAliased = t > 0 && aliased[t - 1];
            double estimate = t == 0 ? intercept : coefficients[t - 1];
            sb.append(String.format(Locale.ROOT, "%-28s %14s", name, isAliased ? "aliased" : fmt(estimate)));
            if (stat != null && !isAliased) {
                sb.append(String.format(Locale.ROOT, " %12s %9.3f %10s", fmt(inference.stdErrors[t]),
                        inference.statistics[t], pValue(inference.pValues[t])));
            }
            sb.append('\n');
        }
        for (Map.Entry<String, Double> e : fitStatistics.entrySet()) {
            sb.append(e.getKey()).append(": ").append(Json.number(e.getValue())).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String pValue(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "linear");
        node.put("link", link.name().toLowerCase(Locale.ROOT));
        node.set("schema", Json.schemaToJson(input));
        if (inference != null && inference.statistic != null) {
            node.put("statistic", inference.statistic);
        }
        ArrayNode terms = node.putArray("terms");
        for (int t = 0; t <= coefficients.length; t++) {
            ObjectNode term = terms.addObject();
            term.put("name", t == 0 ? INTERCEPT : input.feature(t - 1).name());
            boolean isAliased = t > 0 && aliased[t - 1];
            if (t > 0) {
                term.put("reference", reference[t - 1]);
            }
            if (isAliased) {
                term.put("aliased", true);
                continue;
            }
            term.put("estimate", t == 0 ? intercept : coefficients[t - 1]);
            if (inference != null && inference.statistic != null) {
                putFinite(term, "std_error", inference.stdErrors[t]);
                putFinite(term, inference.statistic + "_value", inference.statistics[t]);
                putFinite(term, "p_value", inference.pValues[t]);
            }
        }
        if (!fitStatistics.isEmpty()) {
            ObjectNode fit = node.putObject("fit");
            fitStatistics.forEach(fit::put);
        }
        return node;
    }

    private static void putFinite(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.putNull(field);
        }
    }

    static LinearScorer fromJson(JsonNode node) {
        Schema schema = Json.schemaFromJson(Json.required(node, "schema"));
        String linkName = Json.required(node, "link").asText();
        Link link;
        try {
            link = Link.valueOf(linkName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("link must be identity or logit, got '" + linkName + "'");
        }
        JsonNode terms = Json.required(node, "terms");
        int p = schema.size();
        if (terms.size() != p + 1) {
            throw new IllegalArgumentException("expected " + (p + 1) + " terms, got " + terms.size());
        }
        double[] coef = new double[p];
        boolean[] aliased = new boolean[p];
        String statistic = node.has("statistic") ? node.get("statistic").asText() : null;
        double[] se = new double[p + 1];
        double[] st = new double[p + 1];
        double[] pv = new double[p + 1];
        double intercept = 0;
        double[] reference = new double[p];
        for (int t = 0; t <= p; t++) {
            JsonNode term = terms.get(t);
            if (t > 0 && term.has("reference")) {
                reference[t - 1] = term.get("reference").doubleValue();
            }
            String expected = t == 0 ? INTERCEPT : schema.feature(t - 1).name();
            String name = Json.required(term, "name").asText();
            if (!name.equals(expected)) {
                throw new IllegalArgumentException("term " + t + " is '" + name + "', expected '" + expected + "'");
            }
            if (t > 0 && term.path("aliased").asBoolean(false)) {
                aliased[t - 1] = true;
                se[t] = st[t] = pv[t] = Double.NaN;
                continue;
            }
            double estimate = Json.required(term, "estimate").doubleValue();
            if (t == 0) {
                intercept = estimate;
            } else {
                coef[t - 1] = estimate;
            }
            if (statistic != null) {
                se[t] = nullable(term.get("std_error"));
                st[t] = nullable(term.get(statistic + "_value"));
                pv[t] = nullable(term.get("p_value"));
            }
        }
        Inference inference = null;
        JsonNode fitNode = node.get("fit");
        if (statistic != null || fitNode != null) {
            Map<String, Double> fit = new LinkedHashMap<>();
            if (fitNode != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = fitNode.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    fit.put(e.getKey(), e.getValue().doubleValue());
                }
            }
            inference = statistic != null ? new Inference(statistic, se, st, pv, fit) : Inference.fitOnly(p + 1, fit);
        }
        return new LinearScorer(schema, link, intercept, coef, aliased, inference, reference);
    }

    private static double nullable(JsonNode v) {
        return v == null || v.isNull() ? Double.NaN : v.doubleValue();
    }
}
