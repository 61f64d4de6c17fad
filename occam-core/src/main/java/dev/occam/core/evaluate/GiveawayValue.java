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

    /** Each distinct value, and the longest pure run of values from either end. */
    private static void numeric(NumericColumn c, SortedByClass sorted, Best best) {
        int m = sorted.positives() + sorted.negatives();
        if (m == 0) {
            return;
        }
        // Each class's present values sorted apart, merged into distinct values with their row and positive
        // counts, ascending.
        double[] ofPositives = sorted.ofPositives();
        double[] ofNegatives = sorted.ofNegatives();
        int p = sorted.positives();
        int q = sorted.negatives();
        int groups = 0;
        double[] value = new double[m];
        int[] rows = new int[m];
        int[] positives = new int[m];
        for (int a = 0, b = 0; a < p || b < q; ) {
            double x = b >= q || (a < p && ofPositives[a] <= ofNegatives[b]) ? ofPositives[a] : ofNegatives[b];
            value[groups] = x;
            while (a < p && ofPositives[a] == x) {
                a++;
                rows[groups]++;
                positives[groups]++;
            }
            while (b < q && ofNegatives[b] == x) {
                b++;
                rows[groups]++;
            }
            groups++;
        }
        if (groups < 2) {
            return;
        }
        String name = c.name();
        for (int g = 0; g < groups; g++) {
            if (rows[g] < MIN_ROWS) {
                continue; // never kept (Best.offer): a column of distinct values makes no description per value
            }
            double x = value[g];
            best.offer(() -> name + " = " + Json.number(x), rows[g], positives[g]);
        }
        pureRun(name, value, rows, positives, groups, true, best);
        pureRun(name, value, rows, positives, groups, false, best);
    }

    /**
     * From one end of the distinct values (ascending), the longest run whose rows are all of the first value's
     * class, each prefix offered as "x < next value" (from the low end) or "x > previous value" (from the high).
     */
    private static void pureRun(String name, double[] value, int[] rows, int[] positives, int groups,
            boolean fromLow, Best best) {
        int run = 0;
        int runPositives = 0;
        for (int step = 0; step < groups - 1; step++) {
            int g = fromLow ? step : groups - 1 - step;
            boolean pure = positives[g] == 0 || positives[g] == rows[g];
            boolean sameClass = run == 0 || (positives[g] == 0) == (runPositives == 0);
            if (!pure || !sameClass) {
                return;
            }
            run += rows[g];
            runPositives += positives[g];
            double bound = fromLow ? value[g + 1] : value[g - 1];
            best.offer(() -> name + (fromLow ? " < " : " > ") + Json.number(bound),
                    run, runPositives);
        }
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
