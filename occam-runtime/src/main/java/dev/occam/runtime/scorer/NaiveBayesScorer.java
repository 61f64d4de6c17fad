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
import java.util.Locale;
import java.util.Objects;

/**
 * Naive Bayes over two or more classes: features are taken as independent given the class, so
 * {@code P(c | x) ∝ P(c) · Πⱼ P(xⱼ | c)}. A numeric feature has a Gaussian likelihood (per-class mean
 * and variance), a categorical one a table of per-class level probabilities. See Hand &amp; Yu, "Idiot's
 * Bayes—Not So Stupid After All?", International Statistical Review 69(3), 2001, for why the
 * independence assumption costs less in ranking than it seems.
 *
 * <p>Two classes: the posterior is computed in log space: with {@code jₖ = log P(k) + Σⱼ log P(xⱼ | k)},
 * {@code P(positive | x) = exp(j₁ − logsumexp(j₀, j₁)) = 1 / (1 + exp(−(j₁ − j₀)))}, evaluated in the
 * form that cannot overflow. {@code j₁ − j₀} is accumulated feature by feature, as the prior log-odds plus
 * each feature's log-likelihood ratio {@code log P(xⱼ | positive) − log P(xⱼ | negative)}: these are
 * the {@link #contributions(double[]) contributions}, and they add up to the log-odds exactly as scored.
 *
 * <p>Three or more classes ({@link #classCount()} K): {@link #scoreClasses} is the softmax of the margins
 * {@code mₖ = jₖ − j₀} (each class's log joint against the first class's, accumulated from the same pairwise
 * log-likelihood ratios), which is {@code exp(jₖ) / Σ exp(jᵢ)}, the posterior. {@link #score} is the most
 * probable class's probability. An explanation takes apart the called class against the next most probable
 * one: the prior log-odds of the two plus each feature's log-likelihood ratio between them, which add up
 * exactly to their log-odds (the pair that decided the call; "against all the others" would not split by
 * feature).
 *
 * <p>A missing value, a level unseen in training, and a feature marked {@link Unused} contribute nothing:
 * the feature is left out of the product for that row, which is what marginalising it out of the
 * independent likelihood gives. A Gaussian feature's log-likelihood ratio is computed from z-scores as
 * {@code log(σ₀/σ₁) − ½ (z₁ − z₀)(z₁ + z₀)}, which stays finite far beyond the point where either density
 * underflows; only an infinite value leaves it undefined, and then that feature contributes nothing. If
 * one feature rules out each class (log-ratios of +∞ and −∞), the row is scored from its finite
 * contributions alone; with three or more classes an infinite ratio is always left out, so that the
 * margins stay finite.
 *
 * <p>Parameter count: the numbers the model stores, K priors + 2K per Gaussian feature (a mean and a
 * variance per class) + K per level of each categorical feature (a probability per class); unused
 * features count nothing.
 */
public final class NaiveBayesScorer implements Scorer {

    /** Index of the negative class in the per-class arrays (two classes). */
    public static final int NEGATIVE = 0;
    /** Index of the positive class in the per-class arrays (two classes). */
    public static final int POSITIVE = 1;

    private static final String[] CLASS_NAMES = {"negative", "positive"};

    /** How a class is named in messages: negative/positive for two, "class k" (from 1) for more. */
    private static String className(int c, int classes) {
        return classes == 2 ? CLASS_NAMES[c] : "class " + (c + 1);
    }

    /** The likelihood of one feature given the class. */
    public sealed interface Likelihood permits Gaussian, Categorical, Unused {
    }

    /** Normal likelihood: {@code mean[c]}, {@code variance[c]} for class c (two classes: 0 negative, 1 positive). */
    public record Gaussian(double[] mean, double[] variance) implements Likelihood {
        public Gaussian {
            mean = mean.clone();
            variance = variance.clone();
            if (mean.length < 2 || variance.length != mean.length) {
                throw new IllegalArgumentException("a Gaussian likelihood needs a mean and a variance for each of"
                        + " 2 or more classes, got " + mean.length + " and " + variance.length);
            }
            for (int c = 0; c < mean.length; c++) {
                if (!Double.isFinite(mean[c])) {
                    throw new IllegalArgumentException(className(c, mean.length) + " mean must be finite: " + mean[c]);
                }
                if (!(variance[c] > 0) || Double.isInfinite(variance[c])) {
                    throw new IllegalArgumentException(className(c, mean.length)
                            + " variance must be finite and > 0: " + variance[c]);
                }
            }
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] variance() {
            return variance.clone();
        }
    }

