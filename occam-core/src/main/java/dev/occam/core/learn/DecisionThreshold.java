package dev.occam.core.learn;

import dev.occam.runtime.OrderStatistics;
import java.util.Arrays;

/**
 * The default decision threshold: the probability at or above which the share of training rows called
 * positive equals the share that are positive. It keeps a rare class from never being called; the use
 * case can state its own threshold instead.
 */
public final class DecisionThreshold {

    private DecisionThreshold() {
    }

    /**
     * @param trainingScores the model's scores on its own training rows
     * @param positiveShare the share of positive rows in training, in [0, 1]
     */
    public static double matchingPositiveShare(double[] trainingScores, double positiveShare) {
        if (!(positiveShare >= 0 && positiveShare <= 1)) {
            throw new IllegalArgumentException("positiveShare must be in [0, 1]: " + positiveShare);
        }
        if (trainingScores.length == 0) {
            return 0.5;
        }
        int n = trainingScores.length;
        int positives = (int) Math.round(positiveShare * n);
        // One order statistic of the sorted scores, selected rather than sorted for (the same value); a NaN score
        // (which a sort puts last) is sorted as before.
        int position = positives <= 0 ? n - 1 : n - positives;
        double[] copy = trainingScores.clone();
        boolean anyNaN = false;
        for (double v : copy) {
            anyNaN |= Double.isNaN(v);
        }
        double at;
        if (anyNaN) {
            Arrays.sort(copy);
            at = copy[position];
        } else {
            at = OrderStatistics.at(copy, n, new int[] {position})[0];
        }
        if (positives <= 0) {
            return Math.min(1.0, Math.nextUp(at));
        }
        // The k-th largest score: every row scoring at least this is called positive.
        return Math.max(0.0, Math.min(1.0, at));
    }
}
