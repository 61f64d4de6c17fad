package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A credit-risk points scorecard (Siddiqi, <i>Credit Risk Scorecards</i>, 2006): every feature in the card
 * (a <i>characteristic</i>) sorts the raw value into one of its bins, each bin is worth a number of points,
 * and the points add up to a score. The score maps to odds by the card's scaling: {@code pdo} points double
 * the odds of the negative class ("good"), and {@code baseScore} points stand for odds {@code baseOdds}:1. With
 * {@code factor = pdo / ln 2} and {@code offset = baseScore − factor · ln(baseOdds)},
 * {@code score = offset + factor · ln(odds of good)}, so the probability of the positive class is exactly
 * {@code 1 / (1 + exp((score − offset) / factor))}: the points printed are the points scored.
 *
 * <p>Bins: a numeric characteristic has ascending cut points {@code c₀ < c₁ < ...}; bin 0 holds values below
 * {@code c₀}, bin k values in {@code [cₖ₋₁, cₖ)}, and the last interval values at or above the last cut. A
 * categorical characteristic maps each level to a bin. Each characteristic names one bin for missing values;
 * a category unseen in training arrives encoded as missing (see {@link Schema}) and levels that had no
 * training rows are mapped there too, so both score as missing. A numeric characteristic's missing bin may be
 * one of its intervals or an extra bin after them that holds only missing values.
 *
 * <p>Parameter count: the number of bins over all characteristics (one number of points each) plus one, the
 * intercept of the logistic regression behind the card, which fixes where the points sit against the odds.
 */
public final class ScorecardScorer implements Scorer {

    /**
     * How points translate into odds.
     *
     * @param pdo points that double the odds of good (the negative class); finite, &gt; 0
     * @param baseScore the score that stands for odds {@code baseOdds}:1 (good:bad); finite
     * @param baseOdds odds of good at {@code baseScore}; finite, &gt; 0
     */
    public record Scaling(double pdo, double baseScore, double baseOdds) {

        public Scaling {
            if (!(pdo > 0) || Double.isInfinite(pdo)) {
                throw new IllegalArgumentException("pdo must be a finite number > 0: " + pdo);
            }
            if (!Double.isFinite(baseScore)) {
                throw new IllegalArgumentException("baseScore must be a finite number: " + baseScore);
            }
            if (!(baseOdds > 0) || Double.isInfinite(baseOdds)) {
                throw new IllegalArgumentException("baseOdds must be a finite number > 0: " + baseOdds);
            }
        }

        /** Points per unit of log-odds, {@code pdo / ln 2}. StrictMath, so a loaded card recomputes it bit for bit. */
        public double factor() {
            return pdo / StrictMath.log(2.0);
        }

        /** The score at even odds, {@code baseScore − factor · ln(baseOdds)}. */
        public double offset() {
            return baseScore - factor() * StrictMath.log(baseOdds);
        }
    }

    /**
     * One bin of a characteristic.
     *
     * @param points what a row in this bin adds to the score
     * @param woe the bin's weight of evidence, {@code ln(share of goods / share of bads)}, as fitted
     * @param goods training rows of the negative class in the bin
     * @param bads training rows of the positive class in the bin
     */
    public record Bin(double points, double woe, long goods, long bads) {

        public Bin {
            if (!Double.isFinite(points)) {
                throw new IllegalArgumentException("points must be finite: " + points);
            }
            if (!Double.isFinite(woe)) {
                throw new IllegalArgumentException("woe must be finite: " + woe);
            }
            if (goods < 0 || bads < 0) {
                throw new IllegalArgumentException("bin counts must be >= 0: " + goods + " goods, " + bads + " bads");
            }
        }

        public long rows() {
            return goods + bads;
        }

        /** Share of the bin's training rows in the positive class; NaN for an empty bin. */
        public double badRate() {
            return rows() == 0 ? Double.NaN : (double) bads / rows();
        }
    }

