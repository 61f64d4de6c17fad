package dev.occam.runtime.calibration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.io.Json;
import java.util.Arrays;

/**
 * Isotonic calibration (Zadrozny & Elkan 2002): a non-decreasing step function of the score fitted by
 * pool-adjacent-violators, stored as breakpoints. Each pooled block of scores contributes its lowest and
 * highest score with the block's observed positive rate; between breakpoints the probability is
 * interpolated linearly, and outside them it is the end value (scikit-learn's {@code IsotonicRegression}
 * with {@code out_of_bounds="clip"} reads its thresholds the same way). Interpolating between blocks
 * rather than stepping keeps apart scores that fall between two blocks.
 */
public final class IsotonicCalibration implements Calibrator {

    public static final String METHOD = "isotonic";
    /** Breakpoints {@link #describe()} lists; the model file has them all. */
    private static final int SHOWN = 12;

    private final double[] scores;
    private final double[] probabilities;

    /**
     * @param scores breakpoints, non-decreasing (a value may repeat once, at a jump)
     * @param probabilities the probability at each breakpoint, non-decreasing, in [0, 1]
     * @throws IllegalArgumentException when the arrays are empty, of different lengths, or not monotone
     */
    public IsotonicCalibration(double[] scores, double[] probabilities) {
        if (scores.length == 0 || scores.length != probabilities.length) {
            throw new IllegalArgumentException("isotonic calibration needs as many breakpoints as probabilities (at"
                    + " least one), got " + scores.length + " and " + probabilities.length);
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i]) || !(probabilities[i] >= 0 && probabilities[i] <= 1)) {
                throw new IllegalArgumentException("isotonic breakpoint " + i + " is (" + scores[i] + ", "
                        + probabilities[i] + "); scores must be finite and probabilities in [0, 1]");
            }
            if (i > 0 && (scores[i] < scores[i - 1] || probabilities[i] < probabilities[i - 1])) {
                throw new IllegalArgumentException("isotonic breakpoints must not decrease: (" + scores[i - 1] + ", "
                        + probabilities[i - 1] + ") is followed by (" + scores[i] + ", " + probabilities[i] + ")");
            }
        }
        this.scores = scores.clone();
        this.probabilities = probabilities.clone();
    }

    public double[] scores() {
        return scores.clone();
    }

    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public double apply(double score) {
        if (Double.isNaN(score)) {
            return Double.NaN;
        }
        int n = scores.length;
        if (score <= scores[0]) {
            return probabilities[0];
        }
        if (score >= scores[n - 1]) {
            return probabilities[n - 1];
        }
        // The last breakpoint at or below the score; the next one is above it.
        int i = Arrays.binarySearch(scores, score);
        if (i >= 0) {
            while (i + 1 < n && scores[i + 1] == score) {
                i++;
            }
            return probabilities[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (score - scores[lo]) / (scores[hi] - scores[lo]);
        return probabilities[lo] + t * (probabilities[hi] - probabilities[lo]);
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("method", METHOD);
        node.put("formula", "probability interpolated linearly between breakpoints (score -> probability),"
                + " the end values outside them");
        node.set("scores", Json.array(scores));
        node.set("probabilities", Json.array(probabilities));
        return node;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("calibration: isotonic regression, ").append(scores.length)
                .append(" breakpoints (score -> probability):");
        int shown = Math.min(scores.length, SHOWN);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? " " : ", ").append(Json.number(scores[i])).append(" -> ")
                    .append(Json.number(probabilities[i]));
        }
        if (shown < scores.length) {
            sb.append(", ... (").append(scores.length - shown).append(" more in the model file)");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsotonicCalibration c && Arrays.equals(c.scores, scores)
                && Arrays.equals(c.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(scores) + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "IsotonicCalibration[" + scores.length + " breakpoints]";
    }
}