    /** Level probabilities: {@code probability[c][level]} for class c (two classes: 0 negative, 1 positive). */
    public record Categorical(double[][] probability) implements Likelihood {
        public Categorical {
            if (probability.length < 2) {
                throw new IllegalArgumentException("a categorical likelihood needs 2 or more classes, got "
                        + probability.length);
            }
            double[][] copy = new double[probability.length][];
            for (int c = 0; c < copy.length; c++) {
                copy[c] = probability[c].clone();
                if (copy[c].length != copy[0].length) {
                    throw new IllegalArgumentException("every class needs the same levels, got "
                            + copy[0].length + " and " + copy[c].length);
                }
                for (double p : copy[c]) {
                    if (!(p > 0 && p <= 1)) {
                        throw new IllegalArgumentException(className(c, copy.length)
                                + " level probability must be in (0, 1]: " + p);
                    }
                }
            }
            probability = copy;
        }

        @Override
        public double[][] probability() {
            double[][] copy = new double[probability.length][];
            for (int c = 0; c < copy.length; c++) {
                copy[c] = probability[c].clone();
            }
            return copy;
        }

        int levels() {
            return probability[0].length;
        }
    }

    /** A feature left out of the model, with the reason (constant, never observed in a class, ...). */
    public record Unused(String reason) implements Likelihood {
        public Unused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final Schema input;
    private final double[] prior;
    private final int classes;
    private final Likelihood[] likelihoods;
    private final double priorLogOdds;
    /** Gaussian features: each class's standard deviation and log variance; null elsewhere. */
    private final double[][] sd;
    private final double[][] logVariance;
    /** Categorical features: {@code log P(level | class)}, [class][level]; null elsewhere. */
    private final double[][][] levelLog;

    /**
     * @param prior the class probabilities (two classes: {@code {P(negative), P(positive)}}), each in (0, 1)
     * @param likelihoods one per input feature, in schema order: Gaussian for numeric, Categorical (with the
     *     feature's level count) for categorical, each with one entry per class, or Unused
     */
    public NaiveBayesScorer(Schema input, double[] prior, List<? extends Likelihood> likelihoods) {
        this.input = Objects.requireNonNull(input, "input");
        if (prior.length < 2) {
            throw new IllegalArgumentException("need 2 or more class priors, got " + prior.length);
        }
        this.classes = prior.length;
        for (int c = 0; c < classes; c++) {
            if (!(prior[c] > 0 && prior[c] < 1)) {
                throw new IllegalArgumentException(className(c, classes) + " prior must be in (0, 1): " + prior[c]);
            }
        }
        if (likelihoods.size() != input.size()) {
            throw new IllegalArgumentException("need " + input.size() + " likelihoods, one per feature, got "
                    + likelihoods.size());
        }
        this.prior = prior.clone();
        this.likelihoods = likelihoods.toArray(new Likelihood[0]);
        this.priorLogOdds = Math.log(prior[POSITIVE]) - Math.log(prior[NEGATIVE]);
        this.sd = new double[input.size()][];
        this.logVariance = new double[input.size()][];
        this.levelLog = new double[input.size()][][];
        for (int j = 0; j < input.size(); j++) {
            Feature f = input.feature(j);
            Likelihood l = Objects.requireNonNull(this.likelihoods[j], "likelihood of '" + f.name() + "'");
            if (l instanceof Gaussian g) {
                if (!f.isNumeric()) {
                    throw new IllegalArgumentException("'" + f.name() + "' is categorical; it cannot have a Gaussian"
                            + " likelihood");
                }
                requireClasses(f, g.mean.length);
                sd[j] = new double[classes];
                logVariance[j] = new double[classes];
                for (int c = 0; c < classes; c++) {
                    sd[j][c] = Math.sqrt(g.variance[c]);
                    logVariance[j][c] = Math.log(g.variance[c]);
                }
            } else if (l instanceof Categorical cat) {
                if (!f.isCategorical() || cat.levels() != f.levels().size()) {
                    throw new IllegalArgumentException("'" + f.name() + "' needs " + (f.isCategorical()
                            ? f.levels().size() + " level probabilities per class, got " + cat.levels()
                            : "a Gaussian likelihood; it is numeric"));
                }
                requireClasses(f, cat.probability.length);
                levelLog[j] = new double[classes][cat.levels()];
                for (int c = 0; c < classes; c++) {
                    for (int v = 0; v < cat.levels(); v++) {
                        levelLog[j][c][v] = Math.log(cat.probability[c][v]);
                    }
                }
            }
        }
    }