    /**
     * One feature of the card with its bins.
     *
     * @param feature index of the feature in the scorer's input schema
     * @param cuts ascending finite cut points for a numeric feature; null for a categorical one
     * @param levelBins for a categorical feature, the bin of each level code, or -1 for levels that score as
     *     missing; null for a numeric one
     * @param missingBin the bin of missing values (and unseen levels)
     * @param bins the bins: for a numeric feature the {@code cuts.length + 1} intervals, optionally followed by
     *     one bin for missing values only
     * @param coefficient the logistic regression's coefficient on this feature's WOE (for the reader; scoring
     *     uses the points)
     * @param informationValue the feature's information value over its bins
     */
    public record Characteristic(int feature, double[] cuts, int[] levelBins, int missingBin, List<Bin> bins,
            double coefficient, double informationValue) {

        public Characteristic {
            if ((cuts == null) == (levelBins == null)) {
                throw new IllegalArgumentException("a characteristic has either cuts (numeric) or level bins "
                        + "(categorical)");
            }
            bins = List.copyOf(bins);
            if (bins.isEmpty()) {
                throw new IllegalArgumentException("a characteristic needs at least one bin");
            }
            if (missingBin < 0 || missingBin >= bins.size()) {
                throw new IllegalArgumentException("missingBin must be in 0.." + (bins.size() - 1) + ": " + missingBin);
            }
            if (cuts != null) {
                cuts = cuts.clone();
                for (int k = 0; k < cuts.length; k++) {
                    if (!Double.isFinite(cuts[k]) || k > 0 && !(cuts[k] > cuts[k - 1])) {
                        throw new IllegalArgumentException("cuts must be finite and strictly ascending: "
                                + java.util.Arrays.toString(cuts));
                    }
                }
                int intervals = cuts.length + 1;
                if (bins.size() != intervals && !(bins.size() == intervals + 1 && missingBin == intervals)) {
                    throw new IllegalArgumentException(cuts.length + " cuts make " + intervals + " bins (plus one "
                            + "for missing values only), got " + bins.size());
                }
            } else {
                levelBins = levelBins.clone();
                for (int b : levelBins) {
                    if (b < -1 || b >= bins.size()) {
                        throw new IllegalArgumentException("level bin must be in -1.." + (bins.size() - 1) + ": " + b);
                    }
                }
            }
            if (!Double.isFinite(coefficient) || !Double.isFinite(informationValue)) {
                throw new IllegalArgumentException("coefficient and information value must be finite: "
                        + coefficient + ", " + informationValue);
            }
        }

        @Override
        public double[] cuts() {
            return cuts == null ? null : cuts.clone();
        }

        @Override
        public int[] levelBins() {
            return levelBins == null ? null : levelBins.clone();
        }

        public boolean isNumeric() {
            return cuts != null;
        }

        /** The bin of an encoded value: a number, a level code, or NaN for missing. */
        public int binOf(double v) {
            if (Double.isNaN(v)) {
                return missingBin;
            }
            if (cuts != null) {
                // The number of cuts at or below v.
                int lo = 0;
                int hi = cuts.length;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cuts[mid] <= v) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                return lo;
            }
            int code = (int) v;
            int b = code >= 0 && code < levelBins.length ? levelBins[code] : -1;
            return b < 0 ? missingBin : b;
        }

        /** The points a value earns. */
        public double points(double v) {
            return bins.get(binOf(v)).points();
        }

        /**
         * The mean points of this characteristic over the training rows (each bin's points weighted by its
         * rows); the plain mean of the bins' points when no rows were recorded.
         */
        public double averagePoints() {
            long total = rows();
            double sum = 0;
            for (Bin b : bins) {
                sum += total > 0 ? b.points() * b.rows() : b.points();
            }
            return sum / (total > 0 ? total : bins.size());
        }

