package dev.occam.core.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Repeated (stratified) k-fold splits, a pure function of (seed, n, k, repeats, classes): the same
 * arguments always give the same folds, on any machine, so every learner is scored on identical rows
 * and a paired test can compare them fold by fold.
 *
 * <p>Stratified: each class's rows are shuffled and dealt round-robin into the k folds, continuing
 * the deal across classes, so every fold keeps the class shares (to within one row) and fold sizes
 * differ by at most one. Each repeat shuffles with its own generator derived from the seed.
 */
public final class Folds {

    private Folds() {
    }

    /**
     * @param classes class of each row (0/1 for a binary target) to stratify on, or null for plain k-fold
     *     (regression)
     * @throws IllegalArgumentException when k or repeats is out of range, or a class has fewer rows than k
     */
    public static List<Fold> repeatedKFold(long seed, int n, int k, int repeats, double[] classes) {
        if (k < 2) {
            throw new IllegalArgumentException("folds must be >= 2: " + k);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1: " + repeats);
        }
        if (n < k) {
            throw new IllegalArgumentException("cannot make " + k + " folds from " + n + " rows");
        }
        if (classes != null && classes.length != n) {
            throw new IllegalArgumentException("classes has " + classes.length + " values for " + n + " rows");
        }
        List<int[]> strata = strata(n, classes, k);
        List<Fold> folds = new ArrayList<>(k * repeats);
        for (int r = 0; r < repeats; r++) {
            SplittableRandom random = new SplittableRandom(mix(seed, r));
            int[] assignment = new int[n];
            int deal = 0;
            for (int[] stratum : strata) {
                int[] rows = stratum.clone();
                shuffle(rows, random);
                for (int row : rows) {
                    assignment[row] = deal % k;
                    deal++;
                }
            }
            folds.addAll(fromAssignment(r, assignment, k));
        }
        return folds;
    }

    /** The k folds of one repeat from each row's fold number: fold f validates on the rows assigned to it. */
    static List<Fold> fromAssignment(int repeat, int[] assignment, int k) {
        int n = assignment.length;
        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int testSize = 0;
            for (int a : assignment) {
                if (a == f) {
                    testSize++;
                }
            }
            int[] test = new int[testSize];
            int[] train = new int[n - testSize];
            int ti = 0;
            int tr = 0;
            for (int i = 0; i < n; i++) {
                if (assignment[i] == f) {
                    test[ti++] = i;
                } else {
                    train[tr++] = i;
                }
            }
            folds.add(new Fold(repeat, f, train, test));
        }
        return folds;
    }

    private static List<int[]> strata(int n, double[] classes, int k) {
        List<int[]> strata = new ArrayList<>();
        if (classes == null) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            strata.add(all);
            return strata;
        }
        double[] distinct = Arrays.stream(classes).distinct().sorted().toArray();
        for (double c : distinct) {
            int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> classes[i] == c).toArray();
            if (rows.length < k) {
                throw new IllegalArgumentException("class " + (c == 1.0 ? "positive" : c == 0.0 ? "negative" : c)
                        + " has " + rows.length + " rows, fewer than the " + k + " folds");
            }
            strata.add(rows);
        }
        return strata;
    }

    /** A well-spread seed for repeat r (SplitMix64's finaliser), so nearby seeds give unrelated folds. */
    static long mix(long seed, int repeat) {
        long z = seed + 0x9E3779B97F4A7C15L * (repeat + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
