package dev.occam.core.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How rows are split into training and validation folds. Each splitter is a pure function of its arguments,
 * so every candidate is scored on identical rows and the paired comparison is fold by fold.
 *
 * <ul>
 *   <li>{@link KFold}: repeated (stratified) k-fold, rows exchangeable.</li>
 *   <li>{@link GroupedKFold}: all rows of a group (a customer, a store) fall in the same fold, so a group seen in
 *       training never scores itself: the question "how well does it do on customers it has not seen".</li>
 *   <li>{@link TimeOrdered}: train on the past, validate on the next period, with an expanding window
 *       (Tashman 2000, "Out-of-sample tests of forecasting accuracy"): the question "how well would it have done
 *       had we deployed it then".</li>
 * </ul>
 */
public sealed interface Splitter permits Splitter.KFold, Splitter.GroupedKFold, Splitter.TimeOrdered {

    /**
     * @param classes each row's class to stratify on (0/1), or null (regression)
     * @throws IllegalArgumentException when the rows cannot be split as asked (the message says why)
     */
    List<Fold> folds(int n, double[] classes);

    /** The design in words, for the card: "stratified 5-fold cross-validation, repeated 2 times". */
    String describe(boolean stratified);

    /** Folds per repeat. */
    int k();

    /** Repeats of the whole split (1 for time-ordered folds). */
    int repeats();

    /** The design in a few characters, for a table heading: "5x2 CV", "4 time folds". */
    default String shortName() {
        return k() + "x" + repeats() + " CV";
    }

    /** The test that compares two candidates on these folds, and why it fits them. */
    default String comparison() {
        return "corrected resampled t-test (Nadeau & Bengio 2003; Bouckaert & Frank 2004): the training sets of "
                + "the folds overlap, so the variance of the mean difference is inflated by n_test/n_train";
    }

    /** Repeated k-fold, stratified by class when classes are given (see {@link Folds}). */
    record KFold(long seed, int k, int repeats) implements Splitter {
        @Override
        public List<Fold> folds(int n, double[] classes) {
            return Folds.repeatedKFold(seed, n, k, repeats, classes);
        }

        @Override
        public String describe(boolean stratified) {
            return (stratified ? "stratified " : "") + k + "-fold cross-validation, repeated " + repeats
                    + (repeats == 1 ? " time" : " times");
        }
    }

    /**
     * Repeated k-fold over groups: each repeat shuffles the groups with its own seeded generator, then deals
     * them, largest first, each to the fold with the fewest rows so far (ties to the lowest fold), so fold sizes
     * stay close whatever the group sizes. Class shares are kept only as far as the groups allow.
     *
     * @param group each row's group code, >= 0
     * @param column the column the groups come from, for messages
     */
    record GroupedKFold(long seed, int k, int repeats, int[] group, String column) implements Splitter {
        public GroupedKFold {
            Objects.requireNonNull(group, "group");
            for (int i = 0; i < group.length; i++) {
                if (group[i] < 0) {
                    throw new IllegalArgumentException("selection.groups column '" + column + "' is missing in row "
                            + (i + 1) + "; every row needs a group");
                }
            }
        }

        @Override
        public List<Fold> folds(int n, double[] classes) {
            if (group.length != n) {
                throw new IllegalArgumentException("groups has " + group.length + " values for " + n + " rows");
            }
            int groups = Arrays.stream(group).max().orElse(-1) + 1;
            int[] size = new int[groups];
            for (int g : group) {
                size[g]++;
            }
            int present = (int) Arrays.stream(size).filter(s -> s > 0).count();
            if (present < k) {
                throw new IllegalArgumentException("cannot make " + k + " folds from " + present + " groups of '"
                        + column + "'");
            }
            List<Fold> folds = new ArrayList<>(k * repeats);
            for (int r = 0; r < repeats; r++) {
                SplittableRandom random = new SplittableRandom(Folds.mix(seed, r));
                Integer[] order = new Integer[groups];
                for (int g = 0; g < groups; g++) {
                    order[g] = g;
                }
                for (int i = groups - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    Integer t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                Arrays.sort(order, (a, b) -> Integer.compare(size[b], size[a])); // stable: shuffled among equals
                int[] foldOf = new int[groups];
                int[] rows = new int[k];
                for (int g : order) {
                    if (size[g] == 0) {
                        continue;
                    }
                    int best = 0;
                    for (int f = 1; f < k; f++) {
                        if (rows[f] < rows[best]) {
                            best = f;
                        }
                    }
                    foldOf[g] = best;
                    rows[best] += size[g];
                }
                int[] assignment = new int[n];
                for (int i = 0; i < n; i++) {
                    assignment[i] = foldOf[group[i]];
                }
                folds.addAll(Folds.fromAssignment(r, assignment, k));
            }
            if (classes != null) {
                for (Fold f : folds) {
                    requireBothClasses(f, classes, "grouped by '" + column + "'", "use fewer folds or more groups");
                }
            }
            return folds;
        }

        @Override
        public String describe(boolean stratified) {
            return k + "-fold cross-validation over the groups of " + column + " (all rows of a group in one fold), "
                    + "repeated " + repeats + (repeats == 1 ? " time" : " times");
        }

        static void requireBothClasses(Fold f, double[] classes, String how, String advice) {
            // Two classes or more: any two distinct classes make the fold measurable.
            double first = classes[f.test()[0]];
            boolean another = false;
            for (int i : f.test()) {
                another |= classes[i] != first;
            }
            if (!another) {
                throw new IllegalArgumentException("validation fold " + (f.index() + 1) + " of repeat "
                        + (f.repeat() + 1) + " " + how + " holds only one class; " + advice);
            }
        }
    }