    private void requireClasses(Feature f, int given) {
        if (given != classes) {
            throw new IllegalArgumentException("'" + f.name() + "' has a likelihood for " + given + " classes; the"
                    + " prior has " + classes);
        }
    }

    @Override
    public Schema input() {
        return input;
    }

    /** The class probabilities in training (two classes: {@code {P(negative), P(positive)}}). */
    public double[] prior() {
        return prior.clone();
    }

    /** 1 for two classes (one score per row), else the number of classes. */
    @Override
    public int classCount() {
        return classes == 2 ? 1 : classes;
    }

    public List<Likelihood> likelihoods() {
        return List.of(likelihoods);
    }

    /** {@code log P(positive) − log P(negative)}: the log-odds of a row with every value missing (two classes). */
    public double priorLogOdds() {
        return priorLogOdds;
    }

    /**
     * Each feature's log-likelihood ratio for this row, {@code log P(xⱼ | positive) − log P(xⱼ | negative)};
     * 0 for a missing value, an unseen level or an unused feature. Added to {@link #priorLogOdds()} they give
     * {@link #logOdds(double[])}, except for a row whose extreme values rule out both classes (see the class
     * documentation). With more classes: of the second class against the first.
     */
    public double[] contributions(double[] x) {
        return contributions(x, POSITIVE, NEGATIVE);
    }

    /** Each feature's log-likelihood ratio of class {@code a} against class {@code b}, 0 where it says nothing. */
    public double[] contributions(double[] x, int a, int b) {
        double[] out = new double[likelihoods.length];
        for (int j = 0; j < out.length; j++) {
            double c = contribution(j, x[j], a, b);
            out[j] = Double.isNaN(c) ? 0 : c;
        }
        return out;
    }

    /** The log-odds of the positive class for this row; may be infinite when a value rules out a class. */
    public double logOdds(double[] x) {
        double sum = priorLogOdds;
        for (int j = 0; j < likelihoods.length; j++) {
            double c = contribution(j, x[j], POSITIVE, NEGATIVE);
            if (c == c) {
                sum += c;
            }
        }
        if (sum == sum) {
            return sum;
        }
        // One feature ruled out each class (+inf and -inf): keep the finite evidence only.
        return finiteLogOdds(x, POSITIVE, NEGATIVE);
    }

    /** {@code log P(a | x) − log P(b | x)} from the prior and the finite log-likelihood ratios only. */
    private double finiteLogOdds(double[] x, int a, int b) {
        double sum = a == POSITIVE && b == NEGATIVE ? priorLogOdds : Math.log(prior[a]) - Math.log(prior[b]);
        for (int j = 0; j < likelihoods.length; j++) {
            double c = contribution(j, x[j], a, b);
            if (Double.isFinite(c)) {
                sum += c;
            }
        }
        return sum;
    }

    /**
     * Feature j's log-likelihood ratio of class a against class b at value v; NaN when it says nothing (missing,
     * unseen, unused, 0/0).
     */
    private double contribution(int j, double v, int a, int b) {
        if (v != v) {
            return Double.NaN;
        }
        Likelihood l = likelihoods[j];
        if (l instanceof Gaussian g) {
            // log N(v; μa, σa²) − log N(v; μb, σb²) = log(σb/σa) − (za² − zb²) / 2, with the difference of
            // squares factored so that it neither cancels nor overflows before the true value does.
            double za = (v - g.mean[a]) / sd[j][a];
            double zb = (v - g.mean[b]) / sd[j][b];
            return 0.5 * (logVariance[j][b] - logVariance[j][a]) - 0.5 * ((za - zb) * (za + zb)); // NaN: infinite v
        }
        if (l instanceof Categorical) {
            double[][] logs = levelLog[j];
            int code = (int) v;
            return code >= 0 && code < logs[a].length && code == v ? logs[a][code] - logs[b][code] : Double.NaN;
        }
        return Double.NaN;
    }