        /** Training rows over all bins. */
        public long rows() {
            long n = 0;
            for (Bin b : bins) {
                n += b.rows();
            }
            return n;
        }
    }

    /**
     * A feature of the input that is not in the card, and why (for the reader).
     *
     * @param feature index of the feature in the input schema
     * @param informationValue its information value as binned, NaN when it was never binned
     */
    public record Excluded(int feature, double informationValue, String reason) {
        public Excluded {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final Schema input;
    private final Scaling scaling;
    private final double intercept;
    private final double basePoints;
    private final List<Characteristic> characteristics;
    private final List<Excluded> excluded;
    private final double factor;
    private final double offset;

    /**
     * @param intercept the logistic regression's intercept on the log-odds of the positive class (for the
     *     reader; it is already shared out in the points)
     * @param basePoints points every row gets before its characteristics; 0 when the intercept is shared out
     *     over the characteristics, the whole score when the card has none
     * @throws IllegalArgumentException when a characteristic does not fit its feature, or two name the same one
     */
    public ScorecardScorer(Schema input, Scaling scaling, double intercept, double basePoints,
            List<Characteristic> characteristics, List<Excluded> excluded) {
        this.input = Objects.requireNonNull(input, "input");
        this.scaling = Objects.requireNonNull(scaling, "scaling");
        if (!Double.isFinite(intercept) || !Double.isFinite(basePoints)) {
            throw new IllegalArgumentException("intercept and base points must be finite: " + intercept + ", "
                    + basePoints);
        }
        this.intercept = intercept;
        this.basePoints = basePoints;
        this.characteristics = List.copyOf(characteristics);
        this.excluded = List.copyOf(excluded);
        Set<Integer> seen = new HashSet<>();
        for (Characteristic c : this.characteristics) {
            checkFeature(c.feature());
            Feature f = input.feature(c.feature());
            if (!seen.add(c.feature())) {
                throw new IllegalArgumentException("feature '" + f.name() + "' appears twice in the scorecard");
            }
            if (f.isNumeric() != c.isNumeric()) {
                throw new IllegalArgumentException("feature '" + f.name() + "' is " + (f.isNumeric() ? "numeric" : "categorical")
                        + " but its characteristic has " + (c.isNumeric() ? "cuts" : "level bins"));
            }
            if (!c.isNumeric() && c.levelBins.length != f.levels().size()) {
                throw new IllegalArgumentException("feature '" + f.name() + "' has " + f.levels().size()
                        + " levels but its characteristic maps " + c.levelBins.length);
            }
        }
        for (Excluded e : this.excluded) {
            checkFeature(e.feature());
        }
        this.factor = scaling.factor();
        this.offset = scaling.offset();
    }

    private void checkFeature(int feature) {
        if (feature < 0 || feature >= input.size()) {
            throw new IllegalArgumentException("feature " + feature + " outside the schema of " + input.size());
        }
    }

    public Scaling scaling() {
        return scaling;
    }

    public double intercept() {
        return intercept;
    }

    public double basePoints() {
        return basePoints;
    }

    public List<Characteristic> characteristics() {
        return characteristics;
    }

    public List<Excluded> excluded() {
        return excluded;
    }

    @Override
    public Schema input() {
        return input;
    }

    /** The total points of a row: the base points plus the points of the row's bin in every characteristic. */
    public double points(double[] x) {
        double total = basePoints;
        for (Characteristic c : characteristics) {
            total += c.points(x[c.feature()]);
        }
        return total;
    }

    /** The probability of the positive class at a total score: {@code 1 / (1 + exp((score − offset) / factor))}. */
    public double probability(double points) {
        return 1.0 / (1.0 + Math.exp((points - offset) / factor));
    }

    @Override
    public double score(double[] x) {
        return probability(points(x));
    }

    /**
     * Exact, on the log-odds of the positive class, {@code (offset − points) / factor}: each characteristic
     * contributes its points minus its {@linkplain Characteristic#averagePoints() average points} over the
     * training rows, divided by {@code −factor} (more points mean better odds of good, so lower log-odds of
     * the positive class); the baseline is the log-odds of a row scoring the base points plus every average.
     * A feature outside the card contributes 0.
     */
    @Override
    public Attribution attribute(double[] x, int[] groupOf, int groups) {
        double[] c = new double[input.size()];
        double averageTotal = basePoints;
        for (Characteristic ch : characteristics) {
            double average = ch.averagePoints();
            averageTotal += average;
            c[ch.feature()] = -(ch.points(x[ch.feature()]) - average) / factor;
        }
        return new Attribution(true, (offset - points(x)) / factor, (offset - averageTotal) / factor,
                Attribution.grouped(c, groupOf, groups));
    }

    @Override
    public long parameterCount() {
        long n = 1;
        for (Characteristic c : characteristics) {
            n += c.bins().size();
        }
        return n;
    }

    /** A bin in words: its interval or its levels, with "missing" when missing values score there. */
    public String label(Characteristic c, int bin) {
        Feature f = input.feature(c.feature());
        List<String> parts = new ArrayList<>();
        if (c.isNumeric()) {
            double[] cuts = c.cuts;
            if (bin <= cuts.length) {
                if (cuts.length == 0) {
                    parts.add("any value");
                } else if (bin == 0) {
                    parts.add("< " + Json.number(cuts[0]));
                } else if (bin == cuts.length) {
                    parts.add(">= " + Json.number(cuts[bin - 1]));
                } else {
                    parts.add("[" + Json.number(cuts[bin - 1]) + ", " + Json.number(cuts[bin]) + ")");
                }
            }
        } else {
            List<String> levels = new ArrayList<>();
            for (int code = 0; code < c.levelBins.length; code++) {
                if (c.levelBins[code] == bin) {
                    levels.add(f.levels().get(code));
                }
            }
            if (!levels.isEmpty()) {
                parts.add(String.join(", ", levels));
            }
        }
        if (c.missingBin() == bin) {
            parts.add("missing");
        }
        return String.join(" or ", parts);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "points scorecard: %s points at odds %s:1 (good:bad), %s points double "
                + "the odds%n", Json.number(scaling.baseScore()), Json.number(scaling.baseOdds()),
                Json.number(scaling.pdo())));
        if (characteristics.isEmpty()) {
            sb.append("score = ").append(Json.number(basePoints)).append(" for every row (no feature in the card)");
        } else {
            sb.append("score = ").append(basePoints != 0.0 ? Json.number(basePoints) + " + " : "")
                    .append("the sum of the points of the row's bins");
        }
        sb.append("; probability of the positive class = 1 / (1 + exp((score - ").append(Json.number(offset))
                .append(") / ").append(Json.number(factor)).append("))\n");
        sb.append("missing values and categories not seen in training score in the bin marked 'missing'\n");
        int nameWidth = 12;
        int labelWidth = 12;
        for (Characteristic c : characteristics) {
            nameWidth = Math.max(nameWidth, input.feature(c.feature()).name().length());
            for (int b = 0; b < c.bins().size(); b++) {
                labelWidth = Math.max(labelWidth, label(c, b).length());
            }
        }
        labelWidth = Math.min(labelWidth, 60);
        String row = "%-" + nameWidth + "s  %-" + labelWidth + "s %10s %8s %7s %9s%n";
        sb.append(String.format(Locale.ROOT, row, "feature", "bin", "points", "WOE", "rows", "bad rate"));
        for (Characteristic c : characteristics) {
            String name = input.feature(c.feature()).name();
            long total = c.rows();
            for (int b = 0; b < c.bins().size(); b++) {
                Bin bin = c.bins().get(b);
                sb.append(String.format(Locale.ROOT, row, b == 0 ? name : "", label(c, b), Json.number(bin.points()),
                        String.format(Locale.ROOT, "%.4f", bin.woe()), percent(bin.rows(), total),
                        bin.rows() == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * bin.badRate())));
            }
        }
        sb.append("information value (Siddiqi: < 0.02 unpredictive, 0.02-0.1 weak, 0.1-0.3 medium, > 0.3 strong):\n");
        String ivRow = "  %-" + nameWidth + "s %8s  %s%n";
        for (Characteristic c : characteristics) {
            sb.append(String.format(Locale.ROOT, ivRow, input.feature(c.feature()).name(),
                    String.format(Locale.ROOT, "%.4f", c.informationValue()), "in the card, coefficient on WOE "
                            + Json.number(c.coefficient())));
        }
        for (Excluded e : excluded) {
            sb.append(String.format(Locale.ROOT, ivRow, input.feature(e.feature()).name(),
                    Double.isNaN(e.informationValue()) ? "-" : String.format(Locale.ROOT, "%.4f", e.informationValue()),
                    "left out: " + e.reason()));
        }
        sb.append("intercept (log-odds of the positive class at WOE 0): ").append(Json.number(intercept));
        return sb.toString();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "scorecard");
        node.set("schema", Json.schemaToJson(input));
        node.put("pdo", scaling.pdo());
        node.put("base_score", scaling.baseScore());
        node.put("base_odds", scaling.baseOdds());
        node.put("intercept", intercept);
        node.put("base_points", basePoints);
        ArrayNode cards = node.putArray("characteristics");
        for (Characteristic c : characteristics) {
            Feature f = input.feature(c.feature());
            ObjectNode cn = cards.addObject();
            cn.put("feature", f.name());
            cn.put("information_value", c.informationValue());
            cn.put("coefficient", c.coefficient());
            if (c.isNumeric()) {
                cn.set("cuts", Json.array(c.cuts));
            }
            cn.put("missing_bin", c.missingBin());
            ArrayNode bins = cn.putArray("bins");
            for (int b = 0; b < c.bins().size(); b++) {
                Bin bin = c.bins().get(b);
                ObjectNode bn = bins.addObject();
                bn.put("label", label(c, b));
                if (!c.isNumeric()) {
                    ArrayNode levels = bn.putArray("levels");
                    for (int code = 0; code < c.levelBins.length; code++) {
                        if (c.levelBins[code] == b) {
                            levels.add(f.levels().get(code));
                        }
                    }
                }
                bn.put("points", bin.points());
                bn.put("woe", bin.woe());
                bn.put("goods", bin.goods());
                bn.put("bads", bin.bads());
            }
        }
        ArrayNode out = node.putArray("excluded");
        for (Excluded e : excluded) {
            ObjectNode en = out.addObject();
            en.put("feature", input.feature(e.feature()).name());
            if (Double.isNaN(e.informationValue())) {
                en.putNull("information_value");
            } else {
                en.put("information_value", e.informationValue());
            }
            en.put("reason", e.reason());
        }
        return node;
    }

    static ScorecardScorer fromJson(JsonNode node) {
        Schema schema = Json.schemaFromJson(Json.required(node, "schema"));
        Scaling scaling = new Scaling(Json.required(node, "pdo").doubleValue(),
                Json.required(node, "base_score").doubleValue(), Json.required(node, "base_odds").doubleValue());
        List<Characteristic> characteristics = new ArrayList<>();
        for (JsonNode cn : Json.required(node, "characteristics")) {
            int feature = featureIndex(schema, Json.required(cn, "feature").asText());
            Feature f = schema.feature(feature);
            List<Bin> bins = new ArrayList<>();
            int[] levelBins = null;
            if (f.isCategorical()) {
                levelBins = new int[f.levels().size()];
                java.util.Arrays.fill(levelBins, -1);
            }
            for (JsonNode bn : Json.required(cn, "bins")) {
                if (levelBins != null) {
                    for (JsonNode l : Json.required(bn, "levels")) {
                        int code = f.code(l.asText());
                        if (code < 0) {
                            throw new IllegalArgumentException("scorecard bin of '" + f.name() + "': '" + l.asText()
                                    + "' is not one of its levels");
                        }
                        levelBins[code] = bins.size();
                    }
                }
                bins.add(new Bin(Json.required(bn, "points").doubleValue(), Json.required(bn, "woe").doubleValue(),
                        Json.required(bn, "goods").longValue(), Json.required(bn, "bads").longValue()));
            }
            double[] cuts = f.isNumeric() ? Json.doubles(Json.required(cn, "cuts")) : null;
            characteristics.add(new Characteristic(feature, cuts, levelBins, Json.required(cn, "missing_bin").intValue(),
                    bins, Json.required(cn, "coefficient").doubleValue(),
                    Json.required(cn, "information_value").doubleValue()));
        }
        List<Excluded> excluded = new ArrayList<>();
        for (JsonNode en : Json.required(node, "excluded")) {
            JsonNode iv = Json.required(en, "information_value");
            excluded.add(new Excluded(featureIndex(schema, Json.required(en, "feature").asText()),
                    iv.isNull() ? Double.NaN : iv.doubleValue(), Json.required(en, "reason").asText()));
        }
        return new ScorecardScorer(schema, scaling, Json.required(node, "intercept").doubleValue(),
                Json.required(node, "base_points").doubleValue(), characteristics, excluded);
    }

    private static int featureIndex(Schema schema, String name) {
        int i = schema.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("the scorecard names unknown feature '" + name + "'");
        }
        return i;
    }
}
