package dev.occam.core.learn.rules;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.scorer.RuleListScorer;
import dev.occam.runtime.scorer.RuleListScorer.Condition;
import dev.occam.runtime.scorer.RuleListScorer.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * The working state of one fit: sequential covering with a beam search for each rule (see
 * {@link RuleList} for the method). Used once, by one thread.
 *
 * <p>Numeric features are binned once per fit at their {@link CutPoints}; a candidate condition on a
 * rule's rows then costs one pass over those rows plus one over the bins. Categorical features try, for
 * their levels ordered by the target's mean among the rule's rows, every set of the k highest and of the
 * k lowest. The statistic is convex in the covered rows' (count, sum) (a perspective of the binomial
 * divergence, or a quadratic over a linear term), so over all level sets it peaks at a vertex of the
 * zonotope the levels span, and those vertices are exactly the sets of levels whose mean lies above, or
 * below, some value: the k highest or the k lowest. So, leaving the minimum coverage aside, the level set
 * chosen is the best of all 2^k, as for CART's categorical splits (Breiman et al. 1984).
 */
final class Covering {

    /** The rules found and the default's output and rows. */
    record Result(List<RuleListScorer.Rule> rules, double defaultValue, int defaultCount) {
    }

    /** A condition while searching: a numeric threshold by its index among the feature's cuts, or level codes. */
    private record Cond(int feature, Operator operator, int cut, int[] levels) {

        String key() {
            return feature + (operator == Operator.IN ? "in" + Arrays.toString(levels)
                    : (operator == Operator.LESS_THAN ? "<" : ">=") + cut);
        }
    }

    /** A rule under construction: its conditions, the remaining rows it covers, and its quality. */
    private static final class Candidate {
        final List<Cond> conditions;
        final double quality;
        final String key;
        int[] rows;
        Candidate parent;

        Candidate(List<Cond> conditions, double quality) {
            this.conditions = conditions;
            this.quality = quality;
            List<String> keys = new ArrayList<>();
            for (Cond c : conditions) {
                keys.add(c.key());
            }
            keys.sort(Comparator.naturalOrder());
            // A conjunction does not depend on the order its conditions were found in.
            this.key = String.join("&", keys);
        }

