package dev.occam.core.evaluate;

import dev.occam.runtime.Model;
import dev.occam.runtime.PredictionInterval;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * A regression model's prediction interval from the out-of-fold residuals cross-validation already kept
 * ({@link HeldOutScores}): nothing is refitted.
 *
 * <p><b>Method</b> ({@link PredictionInterval#METHOD_CV_RESIDUAL}): with N absolute residuals |y − ŷ₋fold| (every
 * row once per repeat, r repeats pooled, so N = n·r), the half width is their ⌈(N + 1)·level⌉-th smallest, the
 * finite-sample rank of split conformal prediction (Lei, G'Sell, Rinaldo, Tibshirani &amp; Wasserman 2018, JASA
 * 113), and the interval is the refitted model's prediction ± that half width. This is the "CV" residual
 * method of Barber, Candès, Ramdas &amp; Tibshirani (2021), "Predictive inference with the jackknife+", Annals of
 * Statistics 49.
 *
 * <p><b>Guarantee</b>: none in finite samples. The residuals come from the fold models, the prediction from the
 * model refitted on all rows; Barber et al. show such intervals can under-cover when the refit is unstable, and
 * give CV+ (1 − 2α guaranteed) instead, which needs every fold model at prediction time (they are not kept).
 * Pooling the repeats counts each row r times, so the (N + 1) correction is the split-conformal rank by analogy,
 * not a theorem. The interval is marginal (averaged over rows, one width for all) and assumes new rows are
 * exchangeable with the training rows. Hence {@link #outOfFoldCoverage}: how often the same construction,
 * made from the other folds of a repeat, covered each fold's rows.
 */
public final class CvResidualInterval {

    private CvResidualInterval() {
    }

    /**
     * The ⌈(n + 1)·level⌉-th smallest value, or +∞ when that rank exceeds n (too few residuals for the level: the
     * conformal interval is then the whole line). NaN residuals (a failed prediction) count as +∞.
     *
     * @param absoluteResiduals |y − ŷ|, not modified
     * @throws IllegalArgumentException when level is not in (0, 1) or there are no residuals
     */
    public static double halfWidth(double[] absoluteResiduals, double level) {
        int n = absoluteResiduals.length;
        if (n == 0) {
            throw new IllegalArgumentException("no residuals to take an interval from");
        }
        long k = rank(n, level);
        if (k > n) {
            return Double.POSITIVE_INFINITY;
        }
        double[] sorted = absoluteResiduals.clone();
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(sorted[i])) {
                sorted[i] = Double.POSITIVE_INFINITY;
            }
        }
        Arrays.sort(sorted);
        return sorted[(int) k - 1];
    }

    /**
     * ⌈(n + 1)·level⌉ in decimal arithmetic: with the level as written (0.9), not its binary neighbour, so
     * (9 + 1)·0.9 is exactly rank 9.
     *
     * @throws IllegalArgumentException when level is not in (0, 1)
     */
    public static long rank(int n, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must be in (0, 1): " + level);
        }
        return BigDecimal.valueOf(level).multiply(BigDecimal.valueOf(n + 1L)).setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    /** The fewest residuals with a finite half width at this level: the least n with ⌈(n + 1)·level⌉ <= n. */
    public static int fewestResiduals(double level) {
        int n = 1;
        while (rank(n, level) > n) {
            n++;
        }
        return n;
    }

    /** Every |y − held-out prediction|, repeat by repeat (entry {@code repeat * rows + row}). */
    public static double[] absoluteResiduals(double[] actual, HeldOutScores heldOut) {
        requireRows(actual, heldOut);
        double[] out = new double[heldOut.rows() * heldOut.repeats()];
        for (int r = 0; r < heldOut.repeats(); r++) {
            for (int i = 0; i < heldOut.rows(); i++) {
                out[r * heldOut.rows() + i] = Math.abs(actual[i] - heldOut.score(r, i));
            }
        }
        return out;
    }

    /**
     * For each fold of each repeat: the half width from the other folds' residuals of the same repeat, and the
     * share of the fold's rows whose residual is at most that (ties count as covered, as the closed interval
     * does). An infinite half width (too few rows in the other folds) covers every row.
     *
     * @return one share per fold, in the order of {@code folds}
     * @throws IllegalArgumentException when the folds do not match the held-out scores
     */
    public static double[] foldCoverage(double[] actual, HeldOutScores heldOut, List<Fold> folds, double level) {
        double[] residuals = absoluteResiduals(actual, heldOut);
        int n = heldOut.rows();
        double[] out = new double[folds.size()];
        for (int f = 0; f < out.length; f++) {
            Fold fold = folds.get(f);
            if (fold.repeat() < 0 || fold.repeat() >= heldOut.repeats()) {
                throw new IllegalArgumentException("fold of repeat " + (fold.repeat() + 1) + ", but the held-out"
                        + " scores have " + heldOut.repeats() + " repeats");
            }
            int[] test = fold.test();
            if (test.length == 0 || test.length >= n) {
                throw new IllegalArgumentException("fold " + (fold.index() + 1) + " holds out " + test.length
                        + " of " + n + " rows; it must hold out some, not all");
            }
            boolean[] held = new boolean[n];
            for (int i : test) {
                held[i] = true;
            }
            double[] others = new double[n - test.length];
            int o = 0;
            int base = fold.repeat() * n;
            for (int i = 0; i < n; i++) {
                if (!held[i]) {
                    others[o++] = residuals[base + i];
                }
            }
            double q = halfWidth(others, level);
            int covered = 0;
            for (int i : test) {
                covered += residuals[base + i] <= q ? 1 : 0;
            }
            out[f] = (double) covered / test.length;
        }
        return out;
    }

    /** {@link #foldCoverage} summarised: mean, lowest and highest fold share. */
    public static PredictionInterval.Coverage outOfFoldCoverage(double[] actual, HeldOutScores heldOut,
            List<Fold> folds, double level) {
        double[] shares = foldCoverage(actual, heldOut, folds, level);
        if (shares.length == 0) {
            throw new IllegalArgumentException("no folds to measure coverage on");
        }
        double sum = 0;
        double min = 1;
        double max = 0;
        for (double s : shares) {
            sum += s;
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        // The mean of shares in [min, max] can round a hair outside them; keep the record's order true.
        double mean = Math.min(max, Math.max(min, sum / shares.length));
        return new PredictionInterval.Coverage(mean, min, max, shares.length);
    }

    /**
     * The interval at {@code level} from every out-of-fold residual, with its out-of-fold coverage.
     *
     * @throws IllegalArgumentException when there are too few residuals for the level (naming how many it
     *     needs), or the folds do not match the held-out scores
     */
    public static PredictionInterval of(double[] actual, HeldOutScores heldOut, List<Fold> folds, double level) {
        double[] residuals = absoluteResiduals(actual, heldOut);
        double q = halfWidth(residuals, level);
        if (Double.isInfinite(q)) {
            boolean failed = Arrays.stream(residuals).anyMatch(Double::isNaN);
            throw new IllegalArgumentException(failed
                    ? "some held-out predictions are not numbers, so the " + PredictionInterval.percent(level)
                            + "% interval would be unbounded"
                    : "a " + PredictionInterval.percent(level) + "% interval needs at least "
                            + fewestResiduals(level) + " out-of-fold residuals, and there are " + residuals.length);
        }
        return new PredictionInterval(level, q, PredictionInterval.METHOD_CV_RESIDUAL, residuals.length,
                outOfFoldCoverage(actual, heldOut, folds, level));
    }

    /**
     * The refitted model with the interval of its candidate's cross-validation (what {@code occam fit} does for
     * the chosen regression model).
     *
     * @param refit the model refitted on all rows
     * @param evaluation the same learner's cross-validation on {@code folds}, with its held-out scores
     * @throws IllegalArgumentException when the evaluation kept no held-out scores, or as {@link #of}
     */
    public static Model attach(Model refit, Evaluation evaluation, double[] actual, List<Fold> folds, double level) {
        if (evaluation.heldOut() == null) {
            throw new IllegalArgumentException(evaluation.id() + " kept no held-out predictions");
        }
        return refit.withInterval(of(actual, evaluation.heldOut(), folds, level));
    }

    private static void requireRows(double[] actual, HeldOutScores heldOut) {
        if (actual.length != heldOut.rows()) {
            throw new IllegalArgumentException(actual.length + " actual values for " + heldOut.rows()
                    + " rows of held-out scores");
        }
    }
}
