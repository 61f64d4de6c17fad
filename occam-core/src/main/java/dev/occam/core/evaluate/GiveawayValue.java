package dev.occam.core.evaluate;

import dev.occam.core.data.Target;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.io.Json;
import java.util.Locale;
import java.util.Optional;

/**
 * A value of one column that gives a class away: a range at either end of a number ({@code Spending > 0}), one
 * value of a number or level of a category ({@code Channel = branch}), or the column being missing, in which
 * every row has the same class, and which holds at least half of that class's rows. Such a pattern is
 * quasi-complete separation on one column (Albert &amp; Anderson, Biometrika 71, 1984): the logistic
 * likelihood has no maximum, and the pattern is typical of a column filled in after the outcome was known
 * ("every refused applicant has spending 0": there was nothing to spend).
 *
 * @param description the region in words, "Spending > 0"
 * @param rows rows in the region
 * @param positive whether the region's class is the positive one
 * @param classShare the share of that class's rows that fall in the region
 */
record GiveawayValue(String description, int rows, boolean positive, double classShare) {

    /** A region must hold at least this share of its class's rows to give the class away. */
    static final double MIN_CLASS_SHARE = 0.5;
    /** ... and at least this many rows, so that a small data set's lucky pockets are not called leaks. */
    static final int MIN_ROWS = 30;

    String sentence(String column, TargetInfo target) {
        String cls = positive ? target.positive() : target.negative();
        return String.format(Locale.ROOT,
                "%s in %,d rows, every one of them %s = %s (%.0f%% of the %s rows): a value that gives the answer "
                        + "away; is %s known before the outcome?",
                description, rows, target.name(), cls, 100 * classShare, cls, column);
    }

    /** The largest giving-away region of the column, if one holds enough of its class. */
    static Optional<GiveawayValue> find(Column column, Target target) {
        return find(column, target, column instanceof NumericColumn nc ? SortedByClass.of(nc, target) : null);
    }

    /** As {@link #find(Column, Target)}, a number's present values already sorted by class ({@code sorted}). */
    static Optional<GiveawayValue> find(Column column, Target target, SortedByClass sorted) {
        int n = column.size();
        int positives = 0;
        for (int i = 0; i < n; i++) {
            positives += target.value(i) == 1.0 ? 1 : 0;
        }
        Best best = new Best(positives, n - positives);
        int missingRows = 0;
        int missingPositives = 0;
        for (int i = 0; i < n; i++) {
            if (column.isMissing(i)) {
                missingRows++;
                missingPositives += target.value(i) == 1.0 ? 1 : 0;
            }
        }
        best.offer(() -> column.name() + " missing", missingRows, missingPositives);
        if (column instanceof NumericColumn nc) {
            numeric(nc, sorted, best);
        } else {
            CategoricalColumn cc = (CategoricalColumn) column;
            int levels = cc.levels().size();
            int[] rows = new int[levels];
            int[] pos = new int[levels];
            for (int i = 0; i < n; i++) {
                int code = cc.code(i);
                if (code >= 0) {
                    rows[code]++;
                    pos[code] += target.value(i) == 1.0 ? 1 : 0;
                }
            }
            for (int l = 0; l < levels; l++) {
                String level = cc.levels().get(l);
                best.offer(() -> column.name() + " = " + level, rows[l], pos[l]);
            }
        }
        return Optional.ofNullable(best.found);
    }

    /**
     * Each distinct value, and the longest pure run of values from either end. Walked from each end of the sorted
     * classes without an array per distinct value (a column of distinct numbers would need three as long as the
     * column); the offers go to their own keepers and are then offered in the order of one pass over every value,
     * then the run from the low end, then the one from the high end, so the first of equal shares still wins.
     */
    private static void numeric(NumericColumn c, SortedByClass sorted, Best best) {
        if (sorted.positives() + sorted.negatives() == 0) {
            return;
        }
        String name = c.name();
        Best each = best.fresh();
        Best low = best.fresh();
        if (fromOneEnd(sorted, true, name, each, low) < 2) {
            return;
        }
        Best high = best.fresh();
        fromOneEnd(sorted, false, name, null, high);
        best.offer(each.found);
        best.offer(low.found);
        best.offer(high.found);
    }

