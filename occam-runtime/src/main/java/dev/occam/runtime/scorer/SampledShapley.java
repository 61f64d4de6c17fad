package dev.occam.runtime.scorer;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Model-agnostic Shapley values by permutation sampling against a background sample (Štrumbelj &amp; Kononenko,
 * <i>Explaining prediction models and individual predictions with feature contributions</i>, Knowledge and
 * Information Systems 41, 2014): the value of a set S of feature groups is the mean of {@code f} over the
 * background rows with the groups in S set to the explained row's values. For every background row
 * {@code z}, a few random orders of the groups are walked from {@code z} to {@code x}, switching one group at
 * a time to the row's values; each group's contribution is the mean change of {@code f} when it switches.
 * Each walk adds up to {@code f(x) − f(z)} exactly, and every background row gets the same walks count, so the
 * contributions add up to {@code f(x) − mean f(background)}: the baseline is the mean over the background.
 * Orders come in antithetic pairs (an order and its reverse), which cancels much of the sampling noise, from a
 * generator with a fixed seed, so the same row always gets the same explanation.
 *
 * <p>Cost: {@code background rows × orders × (groups + 1)} evaluations of {@code f}.
 */
final class SampledShapley {

    /** Orders walked per background row: antithetic pairs, so even. */
    static final int ORDERS_PER_ROW = 2;
    /** The seed of the orders: fixed, so explanations are reproducible. */
    static final long SEED = 20140101L;

    private SampledShapley() {
    }

    /**
     * @param f the function explained, on the scale the attribution states
     * @param background rows of the function's input; at least one
     * @throws IllegalArgumentException when there is no background row or the grouping does not fit
     */
    static Attribution attribute(ToDoubleFunction<double[]> f, boolean logOdds, double[] x, double[][] background,
            int[] groupOf, int groups) {
        if (background.length == 0) {
            throw new IllegalArgumentException("Shapley sampling needs at least one background row");
        }
        Attribution.grouped(new double[x.length], groupOf, groups); // checks the grouping
        int[][] columns = columnsByGroup(groupOf, groups);
        SplittableRandom random = new SplittableRandom(SEED);
        double[] phi = new double[groups];
        int[] order = new int[groups];
        double baseline = 0;
        for (double[] z : background) {
            double start = f.applyAsDouble(z);
            baseline += start;
            for (int pair = 0; pair < ORDERS_PER_ROW / 2; pair++) {
                shuffle(order, random);
                walk(f, x, z, start, order, columns, phi, false);
                walk(f, x, z, start, order, columns, phi, true);
            }
        }
        double walks = (double) background.length * ORDERS_PER_ROW;
        for (int g = 0; g < groups; g++) {
            phi[g] /= walks;
        }
        return new Attribution(logOdds, f.applyAsDouble(x), baseline / background.length, phi);
    }

    private static void walk(ToDoubleFunction<double[]> f, double[] x, double[] z, double start, int[] order,
            int[][] columns, double[] phi, boolean reversed) {
        double[] w = z.clone();
        double previous = start;
        for (int k = 0; k < order.length; k++) {
            int g = order[reversed ? order.length - 1 - k : k];
            if (columns[g].length == 0) {
                continue;
            }
            for (int c : columns[g]) {
                w[c] = x[c];
            }
            double current = f.applyAsDouble(w);
            phi[g] += current - previous;
            previous = current;
        }
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static int[][] columnsByGroup(int[] groupOf, int groups) {
        int[] counts = new int[groups];
        for (int g : groupOf) {
            counts[g]++;
        }
        int[][] out = new int[groups][];
        for (int g = 0; g < groups; g++) {
            out[g] = new int[counts[g]];
            counts[g] = 0;
        }
        for (int c = 0; c < groupOf.length; c++) {
            int g = groupOf[c];
            out[g][counts[g]++] = c;
        }
        return out;
    }
}