        boolean uses(int feature, Operator operator) {
            for (Cond c : conditions) {
                if (c.feature == feature && c.operator == operator) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The best candidates of one depth, highest quality first; ties keep the order they were offered in. */
    private static final class Beam {
        private final Candidate[] best;
        private int size;

        Beam(int width) {
            best = new Candidate[width];
        }

        /** Whether a candidate of this quality would enter (never for NaN). */
        boolean admits(double quality) {
            return !Double.isNaN(quality) && (size < best.length || quality > best[size - 1].quality);
        }

        void offer(Candidate c) {
            for (int i = 0; i < size; i++) {
                if (best[i].key.equals(c.key)) {
                    if (c.quality <= best[i].quality) {
                        return;
                    }
                    System.arraycopy(best, i + 1, best, i, size - i - 1);
                    size--;
                    break;
                }
            }
            int at = size;
            while (at > 0 && best[at - 1].quality < c.quality) {
                at--;
            }
            if (at >= best.length) {
                return;
            }
            int moved = Math.min(size, best.length - 1) - at;
            System.arraycopy(best, at, best, at + 1, moved);
            best[at] = c;
            size = Math.min(size + 1, best.length);
        }

        List<Candidate> members() {
            return List.of(Arrays.copyOf(best, size));
        }
    }

    private final RuleList.Options options;
    private final boolean classification;
    private final double[] y;
    private final int n;
    private final int p;
    private final double[][] cuts;
    private final int[][] bins;
    private final int[][] codes;
    private final int[] levelCounts;
    private final int minRows;
    /** Quality charged per condition: the chi-squared(1) quantile at 1 - alpha. */
    private final double penalty;
    private final double prior;
    // Per-rule state: y centred on the remaining rows' mean (regression) or y itself (classification).
    private final double[] d;
    // Scratch for one pass over a rule's rows, sized for the feature with the most bins or levels.
    private final double[] groupCount;
    private final double[] groupSum;
    private final boolean[] mark;

    // The remaining rows, for the rule being searched: the mean and variance of d over them.
    private double meanR;
    private double varianceR;

    Covering(Frame features, double[] y, boolean classification, RuleList.Options options) {
        this.options = options;
        this.classification = classification;
        this.y = y;
        this.n = y.length;
        this.p = features.columnCount();
        cuts = new double[p][];
        bins = new int[p][];
        codes = new int[p][];
        levelCounts = new int[p];
        int widest = 1;
        for (int j = 0; j < p; j++) {
            Column c = features.column(j);
            if (c instanceof NumericColumn nc) {
                cuts[j] = CutPoints.of(nc.values(), options.cutPoints());
                bins[j] = CutPoints.bins(nc.values(), cuts[j]);
                widest = Math.max(widest, cuts[j].length + 1);
            } else {
                CategoricalColumn cc = (CategoricalColumn) c;
                codes[j] = cc.codes();
                levelCounts[j] = cc.levels().size();
                widest = Math.max(widest, levelCounts[j]);
            }
        }
        minRows = (int) Math.max(1, Math.ceil(options.minCoverage() * n));
        penalty = options.alpha() >= 1 ? 0
                : new ChiSquaredDistribution(1).inverseCumulativeProbability(1 - options.alpha());
        double sum = 0;
        for (double v : y) {
            sum += v;
        }
        prior = sum / n;
        d = new double[n];
        groupCount = new double[widest];
        groupSum = new double[widest];
        mark = new boolean[n];
    }

    Result run() {
        int[] remaining = new int[n];
        for (int i = 0; i < n; i++) {
            remaining[i] = i;
        }
        List<RuleListScorer.Rule> rules = new ArrayList<>();
        while (rules.size() < options.maxRules()) {
            Candidate best = bestRule(remaining);
            if (best == null) {
                break;
            }
            rules.add(new RuleListScorer.Rule(conditions(best), output(best.rows), best.rows.length));
            remaining = without(remaining, best.rows);
        }
        return new Result(rules, output(remaining), remaining.length);
    }

    /** The best rule on the remaining rows, or null when none covers enough rows and pays for its conditions. */
    private Candidate bestRule(int[] rows) {
        if (!prepare(rows)) {
            return null;
        }
        Candidate root = new Candidate(List.of(), 0);
        root.rows = rows;
        List<Candidate> beam = List.of(root);
        Candidate best = null;
        for (int depth = 1; depth <= options.maxConditions() && !beam.isEmpty(); depth++) {
            Beam next = new Beam(options.beamWidth());
            for (Candidate parent : beam) {
                refine(parent, next);
            }
            beam = next.members();
            for (Candidate c : beam) {
                c.rows = covered(c.parent.rows, c.conditions.get(c.conditions.size() - 1));
            }
            // Strictly better only: a longer rule must beat the shorter one, and a rule must beat 0.
            if (!beam.isEmpty() && beam.get(0).quality > (best == null ? 0 : best.quality)) {
                best = beam.get(0);
            }
        }
        return best;
    }

    /** Sets the statistics of the remaining rows; false when they leave no rule to find. */
    private boolean prepare(int[] rows) {
        int nR = rows.length;
        if (nR <= minRows || isConstant(rows)) {
            return false;
        }
        double sum = 0;
        for (int r : rows) {
            sum += y[r];
        }
        // Regression sums are taken from the remaining rows' mean, which keeps them small.
        double centre = classification ? 0 : sum / nR;
        double total = 0;
        double squares = 0;
        for (int r : rows) {
            d[r] = y[r] - centre;
            total += d[r];
            squares += d[r] * d[r];
        }
        meanR = total / nR;
        varianceR = Math.max(squares / nR - meanR * meanR, 0);
        return true;
    }

    private boolean isConstant(int[] rows) {
        double first = y[rows[0]];
        for (int r : rows) {
            if (y[r] != first) {
                return false;
            }
        }
        return true;
    }

    /** Offers every one-condition extension of {@code parent} that still covers at least minRows rows. */
    private void refine(Candidate parent, Beam next) {
        int depth = parent.conditions.size() + 1;
        int[] rows = parent.rows;
        for (int j = 0; j < p; j++) {
            if (cuts[j] != null) {
                refineNumeric(parent, next, depth, rows, j);
            } else if (levelCounts[j] > 0 && !parent.uses(j, Operator.IN)) {
                refineCategorical(parent, next, depth, rows, j);
            }
        }
    }

    private void refineNumeric(Candidate parent, Beam next, int depth, int[] rows, int j) {
        boolean less = !parent.uses(j, Operator.LESS_THAN);
        boolean atLeast = !parent.uses(j, Operator.AT_LEAST);
        int width = cuts[j].length + 1;
        if (width < 2 || !(less || atLeast)) {
            return;
        }
        Arrays.fill(groupCount, 0, width, 0);
        Arrays.fill(groupSum, 0, width, 0);
        int[] b = bins[j];
        int present = 0;
        double presentSum = 0;
        for (int r : rows) {
            int bin = b[r];
            if (bin >= 0) {
                groupCount[bin]++;
                groupSum[bin] += d[r];
                present++;
                presentSum += d[r];
            }
        }
        int below = 0;
        double belowSum = 0;
        int previous = -1;
        for (int bin = 0; bin < width; bin++) {
            if (groupCount[bin] == 0) {
                continue;
            }
            if (previous >= 0) {
                // Every cut from previous to bin - 1 parts these rows alike; take the middle one.
                int cut = (previous + bin - 1) / 2;
                double q = quality(depth, below, belowSum);
                if (less && next.admits(q)) {
                    add(parent, next, q, new Cond(j, Operator.LESS_THAN, cut, null));
                }
                q = quality(depth, present - below, presentSum - belowSum);
                if (atLeast && next.admits(q)) {
                    add(parent, next, q, new Cond(j, Operator.AT_LEAST, cut, null));
                }
            }
            below += (int) groupCount[bin];
            belowSum += groupSum[bin];
            previous = bin;
        }
    }

    private void refineCategorical(Candidate parent, Beam next, int depth, int[] rows, int j) {
        int levels = levelCounts[j];
        Arrays.fill(groupCount, 0, levels, 0);
        Arrays.fill(groupSum, 0, levels, 0);
        int[] c = codes[j];
        for (int r : rows) {
            int code = c[r];
            if (code >= 0) {
                groupCount[code]++;
                groupSum[code] += d[r];
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < levels; k++) {
            if (groupCount[k] > 0) {
                order.add(k);
            }
        }
        // Stable: levels with equal means keep their code order.
        order.sort(Comparator.comparingDouble(k -> groupSum[k] / groupCount[k]));
        int present = order.size();
        int count = 0;
        double sum = 0;
        for (int q = present - 1; q >= 0; q--) {
            count += (int) groupCount[order.get(q)];
            sum += groupSum[order.get(q)];
            double quality = count < rows.length ? quality(depth, count, sum) : Double.NaN;
            if (next.admits(quality)) {
                add(parent, next, quality, new Cond(j, Operator.IN, -1, codes(order, q, present)));
            }
        }
        count = 0;
        sum = 0;
        for (int q = 0; q < present - 1; q++) {
            count += (int) groupCount[order.get(q)];
            sum += groupSum[order.get(q)];
            double quality = quality(depth, count, sum);
            if (next.admits(quality)) {
                add(parent, next, quality, new Cond(j, Operator.IN, -1, codes(order, 0, q + 1)));
            }
        }
    }

    private static int[] codes(List<Integer> order, int from, int to) {
        int[] out = new int[to - from];
        for (int q = from; q < to; q++) {
            out[q - from] = order.get(q);
        }
        Arrays.sort(out);
        return out;
    }

    /** The statistic less the charge for the rule's conditions; NaN (never admitted) below minRows rows. */
    private double quality(int depth, int count, double sum) {
        return count < minRows ? Double.NaN : statistic(count, sum) - penalty * depth;
    }

    private static void add(Candidate parent, Beam next, double quality, Cond cond) {
        List<Cond> conditions = new ArrayList<>(parent.conditions);
        conditions.add(cond);
        Candidate c = new Candidate(List.copyOf(conditions), quality);
        c.parent = parent;
        next.offer(c);
    }

    /**
     * CN2's likelihood-ratio statistic for {@code count} covered rows summing {@code sum}: twice the
     * log-likelihood ratio of their own positive share against the remaining rows' share, {@code 2 *
     * count * KL(p_covered || p_remaining)}. For regression, its Gaussian counterpart with the remaining
     * rows' variance: {@code count * (mean_covered - mean_remaining)^2 / variance}. Either is
     * chi-squared with one degree of freedom when the rule picks rows at random.
     */
    private double statistic(int count, double sum) {
        double mean = sum / count;
        if (!classification) {
            double diff = mean - meanR;
            return varianceR == 0 ? 0 : count * diff * diff / varianceR;
        }
        double ll = 0;
        if (sum > 0) {
            ll += sum * Math.log(mean / meanR);
        }
        if (count - sum > 0) {
            ll += (count - sum) * Math.log((1 - mean) / (1 - meanR));
        }
        return 2 * ll;
    }

    /** The rows of {@code rows} (ascending) where {@code cond} holds, ascending. */
    private int[] covered(int[] rows, Cond cond) {
        int[] out = new int[rows.length];
        int k = 0;
        int j = cond.feature;
        for (int r : rows) {
            boolean holds;
            if (cond.operator == Operator.IN) {
                int code = codes[j][r];
                holds = code >= 0 && Arrays.binarySearch(cond.levels, code) >= 0;
            } else {
                int bin = bins[j][r];
                holds = bin >= 0 && (cond.operator == Operator.LESS_THAN ? bin <= cond.cut : bin > cond.cut);
            }
            if (holds) {
                out[k++] = r;
            }
        }
        return Arrays.copyOf(out, k);
    }

    private int[] without(int[] rows, int[] taken) {
        for (int r : taken) {
            mark[r] = true;
        }
        int[] out = new int[rows.length - taken.length];
        int k = 0;
        for (int r : rows) {
            if (!mark[r]) {
                out[k++] = r;
            }
        }
        for (int r : taken) {
            mark[r] = false;
        }
        return out;
    }

    /** The m-estimate (Cestnik 1990): the rows' mean shrunk toward the training mean by priorWeight rows. */
    private double output(int[] rows) {
        double sum = 0;
        for (int r : rows) {
            sum += y[r];
        }
        double m = options.priorWeight();
        return rows.length + m == 0 ? prior : (sum + m * prior) / (rows.length + m);
    }

    private List<Condition> conditions(Candidate c) {
        List<Condition> out = new ArrayList<>(c.conditions.size());
        for (Cond cond : c.conditions) {
            out.add(switch (cond.operator) {
                case LESS_THAN -> Condition.lessThan(cond.feature, cuts[cond.feature][cond.cut]);
                case AT_LEAST -> Condition.atLeast(cond.feature, cuts[cond.feature][cond.cut]);
                case IN -> Condition.in(cond.feature, Arrays.stream(cond.levels).boxed().toList());
            });
        }
        return out;
    }
}
