package dev.occam.core.learn.scorecard;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.runtime.FitDiagnostics;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.ScorecardScorer;
import dev.occam.runtime.scorer.ScorecardScorer.Bin;
import dev.occam.runtime.scorer.ScorecardScorer.Characteristic;
import dev.occam.runtime.scorer.ScorecardScorer.Excluded;
import dev.occam.runtime.scorer.ScorecardScorer.Scaling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rung 2: the credit-risk points scorecard (Siddiqi, <i>Credit Risk Scorecards: Developing and Implementing
 * Intelligent Credit Scoring</i>, Wiley 2006). Use it when the people who act on the score (credit officers,
 * a regulator) must read the whole model as a table of points, and want missing values, categories and odd
 * shapes of risk (a U in age) handled without preparation. It competes with the logistic regression on the
 * same rung: the same kind of model, read as points per bin instead of coefficients per unit.
 *
 * <p>Fitting, on the training rows only:
 * <ol>
 *   <li>Every feature is binned (see {@code Binning}): quantile fine classes, merged until each bin holds at
 *       least {@code minBinShare} of the rows and both classes, until the bad rate is monotone where
 *       {@code monotone} asks for it, and by ChiMerge down to at most {@code maxBins} bins and on while
 *       neighbouring bins do not differ at the 5% level. Missing values get a bin of their own when there are
 *       enough of them, else join the bin of nearest WOE; unseen categories score as missing.</li>
 *   <li>Each bin's weight of evidence {@code WOE = ln(share of goods / share of bads)} and each feature's
 *       information value are computed (see {@code WeightOfEvidence}: smoothed by one pseudo-row per bin;
 *       goods are the negative class, bads the positive one). Features with one bin, or with an information
 *       value below {@code minInformationValue}, are left out.</li>
 *   <li>A {@link LogisticRegression} of the positive class on the WOE values (one column per feature) gives
 *       {@code logit P(bad) = α + Σ βⱼ WOEⱼ}. A WOE measures goodness, so a feature that works as its bins say
 *       has {@code βⱼ < 0}. A feature whose coefficient comes out {@code ≥ 0} (usually one collinear with
 *       another) or aliased would get points that run against its own evidence: it is left out and the
 *       regression refitted, as Siddiqi advises, until every coefficient is negative. This is also what
 *       makes a monotone bad rate give monotone points.</li>
 *   <li>Points: with {@code factor = pdo / ln 2} and {@code offset = baseScore − factor · ln(baseOdds)}, and
 *       {@code k} features in the card, bin b of feature j is worth
 *       {@code points = (offset − factor · α) / k − factor · βⱼ · WOEⱼ_b}, rounded to whole points (halves to
 *       even) when {@code roundPoints}. The points of a row add up to
 *       {@code score = offset + factor · ln(odds of good)}, and the scorer turns the total back into
 *       {@code P(bad) = 1 / (1 + exp((score − offset) / factor))}, so the table printed is exactly the model
 *       scored. Rounding moves each bin by at most half a point, {@code ln 2 / (2 · pdo)} in log-odds (0.017
 *       with the defaults).</li>
 * </ol>
 *
 * <p>What fails, and how it shows: a regression target, a target with only one class (WOE compares the
 * two), an infinite value, or a monotone direction for a feature that is absent or categorical throw an
 * {@link IllegalArgumentException} naming it. When no feature survives, the card is its base points alone:
 * every row scores the training share of the positive class. Separation in the regression (possible on few
 * rows) does not throw: the {@link LogisticRegression} then fits by Firth's penalised likelihood, so the points
 * stay finite, and the card's {@link FitDiagnostics} (those of its final regression) name the WOE column that
 * separates the classes. On few rows and many features, the best split of a pure
 * noise feature often passes ChiMerge's 5% test (the test does not count the cuts it chose among) and its
 * information value the 0.02 floor, which Siddiqi sets for samples of thousands: on 300 rows of 1000 noise
 * features about a tenth of them enter the card, as all of them enter an unpenalised logistic regression.
 */
public final class Scorecard implements Learner {

    /**
     * The required effect of a numeric feature on the positive class ("bad"): {@code INCREASING}, the bad
     * rate only rises as the value grows, so the points only fall; {@code DECREASING}, the other way. The
     * use case's {@code constraints.monotone} directions ("increasing", "decreasing") mean the same.
     */
    public enum Direction {
        INCREASING, DECREASING
    }

