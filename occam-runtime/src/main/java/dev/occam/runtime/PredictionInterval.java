package dev.occam.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.io.Json;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * The prediction interval of a regression model: {@code [prediction − halfWidth, prediction + halfWidth]},
 * the same width for every row, meant to hold the actual value for a share {@code level} of new rows.
 *
 * <p>{@link #METHOD_CV_RESIDUAL}, the one Occam computes: the half width is the ⌈(N + 1)·level⌉-th smallest of
 * the N absolute out-of-fold residuals |y − ŷ₋fold| that cross-validation left (every row once per repeat),
 * put around the prediction of the model refitted on all rows. This is the "CV" residual method that Barber,
 * Candès, Ramdas &amp; Tibshirani (2021), "Predictive inference with the jackknife+", Annals of Statistics 49,
 * discuss beside CV+: it has <em>no</em> finite-sample coverage guarantee (CV+ has 1 − 2α, but needs the fold
 * models, which are not kept). It covers about {@code level} when the refitted model errs on new rows as the
 * fold models erred on their held-out rows, which is why the fit also measures its out-of-fold {@link Coverage}.
 * It is marginal coverage, averaged over rows: the width does not grow where the model is less sure.
 *
 * @param level the nominal coverage, in (0, 1)
 * @param halfWidth added to and taken from the prediction; finite and >= 0
 * @param method how the half width was found, such as {@link #METHOD_CV_RESIDUAL}
 * @param residuals how many residuals the half width was taken from (N)
 * @param coverage the coverage measured out of fold, or null when not measured
 */
public record PredictionInterval(double level, double halfWidth, String method, int residuals, Coverage coverage) {

    /** The "CV" absolute-residual method (see the class comment). */
    public static final String METHOD_CV_RESIDUAL = "cv-absolute-residual";

    /**
     * The share of held-out rows whose actual value fell inside their interval: for each fold of each repeat,
     * the half width taken from the other folds' residuals of the same repeat, tried on the fold's rows.
     *
     * @param mean mean share over the folds
     * @param min lowest fold's share
     * @param max highest fold's share
     * @param folds how many folds (k·r)
     */
    public record Coverage(double mean, double min, double max, int folds) {
        public Coverage {
            if (!(min >= 0 && min <= mean && mean <= max && max <= 1)) {
                throw new IllegalArgumentException("coverage must satisfy 0 <= min <= mean <= max <= 1: " + min
                        + ", " + mean + ", " + max);
            }
            if (folds < 1) {
                throw new IllegalArgumentException("coverage folds must be >= 1: " + folds);
            }
        }
    }

    public PredictionInterval {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must be in (0, 1): " + level);
        }
        if (!(halfWidth >= 0 && halfWidth < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("interval half width must be finite and >= 0: " + halfWidth);
        }
        Objects.requireNonNull(method, "method");
        if (method.isBlank()) {
            throw new IllegalArgumentException("interval method is empty");
        }
        if (residuals < 1) {
            throw new IllegalArgumentException("interval residuals must be >= 1: " + residuals);
        }
    }

    public double lower(double prediction) {
        return prediction - halfWidth;
    }

    public double upper(double prediction) {
        return prediction + halfWidth;
    }

    /** The level in percent as written, without a trailing ".0": "90" for 0.9, "97.5" for 0.975. */
    public String percent() {
        return percent(level);
    }

    /** {@link #percent()} of any level; decimal arithmetic, so 0.9 gives "90", not "90.00000000000001". */
    public static String percent(double level) {
        return BigDecimal.valueOf(level).movePointRight(2).stripTrailingZeros().toPlainString();
    }

    /** The column suffix for the level: "90" for 0.9, "97_5" for 0.975 (column names {@code lower_90}). */
    public String columnSuffix() {
        return percent().replace('.', '_');
    }

    /** How the interval was made, in words. */
    public String methodWords() {
        if (METHOD_CV_RESIDUAL.equals(method)) {
            return "the ⌈(N+1)·" + Json.number(level) + "⌉-th smallest of N = " + String.format(Locale.ROOT, "%,d",
                    residuals) + " absolute out-of-fold residuals (CV residual method, no finite-sample guarantee)";
        }
        return method + ", from " + residuals + " residuals";
    }

    /** One line: "90% prediction interval: prediction ± 23,400 (...; out-of-fold coverage 89.7%, folds 85.1–93.2%)". */
    public String describe() {
        StringBuilder sb = new StringBuilder(percent()).append("% prediction interval: prediction ± ")
                .append(Explanation.number(halfWidth)).append(" (").append(methodWords());
        if (coverage != null) {
            sb.append(String.format(Locale.ROOT, "; out-of-fold coverage %.1f%%, folds %.1f–%.1f%%",
                    100 * coverage.mean(), 100 * coverage.min(), 100 * coverage.max()));
        }
        return sb.append(')').toString();
    }

    /** As saved in the model file and the card. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("level", level);
        o.put("half_width", halfWidth);
        o.put("method", method);
        o.put("residuals", residuals);
        if (coverage != null) {
            ObjectNode c = o.putObject("out_of_fold_coverage");
            c.put("mean", coverage.mean());
            c.put("min", coverage.min());
            c.put("max", coverage.max());
            c.put("folds", coverage.folds());
        }
        return o;
    }

    /** @throws IllegalArgumentException naming the missing or wrong field */
    public static PredictionInterval fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("interval must be an object");
        }
        JsonNode c = node.get("out_of_fold_coverage");
        Coverage coverage = c == null ? null : new Coverage(Json.required(c, "mean").doubleValue(),
                Json.required(c, "min").doubleValue(), Json.required(c, "max").doubleValue(),
                Json.required(c, "folds").intValue());
        return new PredictionInterval(Json.required(node, "level").doubleValue(),
                Json.required(node, "half_width").doubleValue(), Json.required(node, "method").asText(),
                Json.required(node, "residuals").intValue(), coverage);
    }
}