    /**
     * The distinct values from one end of the two sorted classes (equal by {@code ==}, so 0.0 and -0.0 are one),
     * each offered to {@code each} (unless null) as "x = value", and the run of pure values of one class from that
     * end to {@code run}, each prefix as "x &lt; next value" (from the low end) or "x &gt; previous value" (from the
     * high end); the last value never joins a run, as it has no next. A value is named as the walk from the low end
     * meets it first: the positives' lowest member when they have one, else the negatives'.
     *
     * @return how many distinct values there are
     */
    private static int fromOneEnd(SortedByClass sorted, boolean ascending, String name, Best each, Best run) {
        double[] pos = sorted.ofPositives();
        double[] neg = sorted.ofNegatives();
        int p = sorted.positives();
        int q = sorted.negatives();
        int step = ascending ? 1 : -1;
        int a = ascending ? 0 : p - 1;
        int b = ascending ? 0 : q - 1;
        int groups = 0;
        boolean running = true;
        boolean pending = false;
        int runRows = 0;
        int runPositives = 0;
        while (a >= 0 && a < p || b >= 0 && b < q) {
            boolean posLeft = a >= 0 && a < p;
            boolean negLeft = b >= 0 && b < q;
            double x = !negLeft || (posLeft && (ascending ? pos[a] <= neg[b] : pos[a] >= neg[b])) ? pos[a] : neg[b];
            int fromA = a;
            int fromB = b;
            while (a >= 0 && a < p && pos[a] == x) {
                a += step;
            }
            while (b >= 0 && b < q && neg[b] == x) {
                b += step;
            }
            int positives = Math.abs(a - fromA);
            int rows = positives + Math.abs(b - fromB);
            double value = positives > 0 ? pos[ascending ? fromA : a + 1] : neg[ascending ? fromB : b + 1];
            groups++;
            if (each != null && rows >= MIN_ROWS) {
                each.offer(() -> name + " = " + Json.number(value), rows, positives);
            }
            if (pending) {
                int prefixRows = runRows;
                int prefixPositives = runPositives;
                run.offer(() -> name + (ascending ? " < " : " > ") + Json.number(value), prefixRows,
                        prefixPositives);
                pending = false;
            }
            if (running) {
                boolean pure = positives == 0 || positives == rows;
                boolean sameClass = runRows == 0 || (positives == 0) == (runPositives == 0);
                if (pure && sameClass) {
                    runRows += rows;
                    runPositives += positives;
                    pending = true;
                } else {
                    running = false;
                }
            }
        }
        return groups;
    }

    /** Keeps the region holding the largest share of its class among the pure ones offered. */
    private static final class Best {
        private final int positives;
        private final int negatives;
        GiveawayValue found;

        Best(int positives, int negatives) {
            this.positives = positives;
            this.negatives = negatives;
        }

        /** A keeper of the same class counts, for offers to be weighed apart and then offered here. */
        Best fresh() {
            return new Best(positives, negatives);
        }

        /** What another keeper kept, if anything, weighed as when it was offered. */
        void offer(GiveawayValue kept) {
            if (kept != null && (found == null || kept.classShare() > found.classShare())) {
                found = kept;
            }
        }

        /** @param description built only when the region is kept: a table has a region per distinct value */
        void offer(java.util.function.Supplier<String> description, int rows, int rowPositives) {
            if (rows < MIN_ROWS || (rowPositives != 0 && rowPositives != rows)) {
                return;
            }
            boolean positive = rowPositives == rows;
            int classRows = positive ? positives : negatives;
            double share = (double) rows / classRows;
            if (share >= MIN_CLASS_SHARE && (found == null || share > found.classShare())) {
                found = new GiveawayValue(description.get(), rows, positive, share);
            }
        }
    }
}
