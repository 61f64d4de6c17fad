package dev.occam.runtime;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One decision taken apart: the model's score, the baseline it is explained against, and one contribution
 * per raw input feature of the model, on a stated {@link Scale}, such that {@code baseline + Σ contributions}
 * equals the score on that scale (to rounding, far below 1e-9 of it). Made by {@link Model#explain}; each
 * model family's method is documented on its scorer's {@code attribute}. Immutable.
 */
public final class Explanation {

    /** The scale the baseline and the contributions are on. */
    public enum Scale {
        /** The log-odds of the positive class: logistic regression, the scorecard, naive Bayes, boosting, the MLP. */
        LOG_ODDS("log-odds"),
        /** The probability itself: models that average probabilities (the forest, kNN, a tree, rules). */
        PROBABILITY("probability"),
        /** The predicted value: regression. */
        VALUE("predicted value");

        private final String words;

        Scale(String words) {
            this.words = words;
        }

        /** The scale as a reader says it. */
        public String words() {
            return words;
        }
    }

    /** Which side of the decision reasons speak for. */
    public enum Direction {
        /**
         * The features that raised the score most: towards the positive class. When the positive class is the
         * adverse outcome (a "bad" loan), these are the reasons of an adverse-action notice.
         */
        RAISES,
        /** The features that lowered the score most: away from the positive class ("why approved"). */
        LOWERS,
        /** The features that moved the score most, either way: for regression, what raised or lowered the prediction. */
        EITHER
    }

    /**
     * One raw feature's share of the decision.
     *
     * @param value the feature's value as given (a number, a level, or null for missing)
     * @param contribution its contribution on the explanation's scale
     */
    public record Contribution(String feature, Object value, double contribution) {
        public Contribution {
            Objects.requireNonNull(feature, "feature");
        }
    }

    /** A scorecard feature's points for this row and its average points over the training rows. */
    record Points(double points, double average) {
    }

    private final TargetInfo target;
    private final double score;
    private final Scale scale;
    private final double value;
    private final double baseline;
    private final List<Contribution> contributions;
    private final Map<String, Object> typical;
    private final Map<String, Points> points;
    /** The class whose score is taken apart (multiclass: the called class); null for the other tasks. */
    private final String explainedClass;

    Explanation(TargetInfo target, double score, Scale scale, double value, double baseline,
            List<Contribution> contributions, Map<String, Object> typical, Map<String, Points> points) {
        this(target, score, scale, value, baseline, contributions, typical, points, null);
    }

    Explanation(TargetInfo target, double score, Scale scale, double value, double baseline,
            List<Contribution> contributions, Map<String, Object> typical, Map<String, Points> points,
            String explainedClass) {
        this.explainedClass = explainedClass;
        this.target = Objects.requireNonNull(target, "target");
        this.score = score;
        this.scale = Objects.requireNonNull(scale, "scale");
        this.value = value;
        this.baseline = baseline;
        this.contributions = List.copyOf(contributions);
        this.typical = Collections.unmodifiableMap(new LinkedHashMap<>(typical));
        this.points = Map.copyOf(points);
    }

    /**
     * The class whose score the contributions take apart: for a multiclass model, the called class (its
     * probability is {@link #score()}); null for two classes (always the positive one) and regression.
     */
    public String explainedClass() {
        return explainedClass;
    }

    /** The model's score: the (calibrated, when the model has a calibrator) probability of the positive class, or the predicted value. */
    public double score() {
        return score;
    }

    public Scale scale() {
        return scale;
    }

    /**
     * The score on {@link #scale()} (the log-odds for {@link Scale#LOG_ODDS}, else the score itself). For a
     * calibrated model this is the scorer's uncalibrated score, which the contributions explain; {@link #score()}
     * is the calibrated probability.
     */
    public double value() {
        return value;
    }

    /** The value every row starts from on {@link #scale()}: the expected value over the training rows (or the reference). */
    public double baseline() {
        return baseline;
    }

    /** One per raw input feature, in the model's feature order. */
    public List<Contribution> contributions() {
        return contributions;
    }

    /** The contributions, largest absolute size first (ties in feature order). */
    public List<Contribution> byImportance() {
        List<Contribution> sorted = new ArrayList<>(contributions);
        sorted.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.contribution())));
        return sorted;
    }

    /** {@code baseline + Σ contributions}: equals {@link #value()} to rounding. */
    public double total() {
        double sum = baseline;
        for (Contribution c : contributions) {
            sum += c.contribution();
        }
        return sum;
    }

    /** The contribution of the named feature. @throws IllegalArgumentException when the model has no such feature */
    public double contribution(String feature) {
        for (Contribution c : contributions) {
            if (c.feature().equals(feature)) {
                return c.contribution();
            }
        }
        throw new IllegalArgumentException("no feature '" + feature + "' in this explanation; features are "
                + contributions.stream().map(Contribution::feature).toList());
    }

    /** The typical training value of a feature (median or most frequent level), or null when not recorded. */
    public Object typical(String feature) {
        return typical.get(feature);
    }

    /**
     * Up to {@code top} reasons in words, the strongest first, for the features that pushed the score in the
     * given direction (a feature contributing 0, or the other way, gives none). A number reads
     * {@code "Debt 2,400: above typical (median 0), raises the chance of bad"}; a category
     * {@code "Home rent: typical is owner, raises the chance of bad"}; a scorecard feature states its points,
     * {@code "Seniority 0: 28 points (average 52), -24 points"}; for regression the effect is
     * {@code "raises the predicted Price"}.
     *
     * @throws IllegalArgumentException when {@code top} is negative
     */
    public List<String> reasons(int top, Direction direction) {
        if (top < 0) {
            throw new IllegalArgumentException("top must be >= 0: " + top);
        }
        List<Contribution> chosen = new ArrayList<>();
        for (Contribution c : byImportance()) {
            boolean counts = switch (direction) {
                case RAISES -> c.contribution() > 0;
                case LOWERS -> c.contribution() < 0;
                case EITHER -> c.contribution() != 0;
            };
            if (counts) {
                chosen.add(c);
            }
        }
        List<String> out = new ArrayList<>();
        for (Contribution c : chosen.subList(0, Math.min(top, chosen.size()))) {
            out.add(reason(c));
        }
        return out;
    }

    /** {@link #reasons(int, Direction)} for the features that raised the score. */
    public List<String> reasons(int top) {
        return reasons(top, Direction.RAISES);
    }

    /**
     * The reasons given beside a prediction ({@code occam predict}, {@code occam serve}): for classification
     * those that raised the chance of the positive class; for regression, where neither side is special, the
     * strongest either way, each saying whether it raises or lowers the prediction.
     */
    public List<String> predictionReasons(int top) {
        return reasons(top, target.isRegression() ? Direction.EITHER : Direction.RAISES);
    }

    private String reason(Contribution c) {
        String given = c.value() == null ? "missing" : format(c.value());
        StringBuilder sb = new StringBuilder(c.feature()).append(' ').append(given).append(": ");
        Points p = points.get(c.feature());
        if (p != null) {
            double difference = p.points() - p.average();
            return sb.append(number(p.points())).append(" points (average ").append(number(p.average()))
                    .append("), ").append(difference >= 0 ? "+" : "-").append(number(Math.abs(difference)))
                    .append(" points").toString();
        }
        Object t = typical.get(c.feature());
        if (t instanceof Double median && c.value() != null && toDouble(c.value()) != null) {
            double v = toDouble(c.value());
            String side = v > median ? "above typical" : v < median ? "below typical" : "typical";
            sb.append(side).append(" (median ").append(number(median)).append("), ");
        } else if (t instanceof String mode && c.value() != null) {
            sb.append(mode.equals(c.value().toString()) ? "the most common value, " : "typical is " + mode + ", ");
        }
        return sb.append(effect(c.contribution() > 0)).toString();
    }

    private String effect(boolean raises) {
        String verb = raises ? "raises" : "lowers";
        if (target.isMulticlass()) {
            return verb + " the chance of " + explainedClass;
        }
        return target.isClassification() ? verb + " the chance of " + target.positive()
                : verb + " the predicted " + target.name();
    }

    private static Double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String format(Object v) {
        Double d = v instanceof Number ? toDouble(v) : null;
        return d != null ? number(d) : v.toString();
    }

    /** A number as a reader writes it: thousands grouped, at most two decimals (three significant digits below 1). */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a > 0 && a < 0.001) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return (a == 0 || a >= 1 ? WHOLE : FRACTION).get().format(v);
    }

    // A DecimalFormat is not thread-safe, and building one parses its pattern (a reason names two or three numbers,
    // and the server gives three reasons an answer): one of each per thread.
    private static final ThreadLocal<DecimalFormat> WHOLE =
            ThreadLocal.withInitial(() -> new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.US)));
    private static final ThreadLocal<DecimalFormat> FRACTION =
            ThreadLocal.withInitial(() -> new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.US)));

    @Override
    public String toString() {
        return "Explanation[score=" + score + ", " + scale.words() + " " + value + " = baseline " + baseline + " + "
                + contributions + "]";
    }
}
