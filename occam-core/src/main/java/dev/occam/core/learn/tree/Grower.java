package dev.occam.core.learn.tree;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The working state of one fit: grows the tree and prunes it. Used once, by one thread.
 *
 * <p>Every node owns one segment {@code [start, end)} of {@link #rows} and, for each numeric feature,
 * the same segment of that feature's {@link #sorted} array, which lists the node's rows by ascending
 * value with the rows missing that feature at the end. The columns are sorted once per fit; a split
 * partitions each segment stably, so the children's segments stay sorted and no node sorts again.
 *
 * <p>For a random forest's trees ({@link ForestGrower}) the grower instead takes a sample of rows (a
 * row may repeat: a bootstrap sample), examines only a random subset of the features at each split, and
 * does not prune. Keeping every feature presorted would then cost a pass over all features per split
 * while only a few are examined, so each node sorts its rows on the features it examines, by ranks
 * computed once for the whole forest ({@link #ranks}).
 *
 * <p>Split quality is the decrease in the sum of squared deviations from the node mean. For a 0/1
 * target that is half the decrease in Gini impurity times the row count ({@code n * gini = 2 * pos *
 * neg / n = 2 * SS}), so one formula ranks splits for both classification (Gini, as rpart) and
 * regression (variance, as rpart's anova).
 */
final class Grower {

    /** Gains below this share of the node's impurity are rounding noise, not splits. */
    private static final double MIN_RELATIVE_GAIN = 1e-10;

    /**
     * A node's rows are counting-sorted when their ranks span at most this many times their number: the
     * counting sort costs about two passes over the rows and two over the span, a comparison sort about
     * log2(rows) passes.
     */
    private static final int COUNTING_SORT_SPAN = 4;

    /** The rank of a missing value: after every present value. */
    private static final int MISSING_RANK = Integer.MAX_VALUE;

    /** A node while growing; children are null for a leaf. */
    static final class GrowNode {
        final int start;
        final int end;
        final int depth;
        /** Weighted positive share or mean over all the node's rows, as grown (before any bound). */
        final double mean;
        /** The node's rows' total weight, weighted sum of y and weighted sum of squared deviations from the mean. */
        final double weight;
        final double sum;
        final double sumSquares;
        /**
         * The bounds a monotone direction puts on the node's value (infinite when none): every value below the node
         * lies between them, so a leaf anywhere under the left child of a constrained split scores no more (for an
         * increasing direction) than one under the right child.
         */
        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        /** The node's score: its mean held within its bounds. */
        double value;
        /**
         * Misclassified weight (rpart's class risk) or weighted sum of squared deviations from {@link #value}
         * (regression, probability trees).
         */
        double risk;
        private final boolean misclassified;
        int feature = -1;
        double threshold = Double.NaN;
        boolean[] leftLevels;
        boolean missingLeft;
        GrowNode left;
        GrowNode right;
        /** Position among the created nodes while pruning, then in the flattened tree (set when flattening). */
        int id;

        GrowNode(int start, int end, int depth, double weight, double sum, double sumSquares,
                boolean misclassified) {
            this.start = start;
            this.end = end;
            this.depth = depth;
            this.weight = weight;
            this.sum = sum;
            this.mean = sum / weight;
            this.sumSquares = sumSquares;
            this.misclassified = misclassified;
            bound(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }

        /** Holds the node's value within {@code [lower, upper]} and measures its risk at that value. */
        void bound(double lower, double upper) {
            this.lower = lower;
            this.upper = upper;
            value = Math.max(lower, Math.min(upper, mean));
            if (misclassified) {
                // rpart's class trees call the majority class; a bounded share calls the class it favours.
                risk = value == mean ? Math.min(sum, weight - sum) : value >= 0.5 ? weight - sum : sum;
            } else {
                double shift = mean - value;
                risk = sumSquares + weight * shift * shift;
            }
        }

        int count() {
            return end - start;
        }

        boolean isLeaf() {
            return left == null;
        }

        void makeLeaf() {
            feature = -1;
            threshold = Double.NaN;
            leftLevels = null;
            missingLeft = false;
            left = null;
            right = null;
        }
    }

    /** The best split found so far in a node. */
    private static final class Best {
        int feature = -1;
        double gain;
        double threshold;
        boolean[] leftLevels;
        /** The weight of the rows with the feature on each side; missing values go to the heavier one. */
        double presentLeft;
        double presentRight;
    }

    private final DecisionTree.Options options;
    private final boolean classification;
    private final double[] y;
    /** Each row's weight (all 1 when the fit is unweighted). */
    private final double[] w;
    /** Each feature's monotone direction: +1 increasing, -1 decreasing, 0 none; null when no feature has one. */
    private final int[] monotone;
    private final int n;
    private final int p;
    private final double[][] numeric;
    private final int[][] codes;
    private final int[] levelCounts;
    private final int[][] sorted;
    /** Per numeric feature, each row's dense rank among the feature's values; null when presorting. */
    private final int[][] ranks;
    /** The numeric features' bins, when growing on histograms; null otherwise. */
    private final Bins bins;
    // One histogram over a feature's bins (the last slot counts the missing code), reused node by node.
    private final int[] binRows;
    private final double[] binWeight;
    private final double[] binSum;
    private final int featuresPerSplit;
    private final SplittableRandom random;
    private final boolean prune;
    private final int[] rows;
    // Scratch for sorting one node's rows on one feature, and for drawing features (forest mode only).
    private final long[] keys;
    private final int[] rankCounts;
    private final int[] segment;
    private final int[] featureOrder;
    private final int[] buffer;
    private final boolean[] goesLeft;
    // Per-level scratch for categorical splits, sized for the feature with the most levels.
    private final double[] levelRows;
    private final double[] levelWeight;
    private final double[] levelSum;
    private final double[] levelMean;
    private final int[] levelOrder;
    private final int[] levelTmp;
    private final List<GrowNode> created = new ArrayList<>();

    /** A single tree: every row once, every feature at every split, presorted columns, pruned. */
    Grower(Frame features, double[] y, boolean classification, DecisionTree.Options options) {
        this(features, y, classification, options, null, null, null, features.columnCount(), null, true, null, null);
    }

    /** A single tree on histograms: every row once, every feature at every split, binned columns, pruned. */
    Grower(Frame features, double[] y, boolean classification, DecisionTree.Options options, Bins bins) {
        this(features, y, classification, options, null, null, bins, features.columnCount(), null, true, null, null);
    }

    /**
     * @param sample the rows to grow on, repeats allowed; null for every row once
     * @param ranks from {@link #ranks(Frame)} to sort node by node; null to presort or to use bins
     * @param bins from {@link Bins#of(Frame)} to split numeric features on histograms; null to split on values
     * @param featuresPerSplit how many features that vary in a node to examine there, drawn at random;
     *     {@code >= p} examines every feature in frame order
     * @param random draws the features; may be null when every feature is examined
     * @param prune whether to prune the grown tree at the options' complexity
     * @param weights each row's weight, positive and finite (a sampled row counts its weight once per draw);
     *     null for all 1. Impurity, node values and risk are weighted; {@code minSplit} and {@code minLeaf}
     *     count rows, as rpart's {@code minsplit} and {@code minbucket} count observations
     * @param monotone each feature's direction (+1 increasing, -1 decreasing, 0 none; only numeric features
     *     may have one), or null for none
     */
    Grower(Frame features, double[] y, boolean classification, DecisionTree.Options options, int[] sample,
            int[][] ranks, Bins bins, int featuresPerSplit, SplittableRandom random, boolean prune,
            double[] weights, int[] monotone) {
        if (sample != null && ranks == null && bins == null) {
            throw new IllegalArgumentException("a row sample needs ranks or bins (presorted columns assume each row"
                    + " once)");
        }
        this.options = options;
        this.classification = classification;
        this.y = y;
        this.n = y.length;
        this.p = features.columnCount();
        if (weights == null) {
            w = new double[n];
            Arrays.fill(w, 1.0);
        } else {
            w = dev.occam.core.data.RowWeights.checked(weights, n);
        }
        if (monotone != null) {
            if (monotone.length != p) {
                throw new IllegalArgumentException("monotone has " + monotone.length + " directions for " + p
                        + " features");
            }
            for (int j = 0; j < p; j++) {
                if (monotone[j] != 0 && !(features.column(j) instanceof NumericColumn)) {
                    throw new IllegalArgumentException("feature '" + features.column(j).name() + "' is categorical:"
                            + " its levels have no order to hold a monotone direction in");
                }
            }
        }
        this.monotone = monotone;
        this.ranks = ranks;
        this.bins = bins;
        this.featuresPerSplit = featuresPerSplit;
        this.random = random;
        this.prune = prune;
        numeric = new double[p][];
        codes = new int[p][];
        levelCounts = new int[p];
        sorted = new int[p][];
        if (sample == null) {
            rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
        } else {
            rows = sample.clone();
        }
        buffer = new int[Math.max(n, rows.length)];
        int maxLevels = 0;
        for (int j = 0; j < p; j++) {
            Column c = features.column(j);
            if (c instanceof NumericColumn nc) {
                numeric[j] = nc.values();
                if (ranks == null && bins == null) {
                    sorted[j] = presort(nc.values());
                }
            } else {
                CategoricalColumn cc = (CategoricalColumn) c;
                codes[j] = cc.codes();
                levelCounts[j] = cc.levels().size();
                maxLevels = Math.max(maxLevels, levelCounts[j]);
            }
        }
        keys = ranks == null ? null : new long[rows.length];
        rankCounts = ranks == null ? null : new int[n + 2];
        segment = ranks == null ? null : new int[rows.length];
        featureOrder = new int[p];
        binRows = bins == null ? null : new int[Bins.MAX_BINS + 1];
        binWeight = bins == null ? null : new double[Bins.MAX_BINS + 1];
        binSum = bins == null ? null : new double[Bins.MAX_BINS + 1];
        goesLeft = new boolean[n];
        levelRows = new double[maxLevels];
        levelWeight = new double[maxLevels];
        levelSum = new double[maxLevels];
        levelMean = new double[maxLevels];
        levelOrder = new int[maxLevels];
        levelTmp = new int[maxLevels];
    }

    /**
     * Per numeric column (null for categorical ones), each row's rank among the column's distinct values,
     * from 0 up; equal values share a rank and missing values rank last. Sorting a node's rows by rank
     * orders them by value.
     */
    static int[][] ranks(Frame features) {
        int rowCount = features.rows();
        int[][] out = new int[features.columnCount()][];
        int[] tmp = new int[rowCount];
        for (int j = 0; j < out.length; j++) {
            if (!(features.column(j) instanceof NumericColumn nc)) {
                continue;
            }
            double[] x = nc.values();
            int[] order = presort(x, tmp);
            int[] rank = new int[rowCount];
            int r = -1;
            for (int k = 0; k < rowCount; k++) {
                int row = order[k];
                if (Double.isNaN(x[row])) {
                    rank[row] = MISSING_RANK;
                } else {
                    if (k == 0 || x[row] != x[order[k - 1]]) {
                        r++;
                    }
                    rank[row] = r;
                }
            }
            out[j] = rank;
        }
        return out;
    }

    /** Row indices by ascending value, missing (NaN) rows last in row order. */
    private int[] presort(double[] x) {
        return presort(x, buffer);
    }

    private static int[] presort(double[] x, int[] buffer) {
        int n = x.length;
        int[] order = new int[n];
        int present = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(x[i])) {
                order[present++] = i;
            }
        }
        int k = present;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(x[i])) {
                order[k++] = i;
            }
        }
        IndexSort.sort(order, 0, present, x, buffer);
        return order;
    }

    /**
     * Grows the tree, then prunes it at the options' complexity. Growing stops early only where pruning
     * would remove the subtree anyway (see {@link #prune}), so the result is the pruned full tree.
     */
    GrowNode grow() {
        GrowNode root = node(0, rows.length, 0);
        double alpha = options.complexity() * root.risk;
        Deque<GrowNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            GrowNode node = pending.pop();
            // A subtree of a node with risk <= alpha can never beat the leaf (see prune), so skip it.
            if (node.count() < options.minSplit() || node.depth >= options.maxDepth() || node.risk <= alpha
                    || isPure(node)) {
                continue;
            }
            if (split(node)) {
                pending.push(node.right);
                pending.push(node.left);
            }
        }
        if (prune) {
            prune(alpha);
        }
        return root;
    }

    private GrowNode node(int start, int end, int depth) {
        double weight = 0;
        double sum = 0;
        for (int i = start; i < end; i++) {
            int r = rows[i];
            weight += w[r];
            sum += w[r] * y[r];
        }
        double mean = sum / weight;
        double ss = 0;
        for (int i = start; i < end; i++) {
            int r = rows[i];
            double d = y[r] - mean;
            ss += w[r] * d * d;
        }
        // rpart's class trees measure risk as misclassified rows (the majority class is predicted).
        GrowNode node = new GrowNode(start, end, depth, weight, sum, ss,
                classification && options.classRisk() == DecisionTree.ClassRisk.MISCLASSIFIED);
        created.add(node);
        return node;
    }

    private boolean isPure(GrowNode node) {
        double first = y[rows[node.start]];
        for (int i = node.start + 1; i < node.end; i++) {
            if (y[rows[i]] != first) {
                return false;
            }
        }
        return true;
    }

    /** Finds the best split of a node and applies it; false when there is none. */
    private boolean split(GrowNode node) {
        // Deviations are taken from a centre: 0 keeps class counts exact (so equal splits tie exactly),
        // the node mean keeps regression sums small.
        double centre = classification ? 0.0 : node.mean;
        double total = 0;
        double sumSquares = 0;
        for (int i = node.start; i < node.end; i++) {
            int r = rows[i];
            double d = y[r] - centre;
            total += w[r] * d;
            sumSquares += w[r] * d * d;
        }
        double impurity = sumSquares - total * total / node.weight;
        Best best = new Best();
        best.gain = MIN_RELATIVE_GAIN * impurity;
        if (featuresPerSplit >= p) {
            for (int j = 0; j < p; j++) {
                scan(node, j, centre, total, node.weight, best);
            }
        } else {
            // Draw features without replacement (a partial Fisher-Yates shuffle) until featuresPerSplit of
            // them vary in the node: a feature constant here cannot split, so it does not use up a draw.
            for (int k = 0; k < p; k++) {
                featureOrder[k] = k;
            }
            int examined = 0;
            for (int k = 0; k < p && examined < featuresPerSplit; k++) {
                int pick = k + random.nextInt(p - k);
                int j = featureOrder[pick];
                featureOrder[pick] = featureOrder[k];
                featureOrder[k] = j;
                if (scan(node, j, centre, total, node.weight, best)) {
                    examined++;
                }
            }
        }
        if (best.feature < 0) {
            return false;
        }
        apply(node, best);
        return true;
    }

    /** Scans one feature for the node's best split; false when the feature takes a single value there. */
    private boolean scan(GrowNode node, int j, double centre, double total, double weight, Best best) {
        return numeric[j] != null ? scanNumeric(node, j, centre, total, weight, best)
                : scanCategorical(node, j, centre, best);
    }

    /**
     * Decrease in the weighted sum of squares when rows of weight {@code W} summing {@code s} (weighted) split into
     * (sL, wL) and the rest.
     */
    private static double gain(double sL, double wL, double s, double W) {
        double sR = s - sL;
        return sL * sL / wL + sR * sR / (W - wL) - s * s / W;
    }

    /**
     * Whether a split on feature {@code j} into a left part (x below the threshold) of weighted sum {@code sL} and
     * weight {@code wL} and the rest keeps the feature's monotone direction, the two values held within the node's
     * bounds (XGBoost's and LightGBM's monotone constraints: a split whose children go the wrong way is not taken).
     * Always true for a feature without a direction.
     */
    private boolean keepsDirection(GrowNode node, int j, double centre, double sL, double wL, double s, double W) {
        if (monotone == null || monotone[j] == 0) {
            return true;
        }
        double left = Math.max(node.lower, Math.min(node.upper, centre + sL / wL));
        double right = Math.max(node.lower, Math.min(node.upper, centre + (s - sL) / (W - wL)));
        return monotone[j] > 0 ? left <= right : left >= right;
    }

    private boolean scanNumeric(GrowNode node, int j, double centre, double nodeTotal, double nodeWeight,
            Best best) {
        if (bins != null) {
            return scanBinned(node, j, centre, best);
        }
        double[] x = numeric[j];
        int[] order = sorted[j];
        if (order == null) {
            order = sortByRank(node, j);
            if (order == null) {
                return false;
            }
        }
        int present = node.end;
        double total = nodeTotal;
        double weight = nodeWeight;
        // Rows missing x sit at the end of the segment; they take no part in choosing this split.
        while (present > node.start && Double.isNaN(x[order[present - 1]])) {
            present--;
            int r = order[present];
            total -= w[r] * (y[r] - centre);
            weight -= w[r];
        }
        int m = present - node.start;
        boolean varies = m >= 2 && x[order[node.start]] != x[order[present - 1]];
        int minLeaf = options.minLeaf();
        if (m < 2 * minLeaf) {
            return varies;
        }
        double sumLeft = 0;
        double weightLeft = 0;
        double bestGain = best.gain;
        int bestAt = -1;
        double bestWeightLeft = 0;
        for (int i = node.start; i < present - 1; i++) {
            int r = order[i];
            sumLeft += w[r] * (y[r] - centre);
            weightLeft += w[r];
            int nLeft = i - node.start + 1;
            if (nLeft < minLeaf) {
                continue;
            }
            if (m - nLeft < minLeaf) {
                break;
            }
            if (x[r] == x[order[i + 1]]) {
                continue;
            }
            double g = gain(sumLeft, weightLeft, total, weight);
            // Strictly better only: the smallest threshold wins within a feature, the first feature across.
            if (g > bestGain && keepsDirection(node, j, centre, sumLeft, weightLeft, total, weight)) {
                bestGain = g;
                bestAt = i;
                bestWeightLeft = weightLeft;
            }
        }
        if (bestAt < 0) {
            return varies;
        }
        double lo = x[order[bestAt]];
        double hi = x[order[bestAt + 1]];
        double t = (lo + hi) / 2;
        if (!(t > lo && t <= hi)) {
            // Adjacent doubles (or overflow): the midpoint rounds onto an end; hi still separates them.
            t = hi;
        }
        best.feature = j;
        best.gain = bestGain;
        best.threshold = t;
        best.leftLevels = null;
        best.presentLeft = bestWeightLeft;
        best.presentRight = weight - bestWeightLeft;
        return varies;
    }

    /**
     * {@link #scanNumeric} on histograms: counts and sums the node's rows per bin of feature {@code j} in one
     * pass, then tries the cut after each bin that holds rows. With one value per bin this finds the split the
     * sorted scan finds, at the same threshold; otherwise the best cut between bins. False when the node's rows
     * fill fewer than two bins (the feature cannot split there).
     */
    private boolean scanBinned(GrowNode node, int j, double centre, Best best) {
        byte[] code = bins.codes[j];
        // binRows and binSum are all zero between calls: only the bins this node touches are read and cleared,
        // so a small node costs its rows and its span of bins, not all the bins.
        int lo = Bins.MISSING;
        int hi = -1;
        for (int i = node.start; i < node.end; i++) {
            int r = rows[i];
            int b = code[r] & 0xFF;
            binRows[b]++;
            binWeight[b] += w[r];
            binSum[b] += w[r] * (y[r] - centre);
            if (b != Bins.MISSING) {
                lo = Math.min(lo, b);
                hi = Math.max(hi, b);
            }
        }
        binRows[Bins.MISSING] = 0;
        binWeight[Bins.MISSING] = 0.0;
        binSum[Bins.MISSING] = 0.0;
        if (hi < 0) {
            return false;
        }
        try {
            return scanHistogram(node, j, centre, lo, hi, best);
        } finally {
            Arrays.fill(binRows, lo, hi + 1, 0);
            Arrays.fill(binWeight, lo, hi + 1, 0.0);
            Arrays.fill(binSum, lo, hi + 1, 0.0);
        }
    }

    /** The best cut of the histogram over bins {@code [lo, hi]} of feature {@code j}, as {@link #scanBinned}. */
    private boolean scanHistogram(GrowNode node, int j, double centre, int lo, int hi, Best best) {
        int m = 0;
        double weight = 0;
        double total = 0;
        for (int b = lo; b <= hi; b++) {
            m += binRows[b];
            weight += binWeight[b];
            total += binSum[b];
        }
        boolean varies = lo < hi;
        int minLeaf = options.minLeaf();
        if (!varies || m < 2 * minLeaf) {
            return varies;
        }
        double sumLeft = 0;
        double weightLeft = 0;
        int nLeft = 0;
        double bestGain = best.gain;
        int bestBin = -1;
        double bestLeft = 0;
        for (int b = lo; b <= hi; b++) {
            if (binRows[b] == 0) {
                continue;
            }
            nLeft += binRows[b];
            weightLeft += binWeight[b];
            sumLeft += binSum[b];
            if (nLeft < minLeaf) {
                continue;
            }
            if (m - nLeft < minLeaf) {
                break;
            }
            double g = gain(sumLeft, weightLeft, total, weight);
            // Strictly better only, as in the sorted scan: the smallest threshold wins within a feature.
            if (g > bestGain && keepsDirection(node, j, centre, sumLeft, weightLeft, total, weight)) {
                bestGain = g;
                bestBin = b;
                bestLeft = weightLeft;
            }
        }
        if (bestBin < 0) {
            return true;
        }
        int next = bestBin + 1;
        while (binRows[next] == 0) {
            next++;
        }
        best.feature = j;
        best.gain = bestGain;
        best.threshold = Bins.midpoint(bins.upper[j][bestBin], bins.lower[j][next]);
        best.leftLevels = null;
        best.presentLeft = bestLeft;
        best.presentRight = weight - bestLeft;
        return true;
    }

    /**
     * The node's rows sorted by feature {@code j} (missing last), in {@link #segment} at the node's
     * positions, rows of equal value (and the missing ones) in their order in the node; null when the
     * feature takes at most one value in the node, which then needs no sort.
     *
     * <p>When the node's ranks span a range not much wider than its row count (few distinct values, as
     * with ages, terms or codes, or any feature near the root) a counting sort orders them in linear
     * time; otherwise one primitive sort of (rank, position) pairs. Both give the same order.
     */
    private int[] sortByRank(GrowNode node, int j) {
        int[] rank = ranks[j];
        int lo = MISSING_RANK;
        int hi = -1;
        int present = 0;
        for (int i = node.start; i < node.end; i++) {
            int k = rank[rows[i]];
            if (k != MISSING_RANK) {
                present++;
                lo = Math.min(lo, k);
                hi = Math.max(hi, k);
            }
        }
        if (present == 0 || lo == hi) {
            return null;
        }
        int range = hi - lo + 1;
        if (range <= COUNTING_SORT_SPAN * (node.end - node.start)) {
            // rankCounts[t + 1] counts rank lo + t; after the running sum, rankCounts[t] is where it starts.
            Arrays.fill(rankCounts, 0, range + 1, 0);
            for (int i = node.start; i < node.end; i++) {
                int k = rank[rows[i]];
                if (k != MISSING_RANK) {
                    rankCounts[k - lo + 1]++;
                }
            }
            for (int t = 1; t <= range; t++) {
                rankCounts[t] += rankCounts[t - 1];
            }
            int missingAt = node.start + present;
            for (int i = node.start; i < node.end; i++) {
                int r = rows[i];
                int k = rank[r];
                if (k == MISSING_RANK) {
                    segment[missingAt++] = r;
                } else {
                    segment[node.start + rankCounts[k - lo]++] = r;
                }
            }
            return segment;
        }
        // Rank in the high half, position in the low half: one primitive sort, ties kept in position order.
        for (int i = node.start; i < node.end; i++) {
            keys[i] = ((long) rank[rows[i]] << 32) | (i - node.start);
        }
        Arrays.sort(keys, node.start, node.end);
        for (int i = node.start; i < node.end; i++) {
            segment[i] = rows[node.start + (int) keys[i]];
        }
        return segment;
    }

    /**
     * Orders the levels present in the node by mean (positive share) and scans the cuts of that order:
     * for a 0/1 or numeric target the best of these is the best of all level partitions (Breiman et al.
     * 1984), so k levels cost k - 1 evaluations, not 2^(k-1).
     */
    private boolean scanCategorical(GrowNode node, int j, double centre, Best best) {
        int[] c = codes[j];
        int levels = levelCounts[j];
        for (int k = 0; k < levels; k++) {
            levelRows[k] = 0;
            levelWeight[k] = 0;
            levelSum[k] = 0;
        }
        for (int i = node.start; i < node.end; i++) {
            int r = rows[i];
            int code = c[r];
            if (code >= 0) {
                levelRows[code]++;
                levelWeight[code] += w[r];
                levelSum[code] += w[r] * (y[r] - centre);
            }
        }
        int present = 0;
        int m = 0;
        double weight = 0;
        double total = 0;
        for (int k = 0; k < levels; k++) {
            if (levelRows[k] > 0) {
                levelOrder[present++] = k;
                levelMean[k] = levelSum[k] / levelWeight[k];
                m += (int) levelRows[k];
                weight += levelWeight[k];
                total += levelSum[k];
            }
        }
        int minLeaf = options.minLeaf();
        if (present < 2 || m < 2 * minLeaf) {
            return present >= 2;
        }
        IndexSort.sort(levelOrder, 0, present, levelMean, levelTmp);
        // The low-mean prefix goes right, the high-mean rest left (rpart shows the class-1-rich group first).
        double sumLow = 0;
        double weightLow = 0;
        int nLow = 0;
        double bestGain = best.gain;
        int bestCut = -1;
        double bestLow = 0;
        for (int q = 0; q < present - 1; q++) {
            int k = levelOrder[q];
            nLow += (int) levelRows[k];
            weightLow += levelWeight[k];
            sumLow += levelSum[k];
            if (nLow < minLeaf) {
                continue;
            }
            if (m - nLow < minLeaf) {
                break;
            }
            double g = gain(sumLow, weightLow, total, weight);
            if (g > bestGain) {
                bestGain = g;
                bestCut = q;
                bestLow = weightLow;
            }
        }
        if (bestCut < 0) {
            return true;
        }
        boolean[] left = new boolean[levels];
        for (int q = bestCut + 1; q < present; q++) {
            left[levelOrder[q]] = true;
        }
        double presentLeft = weight - bestLow;
        double presentRight = bestLow;
        // Levels absent from the node follow missing values, to the larger child.
        boolean missingLeft = presentLeft >= presentRight;
        for (int k = 0; k < levels; k++) {
            if (levelRows[k] == 0) {
                left[k] = missingLeft;
            }
        }
        best.feature = j;
        best.gain = bestGain;
        best.threshold = Double.NaN;
        best.leftLevels = left;
        best.presentLeft = presentLeft;
        best.presentRight = presentRight;
        return true;
    }

    /** Records the split and partitions the node's segments into the two children. */
    private void apply(GrowNode node, Best best) {
        int j = best.feature;
        boolean missingLeft = best.presentLeft >= best.presentRight;
        int nLeft = 0;
        for (int i = node.start; i < node.end; i++) {
            int r = rows[i];
            boolean left;
            if (numeric[j] != null) {
                double v = numeric[j][r];
                left = Double.isNaN(v) ? missingLeft : v < best.threshold;
            } else {
                int code = codes[j][r];
                left = code < 0 ? missingLeft : best.leftLevels[code];
            }
            goesLeft[r] = left;
            if (left) {
                nLeft++;
            }
        }
        partition(rows, node.start, node.end);
        for (int f = 0; f < p; f++) {
            if (sorted[f] != null) {
                partition(sorted[f], node.start, node.end);
            }
        }
        node.feature = j;
        node.threshold = best.threshold;
        node.leftLevels = best.leftLevels;
        node.missingLeft = missingLeft;
        node.left = node(node.start, node.start + nLeft, node.depth + 1);
        node.right = node(node.start + nLeft, node.end, node.depth + 1);
        bound(node, j);
    }

    /**
     * Passes the node's bounds to its children; below a split on a feature with a direction, the children's
     * values (held within the node's bounds) meet at their midpoint, which becomes the upper bound of the side
     * that must score lower and the lower bound of the other (XGBoost's monotone constraints). Every value below
     * then respects the split's order, so the tree is monotone in the feature however it grows or is pruned. The
     * check at the split ({@link #keepsDirection}) sees only the rows with the feature; the rows missing it join a
     * child afterwards and may tip the order, in which case both children take the midpoint.
     */
    private void bound(GrowNode node, int j) {
        node.left.bound(node.lower, node.upper);
        node.right.bound(node.lower, node.upper);
        int direction = monotone == null ? 0 : monotone[j];
        if (direction == 0) {
            return;
        }
        double mid = (node.left.value + node.right.value) / 2;
        GrowNode low = direction > 0 ? node.left : node.right;
        GrowNode high = direction > 0 ? node.right : node.left;
        low.bound(node.lower, mid);
        high.bound(mid, node.upper);
    }

    /** Stable partition of {@code a[start, end)}: rows going left first, each side in its former order. */
    private void partition(int[] a, int start, int end) {
        int l = start;
        int r = 0;
        for (int i = start; i < end; i++) {
            int row = a[i];
            if (goesLeft[row]) {
                a[l++] = row;
            } else {
                buffer[r++] = row;
            }
        }
        System.arraycopy(buffer, 0, a, l, r);
    }

    /** Cuts the grown tree back by cost-complexity at {@code alpha} ({@link CostComplexity}). */
    private void prune(double alpha) {
        int n = created.size();
        int[] left = new int[n];
        int[] right = new int[n];
        double[] risk = new double[n];
        for (int i = 0; i < n; i++) {
            created.get(i).id = i;
        }
        for (int i = 0; i < n; i++) {
            GrowNode node = created.get(i);
            left[i] = node.isLeaf() ? -1 : node.left.id;
            right[i] = node.isLeaf() ? -1 : node.right.id;
            risk[i] = node.risk;
        }
        boolean[] collapsed = CostComplexity.collapsed(left, right, risk, alpha);
        for (int i = 0; i < n; i++) {
            if (collapsed[i]) {
                created.get(i).makeLeaf();
            }
        }
    }
}
