package dev.occam.core.evaluate;

import java.util.Arrays;

/**
 * Every row's held-out scores from cross-validation: for each repeat, the score the fold model that did
 * not see the row gave it, and that fold's decision threshold. Kept so that audits made after the
 * choice (fairness by group) read honest, out-of-fold predictions without refitting anything.
 *
 * <p>Layout: entry {@code repeat * rows + row}. Each repeat of k-fold scores every row exactly once, so
 * every entry is filled.
 *
 * @param rows rows of the evaluated table
 * @param repeats repeats of k-fold cross-validation
 * @param scores probability of the positive class (classification) or prediction, per (repeat, row)
 * @param thresholds the decision threshold of the fold model that scored the entry (NaN for multiclass)
 * @param classProbabilities multiclass: per (repeat, row), the K class probabilities of the fold model that
 *     scored it ({@code scores} then holds the called class's probability); null for the other tasks
 */
public record HeldOutScores(int rows, int repeats, double[] scores, double[] thresholds,
        double[][] classProbabilities) {

    /** Held-out scores of two-class classification or regression. */
    public HeldOutScores(int rows, int repeats, double[] scores, double[] thresholds) {
        this(rows, repeats, scores, thresholds, null);
    }

    public HeldOutScores {
        if (rows < 1 || repeats < 1) {
            throw new IllegalArgumentException("rows and repeats must be >= 1: " + rows + ", " + repeats);
        }
        if (scores.length != rows * repeats || thresholds.length != rows * repeats) {
            throw new IllegalArgumentException("expected " + rows * repeats + " scores and thresholds, got "
                    + scores.length + " and " + thresholds.length);
        }
        scores = scores.clone();
        thresholds = thresholds.clone();
        if (classProbabilities != null) {
            if (classProbabilities.length != rows * repeats) {
                throw new IllegalArgumentException("expected " + rows * repeats + " rows of class probabilities, got "
                        + classProbabilities.length);
            }
            classProbabilities = classProbabilities.clone();
        }
    }

    /** Multiclass: the class probabilities of (repeat, row); null for the other tasks. */
    public double[] classProbabilities(int repeat, int row) {
        return classProbabilities == null ? null : classProbabilities[repeat * rows + row].clone();
    }

    @Override
    public double[][] classProbabilities() {
        return classProbabilities == null ? null : classProbabilities.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    public double score(int repeat, int row) {
        return scores[repeat * rows + row];
    }

    public double threshold(int repeat, int row) {
        return thresholds[repeat * rows + row];
    }

    /** Whether the fold model called the row positive: score at or above its threshold, as {@code Model} does. */
    public boolean calledPositive(int repeat, int row) {
        int i = repeat * rows + row;
        return scores[i] >= thresholds[i];
    }

    /** Collects the held-out scores fold by fold; every (repeat, row) must be filled exactly once. */
    static final class Builder {
        private final int rows;
        private final int repeats;
        private final double[] scores;
        private final double[] thresholds;
        private final boolean[] filled;
        private double[][] classProbabilities;

        Builder(int rows, int repeats) {
            this.rows = rows;
            this.repeats = repeats;
            this.scores = new double[rows * repeats];
            this.thresholds = new double[rows * repeats];
            this.filled = new boolean[rows * repeats];
        }

        void add(Fold fold, double[] foldScores, double threshold) {
            int[] test = fold.test();
            for (int j = 0; j < test.length; j++) {
                int i = fold.repeat() * rows + test[j];
                scores[i] = foldScores[j];
                thresholds[i] = threshold;
                filled[i] = true;
            }
        }

        /** Multiclass: the fold's class probabilities, aligned with its test rows. */
        void addClasses(Fold fold, double[][] probabilities) {
            if (classProbabilities == null) {
                classProbabilities = new double[rows * repeats][];
            }
            int[] test = fold.test();
            for (int j = 0; j < test.length; j++) {
                classProbabilities[fold.repeat() * rows + test[j]] = probabilities[j];
            }
        }

        /** The scores, or null when the folds did not cover every (repeat, row) once (hand-made folds). */
        HeldOutScores build() {
            for (boolean f : filled) {
                if (!f) {
                    return null;
                }
            }
            return new HeldOutScores(rows, repeats, scores, thresholds, classProbabilities);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeldOutScores h && h.rows == rows && h.repeats == repeats
                && Arrays.equals(h.scores, scores) && Arrays.equals(h.thresholds, thresholds)
                && Arrays.deepEquals(h.classProbabilities, classProbabilities);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(scores) + Arrays.hashCode(thresholds);
    }

    @Override
    public String toString() {
        return "HeldOutScores[rows=" + rows + ", repeats=" + repeats + "]";
    }
}
