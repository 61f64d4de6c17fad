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
 * Two-class naive Bayes: features are taken as independent given the class, so
 * {@code P(c | x) ∝ P(c) · Πⱼ P(xⱼ | c)}. A numeric feature has a Gaussian likelihood (per-class mean
 * and variance), a categorical one a table of per-class level probabilities. See Hand &amp; Yu, "Idiot's
 * Bayes—Not So Stupid After All?", International Statistical Review 69(3), 2001, for why the
 * independence assumption costs less in ranking than it seems.
 *
 * <p>The posterior is computed in log space: with {@code jₖ = log P(k) + Σⱼ log P(xⱼ | k)},
 * {@code P(positive | x) = exp(j₁ − logsumexp(j₀, j₁)) = 1 / (1 + exp(−(j₁ − j₀)))}, evaluated in the
 * form that cannot overflow. {@code j₁ − j₀} is accumulated feature by feature, as the prior log-odds plus
 * each feature's log-likelihood ratio {@code log P(xⱼ | positive) − log P(xⱼ | negative)}: these are
 * the {@link #contributions(double[]) contributions}, and they add up to the log-odds exactly as scored.
 *
 * <p>A missing value, a level unseen in training, and a feature marked {@link Unused} contribute nothing:
 * the feature is left out of the product for that row, which is what marginalising it out of the
 * independent likelihood gives. A Gaussian feature's log-likelihood ratio is computed from z-scores as
 * {@code log(σ₀/σ₁) − ½ (z₁ − z₀)(z₁ + z₀)}, which stays finite far beyond the point where either density
 * underflows; only an infinite value leaves it undefined, and then that feature contributes nothing. If
 * one feature rules out each class (log-ratios of +∞ and −∞), the row is scored from its finite
 * contributions alone.
 *
 * <p>Parameter count: the numbers the model stores, 2 priors + 4 per Gaussian feature (a mean and a
 * variance per class) + 2 per level of each categorical feature (a probability per class); unused
 * features count nothing.
 */
public final class NaiveBayesScorer implements Scorer {

    /** Index of the negative class in the per-class arrays. */
    public static final int NEGATIVE = 0;
    /** Index of the positive class in the per-class arrays. */
    public static final int POSITIVE = 1;

    private static final String[] CLASS_NAMES = {"negative", "positive"};

    /** The likelihood of one feature given the class. */
    public sealed interface Likelihood permits Gaussian, Categorical, Unused {
    }

    /** Normal likelihood: {@code mean[c]}, {@code variance[c]} for class c (0 negative, 1 positive). */
    public record Gaussian(double[] mean, double[] variance) implements Likelihood {
        public Gaussian {
            mean = mean.clone();
            variance = variance.clone();
            if (mean.length != 2 || variance.length != 2) {
                throw new IllegalArgumentException("a Gaussian likelihood needs 2 means and 2 variances, got "
                        + mean.length + " and " + variance.length);
            }
            for (int c = 0; c < 2; c++) {
                if (!Double.isFinite(mean[c])) {
                    throw new IllegalArgumentException(CLASS_NAMES[c] + " mean must be finite: " + mean[c]);
                }
                if (!(variance[c] > 0) || Double.isInfinite(variance[c])) {
                    throw new IllegalArgumentException(CLASS_NAMES[c] + " variance must be finite and > 0: "
                            + variance[c]);
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

    /** Level probabilities: {@code probability[c][level]} for class c (0 negative, 1 positive). */
    public record Categorical(double[][] probability) implements Likelihood {
        public Categorical {
            if (probability.length != 2) {
                throw new IllegalArgumentException("a categorical likelihood needs 2 classes, got "
                        + probability.length);
            }
            probability = new double[][] {probability[0].clone(), probability[1].clone()};
            if (probability[0].length != probability[1].length) {
                throw new IllegalArgumentException("both classes need the same levels, got "
                        + probability[0].length + " and " + probability[1].length);
            }
            for (int c = 0; c < 2; c++) {
                for (double p : probability[c]) {
                    if (!(p > 0 && p <= 1)) {
                        throw new IllegalArgumentException(CLASS_NAMES[c] + " level probability must be in (0, 1]: "
                                + p);
                    }
                }
            }
        }

        @Override
        public double[][] probability() {
            return new double[][] {probability[0].clone(), probability[1].clone()};
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
    private final Likelihood[] likelihoods;
    private final double priorLogOdds;
    /** Gaussian features: {@code {sd₀, sd₁, log(sd₀ / sd₁)}}; null elsewhere. */
    private final double[][] gaussian;
    /** Categorical features: log P(level | positive) − log P(level | negative); null elsewhere. */
    private final double[][] levelLogRatio;

    /**
     * @param prior the class probabilities, {@code {P(negative), P(positive)}}, each in (0, 1)
     * @param likelihoods one per input feature, in schema order: Gaussian for numeric, Categorical (with the
     *     feature's level count) for categorical, or Unused
     */
    public NaiveBayesScorer(Schema input, double[] prior, List<? extends Likelihood> likelihoods) {
        this.input = Objects.requireNonNull(input, "input");
        if (prior.length != 2) {
            throw new IllegalArgumentException("need 2 class priors, got " + prior.length);
        }
        for (int c = 0; c < 2; c++) {
            if (!(prior[c] > 0 && prior[c] < 1)) {
                throw new IllegalArgumentException(CLASS_NAMES[c] + " prior must be in (0, 1): " + prior[c]);
            }
        }
        if (likelihoods.size() != input.size()) {
            throw new IllegalArgumentException("need " + input.size() + " likelihoods, one per feature, got "
                    + likelihoods.size());
        }
        this.prior = prior.clone();
        this.likelihoods = likelihoods.toArray(new Likelihood[0]);
        this.priorLogOdds = Math.log(prior[POSITIVE]) - Math.log(prior[NEGATIVE]);
        this.gaussian = new double[input.size()][];
        this.levelLogRatio = new double[input.size()][];
        for (int j = 0; j < input.size(); j++) {
            Feature f = input.feature(j);
            Likelihood l = Objects.requireNonNull(this.likelihoods[j], "likelihood of '" + f.name() + "'");
            if (l instanceof Gaussian g) {
                if (!f.isNumeric()) {
                    throw new IllegalArgumentException("'" + f.name() + "' is categorical; it cannot have a Gaussian"
                            + " likelihood");
                }
                double sdNegative = Math.sqrt(g.variance[NEGATIVE]);
                double sdPositive = Math.sqrt(g.variance[POSITIVE]);
                gaussian[j] = new double[] {sdNegative, sdPositive,
                    0.5 * (Math.log(g.variance[NEGATIVE]) - Math.log(g.variance[POSITIVE]))};
            } else if (l instanceof Categorical cat) {
                if (!f.isCategorical() || cat.levels() != f.levels().size()) {
                    throw new IllegalArgumentException("'" + f.name() + "' needs " + (f.isCategorical()
                            ? f.levels().size() + " level probabilities per class, got " + cat.levels()
                            : "a Gaussian likelihood; it is numeric"));
                }
                double[] ratio = new double[cat.levels()];
                for (int v = 0; v < ratio.length; v++) {
                    ratio[v] = Math.log(cat.probability[POSITIVE][v]) - Math.log(cat.probability[NEGATIVE][v]);
                }
                levelLogRatio[j] = ratio;
            }
        }
    }

    @Override
    public Schema input() {
        return input;
    }

    /** {@code {P(negative), P(positive)}} in training. */
    public double[] prior() {
        return prior.clone();
    }

    public List<Likelihood> likelihoods() {
        return List.of(likelihoods);
    }

    /** {@code log P(positive) − log P(negative)}: the log-odds of a row with every value missing. */
    public double priorLogOdds() {
        return priorLogOdds;
    }

    /**
     * Each feature's log-likelihood ratio for this row, {@code log P(xⱼ | positive) − log P(xⱼ | negative)};
     * 0 for a missing value, an unseen level or an unused feature. Added to {@link #priorLogOdds()} they give
     * {@link #logOdds(double[])}, except for a row whose extreme values rule out both classes (see the class
     * documentation).
     */
    public double[] contributions(double[] x) {
        double[] out = new double[likelihoods.length];
        for (int j = 0; j < out.length; j++) {
            double c = contribution(j, x[j]);
            out[j] = Double.isNaN(c) ? 0 : c;
        }
        return out;
    }

    /** The log-odds of the positive class for this row; may be infinite when a value rules out a class. */
    public double logOdds(double[] x) {
        double sum = priorLogOdds;
        for (int j = 0; j < likelihoods.length; j++) {
            double c = contribution(j, x[j]);
            if (c == c) {
                sum += c;
            }
        }
        if (sum == sum) {
            return sum;
        }
        // One feature ruled out each class (+inf and -inf): keep the finite evidence only.
        sum = priorLogOdds;
        for (int j = 0; j < likelihoods.length; j++) {
            double c = contribution(j, x[j]);
            if (Double.isFinite(c)) {
                sum += c;
            }
        }
        return sum;
    }

    /** Feature j's log-likelihood ratio at value v; NaN when it says nothing (missing, unseen, unused, 0/0). */
    private double contribution(int j, double v) {
        if (v != v) {
            return Double.NaN;
        }
        Likelihood l = likelihoods[j];
        if (l instanceof Gaussian g) {
            // log N(v; μ₁, σ₁²) − log N(v; μ₀, σ₀²) = log(σ₀/σ₁) − (z₁² − z₀²) / 2, with the difference of squares
            // factored so that it neither cancels nor overflows before the true value does.
            double[] sd = gaussian[j];
            double zp = (v - g.mean[POSITIVE]) / sd[POSITIVE];
            double zn = (v - g.mean[NEGATIVE]) / sd[NEGATIVE];
            return sd[2] - 0.5 * ((zp - zn) * (zp + zn)); // NaN only for an infinite value
        }
        if (l instanceof Categorical) {
            double[] ratio = levelLogRatio[j];
            int code = (int) v;
            return code >= 0 && code < ratio.length && code == v ? ratio[code] : Double.NaN;
        }
        return Double.NaN;
    }

    @Override
    public double score(double[] x) {
        double t = logOdds(x);
        // The logistic function in the form that neither overflows nor loses the small tail.
        if (t >= 0) {
            return 1.0 / (1.0 + Math.exp(-t));
        }
        double e = Math.exp(t);
        return e / (1.0 + e);
    }

    /**
     * Exact: on the log-odds scale, the baseline is {@link #priorLogOdds()} and each feature contributes its
     * log-likelihood ratio ({@link #contributions}). When one value rules out each class (an infinite ratio of
     * each sign), the infinite ratios count as 0, as {@link #logOdds} drops them.
     */
    @Override
    public Attribution attribute(double[] x, int[] groupOf, int groups) {
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
        long n = 2;
        for (Likelihood l : likelihoods) {
            if (l instanceof Gaussian) {
                n += 4;
            } else if (l instanceof Categorical cat) {
                n += 2L * cat.levels();
            }
        }
        return n;
    }

    @Override
    public String describe() {
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
                            fmt(levelLogRatio[j][v])));
                }
            } else {
                sb.append(f.name()).append(": not used (").append(((Unused) l).reason()).append(")\n");
            }
        }
        return sb.toString().stripTrailing();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "naive-bayes");
        node.set("schema", Json.schemaToJson(input));
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
                ObjectNode probabilities = o.putObject("probabilities");
                for (int c = 0; c < 2; c++) {
                    ObjectNode byLevel = probabilities.putObject(CLASS_NAMES[c]);
                    for (int v = 0; v < cat.levels(); v++) {
                        byLevel.put(f.levels().get(v), cat.probability[c][v]);
                    }
                }
            } else {
                o.put("likelihood", "none");
                o.put("reason", ((Unused) l).reason());
            }
        }
        return node;
    }

    private static ObjectNode perClass(double[] values) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put(CLASS_NAMES[NEGATIVE], values[NEGATIVE]);
        o.put(CLASS_NAMES[POSITIVE], values[POSITIVE]);
        return o;
    }

    private static double[] perClass(JsonNode node, String field) {
        JsonNode o = Json.required(node, field);
        return new double[] {Json.required(o, CLASS_NAMES[NEGATIVE]).doubleValue(),
            Json.required(o, CLASS_NAMES[POSITIVE]).doubleValue()};
    }

    static NaiveBayesScorer fromJson(JsonNode node) {
        Schema schema = Json.schemaFromJson(Json.required(node, "schema"));
        double[] prior = perClass(node, "prior");
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
                case "gaussian" -> likelihoods.add(new Gaussian(perClass(o, "mean"), perClass(o, "variance")));
                case "categorical" -> {
                    JsonNode probabilities = Json.required(o, "probabilities");
                    double[][] p = new double[2][f.levels().size()];
                    for (int c = 0; c < 2; c++) {
                        JsonNode byLevel = Json.required(probabilities, CLASS_NAMES[c]);
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
