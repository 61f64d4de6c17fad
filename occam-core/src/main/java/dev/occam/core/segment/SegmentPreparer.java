package dev.occam.core.segment;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.segment.SegmentPreparation;
import dev.occam.runtime.segment.SegmentPreparation.ColumnStep;
import dev.occam.runtime.segment.SegmentPreparation.Handling;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides and fits the preparation of a frame for segmentation, one column at a time, and records why:
 * <ul>
 *   <li>a numeric column that is never negative and strongly right-skewed (sample skewness above 1, and lower
 *       after {@code log1p}), typical of amounts of money and counts, is taken as {@code log(1 + x)} first, so a few
 *       large customers do not become segments of their own;
 *   <li>every numeric column is then standardised (mean, sample standard deviation), so no unit dominates the
 *       distances; a constant column is not used;
 *   <li>a categorical column becomes one indicator per level worth {@code 1/sqrt(2)}, so two rows differing in it
 *       are as far apart as one standard deviation (k-means, mixtures), or is kept as level codes for k-prototypes,
 *       which compare levels by matching (Huang 1998); a column with one level is not used.
 * </ul>
 */
public final class SegmentPreparer {

    /** Skewness above which a non-negative column is logged. */
    static final double SKEWED = 1.0;

    /**
     * @param preparation the fitted steps, for the runtime
     * @param rows every row prepared (numeric block, then level codes)
     * @param encoded every row encoded (numbers, level codes, NaN), in the preparation's column order
     */
    public record Prepared(SegmentPreparation preparation, double[][] rows, double[][] encoded) {

        /** The numeric block of each row (all of it unless categorical columns are kept as prototypes). */
        public double[][] numericRows() {
            int p = preparation.numericDimension();
            double[][] out = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = java.util.Arrays.copyOf(rows[i], p);
            }
            return out;
        }
    }

    private SegmentPreparer() {
    }

    /**
     * @param frame the columns to segment on (identifiers and the like already removed)
     * @param prototypes keep categorical columns as level codes (k-prototypes) instead of one-hot indicators
     * @throws IllegalArgumentException when no column is usable
     */
    public static Prepared prepare(Frame frame, boolean prototypes) {
        List<ColumnStep> steps = new ArrayList<>();
        for (Column column : frame.columns()) {
            steps.add(step(column, prototypes));
        }
        SegmentPreparation preparation = new SegmentPreparation(steps);
        if (preparation.numericDimension() + preparation.prototypeCount() == 0) {
            throw new IllegalArgumentException("no column can be used for segments: " + preparation.words());
        }
        int n = frame.rows();
        double[][] encoded = new double[n][];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            encoded[i] = frame.row(i);
            rows[i] = preparation.prepare(encoded[i]);
        }
        return new Prepared(preparation, rows, encoded);
    }

    private static ColumnStep step(Column column, boolean prototypes) {
        if (column instanceof CategoricalColumn c) {
            if (c.levels().size() < 2) {
                return new ColumnStep(c.name(), Handling.DROP, 0, 1, List.of(), "it has a single level");
            }
            return prototypes
                    ? new ColumnStep(c.name(), Handling.PROTOTYPE, 0, 1, c.levels(), "k-prototypes compares levels by matching")
                    : new ColumnStep(c.name(), Handling.ONE_HOT, 0, Math.sqrt(0.5), c.levels(),
                            "a different level then counts as much as one standard deviation of a number");
        }
        NumericColumn x = (NumericColumn) column;
        double[] present = java.util.Arrays.stream(x.values()).filter(v -> !Double.isNaN(v)).toArray();
        if (present.length < 2) {
            return new ColumnStep(x.name(), Handling.DROP, 0, 1, List.of(), "it has fewer than two values");
        }
        double min = java.util.Arrays.stream(present).min().orElseThrow();
        double skew = skewness(present);
        boolean log = false;
        if (min >= 0 && skew > SKEWED) {
            double[] logged = java.util.Arrays.stream(present).map(Math::log1p).toArray();
            log = Math.abs(skewness(logged)) < skew;
            if (log) {
                present = logged;
            }
        }
        double mean = java.util.Arrays.stream(present).average().orElseThrow();
        double ss = 0;
        for (double v : present) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (present.length - 1));
        if (!(sd > 0)) {
            return new ColumnStep(x.name(), Handling.DROP, 0, 1, List.of(), "it is constant");
        }
        return log
                ? new ColumnStep(x.name(), Handling.LOG1P_THEN_STANDARDISE, mean, sd, List.of(),
                        "it is never negative and strongly right-skewed (skewness " + Json.number(round(skew)) + ")")
                : new ColumnStep(x.name(), Handling.STANDARDISE, mean, sd, List.of(), "");
    }

    /** The moment skewness {@code m3 / m2^(3/2)}. */
    static double skewness(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double m2 = 0;
        double m3 = 0;
        for (double x : v) {
            double d = x - mean;
            m2 += d * d / v.length;
            m3 += d * d * d / v.length;
        }
        return m2 == 0 ? 0 : m3 / Math.pow(m2, 1.5);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