    /**
     * @param pdo points that double the odds of good (Siddiqi's "points to double the odds"); finite, &gt; 0
     * @param baseScore the score at which the odds of good are {@code baseOdds}:1; finite
     * @param baseOdds the odds of good (good:bad) at {@code baseScore}; finite, &gt; 0
     * @param maxBins at most this many bins of values per feature (a missing-values bin comes on top); &gt;= 2
     * @param minBinShare each bin holds at least this share of the training rows; in (0, 0.5]
     * @param minInformationValue features below this information value are left out; finite, &gt;= 0
     * @param roundPoints whether points are whole numbers (as printed cards have them) or exact
     * @param monotone required direction of the effect of a numeric feature on the positive class, by
     *     feature name ({@code increasing}: the bad rate only rises with the value); empty for none
     */
    public record Options(double pdo, double baseScore, double baseOdds, int maxBins, double minBinShare,
            double minInformationValue, boolean roundPoints, Map<String, Direction> monotone) {

        public Options {
            new Scaling(pdo, baseScore, baseOdds); // checks the three, naming the bad one
            if (maxBins < 2) {
                throw new IllegalArgumentException("maxBins must be >= 2: " + maxBins);
            }
            if (!(minBinShare > 0 && minBinShare <= 0.5)) {
                throw new IllegalArgumentException("minBinShare must be in (0, 0.5]: " + minBinShare);
            }
            if (!(minInformationValue >= 0) || Double.isInfinite(minInformationValue)) {
                throw new IllegalArgumentException("minInformationValue must be a finite number >= 0: "
                        + minInformationValue);
            }
            Map<String, Direction> copy = new LinkedHashMap<>();
            for (Map.Entry<String, Direction> e : (monotone == null ? Map.<String, Direction>of() : monotone).entrySet()) {
                if (e.getKey() == null || e.getKey().isBlank()) {
                    throw new IllegalArgumentException("monotone has an empty feature name: '" + e.getKey() + "'");
                }
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("monotone." + e.getKey()
                            + " must be increasing or decreasing: null");
                }
                copy.put(e.getKey(), e.getValue());
            }
            monotone = Collections.unmodifiableMap(copy);
        }

        /**
         * Siddiqi's usual scaling, 600 points at odds 50:1 and 20 points to double the odds; bins of at least 5%
         * of the rows (Siddiqi's minimum bin size), at most 6 per feature (a card stays readable; on credit_data
         * ChiMerge's significance stop leaves fewer than 6 anyway, and 8 or 10 give the same card); features
         * with information value below 0.02 left out ("unpredictive" on Siddiqi's scale); whole points; no
         * monotone constraint.
         */
        public static Options defaults() {
            return new Options(20, 600, 50, 6, 0.05, 0.02, true, Map.of());
        }

        public Scaling scaling() {
            return new Scaling(pdo, baseScore, baseOdds);
        }

        public Options withScaling(double newPdo, double newBaseScore, double newBaseOdds) {
            return new Options(newPdo, newBaseScore, newBaseOdds, maxBins, minBinShare, minInformationValue,
                    roundPoints, monotone);
        }

        public Options withMaxBins(int value) {
            return new Options(pdo, baseScore, baseOdds, value, minBinShare, minInformationValue, roundPoints,
                    monotone);
        }

        public Options withMinBinShare(double value) {
            return new Options(pdo, baseScore, baseOdds, maxBins, value, minInformationValue, roundPoints, monotone);
        }

        public Options withMinInformationValue(double value) {
            return new Options(pdo, baseScore, baseOdds, maxBins, minBinShare, value, roundPoints, monotone);
        }

        public Options withRoundPoints(boolean value) {
            return new Options(pdo, baseScore, baseOdds, maxBins, minBinShare, minInformationValue, value, monotone);
        }

