package dev.occam.runtime.segment;

import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an encoded row (one value per column, in {@link #columns()} order: numbers as they are, categories as
 * their level code, {@code NaN} for missing) becomes the prepared row a {@link Segmenter} reads: first the numeric
 * block (each numeric column standardised, after {@code log1p} where recorded; each one-hot level as a 0/1
 * indicator), then the level codes of the columns kept as prototypes.
 *
 * <p>Missing values: a missing number becomes 0, the standardised centre (mean imputation, so it pulls towards
 * no segment in particular); a missing or unseen level sets no one-hot indicator, and as a prototype code
 * ({@code -1}) it matches no mode and adds nothing to any distance.
 */
public record SegmentPreparation(List<ColumnStep> columns) {

    /** What is done to one column. */
    public enum Handling {
        /** {@code (x - centre) / scale}. */
        STANDARDISE,
        /** {@code (log1p(x) - centre) / scale}, for strongly right-skewed non-negative amounts. */
        LOG1P_THEN_STANDARDISE,
        /** One 0/1 indicator per level (each indicator multiplied by {@code scale}). */
        ONE_HOT,
        /** The level code kept as is, compared by matching (k-prototypes). */
        PROTOTYPE,
        /** Not used by the segmentation (recorded so the encoded row keeps its layout). */
        DROP
    }

    /**
     * @param column the column's name
     * @param handling what is done to it
     * @param centre the mean subtracted (numeric handlings), else 0
     * @param scale the standard deviation divided by (numeric), the indicator's value (one-hot), else 1
     * @param levels the levels in code order (one-hot, prototype), else empty
     * @param why the reason in words, for the report ("right-skewed (skewness 2.3) and never negative")
     */
    public record ColumnStep(String column, Handling handling, double centre, double scale, List<String> levels,
            String why) {

        public ColumnStep {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(handling, "handling");
            levels = levels == null ? List.of() : List.copyOf(levels);
            why = why == null ? "" : why;
            if (!Double.isFinite(centre)) {
                throw new IllegalArgumentException("column '" + column + "': centre must be finite: " + centre);
            }
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("column '" + column + "': scale must be finite and > 0: " + scale);
            }
            if ((handling == Handling.ONE_HOT || handling == Handling.PROTOTYPE) && levels.isEmpty()) {
                throw new IllegalArgumentException("column '" + column + "': " + handling + " needs its levels");
            }
        }

        /** What is done, in words: "log1p, then standardised (centre 5.73, scale 1.12)". */
        public String words() {
            String what = switch (handling) {
                case STANDARDISE -> "standardised (mean " + Json.number(centre) + ", standard deviation " + Json.number(scale) + ")";
                case LOG1P_THEN_STANDARDISE -> "log(1 + x), then standardised (mean " + Json.number(centre)
                        + ", standard deviation " + Json.number(scale) + ")";
                case ONE_HOT -> "one indicator per level (" + levels.size() + " levels)";
                case PROTOTYPE -> "compared by level (k-prototypes mode, " + levels.size() + " levels)";
                case DROP -> "not used";
            };
            return column + ": " + what + (why.isEmpty() ? "" : " because " + why);
        }
    }

    public SegmentPreparation {
        columns = List.copyOf(columns);
    }

    /** How many values {@link #prepare} puts in the numeric block. */
    public int numericDimension() {
        int n = 0;
        for (ColumnStep c : columns) {
            n += switch (c.handling()) {
                case STANDARDISE, LOG1P_THEN_STANDARDISE -> 1;
                case ONE_HOT -> c.levels().size();
                case PROTOTYPE, DROP -> 0;
            };
        }
        return n;
    }

    /** How many level codes follow the numeric block. */
    public int prototypeCount() {
        return (int) columns.stream().filter(c -> c.handling() == Handling.PROTOTYPE).count();
    }

    /** The names of the numeric block's values: the column, or "column=level" for an indicator. */
    public List<String> numericNames() {
        List<String> out = new ArrayList<>();
        for (ColumnStep c : columns) {
            switch (c.handling()) {
                case STANDARDISE, LOG1P_THEN_STANDARDISE -> out.add(c.column());
                case ONE_HOT -> c.levels().forEach(l -> out.add(c.column() + "=" + l));
                default -> { }
            }
        }
        return out;
    }

    /** The prepared row of one encoded row. @throws IllegalArgumentException when its length is wrong */
    public double[] prepare(double[] encoded) {
        if (encoded.length != columns.size()) {
            throw new IllegalArgumentException("expected an encoded row of " + columns.size() + " values (" + names()
                    + "), got " + encoded.length);
        }
        double[] out = new double[numericDimension() + prototypeCount()];
        int at = 0;
        for (int j = 0; j < encoded.length; j++) {
            ColumnStep c = columns.get(j);
            double v = encoded[j];
            switch (c.handling()) {
                case STANDARDISE -> out[at++] = Double.isNaN(v) ? 0 : (v - c.centre()) / c.scale();
                case LOG1P_THEN_STANDARDISE -> out[at++] = Double.isNaN(v) ? 0
                        : (Math.log1p(Math.max(v, 0)) - c.centre()) / c.scale();
                case ONE_HOT -> {
                    if (!Double.isNaN(v) && v >= 0 && v < c.levels().size()) {
                        out[at + (int) v] = c.scale();
                    }
                    at += c.levels().size();
                }
                default -> { }
            }
        }
        for (int j = 0; j < encoded.length; j++) {
            if (columns.get(j).handling() == Handling.PROTOTYPE) {
                double v = encoded[j];
                out[at++] = Double.isNaN(v) || v < 0 || v >= columns.get(j).levels().size() ? -1 : (int) v;
            }
        }
        return out;
    }

    /** The columns' names in order. */
    public List<String> names() {
        return columns.stream().map(ColumnStep::column).toList();
    }

    /** Every column's preparation in words, one sentence each. */
    public List<String> words() {
        return columns.stream().map(ColumnStep::words).toList();
    }
}
