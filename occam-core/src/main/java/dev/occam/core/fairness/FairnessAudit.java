package dev.occam.core.fairness;

import dev.occam.core.data.Target;
import dev.occam.core.evaluate.HeldOutScores;
import dev.occam.core.usecase.Fairness.Favourable;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * How a classifier's decisions fall on the groups of each protected attribute, measured on its
 * held-out (out-of-fold) predictions, so the numbers are those of rows the deciding model never saw.
 *
 * <p><b>Decisions.</b> A row is called positive when its score is at or above the decision threshold
 * of the fold model that scored it; with r repeats each row has r held-out decisions and every rate
 * pools them (equivalently, the mean of the r per-repeat rates). The thresholds are stated beside the
 * numbers: {@link #threshold()} is their mean, {@link #thresholdLow()}–{@link #thresholdHigh()} their
 * range over the folds.
 *
 * <p><b>Favourable decision.</b> The four-fifths rule compares <i>selection</i> rates, the share of a
 * group receiving the favourable decision. Which call is favourable is the use case's
 * {@code fairness.favourable}: by default being called negative (credit: the positive class "bad" is
 * the adverse event, so the favourable decision is approval, the share called "good"). Each group
 * reports both its positive-call rate and its favourable rate.
 *
 * <p><b>Selection-rate ratio</b> (four-fifths rule, US EEOC Uniform Guidelines on Employee Selection
 * Procedures, 29 CFR 1607.4(D)): lowest group favourable rate / highest. A ratio below 0.8 is evidence of
 * adverse impact. When no group receives the favourable decision at all the groups are treated alike
 * and the ratio is 1.
 *
 * <p><b>Equal-opportunity difference</b> (Hardt, Price &amp; Srebro, <i>Equality of Opportunity in
 * Supervised Learning</i>, NeurIPS 2016): equal opportunity asks that people who merit the favourable
 * outcome receive the favourable decision at the same rate in every group. The "qualified" rows are
 * those whose actual outcome is the favourable one (credit: loans that were repaid, "good"), and the
 * group's opportunity rate is the share of them given the favourable decision: the true-positive rate
 * when the favourable decision is the positive call, the true-negative rate (1 − false-positive rate)
 * when it is the negative call. The difference is the highest opportunity rate minus the lowest.
 * Per group, the true- and false-positive rates of the positive class are reported as well.
 *
 * <p><b>Calibration</b> per group: mean predicted probability of the positive class against the
 * observed positive share, overall and within fixed score bands of width 0.2.
 *
 * <p><b>Uncertainty.</b> Both summaries carry a percentile bootstrap confidence interval (Efron &amp;
 * Tibshirani, <i>An Introduction to the Bootstrap</i>, 1993, ch. 13): rows are resampled with
 * replacement within each group (stratified by group, so group sizes stay as observed), each with all its
 * held-out decisions, from a seeded generator, so the interval is the same for the same seed. Above
 * {@link #ROW_RESAMPLING_MAX} audited rows each resample draws, per group, how many rows of each kind it takes
 * (multinomial counts, {@link #resampleCounts}): the same bootstrap distribution at a cost that does not grow
 * with the rows.
 *
 * <p><b>Groups</b> are a category's levels, a number's values when it has few, or else its quartile
 * bands (see {@link Groups} for the exact rule).
 *
 * <p><b>Small groups.</b> A group with fewer than {@link Options#minGroupRows()} rows is reported but
 * left out of both summaries, with a note: its rate is too noisy to accuse or acquit a model.
 *
 * <p><b>Not measurable.</b> An attribute with fewer than two groups of at least that many rows (every
 * row in one group, or every group but one too small) has no ratio and no difference. That depends on
 * the data alone, not on the model, so {@link #whyNotMeasurable} says it in words before any fit, the
 * audit carries it as a warning, and a use case that sets a bound on the ratio cannot be met by an
 * attribute that cannot be measured ({@link #requireMeasurable}).
 *
 * @param favourable which call is the favourable decision
 * @param positive the positive class's name; {@code negative} the other's
 * @param threshold mean decision threshold of the fold models over the audited predictions
 * @param repeats held-out decisions per row
 */
public record FairnessAudit(Favourable favourable, String positive, String negative, double threshold,
        double thresholdLow, double thresholdHigh, int repeats, List<AttributeAudit> attributes) {

    /** A number with at most this many distinct present values is grouped by value, not banded. */
    public static final int MAX_VALUE_GROUPS = Groups.MAX_VALUE_GROUPS;

    public FairnessAudit {
        attributes = List.copyOf(attributes);
    }

    /** How an attribute's rows are grouped. */
    public enum Grouping {
        /** A category's levels. */
        LEVELS("levels"),
        /** A number's distinct values (it has few). */
        VALUES("values"),
        /** A number's quartile bands. */
        QUARTILE_BANDS("quartile bands");

        private final String words;

        Grouping(String words) {
            this.words = words;
        }

        /** "levels", "values" or "quartile bands". */
        public String words() {
            return words;
        }
    }

    /** A confidence interval, or both ends NaN when it could not be estimated. */
    public record Interval(double low, double high) {
        public boolean contains(double x) {
            return x >= low && x <= high;
        }
    }

    /** Predicted against observed within one score band of one group. */
    public record CalibrationBand(String band, int predictions, double meanScore, double observedRate) {
    }

    /**
     * One group's rates (NaN where a rate has no rows to be measured on).
     *
     * @param small fewer rows than the audit's minimum: reported, not in the summaries
     * @param positiveCallRate share called positive
     * @param favourableRate share given the favourable decision (the four-fifths rule's selection rate)
     * @param truePositiveRate share called positive among actual positives
     * @param falsePositiveRate share called positive among actual negatives
     * @param opportunityRate share given the favourable decision among rows whose actual outcome is the
     *     favourable one (equal opportunity's rate)
     * @param meanScore mean predicted probability of the positive class
     * @param observedRate actual positive share
     */
    public record GroupRates(String group, int rows, boolean small, double positiveCallRate, double favourableRate,
            double truePositiveRate, double falsePositiveRate, double opportunityRate, double meanScore,
            double observedRate, List<CalibrationBand> calibration) {

        public GroupRates {
            calibration = List.copyOf(calibration);
        }
    }

    /**
     * The audit of one protected attribute.
     *
     * @param grouping how the groups were made: levels, values, or quartile bands of a number
     * @param selectionRateRatio lowest favourable rate / highest over the groups that are not small; NaN
     *     when fewer than two groups can be compared
     * @param lowestGroup the group with the lowest favourable rate; {@code highestGroup} the highest
     * @param equalOpportunityDifference highest opportunity rate minus lowest; NaN when fewer than two
     *     groups can be compared
     * @param notMeasurable why the attribute cannot be measured, in words naming it (a warning); null when
     *     it can
     */
    public record AttributeAudit(String attribute, Grouping grouping, List<GroupRates> groups,
            double selectionRateRatio, Interval ratioInterval, String lowestGroup, String highestGroup,
            double equalOpportunityDifference, Interval opportunityInterval, List<String> notes,
            String notMeasurable) {

        public AttributeAudit {
            groups = List.copyOf(groups);
            notes = List.copyOf(notes);
        }

        public boolean measurable() {
            return notMeasurable == null;
        }

        /**
         * Whether the ratio reaches the bound: true when there is no bound; false when there is one and the
         * ratio cannot be measured (a bound nobody can check is not met).
         */
        public boolean meets(Double minSelectionRateRatio) {
            return minSelectionRateRatio == null
                    || !Double.isNaN(selectionRateRatio) && selectionRateRatio >= minSelectionRateRatio;
        }
    }

    /**
     * @param resamples bootstrap resamples, at least 100
     * @param seed the bootstrap generator's seed
     * @param minGroupRows groups with fewer rows are left out of the summaries, at least 1
     * @param confidence coverage of the intervals, in (0, 1)
     */
    public record Options(int resamples, long seed, int minGroupRows, double confidence) {

        public static final int RESAMPLES = 1000;
        public static final int MIN_GROUP_ROWS = 30;

        public Options {
            if (resamples < 100) {
                throw new IllegalArgumentException("resamples must be >= 100: " + resamples);
            }
            if (minGroupRows < 1) {
                throw new IllegalArgumentException("minGroupRows must be >= 1: " + minGroupRows);
            }
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
            }
        }

        /** 1000 resamples, groups of at least 30 rows, 95% intervals. */
        public static Options defaults(long seed) {
            return new Options(RESAMPLES, seed, MIN_GROUP_ROWS, 0.95);
        }
    }

    /**
     * Why the ratio by this attribute cannot be measured, in words naming it and its groups; empty when it
     * can (at least two groups of at least {@code minGroupRows} rows). Depends on the column alone.
     */
    public static Optional<String> whyNotMeasurable(Column column, int minGroupRows) {
        return reasonNotMeasurable(column, minGroupRows).map(why -> column.name() + ": " + why);
    }

    private static Optional<String> reasonNotMeasurable(Column column, int minGroupRows) {
        Groups groups = Groups.of(column);
        int[] size = new int[groups.count()];
        for (int g : groups.group()) {
            size[g]++;
        }
        if (groups.count() == 0) {
            return Optional.of("there are no rows, so no rate can be compared");
        }
        if (groups.count() == 1) {
            return Optional.of("every row is in one group (" + groups.labels().get(0) + "), so no rate can be compared");
        }
        List<String> large = new ArrayList<>();
        List<String> small = new ArrayList<>();
        for (int g = 0; g < size.length; g++) {
            (size[g] >= minGroupRows ? large : small).add(String.format(Locale.ROOT, "%s %,d", groups.labels().get(g),
                    size[g]));
        }
        if (large.size() >= 2) {
            return Optional.empty();
        }
        return Optional.of(large.isEmpty()
                ? String.format(Locale.ROOT, "no group has at least %d rows (%s), so no rate can be compared",
                        minGroupRows, String.join(", ", small))
                : String.format(Locale.ROOT, "only one group has at least %d rows (%s; too small to compare: %s), so"
                        + " no rate can be compared", minGroupRows, large.get(0), String.join(", ", small)));
    }

    /**
     * Checks, before any fit, that the ratio can be measured for every protected attribute when the use
     * case bounds it: a bound on a ratio that cannot be measured would otherwise pass unchecked.
     *
     * @param minSelectionRateRatio the use case's bound, or null for none (then nothing is required)
     * @throws IllegalArgumentException naming the first attribute that cannot be measured, and why
     */
    public static void requireMeasurable(Frame protectedColumns, Double minSelectionRateRatio, int minGroupRows) {
        if (minSelectionRateRatio == null) {
            return;
        }
        for (Column column : protectedColumns.columns()) {
            Optional<String> why = reasonNotMeasurable(column, minGroupRows);
            if (why.isPresent()) {
                throw new IllegalArgumentException("fairness.min_selection_rate_ratio is "
                        + Json.number(minSelectionRateRatio) + ", but the selection-rate ratio by " + column.name()
                        + " cannot be measured: " + why.get() + " (take " + column.name()
                        + " out of fairness.protected, or remove the bound)");
            }
        }
    }

    /** The audit of the attribute with this name, or null. */
    public AttributeAudit attribute(String name) {
        return attributes.stream().filter(a -> a.attribute().equals(name)).findFirst().orElse(null);
    }

    /**
     * Audits held-out predictions against every column of {@code protectedColumns}.
     *
     * @param protectedColumns the protected attributes, rows aligned with the target
     * @param target a classification target
     * @throws IllegalArgumentException when the target is not a classification target, or the rows of the
     *     columns, target and scores differ
     */
    public static FairnessAudit of(Frame protectedColumns, Target target, HeldOutScores heldOut,
            Favourable favourable, Options options) {
        if (!target.isClassification()) {
            throw new IllegalArgumentException("a fairness audit needs a classification target: '"
                    + target.info().name() + "' is " + target.info().task().word());
        }
        int n = target.size();
        if (heldOut.rows() != n || protectedColumns.rows() != n) {
            throw new IllegalArgumentException("rows differ: target " + n + ", held-out scores " + heldOut.rows()
                    + ", protected columns " + protectedColumns.rows());
        }
        Decisions decisions = Decisions.of(target, heldOut, favourable);
        List<AttributeAudit> attributes = new ArrayList<>();
        for (Column column : protectedColumns.columns()) {
            attributes.add(audit(column, decisions, heldOut, target, options));
        }
        double[] t = heldOut.thresholds();
        double mean = Arrays.stream(t).average().orElse(Double.NaN);
        return new FairnessAudit(favourable, target.info().positive(), target.info().negative(), mean,
                Arrays.stream(t).min().orElse(Double.NaN), Arrays.stream(t).max().orElse(Double.NaN),
                heldOut.repeats(), attributes);
    }

    /**
     * Per row: the share of its held-out decisions that are favourable, its actual class, and whether its
     * actual outcome is the favourable one.
     */
    private record Decisions(double[] favourableShare, double[] y, boolean[] qualified, Favourable favourable) {

        static Decisions of(Target target, HeldOutScores heldOut, Favourable favourable) {
            int n = target.size();
            double[] share = new double[n];
            boolean[] qualified = new boolean[n];
            for (int i = 0; i < n; i++) {
                int positives = 0;
                for (int r = 0; r < heldOut.repeats(); r++) {
                    positives += heldOut.calledPositive(r, i) ? 1 : 0;
                }
                double positiveShare = (double) positives / heldOut.repeats();
                share[i] = favourable == Favourable.POSITIVE ? positiveShare : 1 - positiveShare;
                qualified[i] = favourable == Favourable.POSITIVE ? target.value(i) == 1.0 : target.value(i) == 0.0;
            }
            return new Decisions(share, target.values(), qualified, favourable);
        }

        double positiveShare(int i) {
            return favourable == Favourable.POSITIVE ? favourableShare[i] : 1 - favourableShare[i];
        }
    }

    private static AttributeAudit audit(Column column, Decisions d, HeldOutScores heldOut, Target target,
            Options options) {
        Groups groups = Groups.of(column);
        int[][] members = members(groups);
        List<GroupRates> rates = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int g = 0; g < groups.count(); g++) {
            boolean small = members[g].length < options.minGroupRows();
            if (small) {
                notes.add(String.format(Locale.ROOT, "group '%s' has %d rows (< %d): reported, not in the ratio or"
                        + " the equal-opportunity difference", groups.labels().get(g), members[g].length,
                        options.minGroupRows()));
            }
            rates.add(rates(groups.labels().get(g), members[g], small, d, heldOut, target));
        }
        double ratio = Double.NaN;
        String lowest = null;
        String highest = null;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        int compared = 0;
        for (GroupRates r : rates) {
            if (r.small()) {
                continue;
            }
            compared++;
            if (r.favourableRate() < low) {
                low = r.favourableRate();
                lowest = r.group();
            }
            if (r.favourableRate() > high) {
                high = r.favourableRate();
                highest = r.group();
            }
        }
        String notMeasurable = null;
        if (compared >= 2) {
            ratio = ratio(low, high);
        } else {
            lowest = null;
            highest = null;
            notMeasurable = whyNotMeasurable(column, options.minGroupRows()).orElseThrow();
        }
        double opportunity = opportunityDifference(rates.stream().filter(r -> !r.small())
                .mapToDouble(GroupRates::opportunityRate).toArray());
        Interval[] intervals = bootstrap(members, rates, d, options);
        return new AttributeAudit(column.name(), groups.grouping(), rates, ratio, intervals[0], lowest, highest,
                opportunity, intervals[1], notes, notMeasurable);
    }

    private static int[][] members(Groups groups) {
        int[] size = new int[groups.count()];
        for (int g : groups.group()) {
            size[g]++;
        }
        int[][] members = new int[groups.count()][];
        for (int g = 0; g < size.length; g++) {
            members[g] = new int[size[g]];
        }
        int[] fill = new int[groups.count()];
        for (int i = 0; i < groups.group().length; i++) {
            int g = groups.group()[i];
            members[g][fill[g]++] = i;
        }
        return members;
    }

    private static GroupRates rates(String label, int[] rows, boolean small, Decisions d, HeldOutScores heldOut,
            Target target) {
        double positiveCalls = 0;
        double favourable = 0;
        double truePositives = 0;
        int positives = 0;
        double falsePositives = 0;
        int negatives = 0;
        double opportunity = 0;
        int qualified = 0;
        double scoreSum = 0;
        int bandCount = 5;
        double[] bandScore = new double[bandCount];
        double[] bandObserved = new double[bandCount];
        int[] bandPredictions = new int[bandCount];
        for (int i : rows) {
            double pos = d.positiveShare(i);
            positiveCalls += pos;
            favourable += d.favourableShare()[i];
            if (d.y()[i] == 1.0) {
                truePositives += pos;
                positives++;
            } else {
                falsePositives += pos;
                negatives++;
            }
            if (d.qualified()[i]) {
                opportunity += d.favourableShare()[i];
                qualified++;
            }
            for (int r = 0; r < heldOut.repeats(); r++) {
                double s = heldOut.score(r, i);
                scoreSum += s;
                int b = Math.min(bandCount - 1, Math.max(0, (int) Math.floor(s * bandCount)));
                bandScore[b] += s;
                bandObserved[b] += target.value(i);
                bandPredictions[b]++;
            }
        }
        List<CalibrationBand> calibration = new ArrayList<>();
        for (int b = 0; b < bandCount; b++) {
            if (bandPredictions[b] > 0) {
                calibration.add(new CalibrationBand(String.format(Locale.ROOT, "%.1f–%.1f", b / (double) bandCount,
                        (b + 1) / (double) bandCount), bandPredictions[b], bandScore[b] / bandPredictions[b],
                        bandObserved[b] / bandPredictions[b]));
            }
        }
        int n = rows.length;
        double observed = 0;
        for (int i : rows) {
            observed += d.y()[i];
        }
        return new GroupRates(label, n, small, share(positiveCalls, n), share(favourable, n),
                share(truePositives, positives), share(falsePositives, negatives), share(opportunity, qualified),
                share(scoreSum, n * heldOut.repeats()), share(observed, n), calibration);
    }

    private static double share(double sum, int count) {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Lowest / highest favourable rate; 1 when nobody is favoured (every group alike). */
    static double ratio(double lowest, double highest) {
        return highest == 0 ? 1.0 : lowest / highest;
    }

    /** Highest minus lowest of the defined rates; NaN when fewer than two are defined. */
    static double opportunityDifference(double[] rates) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        int defined = 0;
        for (double r : rates) {
            if (!Double.isNaN(r)) {
                defined++;
                low = Math.min(low, r);
                high = Math.max(high, r);
            }
        }
        return defined < 2 ? Double.NaN : high - low;
    }

    /** Percentile intervals of the ratio and the equal-opportunity difference, resampling within groups. */
    private static Interval[] bootstrap(int[][] members, List<GroupRates> rates, Decisions d, Options options) {
        List<int[]> compared = new ArrayList<>();
        for (int g = 0; g < members.length; g++) {
            if (!rates.get(g).small()) {
                compared.add(members[g]);
            }
        }
        Interval none = new Interval(Double.NaN, Double.NaN);
        if (compared.size() < 2) {
            return new Interval[] {none, none};
        }
        int rows = 0;
        for (int[] group : compared) {
            rows += group.length;
        }
        return rows > ROW_RESAMPLING_MAX ? resampleCounts(compared, d.favourableShare(), d.qualified(), options)
                : resampleRows(compared, d.favourableShare(), d.qualified(), options);
    }

    /**
     * The bootstrap itself: each resample draws every compared group's rows with replacement.
     *
     * @param compared the rows of each group compared (at least two groups)
     * @param favourableShare each row's share of favourable held-out decisions
     * @param qualified whether each row's actual outcome is the favourable one
     */
    static Interval[] resampleRows(List<int[]> compared, double[] favourableShare, boolean[] qualified,
            Options options) {
        return resample(compared.size(), options, (g, random, drawn) -> {
            int[] rows = compared.get(g);
            double favourable = 0;
            double qualifiedFavourable = 0;
            int qualifiedRows = 0;
            for (int k = 0; k < rows.length; k++) {
                int i = rows[random.nextInt(rows.length)];
                favourable += favourableShare[i];
                if (qualified[i]) {
                    qualifiedFavourable += favourableShare[i];
                    qualifiedRows++;
                }
            }
            drawn[0] = favourable / rows.length;
            drawn[1] = qualifiedFavourable;
            drawn[2] = qualifiedRows;
        });
    }

    /**
     * One group's part of a resample: its favourable rate into {@code drawn[0]}, the favourable shares summed over
     * its qualified rows into {@code drawn[1]} and how many qualified rows it drew into {@code drawn[2]}.
     */
    private interface GroupDraw {
        void draw(int group, SplittableRandom random, double[] drawn);
    }

    /**
     * The bootstrap's frame, whichever way a group is drawn: every resample draws each group in turn from one seeded
     * generator, and the percentile intervals of the ratio and the opportunity difference are read off the
     * resamples.
     */
    private static Interval[] resample(int groups, Options options, GroupDraw draw) {
        SplittableRandom random = new SplittableRandom(options.seed());
        double[] ratios = new double[options.resamples()];
        double[] differences = new double[options.resamples()];
        int differenceCount = 0;
        double[] opportunity = new double[groups];
        double[] drawn = new double[3];
        for (int b = 0; b < options.resamples(); b++) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < groups; g++) {
                draw.draw(g, random, drawn);
                low = Math.min(low, drawn[0]);
                high = Math.max(high, drawn[0]);
                opportunity[g] = share(drawn[1], (int) drawn[2]);
            }
            ratios[b] = ratio(low, high);
            double difference = opportunityDifference(opportunity);
            if (!Double.isNaN(difference)) {
                differences[differenceCount++] = difference;
            }
        }
        double alpha = 1 - options.confidence();
        return new Interval[] {percentiles(ratios, alpha),
            percentiles(Arrays.copyOf(differences, differenceCount), alpha)};
    }

    /**
     * Above this many audited rows the resamples draw each group's counts, not its rows
     * ({@link #resampleCounts}); at most this many, rows, as always (the credit example and every smaller table
     * keep their intervals to the digit).
     */
    static final int ROW_RESAMPLING_MAX = 20_000;

    /**
     * The same bootstrap as {@link #resampleRows}, at a cost that does not grow with the rows. A resample of a
     * group's rows matters only through how many of each kind of row it draws, a kind being a row's favourable
     * share and whether it qualifies; and the numbers of each kind drawn, n rows with replacement, are multinomial
     * with the kinds' shares of the group. So each resample draws those counts (a binomial per kind, given the
     * kinds before it, {@link Binomial}), and the rates follow from them: the distribution of every resampled
     * rate is the row bootstrap's, only the random numbers differ.
     */
    static Interval[] resampleCounts(List<int[]> compared, double[] favourableShare, boolean[] qualified,
            Options options) {
        int groups = compared.size();
        double[][] shares = new double[groups][];
        boolean[][] qualifies = new boolean[groups][];
        int[][] counts = new int[groups][];
        for (int g = 0; g < groups; g++) {
            // Kinds of row in a fixed order (unqualified first, then by share), whatever the rows' order.
            TreeMap<Double, int[]> unqualifiedKinds = new TreeMap<>();
            TreeMap<Double, int[]> qualifiedKinds = new TreeMap<>();
            for (int i : compared.get(g)) {
                (qualified[i] ? qualifiedKinds : unqualifiedKinds)
                        .computeIfAbsent(favourableShare[i], k -> new int[1])[0]++;
            }
            int kinds = unqualifiedKinds.size() + qualifiedKinds.size();
            shares[g] = new double[kinds];
            qualifies[g] = new boolean[kinds];
            counts[g] = new int[kinds];
            int k = 0;
            for (var kind : unqualifiedKinds.entrySet()) {
                shares[g][k] = kind.getKey();
                counts[g][k++] = kind.getValue()[0];
            }
            for (var kind : qualifiedKinds.entrySet()) {
                shares[g][k] = kind.getKey();
                qualifies[g][k] = true;
                counts[g][k++] = kind.getValue()[0];
            }
        }
        return resample(groups, options, (g, random, drawn) -> {
            int n = compared.get(g).length;
            int left = n;
            int leftCount = n;
            double favourable = 0;
            double qualifiedFavourable = 0;
            int qualifiedRows = 0;
            int[] count = counts[g];
            for (int k = 0; k < count.length && left > 0; k++) {
                // The kind's draws given those of the kinds before it: binomial in what is left.
                int taken = k == count.length - 1 ? left
                        : Binomial.sample(random, left, Math.min(1.0, count[k] / (double) leftCount));
                left -= taken;
                leftCount -= count[k];
                favourable += taken * shares[g][k];
                if (qualifies[g][k]) {
                    qualifiedFavourable += taken * shares[g][k];
                    qualifiedRows += taken;
                }
            }
            drawn[0] = favourable / n;
            drawn[1] = qualifiedFavourable;
            drawn[2] = qualifiedRows;
        });
    }

    /** The alpha/2 and 1 − alpha/2 quantiles, interpolated between order statistics (R's type 7). */
    static Interval percentiles(double[] values, double alpha) {
        if (values.length == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Interval(quantile(sorted, alpha / 2), quantile(sorted, 1 - alpha / 2));
    }

    private static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
