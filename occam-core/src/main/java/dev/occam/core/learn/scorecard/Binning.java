package dev.occam.core.learn.scorecard;

import dev.occam.core.learn.scorecard.Scorecard.Direction;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.ScorecardScorer.Bin;
import dev.occam.runtime.scorer.ScorecardScorer.Characteristic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Bins one feature on the training rows ("fine and coarse classing", Siddiqi 2006, chapter 6):
 *
 * <ol>
 *   <li><b>Fine classes.</b> A numeric feature's present values are cut into up to {@value #FINE_BINS}
 *       groups of about equal size, each cut falling between two distinct values; a categorical feature
 *       starts with one group per level that has rows, ordered by weight of evidence.</li>
 *   <li><b>Enough rows, both classes.</b> While some group holds fewer than {@code minBinShare} of all
 *       training rows, or lacks goods or bads, the smallest such group merges with the neighbour it is most
 *       alike (the lower chi-square, ties to the left).</li>
 *   <li><b>Monotone direction</b> (numeric features, when asked): adjacent groups whose WOE runs against the
 *       direction merge, pool-adjacent-violators style, until the bad rate only rises ("increasing") or only
 *       falls ("decreasing") along the feature. WOE is ln(good/bad), so it runs the other way.</li>
 *   <li><b>Few bins.</b> While there are more than {@code maxBins} groups, or two neighbours whose bad rates
 *       do not differ at the 5% level (chi-square below {@value #MERGE_CHI_SQUARE}, one degree of freedom),
 *       the most alike neighbours merge: ChiMerge (Kerber, AAAI 1992), which leaves bins a reader can trust
 *       rather than noise.</li>
 *   <li><b>Missing values.</b> Missing rows get a bin of their own when they are at least
 *       {@code minBinShare} of the rows and hold both classes; otherwise they join the group whose WOE is
 *       nearest their own (smoothed) WOE. With no missing rows at all that WOE is 0, so missing values (and
 *       unseen categories, which arrive as missing) score like the bin closest to average risk: nothing is
 *       known about them, and a bin of their own would carry points fitted on no rows. Under a monotone
 *       direction the merge can tip a neighbour pair, so step 3 runs again.</li>
 * </ol>
 *
 * Merging only ever joins neighbours, so each numeric bin stays an interval. Levels with no training rows
 * score as missing.
 */
final class Binning {

    /** Fine classes before merging; with the default 5% minimum share, at most 20 survive step 2 anyway. */
    static final int FINE_BINS = 20;

    /** The 95% quantile of chi-square with one degree of freedom. */
    static final double MERGE_CHI_SQUARE = 3.841458820694124;

    private final WeightOfEvidence evidence;
    private final int maxBins;
    private final long minRows;

    /** A bin while binning: adjacent values or a set of levels, with its class counts. */
    private static final class Group {
        long goods;
        long bads;
        /** Numeric: the smallest value in the group, the lower edge of its interval. */
        double lower;
        /** Categorical: the level codes in the group. */
        final List<Integer> levels = new ArrayList<>();
        boolean missing;

        long rows() {
            return goods + bads;
        }

        void add(double y) {
            if (y == 1.0) {
                bads++;
            } else {
                goods++;
            }
        }

        void absorb(Group other) {
            goods += other.goods;
            bads += other.bads;
            levels.addAll(other.levels);
            missing |= other.missing;
        }
    }

    /**
     * @param rows the number of training rows, against which {@code minBinShare} is taken
     */
    Binning(WeightOfEvidence evidence, int rows, int maxBins, double minBinShare) {
        this.evidence = evidence;
        this.maxBins = maxBins;
        // At least one row; the small epsilon keeps 0.05 * 100 from rounding up to 6.
        this.minRows = Math.max(1, (long) Math.ceil(minBinShare * rows - 1e-9));
    }

    /**
     * @param direction the required effect of the feature on the positive class, or null
     * @throws IllegalArgumentException naming the column and row of an infinite value
     */
    Characteristic numeric(int feature, NumericColumn column, double[] y, Direction direction) {
        double[] values = column.values();
        int n = values.length;
        List<Integer> present = new ArrayList<>(n);
        Group missing = new Group();
        missing.missing = true;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                missing.add(y[i]);
            } else if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("column '" + column.name() + "' holds " + v + " at row " + i
                        + "; a scorecard bins finite numbers");
            } else {
                present.add(i);
            }
        }
        // + 0.0 turns -0.0 into 0.0, so sorting and the scorer's "<" agree on which side of a cut a zero falls.
        present.sort(Comparator.comparingDouble(i -> values[i] + 0.0));
        List<Group> groups = fineClasses(present, values, y);
        mergeUntilSufficient(groups);
        if (direction != null) {
            mergeViolators(groups, direction);
        }
        mergeAlike(groups);
        boolean ownMissingBin = placeMissing(groups, missing);
        if (direction != null) {
            mergeViolators(groups, direction);
        }

        double[] cuts = new double[groups.size() - 1];
        for (int k = 1; k < groups.size(); k++) {
            cuts[k - 1] = groups.get(k).lower;
        }
        return characteristic(feature, cuts, null, groups, ownMissingBin ? missing : null);
    }

    Characteristic categorical(int feature, CategoricalColumn column, double[] y) {
        int levels = column.levels().size();
        Group[] byLevel = new Group[levels];
        Group missing = new Group();
        missing.missing = true;
        int[] codes = column.codes();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == CategoricalColumn.MISSING) {
                missing.add(y[i]);
                continue;
            }
            if (byLevel[codes[i]] == null) {
                byLevel[codes[i]] = new Group();
                byLevel[codes[i]].levels.add(codes[i]);
            }
            byLevel[codes[i]].add(y[i]);
        }
        List<Group> groups = new ArrayList<>();
        for (Group g : byLevel) {
            if (g != null) {
                groups.add(g);
            }
        }
        // Ordered by WOE (stable: ties keep level order), so neighbours are the levels of most alike risk.
        groups.sort(Comparator.comparingDouble(g -> evidence.woe(g.goods, g.bads)));
        mergeUntilSufficient(groups);
        mergeAlike(groups);
        boolean ownMissingBin = placeMissing(groups, missing);

        int[] levelBins = new int[levels];
        Arrays.fill(levelBins, -1);
        for (int k = 0; k < groups.size(); k++) {
            for (int code : groups.get(k).levels) {
                levelBins[code] = k;
            }
        }
        return characteristic(feature, null, levelBins, groups, ownMissingBin ? missing : null);
    }

    /** Fine classes of about equal size over the sorted present rows, each starting at a new distinct value. */
    private static List<Group> fineClasses(List<Integer> sorted, double[] values, double[] y) {
        List<Group> groups = new ArrayList<>();
        int m = sorted.size();
        Group current = null;
        double previous = Double.NaN;
        long cumulative = 0;
        int quantile = 1;
        for (int i : sorted) {
            double v = values[i] + 0.0;
            if (current != null && v != previous && cumulative >= (double) quantile * m / FINE_BINS) {
                groups.add(current);
                current = null;
                while ((double) quantile * m / FINE_BINS <= cumulative) {
                    quantile++;
                }
            }
            if (current == null) {
                current = new Group();
                current.lower = v;
            }
            current.add(y[i]);
            cumulative++;
            previous = v;
        }
        if (current != null) {
            groups.add(current);
        }
        return groups;
    }

    private boolean insufficient(Group g) {
        return g.rows() < minRows || g.goods == 0 || g.bads == 0;
    }

    /** Step 2: the smallest insufficient group joins its more alike neighbour, until none is left. */
    private void mergeUntilSufficient(List<Group> groups) {
        while (groups.size() > 1) {
            int worst = -1;
            for (int k = 0; k < groups.size(); k++) {
                if (insufficient(groups.get(k)) && (worst < 0 || groups.get(k).rows() < groups.get(worst).rows())) {
                    worst = k;
                }
            }
            if (worst < 0) {
                return;
            }
            if (worst == 0) {
                merge(groups, 0);
            } else if (worst == groups.size() - 1) {
                merge(groups, worst - 1);
            } else {
                merge(groups, chiSquare(groups, worst - 1) <= chiSquare(groups, worst) ? worst - 1 : worst);
            }
        }
    }

    /** Step 3: pool adjacent violators of the direction until the WOE runs one way. */
    private void mergeViolators(List<Group> groups, Direction direction) {
        int k = 0;
        while (k < groups.size() - 1) {
            double here = woe(groups.get(k));
            double next = woe(groups.get(k + 1));
            // A rising bad rate is a falling WOE.
            boolean violates = direction == Direction.INCREASING ? next > here : next < here;
            if (violates) {
                merge(groups, k);
                k = Math.max(0, k - 1);
            } else {
                k++;
            }
        }
    }

    /** Step 4: ChiMerge down to at most {@code maxBins} groups, and on while neighbours are alike. */
    private void mergeAlike(List<Group> groups) {
        while (groups.size() > 1) {
            int best = 0;
            double lowest = Double.POSITIVE_INFINITY;
            for (int k = 0; k < groups.size() - 1; k++) {
                double chi = chiSquare(groups, k);
                if (chi < lowest) {
                    lowest = chi;
                    best = k;
                }
            }
            if (groups.size() <= maxBins && lowest >= MERGE_CHI_SQUARE) {
                return;
            }
            merge(groups, best);
        }
    }

    /**
     * Step 5. @return whether the missing rows keep a bin of their own (then {@code missing} is not in
     *     {@code groups}); otherwise they have joined a group, which now carries the missing flag
     */
    private boolean placeMissing(List<Group> groups, Group missing) {
        if (groups.isEmpty()) {
            groups.add(missing);
            return false;
        }
        if (missing.rows() > 0 && !insufficient(missing)) {
            return true;
        }
        double own = woe(missing);
        int nearest = 0;
        for (int k = 1; k < groups.size(); k++) {
            if (Math.abs(woe(groups.get(k)) - own) < Math.abs(woe(groups.get(nearest)) - own)) {
                nearest = k;
            }
        }
        groups.get(nearest).absorb(missing);
        return false;
    }

    private Characteristic characteristic(int feature, double[] cuts, int[] levelBins, List<Group> groups,
            Group ownMissing) {
        List<Group> all = new ArrayList<>(groups);
        if (ownMissing != null) {
            all.add(ownMissing);
        }
        int missingBin = -1;
        long[] g = new long[all.size()];
        long[] b = new long[all.size()];
        List<Bin> bins = new ArrayList<>(all.size());
        for (int k = 0; k < all.size(); k++) {
            Group group = all.get(k);
            if (group.missing) {
                missingBin = k;
            }
            g[k] = group.goods;
            b[k] = group.bads;
            bins.add(new Bin(0.0, woe(group), group.goods, group.bads));
        }
        return new Characteristic(feature, cuts, levelBins, missingBin, bins, 0.0, evidence.informationValue(g, b));
    }

    private double woe(Group g) {
        return evidence.woe(g.goods, g.bads);
    }

    private static double chiSquare(List<Group> groups, int k) {
        Group a = groups.get(k);
        Group b = groups.get(k + 1);
        return WeightOfEvidence.chiSquare(a.goods, a.bads, b.goods, b.bads);
    }

    /** Group k absorbs group k + 1, keeping k's lower edge. */
    private static void merge(List<Group> groups, int k) {
        groups.get(k).absorb(groups.remove(k + 1));
    }
}
