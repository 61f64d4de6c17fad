package dev.occam.runtime.recommend;

import java.util.Arrays;

/**
 * What one user has seen: distinct item codes, each with a positive weight (1 per interaction, a count, or an
 * explicit rating). The items are kept in the order given; arrays are copied in and out.
 *
 * @param items distinct item codes, each at least 0
 * @param weights one finite positive weight per item
 */
public record History(int[] items, double[] weights) {

    /** A user with no history: every recommender answers with its popularity list, marked as such. */
    public static final History EMPTY = new History(new int[0], new double[0]);

    public History {
        if (items == null || weights == null) {
            throw new IllegalArgumentException("a history needs items and weights, got " + (items == null ? "no items" : "no weights"));
        }
        if (items.length != weights.length) {
            throw new IllegalArgumentException("a history needs one weight per item: " + items.length + " items, "
                    + weights.length + " weights");
        }
        items = items.clone();
        weights = weights.clone();
        int[] sorted = items.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < sorted.length; k++) {
            if (sorted[k] < 0) {
                throw new IllegalArgumentException("item codes must be >= 0, got " + sorted[k]);
            }
            if (k > 0 && sorted[k] == sorted[k - 1]) {
                throw new IllegalArgumentException("item " + sorted[k] + " appears twice in the history; add its weights into one entry");
            }
        }
        for (int k = 0; k < weights.length; k++) {
            if (!(weights[k] > 0) || Double.isInfinite(weights[k])) {
                throw new IllegalArgumentException("the weight of item " + items[k] + " must be finite and > 0, got " + weights[k]);
            }
        }
    }

    /** Items seen once each (weight 1). */
    public static History of(int... items) {
        double[] ones = new double[items.length];
        Arrays.fill(ones, 1.0);
        return new History(items, ones);
    }

    @Override
    public int[] items() {
        return items.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    public int size() {
        return items.length;
    }

    public boolean isEmpty() {
        return items.length == 0;
    }

    public int item(int k) {
        return items[k];
    }

    public double weight(int k) {
        return weights[k];
    }

    /** Which of {@code itemCount} items are in the history. @throws IllegalArgumentException naming an item outside the catalogue */
    boolean[] seenAmong(int itemCount) {
        boolean[] seen = new boolean[itemCount];
        for (int item : items) {
            if (item >= itemCount) {
                throw new IllegalArgumentException("item " + item + " is outside this model's catalogue of " + itemCount
                        + " items (codes 0.." + (itemCount - 1) + ")");
            }
            seen[item] = true;
        }
        return seen;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof History h && Arrays.equals(items, h.items) && Arrays.equals(weights, h.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(items) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "History" + Arrays.toString(items);
    }
}
