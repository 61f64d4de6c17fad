package dev.occam.runtime.segment;

/**
 * The segment a row falls in, numbered from 0, and the probability that it belongs there: the posterior
 * membership probability of a mixture model, {@code 1} for the single-segment baseline, and {@code NaN} for
 * methods that have no probability model (k-means, k-prototypes assign to the nearest centre).
 */
public record Assignment(int segment, double probability) {

    public Assignment {
        if (segment < 0) {
            throw new IllegalArgumentException("segment must be >= 0: " + segment);
        }
        if (!Double.isNaN(probability) && !(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1] or NaN: " + probability);
        }
    }

    /** True when the method gives a membership probability. */
    public boolean hasProbability() {
        return !Double.isNaN(probability);
    }
}
