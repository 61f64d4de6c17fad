package dev.occam.core.ladder;

import dev.occam.core.learn.Learner;
import dev.occam.core.learn.bayes.NaiveBayes;
import dev.occam.core.learn.boosting.GradientBoosting;
import dev.occam.core.learn.forest.RandomForest;
import dev.occam.core.learn.linear.ElasticNet;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.core.learn.neighbours.NearestNeighbours;
import dev.occam.core.learn.neural.MultilayerPerceptron;
import dev.occam.core.learn.rules.RuleList;
import dev.occam.core.learn.scorecard.Scorecard;
import dev.occam.core.learn.tree.DecisionTree;
import dev.occam.core.usecase.Text;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The options a use case may give each learner family, and how they become the learner. Each family's options are
 * the components of its validated options record ({@link GradientBoosting.Options}, {@link DecisionTree.Options},
 * ...), named in snake_case ({@code maxDepth} is {@code max_depth}); a given option replaces the default and the
 * record's own constructor checks the value. Read from the record itself, so an option added to a record is
 * offered here without a second list to keep in step. Components that are not single values or lists of whole
 * numbers (the scorecard's monotone directions, which come from {@code constraints.monotone}) are not offered.
 */
final class LearnerOptions {

    /** A family's options record with its defaults, and the learner made from a record. */
    private record Family(Record defaults, Function<Record, Learner> learner) {
    }

    private static final Map<String, Family> FAMILIES = families();

    private LearnerOptions() {
    }

    private static Map<String, Family> families() {
        Map<String, Family> m = new LinkedHashMap<>();
        m.put("rules", new Family(RuleList.Options.defaults(), o -> new RuleList((RuleList.Options) o)));
        m.put("logistic", new Family(LogisticRegression.Options.defaults(),
                o -> LogisticRegression.pipeline((LogisticRegression.Options) o)));
        m.put("lasso", new Family(ElasticNet.Options.defaults(), o -> ElasticNet.pipeline((ElasticNet.Options) o)));
        m.put("scorecard", new Family(Scorecard.Options.defaults(), o -> new Scorecard((Scorecard.Options) o)));
        m.put("tree", new Family(DecisionTree.Options.defaults(), o -> new DecisionTree((DecisionTree.Options) o)));
        m.put("knn", new Family(NearestNeighbours.Options.defaults(),
                o -> NearestNeighbours.pipeline((NearestNeighbours.Options) o)));
        m.put("naive-bayes", new Family(NaiveBayes.Options.defaults(), o -> new NaiveBayes((NaiveBayes.Options) o)));
        m.put("random-forest", new Family(RandomForest.Options.defaults(),
                o -> new RandomForest((RandomForest.Options) o)));
        m.put("boosting", new Family(GradientBoosting.Options.defaults(),
                o -> GradientBoosting.pipeline((GradientBoosting.Options) o)));
        m.put("mlp", new Family(MultilayerPerceptron.Options.defaults(),
                o -> MultilayerPerceptron.pipeline((MultilayerPerceptron.Options) o)));
        // baseline and linear have no options: BaselineLearner and LinearRegression take none.
        return Collections.unmodifiableMap(m);
    }

    /** The option names of a family, in the order of its record; empty for a family without options. */
    static List<String> names(String family) {
        Family f = FAMILIES.get(family);
        if (f == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (RecordComponent c : f.defaults().getClass().getRecordComponents()) {
            if (offered(c)) {
                out.add(snakeCase(c.getName()));
            }
        }
        return out;
    }

    /**
     * The family's options record with the given options in place of its defaults, or the defaults themselves when
     * none are given; null for a family without options (and none given).
     *
     * @throws OptionException naming the option: unknown (with the known names), of the wrong kind, or refused by
     *     the record's constructor (with its message)
     */
    static Record options(String family, Map<String, Object> given) throws OptionException {
        Family f = FAMILIES.get(family);
        List<String> known = names(family);
        for (String name : given.keySet()) {
            if (!known.contains(name)) {
                throw new OptionException(name, unknown(family, name, known));
            }
        }
        if (f == null) {
            return null;
        }
        RecordComponent[] components = f.defaults().getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String name = snakeCase(c.getName());
            values[i] = given.containsKey(name) && offered(c) ? convert(name, given.get(name), c)
                    : read(c, f.defaults());
        }
        try {
            Constructor<?> canonical = f.defaults().getClass().getDeclaredConstructor(types);
            return (Record) canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            // The record's own check: its message names the component in camelCase, so say which option it is.
            String message = e.getCause() == null ? String.valueOf(e) : e.getCause().getMessage();
            String option = given.keySet().stream().filter(n -> message != null && message.startsWith(camelCase(n)))
                    .findFirst().orElse(given.keySet().iterator().next());
            throw new OptionException(option, "options." + option + ": " + message);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build the options of " + family + ": " + e, e);
        }
    }

    /**
     * Every option of a family as the learner runs it: the given ones and the defaults of the rest, snake_case name
     * to value (choices as a use case writes them, lowercase with hyphens), in the order of its record; empty for a family without options or
     * when the given ones are refused (they were checked before the fit, so that does not happen after one).
     */
    static Map<String, Object> effective(String family, Map<String, Object> given) {
        Record record;
        try {
            record = options(family, given);
        } catch (OptionException e) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (record == null) {
            return out;
        }
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (offered(c)) {
                Object value = read(c, record);
                out.put(snakeCase(c.getName()), value instanceof Enum<?> e
                        ? e.name().toLowerCase(Locale.ROOT).replace('_', '-') : value);
            }
        }
        return out;
    }

    /** The learner of a family with the given options record (from {@link #options}). */
    static Learner learner(String family, Record options) {
        return FAMILIES.get(family).learner().apply(options);
    }

    private static String unknown(String family, String name, List<String> known) {
        if (known.isEmpty()) {
            return "unknown option " + quote(name) + ": " + family + " takes no options";
        }
        String near = Text.nearest(name, known);
        return "unknown option " + quote(name) + " for " + family + " ("
                + (near == null ? "" : "did you mean '" + near + "'?; ") + "known options: "
                + String.join(", ", known) + ")";
    }

    private static boolean offered(RecordComponent c) {
        Class<?> t = c.getType();
        return t == int.class || t == long.class || t == double.class || t == boolean.class || t == Double.class
                || t.isEnum() || t == List.class && listOf(c) == Integer.class;
    }

    private static Type listOf(RecordComponent c) {
        return c.getGenericType() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : null;
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + ": " + e, e);
        }
    }

    /** The use case's value as the component's type; whole numbers stay whole (2.5 is not a depth). */
    private static Object convert(String name, Object value, RecordComponent c) throws OptionException {
        Class<?> t = c.getType();
        if (t == int.class || t == long.class) {
            long v = whole(name, value);
            if (t == int.class && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                throw new OptionException(name, "options." + name + " is too large: " + v);
            }
            return t == int.class ? (Object) (int) v : (Object) v;
        }
        if (t == double.class || t == Double.class) {
            if (!(value instanceof Number n)) {
                throw new OptionException(name, "options." + name + " must be a number: " + describe(value));
            }
            return n.doubleValue();
        }
        if (t == boolean.class) {
            if (!(value instanceof Boolean b)) {
                throw new OptionException(name, "options." + name + " must be true or false: " + describe(value));
            }
            return b;
        }
        if (t.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : t.getEnumConstants()) {
                String written = ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-');
                names.add(written);
                if (value instanceof String s && written.equals(s.toLowerCase(Locale.ROOT).replace('_', '-'))) {
                    return constant;
                }
            }
            throw new OptionException(name, "options." + name + " must be one of " + String.join(", ", names) + ": "
                    + describe(value));
        }
        // A list of whole numbers (the MLP's hidden layers): one number is a list of one.
        List<?> items = value instanceof List<?> l ? l : List.of(value);
        List<Integer> out = new ArrayList<>();
        for (Object item : items) {
            long v = whole(name, item);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new OptionException(name, "options." + name + " is too large: " + v);
            }
            out.add((int) v);
        }
        return out;
    }

    private static long whole(String name, Object value) throws OptionException {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        throw new OptionException(name, "options." + name + " must be a whole number: " + describe(value));
    }

    private static String describe(Object value) {
        return value instanceof String s ? quote(s) : String.valueOf(value);
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }

    static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static String camelCase(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** A bad option, naming it. */
    static final class OptionException extends Exception {
        private final String option;

        OptionException(String option, String message) {
            super(message);
            this.option = option;
        }

        String option() {
            return option;
        }
    }
}
