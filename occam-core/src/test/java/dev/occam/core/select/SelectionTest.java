package dev.occam.core.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.FoldResult;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.usecase.SelectionRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {

    private static final double RATIO = 0.25;

    private static LeaderboardEntry entry(String family, int rung, long parameters, double... folds) {
        List<FoldResult> results = new ArrayList<>();
        for (int i = 0; i < folds.length; i++) {
            results.add(new FoldResult(0, i, folds[i], 1.0, 80, 20));
        }
        return new LeaderboardEntry(new Evaluation(family, rung, Metric.AUC, results, null), parameters, true, true,
                List.of(), 1.0, 2.0, null, false);
    }

    private static final double[] BEST = {0.83, 0.84, 0.82, 0.85, 0.83};
    /** Noisy, slightly lower: not significantly different from BEST. */
    private static final double[] CLOSE = {0.84, 0.82, 0.83, 0.83, 0.82};
    /** Clearly and consistently lower. */
    private static final double[] WORSE = {0.70, 0.71, 0.69, 0.72, 0.70};

    @Test
    void significance_simplerNotSignificantlyWorse_choosesSimpler() {
        var v = Selection.choose(List.of(entry("baseline", 0, 1, WORSE), entry("logistic", 2, 23, CLOSE),
                entry("random-forest", 4, 200_000, BEST)), Metric.AUC, SelectionRule.SIGNIFICANCE, 0.05, RATIO);
        assertEquals("logistic", v.chosen().family());
        assertEquals("random-forest", v.best().family());
        assertTrue(v.chosen().versusBest().pValue() >= 0.05);
        assertTrue(v.reasons().get(0).startsWith("logistic is the simplest model not significantly worse"),
                v.reasons().get(0));
        assertEquals(1, v.climbs().size());
        assertEquals("random-forest", v.climbs().get(0).id());
        assertEquals(200_000.0 / 23, v.climbs().get(0).parameterRatio(), 1e-9);
    }

    @Test
    void significance_simplerSignificantlyWorse_climbsToBest() {
        var v = Selection.choose(List.of(entry("logistic", 2, 23, WORSE), entry("boosting", 4, 5000, BEST)),
                Metric.AUC, SelectionRule.SIGNIFICANCE, 0.05, RATIO);
        assertEquals("boosting", v.chosen().family());
        assertTrue(v.entries().get(0).versusBest().pValue() < 0.05);
        assertTrue(v.reasons().stream().anyMatch(r -> r.contains("significantly worse")), v.reasons().toString());
    }

    @Test
    void significance_sameRung_fewerParametersWin() {
        var v = Selection.choose(List.of(entry("scorecard", 2, 64, CLOSE), entry("logistic", 2, 23, CLOSE),
                entry("random-forest", 4, 9000, BEST)), Metric.AUC, SelectionRule.SIGNIFICANCE, 0.05, RATIO);
        assertEquals("logistic", v.chosen().family());
    }

    @Test
    void choose_ineligibleBest_neverChosenButExplained() {
        LeaderboardEntry forest = entry("random-forest", 4, 200_000, BEST)
                .withIneligibility(List.of("200,000 parameters > 10,000 allowed"));
        var v = Selection.choose(List.of(entry("logistic", 2, 23, WORSE), forest), Metric.AUC, SelectionRule.BEST,
                0.05, RATIO);
        assertEquals("logistic", v.chosen().family());
        assertEquals("logistic", v.best().family());
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("random-forest scores higher")
                && r.contains("10,000 allowed")), v.reasons().toString());
    }

    @Test
    void reasons_simplerModelExcludedByAConstraint_saysIneligibleNotWorse() {
        LeaderboardEntry knn = entry("knn", 3, 40, WORSE)
                .withIneligibility(List.of("cannot hold the monotone directions the use case asks for"));
        var v = Selection.choose(List.of(knn, entry("boosting", 4, 5000, BEST)), Metric.AUC,
                SelectionRule.SIGNIFICANCE, 0.05, RATIO);
        assertEquals("boosting", v.chosen().family());
        assertTrue(v.reasons().contains("Simpler models ineligible, so not compared: knn (cannot hold the monotone"
                + " directions the use case asks for)."), v.reasons().toString());
        assertTrue(v.reasons().stream().noneMatch(r -> r.contains("significantly worse") && r.contains("knn")),
                v.reasons().toString());
    }

    @Test
    void choose_nothingEligible_noChoiceAndEveryReason() {
        LeaderboardEntry a = entry("logistic", 2, 23, BEST).withIneligibility(List.of("too slow"));
        var v = Selection.choose(List.of(a), Metric.AUC, SelectionRule.SIGNIFICANCE, 0.05, RATIO);
        assertNull(v.chosen());
        assertTrue(v.reasons().get(0).startsWith("No model is eligible"));
        assertTrue(v.reasons().get(1).contains("too slow"));
    }

    @Test
    void oneSe_withinOneCorrectedStandardErrorOfBest_choosesSimplest() {
        // BEST: mean 0.834, sample sd 0.011402; corrected SE = sqrt((1/5 + 1/4) · 0.00013) = 0.0076485.
        // CLOSE's mean 0.828 is within it; WORSE's 0.704 is not.
        var v = Selection.choose(List.of(entry("baseline", 0, 1, WORSE), entry("logistic", 2, 23, CLOSE),
                entry("random-forest", 4, 9000, BEST)), Metric.AUC, SelectionRule.ONE_SE, 0.05, RATIO);
        assertEquals("logistic", v.chosen().family());
        assertEquals(Math.sqrt(0.45 * 0.00013), Selection.oneStandardError(v.best(), RATIO), 1e-9);
    }

    @Test
    void best_ignoresComplexity() {
        var v = Selection.choose(List.of(entry("logistic", 2, 23, CLOSE), entry("random-forest", 4, 9000, BEST)),
                Metric.AUC, SelectionRule.BEST, 0.05, RATIO);
        assertEquals("random-forest", v.chosen().family());
    }

    @Test
    void lossMetric_lowerIsBetter() {
        List<FoldResult> low = new ArrayList<>();
        List<FoldResult> high = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            low.add(new FoldResult(0, i, 0.40 + 0.001 * i, 1, 80, 20));
            high.add(new FoldResult(0, i, 0.60 + 0.002 * i, 1, 80, 20));
        }
        LeaderboardEntry good = new LeaderboardEntry(new Evaluation("boosting", 4, Metric.LOGLOSS, low, null), 10,
                false, true, List.of(), 1, 1, null, false);
        LeaderboardEntry bad = new LeaderboardEntry(new Evaluation("logistic", 2, Metric.LOGLOSS, high, null), 5,
                true, true, List.of(), 1, 1, null, false);
        var v = Selection.choose(List.of(bad, good), Metric.LOGLOSS, SelectionRule.SIGNIFICANCE, 0.05, RATIO);
        assertEquals("boosting", v.chosen().family());
    }

    @Test
    void reasons_oneCandidate_doesNotClaimSimplerModelsAreWorse() {
        var v = Selection.choose(List.of(entry("logistic", 2, 23, BEST)), Metric.AUC, SelectionRule.SIGNIFICANCE,
                0.05, RATIO);
        assertEquals("logistic", v.chosen().family());
        assertTrue(v.reasons().get(0).contains("the only eligible model"), v.reasons().get(0));
        assertTrue(v.reasons().stream().noneMatch(r -> r.contains("simpler model is significantly worse")),
                v.reasons().toString());
    }

    @Test
    void reasons_bestIsSimplest_saysNoneWasTested() {
        var v = Selection.choose(List.of(entry("logistic", 2, 23, BEST), entry("random-forest", 4, 9000, WORSE)),
                Metric.AUC, SelectionRule.SIGNIFICANCE, 0.05, RATIO);
        assertEquals("logistic", v.chosen().family());
        assertTrue(v.reasons().get(0).contains("no eligible model is simpler"), v.reasons().get(0));
    }

    @Test
    void reasons_climbs_onlyHigherRungsAreClimbs_fractionsNeverZero() {
        // kNN stores every row: the forest above it has far fewer parameters, a ratio below 1.
        var v = Selection.choose(List.of(entry("knn", 3, 400_000, CLOSE), entry("naive-bayes", 3, 500_000, CLOSE),
                entry("random-forest", 4, 1_000, BEST)), Metric.AUC, SelectionRule.SIGNIFICANCE, 0.05, RATIO);
        assertEquals("knn", v.chosen().family());
        List<String> climbs = v.reasons().stream().filter(r -> r.contains(" would change AUC")).toList();
        assertEquals(2, climbs.size(), v.reasons().toString());
        assertTrue(climbs.stream().anyMatch(r -> r.startsWith("Climbing to random-forest (rung 4)")
                && r.contains("1/400 of the parameters")), climbs.toString());
        assertTrue(climbs.stream().anyMatch(r -> r.startsWith("Moving to naive-bayes (the same rung")), climbs.toString());
        assertTrue(v.reasons().stream().noneMatch(r -> r.contains("0.0x")), v.reasons().toString());
    }

    @Test
    void ratio_belowOne_isAFraction() {
        assertEquals("1/2.0 of the parameters", Selection.Text.ratio(0.5, "the parameters"));
        assertEquals("1/1,000 of the parameters", Selection.Text.ratio(0.001, "the parameters"));
        assertEquals("1.0x the parameters", Selection.Text.ratio(0.96, "the parameters"));
        assertEquals("12x the parameters", Selection.Text.ratio(12.4, "the parameters"));
    }
}
