package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.io.Json;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An ordered list of if-then rules (a decision list, Rivest, "Learning Decision Lists", Machine Learning 2,
 * 1987) ending in a default: a row scores the output of the <b>first</b> rule whose conditions all hold,
 * or the default when none does. A rule is a conjunction of conditions on raw features: {@code x < t},
 * {@code x >= t}, or {@code x in {levels}}.
 *
 * <p>A condition on a missing value is false, and so is a condition on a category unseen in training
 * (the schema encodes it as missing): such a row falls through to a later rule that does not ask about
 * that feature, or to the default. Each output is the (smoothed) positive share or mean of the training
 * rows the rule captured in list order, i.e. of the rows it matched that no earlier rule had taken;
 * {@link Rule#count()} is that number of rows.
 *
 * <p>Parameter count: the number of conditions plus the number of outputs (one per rule, and the
 * default's), the numbers a person must read to use the list.
 */
public final class RuleListScorer implements Scorer {

    /** How a condition compares a feature's value. */
    public enum Operator {
        /** {@code x < threshold} (numeric features). */
        LESS_THAN,
        /** {@code x >= threshold} (numeric features). */
        AT_LEAST,
        /** the level is one of {@code levels} (categorical features). */
        IN
    }

    /**
     * One test on one feature. Numeric conditions carry a finite {@code threshold} and no levels;
     * {@code IN} conditions carry the ascending, distinct codes of their levels and a NaN threshold.
     */
    public record Condition(int feature, Operator operator, double threshold, List<Integer> levels) {

        public Condition {
            Objects.requireNonNull(operator, "operator");
            if (feature < 0) {
                throw new IllegalArgumentException("condition feature must be >= 0: " + feature);
            }
            levels = List.copyOf(new TreeSet<>(levels));
            if (operator == Operator.IN) {
                if (levels.isEmpty()) {
                    throw new IllegalArgumentException("an 'in' condition needs at least one level");
                }
                if (levels.get(0) < 0) {
                    throw new IllegalArgumentException("level codes must be >= 0: " + levels.get(0));
                }
                threshold = Double.NaN;
            } else {
                if (!Double.isFinite(threshold)) {
                    throw new IllegalArgumentException("condition threshold must be finite: " + threshold);
                }
                if (!levels.isEmpty()) {
                    throw new IllegalArgumentException("a numeric condition has no levels: " + levels);
                }
            }
        }

        public static Condition lessThan(int feature, double threshold) {
            return new Condition(feature, Operator.LESS_THAN, threshold, List.of());
        }

        public static Condition atLeast(int feature, double threshold) {
            return new Condition(feature, Operator.AT_LEAST, threshold, List.of());
        }

        public static Condition in(int feature, List<Integer> levels) {
            return new Condition(feature, Operator.IN, Double.NaN, levels);
        }
    }

    /**
     * A rule: all its conditions must hold. {@code value} is its output, {@code count} the training rows
     * it captured in list order.
     */
    public record Rule(List<Condition> conditions, double value, int count) {

        public Rule {
            conditions = List.copyOf(conditions);
            if (conditions.isEmpty()) {
                throw new IllegalArgumentException("a rule needs at least one condition");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("rule output must be finite: " + value);
            }
            if (count < 0) {
                throw new IllegalArgumentException("rule row count must be >= 0: " + count);
            }
        }
    }

    private final Schema input;
    private final String output;
    private final List<Rule> rules;
    private final double defaultValue;
    private final int defaultCount;

    // The rules compiled to flat arrays, so scoring a row walks primitives and allocates nothing.
    private final int[] ruleEnd;
    private final int[] conditionFeature;
    private final Operator[] conditionOperator;
    private final double[] conditionThreshold;
    private final boolean[][] conditionLevels;
    private final double[] ruleValue;

    /**
     * @param output what the outputs are, for people: {@code "P(Status = bad)"}, {@code "Amount"}
     * @param rules the rules in order; may be empty (then every row scores the default)
     * @param defaultValue the output when no rule matches
     * @param defaultCount the training rows no rule matched
     */
    public RuleListScorer(Schema input, String output, List<Rule> rules, double defaultValue, int defaultCount) {
        this.input = Objects.requireNonNull(input, "input");
        this.output = Objects.requireNonNull(output, "output");
        if (output.isBlank()) {
            throw new IllegalArgumentException("the output label must not be blank");
        }
        this.rules = List.copyOf(rules);
        if (!Double.isFinite(defaultValue)) {
            throw new IllegalArgumentException("default output must be finite: " + defaultValue);
        }
        if (defaultCount < 0) {
            throw new IllegalArgumentException("default row count must be >= 0: " + defaultCount);
        }
        this.defaultValue = defaultValue;
        this.defaultCount = defaultCount;
        int conditions = 0;
        for (Rule r : this.rules) {
            conditions += r.conditions().size();
        }
        ruleEnd = new int[this.rules.size()];
        ruleValue = new double[this.rules.size()];
        conditionFeature = new int[conditions];
        conditionOperator = new Operator[conditions];
        conditionThreshold = new double[conditions];
        conditionLevels = new boolean[conditions][];
        int k = 0;
        for (int i = 0; i < this.rules.size(); i++) {
            Rule r = this.rules.get(i);
            for (Condition c : r.conditions()) {
                check(i, c);
                conditionFeature[k] = c.feature();
                conditionOperator[k] = c.operator();
                conditionThreshold[k] = c.threshold();
                if (c.operator() == Operator.IN) {
                    boolean[] in = new boolean[input.feature(c.feature()).levels().size()];
                    for (int code : c.levels()) {
                        in[code] = true;
                    }
                    conditionLevels[k] = in;
                }
                k++;
            }
            ruleEnd[i] = k;
            ruleValue[i] = r.value();
        }
    }

    private void check(int rule, Condition c) {
        String where = "rule " + (rule + 1) + ": ";
        if (c.feature() >= input.size()) {
            throw new IllegalArgumentException(where + "feature " + c.feature() + " outside the schema");
        }
        Feature f = input.feature(c.feature());
        if (f.isCategorical() != (c.operator() == Operator.IN)) {
            throw new IllegalArgumentException(where + "the condition on '" + f.name() + "' must be "
                    + (f.isCategorical() ? "a level set" : "a threshold"));
        }
        int highest = f.isCategorical() ? c.levels().get(c.levels().size() - 1) : -1;
        if (highest >= f.levels().size()) {
            throw new IllegalArgumentException(where + "level code " + highest + " outside the " + f.levels().size()
                    + " levels of '" + f.name() + "'");
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    public double defaultValue() {
        return defaultValue;
    }

    public int defaultCount() {
        return defaultCount;
    }

    /** What the outputs are, for people. */
    public String output() {
        return output;
    }

    @Override
    public Schema input() {
        return input;
    }

    @Override
    public double score(double[] x) {
        int r = ruleOf(x);
        return r < 0 ? defaultValue : ruleValue[r];
    }

    /** Index of the first rule the row matches, or -1 when it falls to the default. */
    public int ruleOf(double[] x) {
        int start = 0;
        for (int r = 0; r < ruleEnd.length; r++) {
            int end = ruleEnd[r];
            boolean all = true;
            for (int k = start; k < end && all; k++) {
                all = holds(k, x[conditionFeature[k]]);
            }
            if (all) {
                return r;
            }
            start = end;
        }
        return -1;
    }

    private boolean holds(int k, double v) {
        if (Double.isNaN(v)) {
            return false;
        }
        return switch (conditionOperator[k]) {
            case LESS_THAN -> v < conditionThreshold[k];
            case AT_LEAST -> v >= conditionThreshold[k];
            case IN -> {
                boolean[] in = conditionLevels[k];
                int code = (int) v;
                yield code >= 0 && code < in.length && in[code];
            }
        };
    }

    /**
     * The mean output over the training rows: each rule's output weighted by the rows it captured, and the
     * default's by its rows; the plain mean of the outputs when no rows were recorded.
     */
    public double averageOutput() {
        double sum = defaultValue * defaultCount;
        long rows = defaultCount;
        for (Rule r : rules) {
            sum += r.value() * r.count();
            rows += r.count();
        }
        if (rows > 0) {
            return sum / rows;
        }
        double plain = defaultValue;
        for (Rule r : rules) {
            plain += r.value();
        }
        return plain / (rules.size() + 1);
    }

    /**
     * On the score itself, against the {@linkplain #averageOutput() average output}: the difference between the
     * row's output and the average is shared equally among the distinct features that decided it. A row
     * matched by a rule is decided by that rule's conditions (which held) and by the earlier rules (which
     * failed), so the features of the conditions of the matched rule and of every rule before it share the
     * difference; a row that falls to the default is decided by every rule failing, so all the features the
     * list asks about share it. The equal split is a stated convention (a rule is a conjunction, and
     * no condition of it decides alone); it adds up by construction. A list without rules has nothing to
     * share: its output, the default, is the average.
     */
    @Override
    public Attribution attribute(double[] x, int[] groupOf, int groups) {
        int matched = ruleOf(x);
        int last = matched < 0 ? rules.size() - 1 : matched;
        TreeSet<Integer> deciding = new TreeSet<>();
        for (int r = 0; r <= last; r++) {
            for (Condition c : rules.get(r).conditions()) {
                deciding.add(groupOf[c.feature()]);
            }
        }
        double value = score(x);
        double baseline = averageOutput();
        double[] out = new double[groups];
        if (!deciding.isEmpty()) {
            double share = (value - baseline) / deciding.size();
            for (int g : deciding) {
                out[g] = share;
            }
        }
        Attribution.grouped(new double[input.size()], groupOf, groups); // checks the grouping
        return new Attribution(false, value, baseline, out);
    }

    /** Conditions plus outputs (each rule's and the default's). */
    @Override
    public long parameterCount() {
        long conditions = conditionFeature.length;
        return conditions + rules.size() + 1;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(rules.size()).append(rules.size() == 1 ? " rule" : " rules")
                .append(" and a default; the first rule that holds gives the score\n");
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            sb.append(i == 0 ? "IF " : "ELSE IF ");
            List<String> parts = new ArrayList<>();
            for (Condition c : r.conditions()) {
                parts.add(text(c));
            }
            sb.append(String.join(" AND ", parts)).append(" THEN ").append(output).append(" = ")
                    .append(readable(r.value())).append(" (").append(rows(r.count())).append(")\n");
        }
        sb.append(rules.isEmpty() ? "ALWAYS " : "ELSE ").append(output).append(" = ").append(readable(defaultValue))
                .append(" (").append(rows(defaultCount)).append(")\n");
        sb.append("(a condition on a missing value or on a category unseen in training is false)");
        return sb.toString();
    }

    private static String rows(int n) {
        return n + (n == 1 ? " row" : " rows");
    }

    /**
     * A condition in words: {@code Seniority < 6.5}, {@code Records = yes}, {@code Home in {other, rent}};
     * a level set larger than the levels it leaves out is written by those: {@code Job != fixed},
     * {@code Home not in {owner, parents}} (a missing or unseen level still makes it false).
     */
    public String text(Condition c) {
        Feature f = input.feature(c.feature());
        return switch (c.operator()) {
            case LESS_THAN -> f.name() + " < " + Json.number(c.threshold());
            case AT_LEAST -> f.name() + " >= " + Json.number(c.threshold());
            case IN -> {
                List<String> in = new ArrayList<>();
                List<String> out = new ArrayList<>();
                for (int code = 0; code < f.levels().size(); code++) {
                    (c.levels().contains(code) ? in : out).add(f.levels().get(code));
                }
                if (!out.isEmpty() && out.size() < in.size()) {
                    yield out.size() == 1 ? f.name() + " != " + out.get(0)
                            : f.name() + " not in {" + String.join(", ", out) + "}";
                }
                yield in.size() == 1 ? f.name() + " = " + in.get(0)
                        : f.name() + " in {" + String.join(", ", in) + "}";
            }
        };
    }

    /** An output for people: three significant digits, and every digit before the point. */
    private static String readable(double v) {
        if (v == 0 || Math.abs(v) >= 1e15) {
            return Json.number(v);
        }
        int integerDigits = (int) Math.floor(Math.log10(Math.abs(v))) + 1;
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(Math.max(3, integerDigits)));
        return Json.number(rounded.doubleValue());
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "rules");
        node.set("schema", Json.schemaToJson(input));
        node.put("output", output);
        ArrayNode array = node.putArray("rules");
        for (Rule r : rules) {
            ObjectNode o = array.addObject();
            ArrayNode conditions = o.putArray("if");
            for (Condition c : r.conditions()) {
                Feature f = input.feature(c.feature());
                ObjectNode cn = conditions.addObject();
                cn.put("feature", f.name());
                switch (c.operator()) {
                    case LESS_THAN -> cn.put("less_than", c.threshold());
                    case AT_LEAST -> cn.put("at_least", c.threshold());
                    case IN -> {
                        ArrayNode levels = cn.putArray("in");
                        for (int code : c.levels()) {
                            levels.add(f.levels().get(code));
                        }
                    }
                }
            }
            o.put("then", r.value());
            o.put("n", r.count());
        }
        ObjectNode otherwise = node.putObject("else");
        otherwise.put("then", defaultValue);
        otherwise.put("n", defaultCount);
        return node;
    }

    static RuleListScorer fromJson(JsonNode node) {
        Schema schema = Json.schemaFromJson(Json.required(node, "schema"));
        String output = Json.required(node, "output").asText();
        List<Rule> rules = new ArrayList<>();
        for (JsonNode o : Json.required(node, "rules")) {
            int number = rules.size() + 1;
            List<Condition> conditions = new ArrayList<>();
            for (JsonNode cn : Json.required(o, "if")) {
                String name = Json.required(cn, "feature").asText();
                int feature = schema.indexOf(name);
                if (feature < 0) {
                    throw new IllegalArgumentException("rule " + number + " tests unknown feature '" + name + "'");
                }
                Feature f = schema.feature(feature);
                if (cn.has("less_than")) {
                    conditions.add(Condition.lessThan(feature, cn.get("less_than").doubleValue()));
                } else if (cn.has("at_least")) {
                    conditions.add(Condition.atLeast(feature, cn.get("at_least").doubleValue()));
                } else if (cn.has("in")) {
                    List<Integer> codes = new ArrayList<>();
                    for (JsonNode l : cn.get("in")) {
                        int code = f.code(l.asText());
                        if (code < 0) {
                            throw new IllegalArgumentException("rule " + number + ": '" + l.asText()
                                    + "' is not a level of '" + name + "'");
                        }
                        codes.add(code);
                    }
                    conditions.add(Condition.in(feature, codes));
                } else {
                    throw new IllegalArgumentException("rule " + number + ": the condition on '" + name
                            + "' needs 'less_than', 'at_least' or 'in'");
                }
            }
            rules.add(new Rule(conditions, Json.required(o, "then").doubleValue(), Json.required(o, "n").intValue()));
        }
        JsonNode otherwise = Json.required(node, "else");
        return new RuleListScorer(schema, output, rules, Json.required(otherwise, "then").doubleValue(),
                Json.required(otherwise, "n").intValue());
    }
}
