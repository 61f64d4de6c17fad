package dev.occam.core.evaluate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded samples of rows, so that work on a large table stops growing with it. */
public final class RowSample {

    private RowSample() {
    }

    /**
     * {@code size} of {@code rows} drawn uniformly without replacement, in ascending order: the first {@code size}
     * places of a seeded partial Fisher–Yates shuffle. {@code rows} itself when it has no more than {@code size}.
     */
    public static int[] of(int[] rows, int size, long seed) {
        if (rows.length <= size) {
            return rows;
        }
        int[] copy = rows.clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(copy.length - i);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        int[] sample = Arrays.copyOf(copy, size);
        Arrays.sort(sample);
        return sample;
    }

    /** {@link #of(int[], int, long)} of the rows 0..n-1. */
    public static int[] ofFirst(int n, int size, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return of(all, size, seed);
    }
}