    @Override
    public double score(double[] x) {
        if (classes > 2) {
            double[] p = scoreClasses(x);
            return p[MulticlassScorer.argmax(p)];
        }
        double t = logOdds(x);
        // The logistic function in the form that neither overflows nor loses the small tail.
        if (t >= 0) {
            return 1.0 / (1.0 + Math.exp(-t));
        }
        double e = Math.exp(t);
        return e / (1.0 + e);
    }

    /** Each class's posterior, the softmax of its log joint against the first class's (three or more classes). */
    @Override
    public double[] scoreClasses(double[] x) {
        if (classes == 2) {
            return Scorer.super.scoreClasses(x);
        }
        return MulticlassScorer.softmax(margins(x));
    }

    /** {@code log P(k | x) − log P(0 | x)} for every class k (0 for the first). */
    private double[] margins(double[] x) {
        double[] m = new double[classes];
        for (int k = 1; k < classes; k++) {
            m[k] = finiteLogOdds(x, k, 0);
        }
        return m;
    }

    /**
     * Exact: on the log-odds scale, the baseline is {@link #priorLogOdds()} and each feature contributes its
     * log-likelihood ratio ({@link #contributions}). When one value rules out each class (an infinite ratio of
     * each sign), the infinite ratios count as 0, as {@link #logOdds} drops them. Three or more classes: the
     * called class against the next most probable (see the class documentation).
     */
    @Override
    public Attribution attribute(double[] x, int[] groupOf, int groups) {
        if (classes > 2) {
            double[] p = scoreClasses(x);
            int called = MulticlassScorer.argmax(p);
            p[called] = Double.NEGATIVE_INFINITY;
            int next = MulticlassScorer.argmax(p);
            double[] c = contributions(x, called, next);
            for (int j = 0; j < c.length; j++) {
                if (!Double.isFinite(c[j])) {
                    c[j] = 0;
                }
            }
            return new Attribution(true, finiteLogOdds(x, called, next),
                    Math.log(prior[called]) - Math.log(prior[next]), Attribution.grouped(c, groupOf, groups));
        }
        double[] c = contributions(x);
        double value = logOdds(x);
        if (Double.isFinite(value)) {
            for (int j = 0; j < c.length; j++) {
                if (!Double.isFinite(c[j])) {
                    c[j] = 0;
                }
            }
        }
        return new Attribution(true, value, priorLogOdds, Attribution.grouped(c, groupOf, groups));
    }

    @Override
    public long parameterCount() {
        long n = classes;
        for (Likelihood l : likelihoods) {
            if (l instanceof Gaussian) {
                n += 2L * classes;
            } else if (l instanceof Categorical cat) {
                n += (long) classes * cat.levels();
            }
        }
        return n;
    }

    @Override
    public String describe() {
        return classes == 2 ? describeTwoClasses() : describeClasses(null);
    }

    /** {@link #describe()} with each of three or more classes named by its level (null: by number). */
    public String describe(List<String> levels) {
        return classes == 2 ? describeTwoClasses() : describeClasses(levels);
    }