    /**
     * Expanding-window evaluation in time order: the rows, ordered by time, are cut into k + 1 consecutive blocks
     * of about equal size, never between two rows of the same time; fold j trains on blocks 0..j and validates on
     * block j + 1. One repeat (the order is the data's, nothing is shuffled); the first block is never validated.
     *
     * <p>The comparison: the per-period differences are compared with the same corrected resampled t-test as
     * k-fold. The training windows are nested (each holds the one before), so the fold results are positively
     * correlated as with overlapping k-fold training sets, and the Nadeau &amp; Bengio inflation by the measured
     * n_test/n_train is kept; without it the test would call differences significant too often. The validation
     * blocks are disjoint and in time order, so no row is validated by a model that saw a later row.
     *
     * @param time each row's position in time (smaller is earlier); ties are the same time
     * @param column the time column, for messages
     */
    record TimeOrdered(int k, double[] time, String column) implements Splitter {
        public TimeOrdered {
            Objects.requireNonNull(time, "time");
            for (int i = 0; i < time.length; i++) {
                if (Double.isNaN(time[i])) {
                    throw new IllegalArgumentException("time column '" + column + "' is missing in row " + (i + 1)
                            + "; every row needs a time to be ordered");
                }
            }
        }

        @Override
        public List<Fold> folds(int n, double[] classes) {
            if (time.length != n) {
                throw new IllegalArgumentException("time has " + time.length + " values for " + n + " rows");
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(time[a], time[b]));
            int blocks = k + 1;
            int[] blockOf = new int[n];
            int block = 0;
            for (int p = 0; p < n; p++) {
                int i = order[p];
                // Move to the next block at the first change of time at or past its share of the rows.
                while (block < blocks - 1 && p >= (long) (block + 1) * n / blocks
                        && (p == 0 || time[order[p - 1]] != time[i])) {
                    block++;
                }
                blockOf[i] = block;
            }
            if (block < blocks - 1) {
                throw new IllegalArgumentException("time column '" + column + "' has too few distinct times for "
                        + k + " time-ordered folds");
            }
            List<Fold> folds = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                int trainSize = 0;
                int testSize = 0;
                for (int b : blockOf) {
                    trainSize += b <= j ? 1 : 0;
                    testSize += b == j + 1 ? 1 : 0;
                }
                int[] train = new int[trainSize];
                int[] test = new int[testSize];
                for (int i = 0, a = 0, c = 0; i < n; i++) {
                    if (blockOf[i] <= j) {
                        train[a++] = i;
                    } else if (blockOf[i] == j + 1) {
                        test[c++] = i;
                    }
                }
                Fold fold = new Fold(0, j, train, test);
                if (classes != null) {
                    GroupedKFold.requireBothClasses(fold, classes, "in time order on '" + column + "'",
                            "use fewer folds");
                }
                folds.add(fold);
            }
            return folds;
        }

        @Override
        public int repeats() {
            return 1;
        }

        @Override
        public String shortName() {
            return k + " time folds";
        }

        @Override
        public String describe(boolean stratified) {
            return k + " time-ordered folds on " + column + ": train on the past, validate on the next period "
                    + "(expanding window)";
        }

        @Override
        public String comparison() {
            return "corrected resampled t-test on the per-period differences: the training windows are nested, so "
                    + "the fold results are correlated as with overlapping k-fold training sets, and the variance "
                    + "is inflated by the measured n_test/n_train (Nadeau & Bengio 2003)";
        }
    }
}
