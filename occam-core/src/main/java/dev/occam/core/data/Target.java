package dev.occam.core.data;

import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Frame;
import java.util.Objects;

/**
 * The values to learn, aligned with a frame's rows: 1.0 / 0.0 for the positive / negative class, the class
 * code 0..K-1 (the index of the class in {@link TargetInfo#levels()}) for multiclass, or the number to predict. No value is missing (rows with a missing target are dropped when loading).
 */
public record Target(TargetInfo info, double[] values) {

    public Target {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(values, "values");
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("target '" + info.name() + "' is missing at row " + i);
            }
            if (info.isClassification() && v != 0.0 && v != 1.0) {
                throw new IllegalArgumentException("classification target '" + info.name() + "' must be 0 or 1, row "
                        + i + " is " + v);
            }
            if (info.isMulticlass() && !(v >= 0 && v < info.classCount() && v == Math.rint(v))) {
                throw new IllegalArgumentException("multiclass target '" + info.name() + "' must be a class code in 0.."
                        + (info.classCount() - 1) + ", row " + i + " is " + v);
            }
        }
    }

    public int size() {
        return values.length;
    }

    /** Two-class classification (see {@link TargetInfo#isClassification()}). */
    public boolean isClassification() {
        return info.isClassification();
    }

    public boolean isMulticlass() {
        return info.isMulticlass();
    }

    /** The classes to stratify folds on (two classes or multiclass), or null for a number. */
    public double[] strata() {
        return info.task().isCategorical() ? values : null;
    }

    /** Multiclass: each row's class code. @throws IllegalStateException for the other tasks */
    public int[] classCodes() {
        if (!isMulticlass()) {
            throw new IllegalStateException(info.name() + " is not a multiclass target");
        }
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }

    /** Multiclass: the share of the rows in each class, in level order. */
    public double[] classShares() {
        double[] share = new double[info.classCount()];
        for (double v : values) {
            share[(int) v] += 1.0 / values.length;
        }
        return share;
    }

    public double value(int i) {
        return values[i];
    }

    /** The given rows, in the given order. */
    public Target select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new Target(info, out);
    }

    /**
     * Checks that a frame of features has one row per target value; every learner's {@code fit} starts here.
     *
     * @throws IllegalArgumentException naming both row counts when they differ
     */
    public void requireRowsOf(Frame features) {
        if (features.rows() != values.length) {
            throw new IllegalArgumentException("features have " + features.rows() + " rows, the target has "
                    + values.length);
        }
    }

    /**
     * Each row's balanced class weight, {@code n / (K n_c)} for a row of class {@code c} (K classes, {@code n_c}
     * rows in class c): scikit-learn's {@code class_weight="balanced"}, so that every class carries the same total
     * weight {@code n / K} and the weights add up to n. A class with no rows gets no weight (it has no rows).
     *
     * @throws IllegalStateException for a regression target, which has no classes
     */
    public double[] balancedWeights() {
        if (!info.task().isCategorical()) {
            throw new IllegalStateException(info.name() + " is a number, not classes to weigh");
        }
        int classes = isMulticlass() ? info.classCount() : 2;
        int[] count = new int[classes];
        for (double v : values) {
            count[(int) v]++;
        }
        int present = 0;
        for (int c : count) {
            present += c > 0 ? 1 : 0;
        }
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            // K counts the classes present, so that weights add up to n also in a fold that lacks a class.
            out[i] = (double) values.length / (present * count[(int) values[i]]);
        }
        return out;
    }

    /** Share of the positive class (classification) or mean (regression). */
    public double mean() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return values.length == 0 ? Double.NaN : s / values.length;
    }
}
