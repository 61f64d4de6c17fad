package dev.occam.core.learn.scorecard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Folds;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.linear.LogisticRegression;
import dev.occam.core.learn.scorecard.Scorecard.Direction;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.data.Row;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.ScorecardScorer;
import dev.occam.runtime.scorer.ScorecardScorer.Bin;
import dev.occam.runtime.scorer.ScorecardScorer.Characteristic;
import dev.occam.runtime.scorer.ScorecardScorer.Excluded;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorecardTest {

    private static final TargetInfo Y = TargetInfo.classification("y", "bad", "good");

    @TempDir
    Path dir;

    // ---- fixtures ----

    private static ScorecardScorer fitCard(Scorecard learner, Frame features, double[] y) {
        return (ScorecardScorer) learner.fit(features, new Target(Y, y)).scorer();
    }

    private static Characteristic characteristic(ScorecardScorer card, String feature) {
        int index = card.input().indexOf(feature);
        for (Characteristic c : card.characteristics()) {
            if (c.feature() == index) {
                return c;
            }
        }
        throw new AssertionError(feature + " is not in the card:\n" + card.describe());
    }

    /** The hand table of WeightOfEvidenceTest as a categorical column: a 80/20, b 60/40, c 20/40 (goods/bads). */
    private static Frame handTable(double[] y) {
        int[] codes = new int[260];
        int[][] counts = {{80, 20}, {60, 40}, {20, 40}};
        int i = 0;
        for (int level = 0; level < 3; level++) {
            for (int cls = 0; cls < 2; cls++) {
                for (int r = 0; r < counts[level][cls]; r++) {
                    codes[i] = level;
                    y[i] = cls; // goods first (0), then bads (1)
                    i++;
                }
            }
        }
        return new Frame(List.of(new CategoricalColumn("g", List.of("a", "b", "c"), codes)));
    }

    /** One uniform numeric feature x with P(bad | x) = risk(x); {@code missingShare} of x missing with P(bad) = missingRisk. */
    private record Sample(Frame features, double[] y) {
    }

    private static Sample numericSample(int n, long seed, DoubleUnaryOperator risk, double missingShare,
            double missingRisk) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < missingShare) {
                x[i] = Double.NaN;
                y[i] = r.nextDouble() < missingRisk ? 1 : 0;
            } else {
                x[i] = Math.floor(r.nextDouble() * 1000) / 10; // 0.0 .. 99.9
                y[i] = r.nextDouble() < risk.applyAsDouble(x[i]) ? 1 : 0;
            }
        }
        return new Sample(new Frame(List.of(new NumericColumn("x", x))), y);
    }

    private static LabelledData credit() {
        return LabelledData.of(TestDatasets.load("credit_data.csv"), "Status", Task.CLASSIFICATION, "bad", List.of());
    }

    // ---- contract and options ----

    @Test
    void learner_declared_familyRungAndCapabilities() {
        Scorecard s = new Scorecard();
        assertEquals("scorecard", s.family());
        assertEquals(2, s.rung());
        assertEquals(EnumSet.of(Capability.CLASSIFICATION, Capability.MISSING_VALUES, Capability.CATEGORICAL_INPUT,
                Capability.MONOTONE_CONSTRAINTS, Capability.EXPLAINABLE), s.capabilities());
    }

    @Test
    void defaults_always_siddiqiScalingAndBinning() {
        Scorecard.Options d = Scorecard.Options.defaults();
        assertEquals(new Scorecard.Options(20, 600, 50, 6, 0.05, 0.02, true, Map.of()), d);
        assertEquals(d, new Scorecard().options());
    }

    @Test
    void options_badValues_rejectedNamingOptionAndValue() {
        Scorecard.Options d = Scorecard.Options.defaults();
        assertEquals("pdo must be a finite number > 0: 0.0", message(() -> d.withScaling(0, 600, 50)));
        assertEquals("pdo must be a finite number > 0: Infinity",
                message(() -> d.withScaling(Double.POSITIVE_INFINITY, 600, 50)));
        assertEquals("baseScore must be a finite number: NaN", message(() -> d.withScaling(20, Double.NaN, 50)));
        assertEquals("baseOdds must be a finite number > 0: -1.0", message(() -> d.withScaling(20, 600, -1)));
        assertEquals("maxBins must be >= 2: 1", message(() -> d.withMaxBins(1)));
        assertEquals("minBinShare must be in (0, 0.5]: 0.0", message(() -> d.withMinBinShare(0)));
        assertEquals("minBinShare must be in (0, 0.5]: 0.6", message(() -> d.withMinBinShare(0.6)));
        assertEquals("minInformationValue must be a finite number >= 0: -0.1",
                message(() -> d.withMinInformationValue(-0.1)));
        assertEquals("minInformationValue must be a finite number >= 0: NaN",
                message(() -> d.withMinInformationValue(Double.NaN)));
        Map<String, Direction> noDirection = new HashMap<>();
        noDirection.put("Age", null);
        assertEquals("monotone.Age must be increasing or decreasing: null", message(() -> d.withMonotone(noDirection)));
        assertEquals("monotone has an empty feature name: ' '",
                message(() -> d.withMonotone(Map.of(" ", Direction.INCREASING))));
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void fit_badData_throwsNamingTheProblem() {
        Frame f = new Frame(List.of(new NumericColumn("x", new double[] {1, 2, 3, Double.POSITIVE_INFINITY}),
                new CategoricalColumn("g", List.of("a"), new int[] {0, 0, 0, 0})));
        double[] y = {0, 1, 0, 1};
        assertEquals("a scorecard needs a classification target; 'n' is a regression target",
                message(() -> new Scorecard().fit(f, new Target(TargetInfo.regression("n"), y))));
        assertEquals("features have 4 rows, the target has 3",
                message(() -> new Scorecard().fit(f, new Target(Y, new double[] {0, 1, 0}))));
        assertEquals("column 'x' holds Infinity at row 3; a scorecard bins finite numbers",
                message(() -> new Scorecard().fit(f, new Target(Y, y))));
        Frame finite = f.without(List.of("x"));
        assertEquals("a scorecard needs rows of both classes; the training rows hold 4 of the negative and 0 of the "
                + "positive class", message(() -> new Scorecard().fit(finite, new Target(Y, new double[4]))));
        assertEquals("monotone names 'g', which is categorical; a direction needs ordered values",
                message(() -> new Scorecard(Scorecard.Options.defaults().withMonotone(Map.of("g", Direction.INCREASING)))
                        .fit(finite, new Target(Y, y))));
        assertEquals("monotone names 'Age', which is not a feature; features are [g]",
                message(() -> new Scorecard(Scorecard.Options.defaults().withMonotone(Map.of("Age", Direction.INCREASING)))
                        .fit(finite, new Target(Y, y))));
    }

    // ---- weight of evidence, information value, points ----

    @Test
    void fit_handTable_binWoeAndInformationValueAsComputedByHand() {
        double[] y = new double[260];
        ScorecardScorer card = fitCard(new Scorecard(), handTable(y), y);
        Characteristic g = characteristic(card, "g");
        // No merge: neighbours in WOE order differ by chi-square 10.7 (c, b) and 9.5 (b, a), above 3.84.
        // Bins in WOE order: c, b, a; values from WeightOfEvidenceTest's hand computation.
        assertArrayEquals(new int[] {2, 1, 0}, g.levelBins());
        assertEquals(-1.1424149113265025, g.bins().get(0).woe(), 1e-14);
        assertEquals(-0.06390380197948031, g.bins().get(1).woe(), 1e-14);
        assertEquals(0.9049054096490297, g.bins().get(2).woe(), 1e-14);
        assertEquals(0.5872333185589842, g.informationValue(), 1e-14);
        assertEquals(20, g.bins().get(0).goods());
        assertEquals(40, g.bins().get(0).bads());
        // No missing rows in training: missing values score with the bin nearest average risk (WOE nearest 0), b.
        assertEquals(1, g.missingBin());
    }

    @Test
    void fit_oneWoeFeature_coefficientNearMinusOne() {
        // With unsmoothed WOE, logit P(bad) = ln(B/G) - WOE reproduces every level's log-odds exactly, so the
        // regression on a single WOE column has intercept ln(B/G) and coefficient -1. The smoothing moves
        // both by about 1% on this table.
        double[] y = new double[260];
        ScorecardScorer card = fitCard(new Scorecard(), handTable(y), y);
        assertEquals(-1.0, characteristic(card, "g").coefficient(), 0.02);
        assertEquals(Math.log(100.0 / 160), card.intercept(), 0.02);
    }

    @Test
    void fit_points_followTheDocumentedAllocation() {
        LabelledData d = credit();
        ScorecardScorer card = (ScorecardScorer) new Scorecard().fit(d.features(), d.target()).scorer();
        double factor = 20 / Math.log(2);
        double offset = 600 - factor * Math.log(50);
        int k = card.characteristics().size();
        assertTrue(k >= 5, card.describe());
        assertEquals(0.0, card.basePoints(), 0.0);
        for (Characteristic c : card.characteristics()) {
            for (Bin b : c.bins()) {
                double exact = (offset - factor * card.intercept()) / k - factor * c.coefficient() * b.woe();
                assertEquals(Math.rint(exact), b.points(), 0.0);
            }
        }
    }

    @Test
    void fit_exactPoints_probabilityEqualsTheRegressionOnWoe() {
        LabelledData d = credit();
        Scorecard learner = new Scorecard(Scorecard.Options.defaults().withRoundPoints(false));
        ScorecardScorer card = (ScorecardScorer) learner.fit(d.features(), d.target()).scorer();
        // Refit the logistic regression on the card's own WOE coding, independently of the card's points.
        List<Column> woe = new ArrayList<>();
        for (Characteristic c : card.characteristics()) {
            Column raw = d.features().column(c.feature());
            double[] v = new double[raw.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = c.bins().get(c.binOf(raw.encoded(i))).woe();
            }
            woe.add(new NumericColumn(raw.name(), v));
        }
        Frame woeFrame = new Frame(woe);
        LinearScorer lr = (LinearScorer) new LogisticRegression().fit(woeFrame, d.target()).scorer();
        for (int i = 0; i < d.features().rows(); i++) {
            assertEquals(lr.score(woeFrame.row(i)), card.score(d.features().row(i)), 1e-12, "row " + i);
        }
    }

    @Test
    void fit_rounding_movesProbabilityLittle() {
        LabelledData d = credit();
        ScorecardScorer exact = (ScorecardScorer) new Scorecard(Scorecard.Options.defaults().withRoundPoints(false))
                .fit(d.features(), d.target()).scorer();
        ScorecardScorer rounded = (ScorecardScorer) new Scorecard().fit(d.features(), d.target()).scorer();
        int k = rounded.characteristics().size();
        // Each bin moves by at most half a point: the total by k/2 points, the log-odds by k/2 / factor.
        double maxLogOdds = k / 2.0 / (20 / Math.log(2));
        for (int i = 0; i < d.features().rows(); i++) {
            double[] x = d.features().row(i);
            assertEquals(exact.points(x), rounded.points(x), k / 2.0);
            assertEquals(0.0, logit(rounded.score(x)) - logit(exact.score(x)), maxLogOdds + 1e-9);
        }
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    // ---- monotone directions ----

    /** Risk rises with x, except a high-risk pocket below 15: unconstrained bins are not monotone. */
    private static final DoubleUnaryOperator DIP = x -> x < 15 ? 0.55 : 0.1 + 0.005 * x;

    private static double[] intervalPoints(Characteristic c) {
        double[] p = new double[c.cuts().length + 1];
        for (int k = 0; k < p.length; k++) {
            p[k] = c.bins().get(k).points();
        }
        return p;
    }

    @Test
    void fit_noConstraint_keepsTheDip() {
        Sample s = numericSample(4000, 21, DIP, 0, 0);
        double[] p = intervalPoints(characteristic(fitCard(new Scorecard(), s.features(), s.y()), "x"));
        assertTrue(p.length >= 3 && p[0] < p[1], "a riskier first bin, then safer: " + java.util.Arrays.toString(p));
        assertTrue(p[p.length - 1] < p[1], "and riskier again at the top: " + java.util.Arrays.toString(p));
    }

    @Test
    void fit_monotoneIncreasing_pointsNeverRiseWithTheValue() {
        Sample s = numericSample(4000, 21, DIP, 0, 0);
        Scorecard learner = new Scorecard(Scorecard.Options.defaults().withMonotone(Map.of("x", Direction.INCREASING)));
        Characteristic x = characteristic(fitCard(learner, s.features(), s.y()), "x");
        double[] p = intervalPoints(x);
        assertTrue(p.length >= 2, "x stays in the card with bins: " + java.util.Arrays.toString(p));
        for (int k = 1; k < p.length; k++) {
            // Risk of bad rises with x, so points (goodness) fall.
            assertTrue(p[k] <= p[k - 1], java.util.Arrays.toString(p));
        }
    }

    @Test
    void fit_monotoneDecreasing_pointsNeverFallWithTheValue() {
        Sample s = numericSample(4000, 21, DIP, 0, 0);
        Scorecard learner = new Scorecard(Scorecard.Options.defaults().withMonotone(Map.of("x", Direction.DECREASING)));
        double[] p = intervalPoints(characteristic(fitCard(learner, s.features(), s.y()), "x"));
        assertTrue(p.length >= 2, java.util.Arrays.toString(p));
        for (int k = 1; k < p.length; k++) {
            assertTrue(p[k] >= p[k - 1], java.util.Arrays.toString(p));
        }
    }

    @Test
    void fit_creditDataWithDirections_pointsMonotoneInEachDirection() {
        LabelledData d = credit();
        // Unconstrained, Expenses is a U: low and high spenders are riskier than the middle.
        double[] free = intervalPoints(characteristic((ScorecardScorer) new Scorecard().fit(d.features(), d.target())
                .scorer(), "Expenses"));
        assertTrue(free.length >= 3 && free[1] > free[0] && free[1] > free[free.length - 1],
                java.util.Arrays.toString(free));

        Map<String, Direction> directions = new LinkedHashMap<>();
        directions.put("Seniority", Direction.DECREASING);
        directions.put("Income", Direction.DECREASING);
        directions.put("Amount", Direction.INCREASING);
        directions.put("Expenses", Direction.INCREASING);
        directions.put("Price", Direction.DECREASING);
        directions.put("Age", Direction.DECREASING);
        Scorecard learner = new Scorecard(Scorecard.Options.defaults().withMonotone(directions));
        ScorecardScorer card = (ScorecardScorer) learner.fit(d.features(), d.target()).scorer();
        for (Map.Entry<String, Direction> e : directions.entrySet()) {
            int index = card.input().indexOf(e.getKey());
            for (Characteristic c : card.characteristics()) {
                if (c.feature() != index) {
                    continue;
                }
                double[] p = intervalPoints(c);
                for (int k = 1; k < p.length; k++) {
                    // Increasing: the bad rate rises with the value, so the points fall.
                    assertTrue(e.getValue() == Direction.INCREASING ? p[k] <= p[k - 1] : p[k] >= p[k - 1],
                            e.getKey() + " " + java.util.Arrays.toString(p));
                }
            }
        }
        for (String name : List.of("Seniority", "Income", "Amount")) {
            assertTrue(intervalPoints(characteristic(card, name)).length >= 3, card.describe());
        }
        double[] expenses = intervalPoints(characteristic(card, "Expenses"));
        assertTrue(expenses.length >= 2 && expenses[expenses.length - 1] < expenses[0], card.describe());
    }

    // ---- missing values and categories ----

    @Test
    void fit_manyMissing_ownBinAfterTheIntervals() {
        Sample s = numericSample(3000, 5, x -> 0.1 + 0.004 * x, 0.2, 0.7);
        ScorecardScorer card = fitCard(new Scorecard(), s.features(), s.y());
        Characteristic x = characteristic(card, "x");
        int intervals = x.cuts().length + 1;
        assertEquals(intervals + 1, x.bins().size());
        assertEquals(intervals, x.missingBin());
        assertEquals("missing", card.label(x, intervals));
        Bin missing = x.bins().get(intervals);
        assertTrue(missing.badRate() > 0.6, "bad rate of the missing rows " + missing.badRate());
        assertEquals(missing.points(), x.points(Double.NaN), 0.0);
        // The riskiest bin earns the fewest points.
        for (Bin b : x.bins()) {
            assertTrue(missing.points() <= b.points());
        }
    }

    @Test
    void fit_fewMissing_joinTheIntervalOfNearestWoe() {
        Sample s = numericSample(3000, 6, x -> 0.05 + 0.006 * x, 0.02, 0.5);
        ScorecardScorer card = fitCard(new Scorecard(), s.features(), s.y());
        Characteristic x = characteristic(card, "x");
        assertEquals(x.cuts().length + 1, x.bins().size(), "no bin of their own");
        long missingGoods = 0;
        long missingBads = 0;
        long goods = 0;
        long bads = 0;
        double[] values = ((NumericColumn) s.features().column(0)).values();
        for (int i = 0; i < values.length; i++) {
            goods += s.y()[i] == 0 ? 1 : 0;
            bads += s.y()[i] == 1 ? 1 : 0;
            if (Double.isNaN(values[i])) {
                missingGoods += s.y()[i] == 0 ? 1 : 0;
                missingBads += s.y()[i] == 1 ? 1 : 0;
            }
        }
        assertTrue(missingGoods + missingBads > 0 && missingGoods + missingBads < 0.05 * 3000);
        WeightOfEvidence w = new WeightOfEvidence(goods, bads);
        double own = w.woe(missingGoods, missingBads);
        int chosen = x.missingBin();
        // The chosen interval's WOE before the missing rows joined it is the nearest to theirs.
        Bin joined = x.bins().get(chosen);
        double before = w.woe(joined.goods() - missingGoods, joined.bads() - missingBads);
        for (int k = 0; k < x.bins().size(); k++) {
            if (k != chosen) {
                assertTrue(Math.abs(before - own) <= Math.abs(x.bins().get(k).woe() - own), "bin " + k);
            }
        }
        assertTrue(card.label(x, chosen).endsWith(" or missing"), card.label(x, chosen));
    }

    @Test
    void fit_noMissingInTraining_missingScoresWithTheBinNearestAverageRisk() {
        Sample s = numericSample(3000, 7, x -> 0.05 + 0.006 * x, 0, 0);
        Characteristic x = characteristic(fitCard(new Scorecard(), s.features(), s.y()), "x");
        int nearest = 0;
        for (int k = 1; k < x.bins().size(); k++) {
            if (Math.abs(x.bins().get(k).woe()) < Math.abs(x.bins().get(nearest).woe())) {
                nearest = k;
            }
        }
        assertEquals(nearest, x.missingBin());
    }

    /** Levels a (risky), b (safe), r (rare: 1% of rows) and u (no training rows); 5% missing, as risky as a. */
    private static Sample categoricalSample() {
        SplittableRandom r = new SplittableRandom(8);
        int n = 2000;
        int[] codes = new int[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            codes[i] = u < 0.05 ? CategoricalColumn.MISSING : u < 0.06 ? 2 : u < 0.5 ? 0 : 1;
            double risk = codes[i] == 1 ? 0.1 : codes[i] == 2 ? 0.3 : 0.5;
            y[i] = r.nextDouble() < risk ? 1 : 0;
        }
        return new Sample(new Frame(List.of(new CategoricalColumn("g", List.of("a", "b", "r", "u"), codes))), y);
    }

    @Test
    void fit_rareLevel_mergedWithAnotherLevel() {
        Sample s = categoricalSample();
        Characteristic g = characteristic(fitCard(new Scorecard(), s.features(), s.y()), "g");
        int[] bins = g.levelBins();
        assertTrue(bins[2] == bins[0] || bins[2] == bins[1], java.util.Arrays.toString(bins));
        assertFalse(bins[0] == bins[1], "a and b differ");
        assertEquals(-1, bins[3], "u had no rows: it scores as missing");
    }

    @Test
    void predict_unseenAndUntrainedLevels_scoreAsMissing() {
        Sample s = categoricalSample();
        Model m = new Scorecard().fit(s.features(), new Target(Y, s.y()));
        double missing = score(m, null);
        assertEquals(missing, score(m, "never-seen"), 0.0);
        assertEquals(missing, score(m, "u"), 0.0);
        assertTrue(Double.isFinite(missing));
        assertFalse(missing == score(m, "b"), "b is safer than missing");
    }

    private static double score(Model m, String level) {
        Map<String, Object> row = new HashMap<>();
        row.put("g", level);
        return m.predict(Row.of(row)).score();
    }

    // ---- what is left out ----

    @Test
    void fit_uselessAndDuplicateFeatures_leftOutWithReasons() {
        Sample s = numericSample(3000, 9, x -> 0.05 + 0.006 * x, 0, 0);
        double[] x = ((NumericColumn) s.features().column(0)).values();
        double[] constant = new double[x.length];
        java.util.Arrays.fill(constant, 3);
        SplittableRandom r = new SplittableRandom(10);
        double[] noise = new double[x.length];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = r.nextGaussian();
        }
        Frame f = new Frame(List.of(new NumericColumn("x", x), new NumericColumn("constant", constant),
                new NumericColumn("noise", noise), new NumericColumn("copy", x.clone())));
        ScorecardScorer card = fitCard(new Scorecard(), f, s.y());
        assertEquals(1, card.characteristics().size(), card.describe());
        assertEquals(0, card.characteristics().get(0).feature());
        List<Excluded> out = card.excluded();
        assertEquals(3, out.size());
        assertEquals("a single bin: no rows to tell apart", out.get(0).reason());
        assertTrue(out.get(1).reason().equals("a single bin: no rows to tell apart")
                || out.get(1).reason().equals("information value below 0.02"), out.get(1).reason());
        assertEquals("its WOE is aliased with the other features' (linearly dependent)", out.get(2).reason());
        assertTrue(card.describe().contains("left out: its WOE is aliased"), card.describe());
    }

    @Test
    void fit_noFeatureLeft_scoresTheTrainingShare() {
        double[] y = new double[40];
        for (int i = 0; i < 10; i++) {
            y[i] = 1;
        }
        Frame f = new Frame(List.of(new NumericColumn("constant", new double[40])));
        ScorecardScorer exact = fitCard(new Scorecard(Scorecard.Options.defaults().withRoundPoints(false)), f, y);
        assertTrue(exact.characteristics().isEmpty());
        assertEquals(0.25, exact.score(new double[] {0}), 1e-12);
        assertEquals(1, exact.parameterCount());
        ScorecardScorer rounded = fitCard(new Scorecard(), f, y);
        assertEquals(Math.rint(exact.basePoints()), rounded.basePoints(), 0.0);
        assertEquals(0.25, rounded.score(new double[] {0}), 0.01);
    }

    // ---- the credit data ----

    @Test
    void fit_creditData_everyCoefficientNegativeAndCardReadable() {
        LabelledData d = credit();
        Model m = new Scorecard().fit(d.features(), d.target());
        ScorecardScorer card = (ScorecardScorer) m.scorer();
        long bins = 0;
        for (Characteristic c : card.characteristics()) {
            assertTrue(c.coefficient() < 0, card.describe());
            assertTrue(c.bins().size() <= 6 + 1, "at most maxBins intervals plus a missing bin");
            bins += c.bins().size();
            for (Bin b : c.bins()) {
                assertTrue(b.rows() >= 0.05 * d.features().rows() || c.bins().size() == 1, card.describe());
                assertEquals(b.points(), Math.rint(b.points()), 0.0);
            }
        }
        assertEquals(bins + 1, m.parameterCount());
        String text = m.describe();
        assertTrue(text.contains("points scorecard: 600 points at odds 50:1 (good:bad), 20 points double the odds"));
        assertTrue(text.contains("Seniority"), text);
        assertTrue(text.contains("information value"), text);
        assertNotNull(characteristic(card, "Records"));
    }

    @Test
    void saveAndLoad_creditCard_sameJsonAndBitIdenticalScores() throws Exception {
        LabelledData d = credit();
        Model m = CrossValidation.fitWithThreshold(new Scorecard(), d.features(), d.target(), null);
        Path file = dir.resolve("card.json");
        ModelFile.save(m, file);
        Model loaded = ModelFile.load(file);
        assertEquals(ModelFile.toJson(m, null), ModelFile.toJson(loaded, null));
        assertEquals(m.describe(), loaded.describe());
        double[] a = m.score(d.features());
        double[] b = loaded.score(d.features());
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "row " + i);
        }
    }

    @Test
    void crossValidation_creditData5x2_aucAtLeast081() {
        // VISION.md's illustrative scorecard: AUC 0.826; the logistic regression gets 0.832 on these folds.
        // This card gets 0.8320 (fit as `occam fit` does: seed 42, 5 folds, 2 repeats).
        LabelledData d = credit();
        var folds = Folds.repeatedKFold(42, d.target().size(), 5, 2, d.target().values());
        double auc = CrossValidation.evaluate(new Scorecard(), d.features(), d.target(), folds, Metric.AUC, null, null)
                .mean();
        assertTrue(auc >= 0.81, "AUC " + auc);
    }
}
