package dev.occam.core.evaluate;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Compares two learners scored on the same folds of repeated k-fold cross-validation, correcting for
 * the overlap of the training sets.
 *
 * <p>With d_j the per-fold differences (j = 1..kr), their mean d̄ and sample variance s²:
 * {@code t = d̄ / sqrt((1/(k·r) + n_test/n_train) · s²)} on k·r − 1 degrees of freedom, and the
 * confidence interval {@code d̄ ± t_{1−α/2, kr−1} · sqrt((1/(kr) + n_test/n_train) · s²)}.
 * The uncorrected paired t-test (without the n_test/n_train term) treats the folds as independent; they
 * are not, since training sets overlap, and it calls far too many differences significant. This is the
 * corrected resampled t-test of Nadeau &amp; Bengio, "Inference for the Generalization Error", Machine
 * Learning 52 (2003), in the repeated k-fold form of Bouckaert &amp; Frank, "Evaluating the Replicability
 * of Significance Tests for Comparing Learning Algorithms", PAKDD 2004 — Weka Experimenter's "Paired
 * T-Tester (corrected)".
 */
public final class CorrectedResampledTTest {

    private CorrectedResampledTTest() {
    }

    /**
     * The difference a − b and its test.
     *
     * @param meanDifference d̄
     * @param standardError sqrt((1/(kr) + n_test/n_train) · s²)
     * @param t d̄ / standardError (±∞ when every fold differs by the same non-zero amount, 0 when none differs)
     * @param degreesOfFreedom kr − 1
     * @param pValue two-sided
     * @param low lower end of the (1 − α) confidence interval of the difference
     * @param high upper end
     */
    public record Result(double meanDifference, double standardError, double t, int degreesOfFreedom, double pValue,
            double low, double high) {
    }

    /**
     * @param a per-fold values of the first learner
     * @param b per-fold values of the second, on the same folds in the same order
     * @param testTrainRatio n_test / n_train of the folds (1/(k−1) for k-fold)
     * @param alpha for the confidence interval, in (0, 1)
     * @throws IllegalArgumentException when the lengths differ, there are fewer than 2 folds, or a value is out of range
     */
    public static Result compare(double[] a, double[] b, double testTrainRatio, double alpha) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("the two learners have " + a.length + " and " + b.length + " fold values");
        }
        int n = a.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 folds to compare: " + n);
        }
        if (!(testTrainRatio > 0) || Double.isInfinite(testTrainRatio)) {
            throw new IllegalArgumentException("testTrainRatio must be > 0: " + testTrainRatio);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
        double mean = 0;
        for (int j = 0; j < n; j++) {
            mean += a[j] - b[j];
        }
        mean /= n;
        double ss = 0;
        for (int j = 0; j < n; j++) {
            double d = a[j] - b[j] - mean;
            ss += d * d;
        }
        double variance = ss / (n - 1);
        double se = Math.sqrt((1.0 / n + testTrainRatio) * variance);
        int df = n - 1;
        TDistribution dist = new TDistribution(df);
        double t;
        double p;
        if (se == 0) {
            t = mean == 0 ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, mean);
            p = mean == 0 ? 1.0 : 0.0;
        } else {
            t = mean / se;
            p = Math.min(1.0, 2.0 * dist.cumulativeProbability(-Math.abs(t)));
        }
        double q = dist.inverseCumulativeProbability(1 - alpha / 2);
        return new Result(mean, se, t, df, p, mean - q * se, mean + q * se);
    }
}
