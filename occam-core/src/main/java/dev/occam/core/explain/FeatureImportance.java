package dev.occam.core.explain;

import java.util.Objects;

/**
 * The permutation importance of one raw feature: how much the metric got worse when the feature's
 * values were shuffled among the held-out rows.
 *
 * @param feature the raw column name (a categorical column counts once, whatever its encoding)
 * @param meanDrop mean over every (fold, shuffle) of the metric's loss, signed so that a positive value
 *     means the model did worse without the feature, whether the metric is better high (AUC) or low
 *     (RMSE); about 0 for a feature the model ignores, and it may be slightly negative by chance
 * @param standardDeviation sample standard deviation of those losses (divisor n − 1), NaN for one value
 * @param evaluations how many (fold, shuffle) losses were averaged (undefined ones, such as AUC on a fold
 *     with one class, are left out)
 */
public record FeatureImportance(String feature, double meanDrop, double standardDeviation, int evaluations) {

    public FeatureImportance {
        Objects.requireNonNull(feature, "feature");
        if (evaluations < 0) {
            throw new IllegalArgumentException("evaluations must be >= 0: " + evaluations);
        }
    }
}
