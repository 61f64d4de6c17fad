package dev.occam.spark;

import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.prep.Imputation;
import dev.occam.runtime.prep.IndicatorEncoding;
import dev.occam.runtime.prep.Transform;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The preparation a family's rows get before MLlib sees them, fitted on a fold's training rows and applied on the
 * executors: every missing value filled (a number with the training median, or for boosting with a value below
 * the training range, a category with its most frequent training level), then, for the families that need
 * numbers, each category as 0/1 indicators. It is exactly Occam's {@link Imputation} then
 * {@link IndicatorEncoding} ({@link #transforms}), so the model brought home reads raw rows as MLlib's model read
 * them. Serializable: Spark ships it to the executors inside the row mapping.
 */
final class Prep implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the family reads after the fill. */
    enum Kind {
        /** Encoded values as they are: numbers, and categories as level codes (trees split on them as categories). */
        CODES,
        /** Indicators without the first level (treatment contrasts, for models with an intercept). */
        CONTRASTS,
        /** An indicator for every level. */
        INDICATORS
    }

    private final Kind kind;
    private final double[] fill;
    /** Per raw feature, its number of levels; 0 for a number. */
    private final int[] levels;
    private final int width;

    Prep(Kind kind, double[] fill, int[] levels) {
        if (fill.length != levels.length) {
            throw new IllegalArgumentException(fill.length + " fill values for " + levels.length + " features");
        }
        this.kind = kind;
        this.fill = fill.clone();
        this.levels = levels.clone();
        int w = 0;
        for (int l : levels) {
            w += l == 0 || kind == Kind.CODES ? 1 : kind == Kind.CONTRASTS ? l - 1 : l;
        }
        this.width = w;
    }

    static int[] levelCounts(Schema schema) {
        int[] out = new int[schema.size()];
        for (int j = 0; j < out.length; j++) {
            Feature f = schema.feature(j);
            out[j] = f.isCategorical() ? f.levels().size() : 0;
        }
        return out;
    }

    Kind kind() {
        return kind;
    }

    /** How many values a prepared row has. */
    int width() {
        return width;
    }

    /** Per prepared column, whether it is a number (rather than a category's code or indicator). */
    boolean[] numbers() {
        boolean[] out = new boolean[width];
        int at = 0;
        for (int l : levels) {
            if (l == 0 || kind == Kind.CODES) {
                out[at++] = l == 0;
            } else {
                at += kind == Kind.CONTRASTS ? l - 1 : l;
            }
        }
        return out;
    }

    double fill(int j) {
        return fill[j];
    }

    /** One encoded row (NaN for missing) as the family reads it; the same arithmetic as {@link #transforms}. */
    double[] apply(double[] x) {
        double[] out = new double[width];
        int at = 0;
        for (int j = 0; j < x.length; j++) {
            double v = Double.isNaN(x[j]) ? fill[j] : x[j];
            if (levels[j] == 0 || kind == Kind.CODES) {
                out[at++] = v;
                continue;
            }
            int first = kind == Kind.CONTRASTS ? 1 : 0;
            int code = (int) v;
            if (code >= first) {
                out[at + code - first] = 1.0;
            }
            at += levels[j] - first;
        }
        return out;
    }

    /** The same preparation as Occam's runtime steps, reading rows of {@code raw}. */
    List<Transform> transforms(Schema raw) {
        List<Transform> out = new ArrayList<>();
        out.add(new Imputation(raw, fill));
        if (kind != Kind.CODES) {
            out.add(new IndicatorEncoding(raw, kind == Kind.CONTRASTS));
        }
        return out;
    }

    /** The schema the family's model reads: {@code raw} itself, or its indicator columns. */
    Schema prepared(Schema raw) {
        return kind == Kind.CODES ? raw : new IndicatorEncoding(raw, kind == Kind.CONTRASTS).output();
    }
}