        public Options withMonotone(Map<String, Direction> value) {
            return new Options(pdo, baseScore, baseOdds, maxBins, minBinShare, minInformationValue, roundPoints,
                    value);
        }
    }

    private final Options options;

    /** A scorecard with the default options. */
    public Scorecard() {
        this(Options.defaults());
    }

    public Scorecard(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    @Override
    public String family() {
        return "scorecard";
    }

    @Override
    public int rung() {
        return 2;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CLASSIFICATION, Capability.MISSING_VALUES, Capability.CATEGORICAL_INPUT,
                Capability.MONOTONE_CONSTRAINTS, Capability.EXPLAINABLE);
    }

    @Override
    public Model fit(Frame features, Target target) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        if (!target.isClassification()) {
            throw new IllegalArgumentException("a scorecard needs a classification target; '"
                    + target.info().name() + "' is a regression target");
        }
        target.requireRowsOf(features);
        checkMonotone(features);
        double[] y = target.values();
        long bads = 0;
        for (double v : y) {
            bads += v == 1.0 ? 1 : 0;
        }
        WeightOfEvidence evidence = new WeightOfEvidence(y.length - bads, bads);
        Binning binning = new Binning(evidence, y.length, options.maxBins(), options.minBinShare());

        List<Characteristic> candidates = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        for (int j = 0; j < features.columnCount(); j++) {
            Column column = features.column(j);
            Characteristic c = column instanceof NumericColumn nc
                    ? binning.numeric(j, nc, y, options.monotone().get(column.name()))
                    : binning.categorical(j, (CategoricalColumn) column, y);
            if (c.bins().size() < 2) {
                excluded.add(new Excluded(j, c.informationValue(), "a single bin: no rows to tell apart"));
            } else if (c.informationValue() < options.minInformationValue()) {
                excluded.add(new Excluded(j, c.informationValue(), "information value below "
                        + number(options.minInformationValue())));
            } else {
                candidates.add(c);
            }
        }

        // Regress on the WOE values, leaving out features whose coefficient runs against their evidence.
        double intercept = Math.log((double) bads / (y.length - bads));
        double[] coefficients = new double[0];
        FitDiagnostics diagnostics = FitDiagnostics.CLEAN;
        while (!candidates.isEmpty()) {
            Model regression = regressOnWoe(features, candidates, target);
            LinearScorer fit = (LinearScorer) regression.scorer();
            double[] beta = fit.coefficients();
            boolean[] aliased = fit.aliased();
            List<Characteristic> kept = new ArrayList<>();
            for (int k = 0; k < candidates.size(); k++) {
                Characteristic c = candidates.get(k);
                if (aliased[k]) {
                    excluded.add(new Excluded(c.feature(), c.informationValue(),
                            "its WOE is aliased with the other features' (linearly dependent)"));
                } else if (!(beta[k] < 0)) {
                    excluded.add(new Excluded(c.feature(), c.informationValue(), "its coefficient on WOE came out "
                            + number(beta[k]) + " >= 0, so its points would run against its own bins "
                            + "(often collinear with another feature)"));
                } else {
                    kept.add(c);
                }
            }
            if (kept.size() == candidates.size()) {
                intercept = fit.intercept();
                coefficients = beta;
                // The card's diagnostics are its final regression's, its method named as a scorecard's.
                diagnostics = new FitDiagnostics(regression.diagnostics().converged(),
                        "binning, weight of evidence, then " + regression.diagnostics().method() + " on the WOE values",
                        regression.diagnostics().findings());
                break;
            }
            candidates = kept;
        }

        Scaling scaling = options.scaling();
        double factor = scaling.factor();
        int k = candidates.size();
        double shared = k == 0 ? 0.0 : (scaling.offset() - factor * intercept) / k;
        List<Characteristic> card = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            Characteristic binned = candidates.get(c);
            List<Bin> bins = new ArrayList<>();
            for (Bin b : binned.bins()) {
                bins.add(new Bin(round(shared - factor * coefficients[c] * b.woe()), b.woe(), b.goods(), b.bads()));
            }
            card.add(new Characteristic(binned.feature(), binned.cuts(), binned.levelBins(), binned.missingBin(), bins,
                    coefficients[c], binned.informationValue()));
        }
        double basePoints = k == 0 ? round(scaling.offset() - factor * intercept) : 0.0;
        excluded.sort(Comparator.comparingInt(Excluded::feature));
        ScorecardScorer scorer = new ScorecardScorer(features.schema(), scaling, intercept, basePoints, card, excluded);
        return Model.of(family(), target.info(), scorer).withDiagnostics(diagnostics);
    }

    private double round(double points) {
        return options.roundPoints() ? Math.rint(points) : points;
    }

    /**
     * The logistic regression of the target on one WOE column per candidate, each row coded by its bin. The
     * columns are named "WOE of Income", so that a finding of the regression (separation) reads right.
     */
    private static Model regressOnWoe(Frame features, List<Characteristic> candidates, Target target) {
        List<Column> columns = new ArrayList<>(candidates.size());
        int n = features.rows();
        for (Characteristic c : candidates) {
            Column raw = features.column(c.feature());
            double[] woe = new double[n];
            for (int i = 0; i < n; i++) {
                woe[i] = c.bins().get(c.binOf(raw.encoded(i))).woe();
            }
            columns.add(new NumericColumn("WOE of " + raw.name(), woe));
        }
        return new LogisticRegression().fit(new Frame(columns), target);
    }

    private void checkMonotone(Frame features) {
        for (String name : options.monotone().keySet()) {
            if (!features.hasColumn(name)) {
                throw new IllegalArgumentException("monotone names '" + name + "', which is not a feature; features are "
                        + features.schema().names());
            }
            if (!(features.column(name) instanceof NumericColumn)) {
                throw new IllegalArgumentException("monotone names '" + name + "', which is categorical; a direction "
                        + "needs ordered values");
            }
        }
    }

    private static String number(double v) {
        return Json.number(v);
    }
}