    private String describeTwoClasses() {
        StringBuilder sb = new StringBuilder();
        sb.append("naive Bayes: log-odds = prior log-odds + sum over features of log P(value | positive) / "
                + "P(value | negative); a missing value or an unseen level adds nothing\n");
        sb.append(String.format(Locale.ROOT, "prior: negative %s, positive %s (log-odds %s)%n",
                Json.number(prior[NEGATIVE]), Json.number(prior[POSITIVE]), fmt(priorLogOdds)));
        for (int j = 0; j < likelihoods.length; j++) {
            Feature f = input.feature(j);
            Likelihood l = likelihoods[j];
            if (l instanceof Gaussian g) {
                sb.append(String.format(Locale.ROOT, "%s (Gaussian)%n", f.name()));
                sb.append(String.format(Locale.ROOT, "  %-24s %14s %14s%n", "", "negative", "positive"));
                sb.append(String.format(Locale.ROOT, "  %-24s %14s %14s%n", "mean", fmt(g.mean[NEGATIVE]),
                        fmt(g.mean[POSITIVE])));
                sb.append(String.format(Locale.ROOT, "  %-24s %14s %14s%n", "sd", fmt(Math.sqrt(g.variance[NEGATIVE])),
                        fmt(Math.sqrt(g.variance[POSITIVE]))));
            } else if (l instanceof Categorical cat) {
                sb.append(String.format(Locale.ROOT, "%s (categorical): P(level | class)%n", f.name()));
                sb.append(String.format(Locale.ROOT, "  %-24s %14s %14s %14s%n", "level", "negative", "positive",
                        "log-ratio"));
                for (int v = 0; v < cat.levels(); v++) {
                    sb.append(String.format(Locale.ROOT, "  %-24s %14s %14s %14s%n", f.levels().get(v),
                            fmt(cat.probability[NEGATIVE][v]), fmt(cat.probability[POSITIVE][v]),
                            fmt(levelLog[j][POSITIVE][v] - levelLog[j][NEGATIVE][v])));
                }
            } else {
                sb.append(f.name()).append(": not used (").append(((Unused) l).reason()).append(")\n");
            }
        }
        return sb.toString().stripTrailing();
    }

    private String describeClasses(List<String> levels) {
        StringBuilder sb = new StringBuilder();
        sb.append("naive Bayes over ").append(classes).append(" classes (in the target's level order): P(class | x)"
                + " proportional to P(class) times the product over features of P(value | class); a missing value or"
                + " an unseen level is left out of the product\n");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-24s", ""));
        StringBuilder priors = new StringBuilder(String.format(Locale.ROOT, "  %-24s", "prior"));
        for (int c = 0; c < classes; c++) {
            String name = levels == null ? className(c, classes) : levels.get(c);
            header.append(String.format(Locale.ROOT, " %14s", name));
            priors.append(String.format(Locale.ROOT, " %14s", fmt(prior[c])));
        }
        sb.append(header).append('\n').append(priors).append('\n');
        for (int j = 0; j < likelihoods.length; j++) {
            Feature f = input.feature(j);
            Likelihood l = likelihoods[j];
            if (l instanceof Gaussian g) {
                sb.append(String.format(Locale.ROOT, "%s (Gaussian)%n", f.name()));
                sb.append(row("mean", g.mean)).append(row("sd", sd[j]));
            } else if (l instanceof Categorical cat) {
                sb.append(String.format(Locale.ROOT, "%s (categorical): P(level | class)%n", f.name()));
                for (int v = 0; v < cat.levels(); v++) {
                    double[] byClass = new double[classes];
                    for (int c = 0; c < classes; c++) {
                        byClass[c] = cat.probability[c][v];
                    }
                    sb.append(row(f.levels().get(v), byClass));
                }
            } else {
                sb.append(f.name()).append(": not used (").append(((Unused) l).reason()).append(")\n");
            }
        }
        return sb.toString().stripTrailing();
    }

