package dev.occam.core.evaluate;

import java.util.Arrays;
import java.util.List;

/**
 * The decision threshold that minimises the expected cost of wrong calls on out-of-fold predictions, and the cost
 * it reaches. A row is called positive when its score is at or above the threshold (as {@code Model} calls it); a
 * false positive costs {@code falsePositive}, a false negative {@code falseNegative}, a right call nothing. This
 * is the empirical version of the Bayes decision rule, which on calibrated probabilities would put the threshold
 * at c_FP / (c_FP + c_FN) (Elkan 2001, "The foundations of cost-sensitive learning"); measuring it on the scores
 * as they are works for an uncalibrated model too.
 *
 * <p>Honest estimate ({@link #inFolds}): each fold's threshold is chosen on the held-out scores of the other folds
 * of its repeat and judged on this fold's, so no row's outcome chooses the threshold it is judged at (those other
 * folds' scores came from models that saw this fold's rows: the same small remaining dependence as
 * {@code CalibrationChoice}'s). The final model's threshold is chosen on every out-of-fold score ({@link #best}).
 */
public final class CostThreshold {

    private CostThreshold() {
    }

    /**
     * A threshold and the mean cost per row it reaches on the rows it was chosen on.
     *
     * @param threshold in [0, 1] for probabilities; a row scoring at or above it is called positive
     * @param costPerRow total cost / rows
     */
    public record Choice(double threshold, double costPerRow) {
    }

    /**
     * The threshold with the lowest total cost on these rows. The candidates are every cut between two adjacent
     * distinct scores (their midpoint, so a new score falls on the side of the nearer one), calling every row
     * positive (the lowest score) and calling none (just above the highest score, or 1 when the highest is 1).
     * Ties in cost go to the highest threshold: the fewest positive calls for the same cost.
     *
     * @param truth 1.0 for the positive class, 0.0 otherwise
     * @param score the positive class's scores
     * @throws IllegalArgumentException on misaligned or empty arrays, or a negative cost
     */
    public static Choice best(double[] truth, double[] score, double falsePositive, double falseNegative) {
        int n = truth.length;
        if (n != score.length || n == 0) {
            throw new IllegalArgumentException("need as many scores as truths, at least one: " + n + " and "
                    + score.length);
        }
        if (!(falsePositive >= 0 && falseNegative >= 0)) {
            throw new IllegalArgumentException("costs must be >= 0: " + falsePositive + ", " + falseNegative);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        long positives = 0;
        for (double t : truth) {
            positives += t == 1.0 ? 1 : 0;
        }
        // Calling none positive: every positive is a false negative.
        double highest = score[order[0]];
        double bestThreshold = highest < 1 ? Math.min(1.0, Math.nextUp(highest)) : 1.0;
        long tp = 0;
        long fp = 0;
        double bestCost = highest < 1 ? falseNegative * positives : Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && score[order[j]] == score[order[i]]) {
                if (truth[order[j]] == 1.0) {
                    tp++;
                } else {
                    fp++;
                }
                j++;
            }
            // Rows order[0..j) are called positive: the cut lies between this score and the next lower one.
            double cost = falsePositive * fp + falseNegative * (positives - tp);
            if (cost < bestCost) {
                bestCost = cost;
                double here = score[order[i]];
                bestThreshold = j < n ? (here + score[order[j]]) / 2 : here;
                if (j < n && !((here + score[order[j]]) / 2 > score[order[j]])) {
                    bestThreshold = here; // adjacent doubles: the midpoint rounds onto the lower score
                }
            }
            i = j;
        }
        return new Choice(bestThreshold, bestCost / n);
    }

    /** The cost per row of calling at {@code threshold}. */
    public static double costPerRow(double[] truth, double[] score, double threshold, double falsePositive,
            double falseNegative) {
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean called = score[i] >= threshold;
            boolean positive = truth[i] == 1.0;
            if (called && !positive) {
                fp++;
            } else if (!called && positive) {
                fn++;
            }
        }
        return (falsePositive * fp + falseNegative * fn) / truth.length;
    }

    /**
     * Each fold's threshold chosen on the other folds of its repeat and its cost per row on this fold's held-out
     * scores, in the order of {@code folds}.
     *
     * @param thresholds filled with each fold's threshold
     * @param costs filled with each fold's cost per row
     * @return the held-out scores with every row's threshold replaced by its fold's cost threshold, so that
     *     audits read the decisions the costs make
     */
    public static HeldOutScores inFolds(HeldOutScores heldOut, double[] truth, List<Fold> folds,
            double falsePositive, double falseNegative, double[] thresholds, double[] costs) {
        int rows = heldOut.rows();
        double[] newThresholds = heldOut.thresholds();
        for (int f = 0; f < folds.size(); f++) {
            Fold fold = folds.get(f);
            boolean[] inFold = new boolean[rows];
            for (int r : fold.test()) {
                inFold[r] = true;
            }
            int others = rows - fold.test().length;
            double[] otherTruth = new double[others];
            double[] otherScore = new double[others];
            for (int r = 0, j = 0; r < rows; r++) {
                if (!inFold[r]) {
                    otherTruth[j] = truth[r];
                    otherScore[j++] = heldOut.score(fold.repeat(), r);
                }
            }
            double t = best(otherTruth, otherScore, falsePositive, falseNegative).threshold();
            int[] test = fold.test();
            double[] foldTruth = new double[test.length];
            double[] foldScore = new double[test.length];
            for (int j = 0; j < test.length; j++) {
                foldTruth[j] = truth[test[j]];
                foldScore[j] = heldOut.score(fold.repeat(), test[j]);
                newThresholds[fold.repeat() * rows + test[j]] = t;
            }
            thresholds[f] = t;
            costs[f] = costPerRow(foldTruth, foldScore, t, falsePositive, falseNegative);
        }
        return new HeldOutScores(rows, heldOut.repeats(), heldOut.scores(), newThresholds,
                heldOut.classProbabilities());
    }

    /** Every out-of-fold score of every repeat with its row's truth, for the final model's threshold. */
    public static Choice pooled(HeldOutScores heldOut, double[] truth, double falsePositive, double falseNegative) {
        int rows = heldOut.rows();
        double[] pooledTruth = new double[rows * heldOut.repeats()];
        for (int r = 0; r < heldOut.repeats(); r++) {
            System.arraycopy(truth, 0, pooledTruth, r * rows, rows);
        }
        return best(pooledTruth, heldOut.scores(), falsePositive, falseNegative);
    }
}
