package dev.occam.core.usecase;

import dev.occam.core.evaluate.Metric;
import java.util.Objects;

/**
 * What "good enough" means: the success metric and the bound the chosen model must reach on held-out
 * rows. The direction follows the metric: {@code at_least} for metrics where higher is better,
 * {@code at_most} for losses, so a bound can never be stated backwards.
 *
 * @param atLeast true for {@code at_least}, false for {@code at_most}
 */
public record Success(Metric metric, double bound, boolean atLeast) {

    public Success {
        Objects.requireNonNull(metric, "metric");
        String key = atLeast ? "success.at_least" : "success.at_most";
        if (atLeast != metric.higherIsBetter()) {
            throw new KeyedArgumentException(key, atLeast
                    ? "success.at_least is for metrics where higher is better; " + metric.key()
                            + " is a loss, so use at_most"
                    : "success.at_most is for losses; higher " + metric.key() + " is better, so use at_least");
        }
        if (!Double.isFinite(bound)) {
            throw new KeyedArgumentException(key, key + " must be a finite number: " + bound);
        }
        boolean inUnitInterval = bound >= 0 && bound <= 1;
        switch (metric.kind()) {
            case AUC, PR_AUC, RECALL_AT_PRECISION, ACCURACY, F1, BRIER -> {
                if (!inUnitInterval) {
                    throw new KeyedArgumentException(key, key + " must be in [0, 1] for " + metric.key()
                            + (bound > 1 && bound <= 100 ? " (a share, not a percentage)" : "") + ": " + bound);
                }
            }
            case LOGLOSS, RMSE, MAE, MAPE -> {
                if (bound < 0) {
                    throw new KeyedArgumentException(key, key + " must be >= 0 for " + metric.key() + ": " + bound);
                }
            }
            case R2 -> {
                if (bound > 1) {
                    throw new KeyedArgumentException(key, key + " must be <= 1 for r2: " + bound);
                }
            }
        }
    }

    /** Whether {@code value} of the metric meets the bound; NaN (an undefined metric) never does. */
    public boolean isMet(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return atLeast ? value >= bound : value <= bound;
    }

    /** The criterion as a person reads it, such as {@code auc at least 0.8}. */
    public String describe() {
        return metric.key() + (atLeast ? " at least " : " at most ") + bound;
    }
}