    private static String row(String label, double[] values) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-24s", label));
        for (double v : values) {
            sb.append(String.format(Locale.ROOT, " %14s", fmt(v)));
        }
        return sb.append('\n').toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /**
     * Two classes: per-class values keyed {@code negative}/{@code positive} (the format before multiclass);
     * more: a {@code classes} count and per-class arrays in the target's level order.
     */
    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "naive-bayes");
        node.set("schema", Json.schemaToJson(input));
        if (classes > 2) {
            node.put("classes", classes);
        }
        node.set("prior", perClass(prior));
        ArrayNode features = node.putArray("features");
        for (int j = 0; j < likelihoods.length; j++) {
            Feature f = input.feature(j);
            ObjectNode o = features.addObject();
            o.put("name", f.name());
            Likelihood l = likelihoods[j];
            if (l instanceof Gaussian g) {
                o.put("likelihood", "gaussian");
                o.set("mean", perClass(g.mean));
                o.set("variance", perClass(g.variance));
            } else if (l instanceof Categorical cat) {
                o.put("likelihood", "categorical");
                JsonNode byClass;
                if (classes == 2) {
                    ObjectNode named = JsonNodeFactory.instance.objectNode();
                    for (int c = 0; c < 2; c++) {
                        named.set(CLASS_NAMES[c], byLevel(f, cat.probability[c]));
                    }
                    byClass = named;
                } else {
                    ArrayNode list = JsonNodeFactory.instance.arrayNode();
                    for (int c = 0; c < classes; c++) {
                        list.add(byLevel(f, cat.probability[c]));
                    }
                    byClass = list;
                }
                o.set("probabilities", byClass);
            } else {
                o.put("likelihood", "none");
                o.put("reason", ((Unused) l).reason());
            }
        }
        return node;
    }

    private static ObjectNode byLevel(Feature f, double[] probability) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int v = 0; v < probability.length; v++) {
            o.put(f.levels().get(v), probability[v]);
        }
        return o;
    }

    private static JsonNode perClass(double[] values) {
        if (values.length > 2) {
            return Json.array(values);
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put(CLASS_NAMES[NEGATIVE], values[NEGATIVE]);
        o.put(CLASS_NAMES[POSITIVE], values[POSITIVE]);
        return o;
    }

    private static double[] perClass(JsonNode node, String field, int classes) {
        JsonNode o = Json.required(node, field);
        if (classes > 2) {
            double[] values = Json.doubles(o);
            if (values.length != classes) {
                throw new IllegalArgumentException("'" + field + "' needs " + classes + " values, one per class, got "
                        + values.length);
            }
            return values;
        }
        return new double[] {Json.required(o, CLASS_NAMES[NEGATIVE]).doubleValue(),
            Json.required(o, CLASS_NAMES[POSITIVE]).doubleValue()};
    }

    static NaiveBayesScorer fromJson(JsonNode node) {
        Schema schema = Json.schemaFromJson(Json.required(node, "schema"));
        int classes = node.has("classes") ? node.get("classes").asInt() : 2;
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be 2 or more, got " + classes);
        }
        double[] prior = perClass(node, "prior", classes);
        JsonNode features = Json.required(node, "features");
        if (features.size() != schema.size()) {
            throw new IllegalArgumentException("expected " + schema.size() + " features, got " + features.size());
        }
        List<Likelihood> likelihoods = new ArrayList<>(schema.size());
        for (int j = 0; j < schema.size(); j++) {
            JsonNode o = features.get(j);
            Feature f = schema.feature(j);
            String name = Json.required(o, "name").asText();
            if (!name.equals(f.name())) {
                throw new IllegalArgumentException("feature " + j + " is '" + name + "', expected '" + f.name() + "'");
            }
            String kind = Json.required(o, "likelihood").asText();
            switch (kind) {
                case "gaussian" -> likelihoods.add(new Gaussian(perClass(o, "mean", classes),
                        perClass(o, "variance", classes)));
                case "categorical" -> {
                    JsonNode probabilities = Json.required(o, "probabilities");
                    double[][] p = new double[classes][f.levels().size()];
                    for (int c = 0; c < classes; c++) {
                        JsonNode byLevel = classes == 2 ? Json.required(probabilities, CLASS_NAMES[c])
                                : probabilities.get(c);
                        if (byLevel == null) {
                            throw new IllegalArgumentException("feature '" + name + "': no level probabilities for "
                                    + className(c, classes));
                        }
                        for (int v = 0; v < f.levels().size(); v++) {
                            p[c][v] = Json.required(byLevel, f.levels().get(v)).doubleValue();
                        }
                    }
                    likelihoods.add(new Categorical(p));
                }
                case "none" -> likelihoods.add(new Unused(Json.required(o, "reason").asText()));
                default -> throw new IllegalArgumentException("feature '" + name + "': likelihood must be gaussian, "
                        + "categorical or none, got '" + kind + "'");
            }
        }
        return new NaiveBayesScorer(schema, prior, likelihoods);
    }
}
