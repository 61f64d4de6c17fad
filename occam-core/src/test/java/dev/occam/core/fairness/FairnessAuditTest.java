package dev.occam.core.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.core.evaluate.HeldOutScores;
import dev.occam.core.usecase.Fairness.Favourable;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessAuditTest {

    private static final TargetInfo LOAN = TargetInfo.classification("Status", "bad", "good");
    private static final double EXACT = 1e-12;

    /**
     * Ten rows, one held-out decision each, threshold 0.5 everywhere.
     * <pre>
     * group a: y      1    1    0    0    0
     *          score  0.9  0.4  0.6  0.2  0.1   called positive: 1 0 1 0 0
     * group b: y      1    0    0    0    0
     *          score  0.8  0.3  0.3  0.2  0.1   called positive: 1 0 0 0 0
     * </pre>
     */
    private static Frame groups() {
        return new Frame(List.of(new CategoricalColumn("G", List.of("a", "b"), new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1})));
    }

    private static Target target() {
        return new Target(LOAN, new double[] {1, 1, 0, 0, 0, 1, 0, 0, 0, 0});
    }

    private static HeldOutScores scores() {
        double[] s = {0.9, 0.4, 0.6, 0.2, 0.1, 0.8, 0.3, 0.3, 0.2, 0.1};
        double[] t = new double[10];
        Arrays.fill(t, 0.5);
        return new HeldOutScores(10, 1, s, t);
    }

    private static FairnessAudit.Options options(int minGroupRows) {
        return new FairnessAudit.Options(200, 7, minGroupRows, 0.95);
    }

    @Test
    void of_fixedTable_groupRatesEqualHandComputation() {
        FairnessAudit audit = FairnessAudit.of(groups(), target(), scores(), Favourable.NEGATIVE, options(1));
        FairnessAudit.AttributeAudit g = audit.attribute("G");
        FairnessAudit.GroupRates a = g.groups().get(0);
        FairnessAudit.GroupRates b = g.groups().get(1);
        // a: called positive 2 of 5 = 0.4; favourable (called good) 3 of 5 = 0.6;
        //    TPR = called positive among y=1 (rows 0, 1) = 1/2; FPR = among y=0 (rows 2, 3, 4) = 1/3;
        //    opportunity = called good among actual good = 2/3 (= 1 − FPR);
        //    mean score (0.9+0.4+0.6+0.2+0.1)/5 = 0.44; observed 2/5 = 0.4
        assertEquals("a", a.group());
        assertEquals(5, a.rows());
        assertEquals(0.4, a.positiveCallRate(), EXACT);
        assertEquals(0.6, a.favourableRate(), EXACT);
        assertEquals(0.5, a.truePositiveRate(), EXACT);
        assertEquals(1.0 / 3, a.falsePositiveRate(), EXACT);
        assertEquals(2.0 / 3, a.opportunityRate(), EXACT);
        assertEquals(0.44, a.meanScore(), EXACT);
        assertEquals(0.4, a.observedRate(), EXACT);
        // b: called positive 1 of 5 = 0.2; favourable 0.8; TPR 1/1; FPR 0/4; opportunity 4/4;
        //    mean score 1.7/5 = 0.34; observed 0.2
        assertEquals(0.2, b.positiveCallRate(), EXACT);
        assertEquals(0.8, b.favourableRate(), EXACT);
        assertEquals(1.0, b.truePositiveRate(), EXACT);
        assertEquals(0.0, b.falsePositiveRate(), EXACT);
        assertEquals(1.0, b.opportunityRate(), EXACT);
        assertEquals(0.34, b.meanScore(), EXACT);
        // calibration of a: score 0.9 alone in band 0.8–1.0, actually positive
        FairnessAudit.CalibrationBand top = a.calibration().get(a.calibration().size() - 1);
        assertEquals("0.8–1.0", top.band());
        assertEquals(1, top.predictions());
        assertEquals(0.9, top.meanScore(), EXACT);
        assertEquals(1.0, top.observedRate(), EXACT);
        assertEquals(5, a.calibration().size());
    }

    @Test
    void of_fixedTable_ratioAndOpportunityDifferenceEqualHandComputation() {
        FairnessAudit audit = FairnessAudit.of(groups(), target(), scores(), Favourable.NEGATIVE, options(1));
        FairnessAudit.AttributeAudit g = audit.attribute("G");
        // favourable = called good: ratio = 0.6 / 0.8 = 0.75; EO difference = 1 − 2/3 = 1/3
        assertEquals(0.75, g.selectionRateRatio(), EXACT);
        assertEquals("a", g.lowestGroup());
        assertEquals("b", g.highestGroup());
        assertEquals(1.0 / 3, g.equalOpportunityDifference(), EXACT);
        assertFalse(g.meets(0.8));
        assertTrue(g.meets(0.7));
        assertTrue(g.meets(null));
        assertEquals(0.5, audit.threshold(), EXACT);
        assertEquals("good", audit.negative());
    }

    @Test
    void of_favourablePositive_ratioOnPositiveCallsAndOpportunityOnTruePositiveRate() {
        FairnessAudit audit = FairnessAudit.of(groups(), target(), scores(), Favourable.POSITIVE, options(1));
        FairnessAudit.AttributeAudit g = audit.attribute("G");
        // favourable = called positive: a 0.4, b 0.2, ratio 0.2 / 0.4 = 0.5; opportunity = TPR: 1 − 0.5 = 0.5
        assertEquals(0.5, g.selectionRateRatio(), EXACT);
        assertEquals("b", g.lowestGroup());
        assertEquals(0.5, g.equalOpportunityDifference(), EXACT);
    }

    @Test
    void of_twoRepeats_decisionsPooledEachAgainstItsFoldThreshold() {
        // Row 0 (group a) is called positive in repeat 1 only (0.6 >= 0.5, 0.6 < 0.7); the others never.
        Frame g = new Frame(List.of(new CategoricalColumn("G", List.of("a", "b"), new int[] {0, 0, 1, 1})));
        Target y = new Target(LOAN, new double[] {1, 0, 1, 0});
        HeldOutScores held = new HeldOutScores(4, 2, new double[] {0.6, 0.1, 0.1, 0.1, 0.6, 0.1, 0.1, 0.1},
                new double[] {0.5, 0.5, 0.5, 0.5, 0.7, 0.7, 0.7, 0.7});
        FairnessAudit audit = FairnessAudit.of(g, y, held, Favourable.NEGATIVE, options(1));
        // a: 1 positive call of 4 decisions = 0.25, favourable 0.75; b: favourable 1; ratio 0.75
        assertEquals(0.25, audit.attribute("G").groups().get(0).positiveCallRate(), EXACT);
        assertEquals(0.75, audit.attribute("G").selectionRateRatio(), EXACT);
        assertEquals(0.6, audit.threshold(), EXACT);
        assertEquals(0.5, audit.thresholdLow(), EXACT);
        assertEquals(0.7, audit.thresholdHigh(), EXACT);
    }

    @Test
    void of_smallGroup_reportedButLeftOutOfRatioWithNote() {
        Frame g = new Frame(List.of(new CategoricalColumn("G", List.of("a", "b", "c"),
                new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 2})));
        FairnessAudit audit = FairnessAudit.of(g, target(), scores(), Favourable.NEGATIVE, options(3));
        FairnessAudit.AttributeAudit attribute = audit.attribute("G");
        FairnessAudit.GroupRates c = attribute.groups().get(2);
        assertTrue(c.small());
        assertEquals(1, c.rows());
        // c (row 9, called good) is left out: a 0.6, b (rows 5-8) 3/4 = 0.75 -> 0.8
        assertEquals(0.8, attribute.selectionRateRatio(), EXACT);
        assertTrue(attribute.notes().get(0).contains("group 'c' has 1 rows (< 3)"), attribute.notes().toString());
    }

    /** 400 rows in two groups, decisions and outcomes varied deterministically. */
    private static FairnessAudit larger(long seed) {
        int n = 400;
        int[] codes = new int[n];
        double[] y = new double[n];
        double[] s = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            codes[i] = i % 2;
            y[i] = (i % 7 == 0 || i % 5 == 0) ? 1 : 0;
            s[i] = ((i * 37) % 100) / 100.0 + (codes[i] == 0 ? 0.1 : 0.0) * (i % 3);
            s[i] = Math.min(1, s[i]);
            t[i] = 0.5;
        }
        Frame g = new Frame(List.of(new CategoricalColumn("G", List.of("a", "b"), codes)));
        return FairnessAudit.of(g, new Target(LOAN, y), new HeldOutScores(n, 1, s, t), Favourable.NEGATIVE,
                new FairnessAudit.Options(1000, seed, 30, 0.95));
    }

    @Test
    void of_bootstrap_intervalsContainPointEstimateAndRepeatForSeed() {
        FairnessAudit.AttributeAudit first = larger(42).attribute("G");
        FairnessAudit.AttributeAudit again = larger(42).attribute("G");
        FairnessAudit.AttributeAudit other = larger(43).attribute("G");
        assertTrue(first.ratioInterval().contains(first.selectionRateRatio()), first.toString());
        assertTrue(first.opportunityInterval().contains(first.equalOpportunityDifference()), first.toString());
        assertTrue(first.ratioInterval().low() < first.ratioInterval().high());
        assertEquals(first.ratioInterval(), again.ratioInterval());
        assertEquals(first.opportunityInterval(), again.opportunityInterval());
        assertNotEquals(first.ratioInterval(), other.ratioInterval());
        assertEquals(first.selectionRateRatio(), other.selectionRateRatio(), EXACT);
    }

    @Test
    void of_numericAttribute_auditedInQuartileBands() {
        // 12 rows: the ten of the fixture and two more (y 0, score 0.1)
        double[] y = Arrays.copyOf(target().values(), 12);
        double[] s = Arrays.copyOf(new double[] {0.9, 0.4, 0.6, 0.2, 0.1, 0.8, 0.3, 0.3, 0.2, 0.1, 0.1, 0.1}, 12);
        double[] t = new double[12];
        Arrays.fill(t, 0.5);
        Frame age = new Frame(List.of(new NumericColumn("Age",
                new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, Double.NaN})));
        FairnessAudit audit = FairnessAudit.of(age, new Target(LOAN, y), new HeldOutScores(12, 1, s, t),
                Favourable.NEGATIVE, options(1));
        assertEquals(FairnessAudit.Grouping.QUARTILE_BANDS, audit.attribute("Age").grouping());
        // 11 distinct present values: cut points at sorted positions 2, 5, 8 -> 3, 6, 9
        assertEquals(List.of("1–2", "3–5", "6–8", "9–11", "missing"),
                audit.attribute("Age").groups().stream().map(FairnessAudit.GroupRates::group).toList());
    }

    @Test
    void of_numberWithFewValues_auditedByValue() {
        Frame children = new Frame(List.of(new NumericColumn("Children",
                new double[] {0, 0, 1, 0, 2, 1, 0, 2, 1, Double.NaN})));
        FairnessAudit audit = FairnessAudit.of(children, target(), scores(), Favourable.NEGATIVE, options(1));
        assertEquals(FairnessAudit.Grouping.VALUES, audit.attribute("Children").grouping());
        assertEquals(List.of("0", "1", "2", "missing"),
                audit.attribute("Children").groups().stream().map(FairnessAudit.GroupRates::group).toList());
    }

    /**
     * The shipped churn example's senior_citizen (IBM telco churn, 7,043 customers, 16% seniors): two groups
     * by value, not one "quartile band". Scores are the outcome itself (1 churned, 0 stayed; threshold 0.5),
     * so every rate is a count of the CSV: seniors 1,142 (476 churned), others 5,901 (1,393 churned).
     */
    @Test
    void of_churnSeniorCitizen_measuredOnItsTwoGroups() {
        Frame churn = TestDatasets.load("wa_churn.csv");
        CategoricalColumn churned = (CategoricalColumn) churn.column("churn");
        int yes = churned.levels().indexOf("Yes");
        int n = churn.rows();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = churned.codes()[i] == yes ? 1 : 0;
        }
        double[] t = new double[n];
        Arrays.fill(t, 0.5);
        FairnessAudit audit = FairnessAudit.of(new Frame(List.of(churn.column("female"), churn.column("senior_citizen"))),
                new Target(TargetInfo.classification("churn", "Yes", "No"), y), new HeldOutScores(n, 1, y.clone(), t),
                Favourable.NEGATIVE, FairnessAudit.Options.defaults(42));
        FairnessAudit.AttributeAudit senior = audit.attribute("senior_citizen");
        assertTrue(senior.measurable(), senior.notMeasurable());
        assertEquals(FairnessAudit.Grouping.VALUES, senior.grouping());
        assertEquals(List.of("0", "1"), senior.groups().stream().map(FairnessAudit.GroupRates::group).toList());
        assertEquals(5901, senior.groups().get(0).rows());
        assertEquals(1142, senior.groups().get(1).rows());
        assertEquals(476.0 / 1142, senior.groups().get(1).positiveCallRate(), EXACT);
        // favourable = called No: seniors 666/1142, others 4508/5901
        assertEquals((666.0 / 1142) / (4508.0 / 5901), senior.selectionRateRatio(), EXACT);
        assertEquals("1", senior.lowestGroup());
        assertTrue(senior.ratioInterval().contains(senior.selectionRateRatio()), senior.ratioInterval().toString());
        assertEquals(List.of(3555, 3488), audit.attribute("female").groups().stream()
                .map(FairnessAudit.GroupRates::rows).toList());
        assertTrue(FairnessAudit.whyNotMeasurable(churn.column("senior_citizen"), 30).isEmpty());
    }

    @Test
    void of_oneGroupOnly_notMeasurableWarningNamesAttributeAndGroup() {
        Frame branch = new Frame(List.of(new NumericColumn("Branch", new double[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7})));
        FairnessAudit.AttributeAudit a = FairnessAudit.of(branch, target(), scores(), Favourable.NEGATIVE, options(1))
                .attribute("Branch");
        assertFalse(a.measurable());
        assertEquals("Branch: every row is in one group (7), so no rate can be compared", a.notMeasurable());
        assertTrue(Double.isNaN(a.selectionRateRatio()));
        assertFalse(a.meets(0.8), "a bound on a ratio that cannot be measured is not met");
        assertTrue(a.meets(null));
    }

    @Test
    void whyNotMeasurable_everyGroupButOneSmall_namesGroupsAndSizes() {
        int[] codes = new int[50];
        Arrays.fill(codes, 40, 48, 1);
        Arrays.fill(codes, 48, 50, -1);
        CategoricalColumn marital = new CategoricalColumn("Marital", List.of("married", "widow"), codes);
        assertEquals("Marital: only one group has at least 30 rows (married 40; too small to compare: widow 8,"
                + " missing 2), so no rate can be compared", FairnessAudit.whyNotMeasurable(marital, 30).orElseThrow());
        assertEquals("Marital: no group has at least 50 rows (married 40, widow 8, missing 2), so no rate can be"
                + " compared", FairnessAudit.whyNotMeasurable(marital, 50).orElseThrow());
        assertTrue(FairnessAudit.whyNotMeasurable(marital, 8).isEmpty());
    }

    @Test
    void requireMeasurable_boundSetAndOneGroup_errorNamingAttributeAndWhy() {
        int[] halves = new int[100];
        Arrays.fill(halves, 50, 100, 1);
        double[] senior = new double[100]; // every customer 0
        Frame columns = new Frame(List.of(new CategoricalColumn("G", List.of("a", "b"), halves),
                new NumericColumn("senior_citizen", senior)));
        var e = assertThrows(IllegalArgumentException.class,
                () -> FairnessAudit.requireMeasurable(columns, 0.8, 30));
        assertEquals("fairness.min_selection_rate_ratio is 0.8, but the selection-rate ratio by senior_citizen cannot"
                + " be measured: every row is in one group (0), so no rate can be compared (take senior_citizen out"
                + " of fairness.protected, or remove the bound)", e.getMessage());
        FairnessAudit.requireMeasurable(columns, null, 30); // no bound: a warning, not an error
        FairnessAudit.requireMeasurable(new Frame(List.of(columns.column("G"))), 0.8, 30);
    }

    @Test
    void of_regressionTarget_rejectedWithTask() {
        Target y = new Target(TargetInfo.regression("Amount"), new double[10]);
        var e = assertThrows(IllegalArgumentException.class,
                () -> FairnessAudit.of(groups(), y, scores(), Favourable.NEGATIVE, options(1)));
        assertTrue(e.getMessage().contains("'Amount' is regression"), e.getMessage());
    }

    @Test
    void percentiles_type7_matchesR() {
        // R: quantile(1:11, c(0.025, 0.975)) = 1.25, 10.75
        FairnessAudit.Interval i = FairnessAudit.percentiles(new double[] {11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.05);
        assertEquals(1.25, i.low(), EXACT);
        assertEquals(10.75, i.high(), EXACT);
    }
}
